/* sopbook: offline Mermaid for Material for MkDocs, fetched only when the reader asks.

   Material renders every `pre.mermaid` block itself (following the light/dark palette and
   instant navigation) and fetches Mermaid from a CDN unless `window.mermaid` already exists.
   This small script defines `window.mermaid` as a stand-in that loads the Mermaid build shipped
   with sopbook (same folder, `mermaid/mermaid.min.js`) on first use, so no page ever leaves
   the site. Mermaid always runs with securityLevel "strict".

   Mermaid is 5.5 MB (1.4 MB compressed): on a phone on a slow line that is minutes and real
   money, so an SOP's swimlane (`.sop-swimlane`) is drawn only on request, never before the
   page's load event:
   - on a wide screen, when the section comes near the viewport (IntersectionObserver);
   - on a phone (600 px or narrower, where the diagram is hard to read anyway) or when the
     browser asks to save data, when the reader taps "Tampilkan diagram alir";
   - collapsed swimlanes (`details.sop-swimlane`) when first opened;
   - with `print_swimlane: true` (print.js sets `window.sopbookPrintSwimlanes`) right after the
     load event, so that Ctrl+P prints the diagram; `window.sopbookDrawSwimlanes()` draws every
     waiting swimlane at once (`sopbook pdf`).
   Diagrams outside an SOP's swimlane section (hand-written pages) are drawn as before. */
(function () {
  "use strict";
  if (typeof window.mermaid !== "undefined" && !(window.mermaid instanceof Element)) return;

  var script = document.currentScript;
  var base = script ? script.src.replace(/[^/]*$/, "") : "";
  var source = base + "mermaid/mermaid.min.js";
  var config = { startOnLoad: false };
  var loading = null;

  function strict(options) {
    var merged = {};
    for (var key in options || {}) merged[key] = options[key];
    merged.startOnLoad = false;
    merged.securityLevel = "strict";
    return merged;
  }

  function fetchScript(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(tag);
    });
  }

  /* Mermaid, and mermaid-lanes.js (evens the swimlanes' lane headers), fetched side by side. */
  function load() {
    if (!loading) {
      loading = Promise.all([fetchScript(source), fetchScript(base + "mermaid-lanes.js")]).then(function () {
        var real = window.mermaid;
        var lanes = window.sopbookEvenLaneHeaders || function (result) { return result; };
        var initialize = real.initialize.bind(real);
        real.initialize = function (options) { config = strict(options); return initialize(config); };
        real.initialize(config);
        var render = real.render.bind(real);  /* Material calls the real object once loaded */
        real.render = function () { return render.apply(null, arguments).then(lanes); };
        return real;
      });
    }
    return loading;
  }

  /* The swimlane section whose waiting `pre.mermaid` holds `text` (Material calls render with
     the block's text while the block is still in the page: Material's behaviour, not an API;
     if an upgrade changes it, diagrams are drawn at once again and tests/test_swimlane_lazy.py
     fails), or null. */
  function sectionOf(text) {
    var blocks = document.querySelectorAll(".sop-swimlane pre.mermaid");
    for (var i = 0; i < blocks.length; i++) {
      if (blocks[i].textContent === text && !blocks[i].sopbookGated) {
        blocks[i].sopbookGated = true;
        return blocks[i].closest(".sop-swimlane");
      }
    }
    return null;
  }

  function show(section, name) {
    var parts = section.querySelectorAll(".sop-swimlane-wait > [class^='sop-swimlane-'], .sop-swimlane-wait > .md-button");
    for (var i = 0; i < parts.length; i++) parts[i].hidden = !parts[i].classList.contains(name);
    var line = section.querySelector(".sop-swimlane-wait");
    if (line) line.hidden = !name;
  }

  function afterLoad(callback) {
    if (document.readyState === "complete") setTimeout(callback, 0);
    else window.addEventListener("load", function () { setTimeout(callback, 0); }, { once: true });
  }

  function onRequestOnly() {
    var connection = navigator.connection;
    return (connection && connection.saveData) || window.matchMedia("(max-width: 600px)").matches ||
      !("IntersectionObserver" in window);
  }

  var opens = [];

  /* Resolves when the reader asks for the section's diagram. */
  function wanted(section) {
    return new Promise(function (resolve) {
      var observer = null;
      function open() {
        if (observer) observer.disconnect();
        observer = null;
        show(section, "sop-swimlane-loading");
        resolve();
      }
      opens.push(open);
      var button = section.querySelector(".sop-swimlane-open");
      if (button) button.addEventListener("click", open, { once: true });
      show(section, "sop-swimlane-open");
      afterLoad(function () {
        if (window.sopbookPrintSwimlanes) return open();
        if (onRequestOnly()) return;
        observer = new IntersectionObserver(function (entries) {
          if (entries.some(function (entry) { return entry.isIntersecting; })) open();
        }, { rootMargin: "300px 0px" });
        observer.observe(section);
      });
    });
  }

  window.sopbookDrawSwimlanes = function () { opens.splice(0).forEach(function (open) { open(); }); };

  var standIn = {
    sopbookStandIn: true,
    initialize: function (options) { config = strict(options); },
    render: function (id, text) {
      var args = arguments;
      var section = typeof text === "string" ? sectionOf(text) : null;
      var ready = section ? wanted(section) : Promise.resolve();
      var drawn = ready.then(load).then(function (real) { return real.render.apply(real, args); });
      if (section) {
        drawn.then(function () { show(section, ""); }, function () { show(section, "sop-swimlane-failed"); });
      }
      return drawn;
    },
    parse: function () {
      var args = arguments;
      return load().then(function (real) { return real.parse.apply(real, args); });
    },
    run: function () {
      var args = arguments;
      return load().then(function (real) { return real.run.apply(real, args); });
    },
    load: load
  };
  window.mermaid = standIn;

  /* Collapsed swimlanes: render on first opening. */
  function renderDeferred(details) {
    var pre = details.querySelector("pre.sop-mermaid-deferred");
    if (!pre || pre.sopbookGated) return;
    pre.sopbookGated = true;
    var text = pre.textContent;
    var id = "sop_swimlane_" + Math.random().toString(36).slice(2);
    show(details, "sop-swimlane-loading");
    load().then(function (real) { return real.render(id, text); }).then(function (result) {
      var host = document.createElement("div");
      host.className = "mermaid sop-mermaid-rendered";
      host.innerHTML = result.svg;
      pre.replaceWith(host);
      show(details, "");
      if (result.bindFunctions) result.bindFunctions(host);
    }, function () { show(details, "sop-swimlane-failed"); });
  }

  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details && details.matches && details.matches("details.sop-swimlane") && details.open) {
      renderDeferred(details);
    }
  }, true);
})();
