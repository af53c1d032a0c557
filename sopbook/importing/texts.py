"""Messages of `sopbook import` (Indonesian first, English on request)."""

from __future__ import annotations

from ..messages import define

_TEXTS = {
    "import.encrypted": ("berkas PDF terenkripsi (berkata sandi); buka kuncinya dulu", "the PDF is encrypted (password); unlock it first"),
    "import.corrupt": ("berkas rusak atau bukan PDF/docx yang dapat dibaca", "the file is damaged or not a readable PDF/docx"),
    "import.scan": ("PDF hasil pindaian tanpa lapisan teks; OCR di luar cakupan, ketik ulang atau pakai berkas aslinya",
                    "a scanned PDF without a text layer; OCR is out of scope, retype it or use the original file"),
    "import.not_sop": ("bukan SOP AP: tidak ada tabel prosedur (No | Kegiatan | Pelaksana | Mutu Baku)",
                       "not an SOP AP: no procedure table (No | Kegiatan | Pelaksana | Mutu Baku)"),
    "import.too_many_pages": ("{pages} halaman; lebih dari {limit} halaman tidak dibaca sebagai satu SOP",
                              "{pages} pages; more than {limit} pages are not read as one SOP"),
    "import.too_big": ("berkas {size} MB; lebih dari {limit} MB tidak dibaca", "file of {size} MB; more than {limit} MB is not read"),
    "import.unsupported": ("jenis berkas tidak didukung (hanya .pdf dan .docx)", "unsupported file type (only .pdf and .docx)"),
    "import.missing": ("pustaka {name} tidak terpasang", "library {name} is not installed"),
    "import.page_image": ("halaman {page} berupa gambar (tanpa teks): bagan alir atau langkah di halaman itu tidak terbaca",
                          "page {page} is an image (no text): its flowchart or steps were not read"),
    "import.continued": ("tabel prosedur berlanjut di halaman {page} tanpa judul kolom; kolom diambil dari halaman sebelumnya",
                         "the procedure table continues on page {page} without a header; columns taken from the page before"),
    "import.spilled": ("teks keluar dari selnya; periksa sel ini dan sel sebelahnya", "text spilled out of its cell; check this cell and its neighbours"),
    "import.rounded": ("simbol bersudut bulat di tengah prosedur: kapsul (mulai/selesai) atau kotak proses? ditulis proses",
                       "a rounded symbol mid-procedure: capsule (start/end) or process box? written as proses"),
    "import.no_shape": ("tidak ada simbol di kolom pelaksana; pelaksana diambil dari langkah sebelumnya",
                        "no symbol in the actor columns; actor taken from the step before"),
    "import.two_decisions": ("lebih dari satu keputusan dalam satu baris ({actors}); hanya satu yang ditulis",
                             "more than one decision in one row ({actors}); only one written"),
    "import.mixed": ("baris berisi simbol berbeda ({symbols}); format ini belum dapat menulisnya, hanya yang utama ditulis",
                     "the row holds different symbols ({symbols}); this format cannot write them yet, only the main one is written"),
    "import.symbol_text": ("teks di dalam simbol: {text!r}", "text inside the symbol: {text!r}"),
    "import.number_printed": ("nomor langkah tercetak {number}", "printed step number {number}"),
    "import.label_printed": ("label cabang tercetak {label!r}", "printed branch label {label!r}"),
    "import.label_missing": ("cabang tanpa label; arahnya disimpulkan dari cabang lainnya", "a branch without label; inferred from the other branch"),
    "import.target_inferred": ("tujuan cabang tidak terbaca dari garis panah; disimpulkan (Ya ke langkah berikutnya, Tidak ke langkah sebelumnya)",
                               "branch target not read from the connector; inferred (Ya to the next step, Tidak to the one before)"),
    "import.no_text": ("uraian kosong", "empty description"),
    "import.no_steps": ("tidak ada langkah terbaca", "no step was read"),
    "import.step": ("langkah {number}", "step {number}"),
    "import.invalid": ("nilai tertulis {value!r} tidak diterima format ({message}); dipindah ke komentar",
                       "written value {value!r} is not accepted by the format ({message}); moved to a comment"),
    "import.unread": ("teks yang tidak dipahami (tidak dibuang)", "text not understood (kept, not dropped)"),
    "import.header": ("Draf hasil `sopbook import` dari {source} (SHA-256 {digest}). Periksa setiap baris bertanda PERIKSA.",
                      "Draft written by `sopbook import` from {source} (SHA-256 {digest}). Check every line marked PERIKSA."),
    "import.no_name": ("nama SOP tidak terbaca; diambil dari nama berkas", "SOP name not read; taken from the file name"),
    "import.no_actors": ("tidak ada kolom pelaksana terbaca", "no actor column was read"),
    "import.line_ok": ("{file}: {steps} langkah, {actors} pelaksana, {decisions} keputusan, {warnings} peringatan -> {target}",
                       "{file}: {steps} steps, {actors} actors, {decisions} decisions, {warnings} warnings -> {target}"),
    "import.line_refused": ("{file}: ditolak: {reason}", "{file}: refused: {reason}"),
    "import.line_exists": ("{file}: {target} sudah ada; tidak ditimpa (pakai --force)", "{file}: {target} exists; not overwritten (use --force)"),
    "import.summary": ("{files} berkas: {clean} tanpa peringatan, {warned} dengan peringatan (cari '# PERIKSA:'), {refused} ditolak, {skipped} dilewati",
                       "{files} file(s): {clean} without warning, {warned} with warnings (search '# PERIKSA:'), {refused} refused, {skipped} skipped"),
    "import.nothing": ("tidak ada berkas .pdf atau .docx di {path}", "no .pdf or .docx file in {path}"),
}

for _key, (_id, _en) in _TEXTS.items():
    define(_key, id=_id, en=_en)
