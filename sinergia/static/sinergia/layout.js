// Panels folded on a phone (filters, so that the results come first) open by themselves
// on a screen wide enough to show them beside the content; a form's summary of problems
// takes the focus.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 48.01rem)");
  function unfold() {
    // A form sent back with problems: its summary of them takes the focus, once.
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
    if (!wide.matches) return;
    document.querySelectorAll("details[data-open-wide]").forEach(function (panel) {
      panel.open = true;
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", unfold);
  } else {
    unfold();
  }
})();
