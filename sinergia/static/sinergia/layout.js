// Panels folded on a phone (filters, so that the results come first) open by themselves
// on a screen wide enough to show them beside the content.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 48.01rem)");
  function unfold() {
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
