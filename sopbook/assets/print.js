/* sopbook: printing the swimlane (option print_swimlane: true).
   Before the page is printed (Ctrl+P, or `sopbook pdf`), each drawn diagram is narrowed so
   that its height fits one sheet (the height comes from print.css: --sop-print-height);
   afterwards the page is as it was. Swimlanes are drawn right after the page's load event
   (mermaid-loader.js reads `sopbookPrintSwimlanes`), since a diagram cannot be fetched and
   drawn between Ctrl+P and the printout. */
(function () {
  "use strict";
  var MM = 96 / 25.4;
  window.sopbookPrintSwimlanes = true;

  function fit() {
    var value = getComputedStyle(document.documentElement).getPropertyValue("--sop-print-height");
    var height = (parseFloat(value) || 150) * MM;
    var hosts = document.querySelectorAll(".sop-swimlane-body .mermaid");
    for (var i = 0; i < hosts.length; i++) {
      var host = hosts[i];
      host.style.maxWidth = "";
      var box = host.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) {
        host.style.maxWidth = Math.floor(height * box.width / box.height) + "px";
        host.style.margin = "0 auto";
      }
    }
  }

  function reset() {
    var hosts = document.querySelectorAll(".sop-swimlane-body .mermaid");
    for (var i = 0; i < hosts.length; i++) {
      hosts[i].style.maxWidth = "";
      hosts[i].style.margin = "";
    }
  }

  window.addEventListener("beforeprint", fit);
  window.addEventListener("afterprint", reset);
  window.sopbookFitSwimlanes = fit;
})();
