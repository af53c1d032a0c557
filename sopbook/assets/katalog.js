/* sopbook catalogue: fills the table from catalogue.json and filters it as one types.
   Plain JavaScript, no dependencies; text is inserted with textContent (never as HTML). */
(function () {
  "use strict";

  var STATUS_LABELS = { berlaku: "Berlaku", draf: "Draf", dicabut: "Dicabut" };
  /* monitoring and review on the build date (portal/lifecycle.py STATE_LABELS) */
  var WATCH_LABELS = {
    terkini: "Terkini", monitoring_terlambat: "Monitoring terlambat", kaji_ulang_terlambat: "Perlu dikaji ulang",
    tanpa_tanggal: "Tanpa tanggal", tidak_dipantau: "Tidak dipantau"
  };

  function fold(text) {
    return (text || "").toLocaleLowerCase("id").normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function cell(row, text, cls) {
    var td = document.createElement("td");
    if (cls) td.className = cls;
    td.textContent = text || "-";
    row.appendChild(td);
    return td;
  }

  /* One option per organisation level found in the data, as an indented outline. */
  function fillUnits(select, sops) {
    var seen = {};
    var paths = [];
    sops.forEach(function (sop) {
      for (var depth = 1; depth <= sop.organisasi.length; depth++) {
        var path = sop.organisasi.slice(0, depth);
        var key = path.join(" › ");
        if (!seen[key]) { seen[key] = true; paths.push(path); }
      }
    });
    paths.sort(function (a, b) {
      for (var i = 0; i < Math.min(a.length, b.length); i++) {
        var order = a[i].localeCompare(b[i], "id", { sensitivity: "base", numeric: true });
        if (order) return order;
      }
      return a.length - b.length;
    });
    var fragment = document.createDocumentFragment();
    paths.forEach(function (path) {
      var option = document.createElement("option");
      option.value = path.join(" › ");
      option.textContent = "\u00a0\u00a0\u00a0".repeat(path.length - 1) + path[path.length - 1];
      fragment.appendChild(option);
    });
    select.appendChild(fragment);
  }

  function init() {
    var table = document.getElementById("sop-katalog");
    if (!table || table.dataset.ready) return;
    table.dataset.ready = "1";
    var body = table.tBodies[0];
    var input = document.getElementById("sop-filter-text");
    var select = document.getElementById("sop-filter-org");
    var count = document.getElementById("sop-filter-count");
    var status = document.getElementById("sop-filter-status");
    var watch = document.getElementById("sop-filter-pemantauan");
    var root = new URL(table.dataset.root || "./", window.location.href);
    var rows = [];

    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var unit = select.value;
      var wanted = status ? status.value : "";
      var watched = watch ? watch.value : "";
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var r = rows[i];
        var ok = (!wanted || r.status === wanted) &&
          (!watched || r.watch === watched || (watched === "terlambat" && /_terlambat$/.test(r.watch))) && (!unit || r.unit === unit || r.unit.indexOf(unit + " › ") === 0) &&
          words.every(function (w) { return r.haystack.indexOf(w) !== -1; });
        r.element.hidden = !ok;
        if (ok) shown++;
      }
      count.textContent = shown === rows.length
        ? rows.length + " SOP"
        : shown + " dari " + rows.length + " SOP ditampilkan";
    }

    fetch(table.dataset.src).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (data) {
      var fragment = document.createDocumentFragment();
      data.sop.forEach(function (sop) {
        var tr = document.createElement("tr");
        var unit = sop.organisasi.join(" › ");
        cell(tr, sop.nomor, "sop-list-nomor");
        var name = cell(tr, "", "sop-list-nama");
        var link = document.createElement("a");
        link.href = new URL(sop.url, root).href;
        link.textContent = sop.nama;
        name.textContent = "";
        name.appendChild(link);
        if (sop.contoh) {
          tr.className = "sop-list-contoh";
          var badge = document.createElement("span");
          badge.className = "sop-badge";
          badge.title = "Contoh — bukan dokumen resmi";
          badge.textContent = "Contoh";
          name.appendChild(document.createTextNode(" "));
          name.appendChild(badge);
        }
        cell(tr, unit, "sop-list-unit");
        // a document that names only a Tanggal Efektif shows it, marked as such
        cell(tr, sop.tanggal_pengesahan || (sop.tanggal_efektif && sop.tanggal_efektif + " (efektif)"));
        cell(tr, sop.tanggal_revisi);
        var state = sop.status || "berlaku";
        cell(tr, STATUS_LABELS[state] || state, "sop-list-status sop-list-status--" + state);
        if (state !== "berlaku") tr.classList.add("sop-list--" + state);
        var watchState = (sop.pemantauan && sop.pemantauan.keadaan) || "";
        var watchCell = cell(tr, WATCH_LABELS[watchState] || watchState, "sop-list-pemantauan sop-list-pemantauan--" + watchState);
        var due = sop.pemantauan && (watchState === "kaji_ulang_terlambat" ? sop.pemantauan.kaji_ulang_berikutnya
          : watchState === "monitoring_terlambat" ? sop.pemantauan.monitoring_berikutnya : null);
        if (due) watchCell.title = "sejak " + due;
        fragment.appendChild(tr);
        rows.push({ element: tr, unit: unit, status: state, watch: watchState, haystack: fold([sop.nomor, sop.nama, unit].join(" ")) });
      });
      body.appendChild(fragment);
      fillUnits(select, data.sop);
      input.disabled = false;
      select.disabled = false;
      input.addEventListener("input", apply);
      select.addEventListener("change", apply);
      [status, watch].forEach(function (choice) {
        if (!choice) return;
        choice.disabled = false;
        choice.addEventListener("change", apply);
      });
      apply();
    }).catch(function (error) {
      count.textContent = "Katalog tidak dapat dimuat (" + error.message + "). Gunakan katalog per unit di bawah.";
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
