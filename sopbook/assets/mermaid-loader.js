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
          var render = real.render.bind(real);  /* Material calls the real object once loaded */
          real.render = function () { return render.apply(null, arguments).then(evenLaneHeaders); };
          resolve(real);
        };
        tag.onerror = function () { reject(new Error("cannot load " + source)); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  /* Swimlane headers: Mermaid sizes each lane's title band for one line and centres a taller
     (wrapped) name on it, so long actor names spill over the top and the bands differ in
     height. Give every lane one band as tall as the tallest name, with the name inside it. The
     sizes are the foreignObject's own, so nothing has to be measured. */
  function evenLaneHeaders(result) {
    if (!result || typeof result.svg !== "string" || result.svg.indexOf("swimlane-title") < 0) return result;
    try {
      /* HTML parsing: the labels hold HTML (`<br>`), which an XML parser refuses */
      var doc = new DOMParser().parseFromString("<!doctype html><body>" + result.svg, "text/html");
      var svg = doc.body.querySelector("svg");
      if (!svg || doc.body.children.length !== 1) return result;
      var lanes = [].slice.call(svg.querySelectorAll("g.cluster.swimlane"));
      var parts = lanes.map(function (g) {
        return {
          body: g.querySelector("rect.swimlane-body"),
          title: g.querySelector("rect.swimlane-title"),
          label: g.querySelector("g.swimlane-label"),
          box: g.querySelector("g.swimlane-label foreignObject")
        };
      }).filter(function (p) { return p.body && p.title && p.label && p.box; });
      if (!parts.length) return result;
      var num = function (el, name) { return parseFloat(el.getAttribute(name)) || 0; };
      var contentTop = -Infinity, tallest = 0, oldTop = Infinity;
      parts.forEach(function (p) {
        contentTop = Math.max(contentTop, num(p.title, "y") + num(p.title, "height"));
        tallest = Math.max(tallest, num(p.box, "height"));
        oldTop = Math.min(oldTop, num(p.body, "y"), num(p.title, "y"));
      });
      var band = tallest + 12, top = contentTop - band;
      parts.forEach(function (p) {
        var bottom = num(p.body, "y") + num(p.body, "height");
        p.body.setAttribute("y", top);
        p.body.setAttribute("height", bottom - top);
        p.title.setAttribute("y", top);
        p.title.setAttribute("height", band);
        var match = /translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)\s*\)/.exec(p.label.getAttribute("transform") || "");
        var x = match ? parseFloat(match[1]) : 0;
        p.label.setAttribute("transform", "translate(" + x + ", " + (top + (band - num(p.box, "height")) / 2) + ")");
      });
      var view = (svg.getAttribute("viewBox") || "").split(/[\s,]+/).map(parseFloat);
      if (view.length === 4 && view.every(isFinite)) {
        var labelsTop = Infinity;
        parts.forEach(function (p) {
          var m = /translate\(\s*[-\d.e]+[ ,]+([-\d.e]+)\s*\)/.exec(p.label.getAttribute("transform"));
          if (m) labelsTop = Math.min(labelsTop, parseFloat(m[1]));
        });
        var newTop = Math.min(view[1], top - 8, labelsTop - 8);
        if (newTop < view[1]) {
          view[3] += view[1] - newTop;
          view[1] = newTop;
          svg.setAttribute("viewBox", view.join(" "));
        }
      }
      result.svg = svg.outerHTML;
    } catch (error) {
      /* keep Mermaid's own drawing */
    }
    return result;
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
