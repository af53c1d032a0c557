/* sopbook: evens the lane headers of a drawn swimlane (fetched with Mermaid by
   mermaid-loader.js, only when a diagram is drawn). */
(function () {
  "use strict";
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

  window.sopbookEvenLaneHeaders = evenLaneHeaders;
})();
