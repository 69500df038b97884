// Panels folded on a phone (the menu; filters, so that the results come first) open by
// themselves on a screen wide enough to show them beside the content, and fold again when
// the screen narrows; a form's summary of problems takes the focus.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var wide = window.matchMedia("(min-width: 48.01rem)");
  function fit() {
    document.querySelectorAll("details[data-open-wide]").forEach(function (panel) {
      panel.open = wide.matches;
    });
  }
  function start() {
    // A form sent back with problems: its summary of them takes the focus, once.
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
    if (wide.matches) fit();
  }
  if (wide.addEventListener) wide.addEventListener("change", fit);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
