/* sopbook: the statement for a reader who opened an SOP page from a printed sheet's QR code.
   The code names the version printed (?versi=2, or ?tanggal=2025-03-03 when the SOP has no
   revision number); the page carries its current version in data attributes (partials/version.html).
   Text is inserted with textContent (never as HTML). Without script the page still shows its
   version and date, to compare by eye with the sheet's footer. */
(function () {
  "use strict";

  function norm(text) {
    return (text || "").replace(/\s+/g, " ").trim().toLocaleLowerCase("id");
  }

  function init() {
    var box = document.querySelector(".sop-printed");
    if (!box || box.dataset.ready) return;
    var params = new URLSearchParams(window.location.search);
    var kind = params.has("versi") ? "versi" : params.has("tanggal") ? "tanggal" : "";
    if (!kind) return;
    box.dataset.ready = "1";
    var printed = params.get(kind);
    var data = box.dataset;
    box.textContent = "";
    var title = document.createElement("strong");
    box.appendChild(title);
    var state;
    if (data.status === "dicabut") {
      state = "dicabut";
      title.textContent = "SOP ini sudah dicabut";
      if (data.replaced) {
        box.appendChild(document.createTextNode(" (diganti oleh "));
        var target = document.createElement(data.replacedUrl ? "a" : "span");
        if (data.replacedUrl) target.href = data.replacedUrl;
        target.textContent = data.replaced;
        box.appendChild(target);
        box.appendChild(document.createTextNode(")"));
      }
      box.appendChild(document.createTextNode(". Lembar cetak ini tidak berlaku lagi."));
    } else if (data.kind === kind && norm(data.token) === norm(printed) &&
               (!params.get("isi") || !data.digest || params.get("isi") === data.digest)) {
      state = "terbaru";
      title.textContent = "Lembar cetak ini versi terbaru";
      box.appendChild(document.createTextNode(" (" + data.words + ")" +
        (data.status === "draf" ? ". SOP ini masih DRAF, belum berlaku." : ".")));
    } else {
      state = "usang";
      title.textContent = "Sudah ada versi yang lebih baru";
      var edited = data.kind === kind && norm(data.token) === norm(printed);  /* same version, other content */
      box.appendChild(document.createTextNode(" (" + (edited ? "isinya diubah sejak lembar ini dicetak; " : "") +
        (data.words || "tanpa nomor versi") + ")" +
        ". Lembar cetak ini (" + (kind === "versi" ? "versi " : "tanggal ") + printed +
        ") tidak berlaku lagi; pakai versi di halaman ini."));
    }
    box.className = "sop-printed sop-printed--" + state;
    box.hidden = false;
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
