/* sopbook: offline Mermaid for Material for MkDocs.

   Material renders every `pre.mermaid` block itself (following the light/dark palette and
   instant navigation) and fetches Mermaid from a CDN unless `window.mermaid` already exists.
   This tiny script defines `window.mermaid` as a stand-in that loads the Mermaid build shipped
   with sopbook (same folder, `mermaid/mermaid.min.js`) on first use, so pages without a
   diagram load nothing and no page ever leaves the site. Mermaid always runs with
   securityLevel "strict". Collapsed swimlanes (`details.sop-swimlane`) are rendered when first
   opened, since a hidden diagram cannot be measured. */
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

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = source;
        tag.onload = function () {
          var real = window.mermaid;
          var initialize = real.initialize.bind(real);
          real.initialize = function (options) { config = strict(options); return initialize(config); };
          real.initialize(config);
          resolve(real);
        };
        tag.onerror = function () { reject(new Error("cannot load " + source)); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  var standIn = {
    sopbookStandIn: true,
    initialize: function (options) { config = strict(options); },
    render: function () {
      var args = arguments;
      return load().then(function (real) { return real.render.apply(real, args); });
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
    if (!pre) return;
    var text = pre.textContent;
    var id = "sop_swimlane_" + Math.random().toString(36).slice(2);
    load().then(function (real) { return real.render(id, text); }).then(function (result) {
      var host = document.createElement("div");
      host.className = "mermaid sop-mermaid-rendered";
      host.innerHTML = result.svg;
      pre.replaceWith(host);
      if (result.bindFunctions) result.bindFunctions(host);
    });
  }

  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details && details.matches && details.matches("details.sop-swimlane") && details.open) {
      renderDeferred(details);
    }
  }, true);
})();
