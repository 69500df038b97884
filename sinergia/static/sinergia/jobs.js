// Follow a background job: now and then, ask for its status and put each changed part in
// place of the page's own. The state sentence is a live region that stays in place, so that
// screen readers hear when the step changes and when the job ends, not every count.
(function () {
  "use strict";
  var region = document.getElementById("job-status");
  if (!region || !region.dataset.poll || !window.fetch) {
    return;
  }
  var address = region.dataset.poll;
  var delay = parseInt(region.dataset.pollMs, 10) || 1500;

  function update(html) {
    var next = document.createElement("div");
    next.innerHTML = html;
    next.querySelectorAll("[data-part]").forEach(function (part) {
      var current = region.querySelector('[data-part="' + part.dataset.part + '"]');
      if (current && current.innerHTML !== part.innerHTML) {
        current.innerHTML = part.innerHTML;
      }
      if (current && part.hasAttribute("data-finished")) {
        current.setAttribute("data-finished", "");
      }
    });
    return !region.querySelector("[data-finished]");
  }

  function ask() {
    fetch(address, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) {
        if (update(html)) {
          window.setTimeout(ask, delay);
        }
      })
      .catch(function () {
        window.setTimeout(ask, delay * 4);
      });
  }
  window.setTimeout(ask, delay);
})();
