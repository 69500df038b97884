// Draw each chart when it scrolls into view: its spec is fetched only then, so pages stay
// light on slow connections. The data table beside each chart carries the same data.
(function () {
  "use strict";

  // Axes and labels group digits as the page's tables do, in the page's language.
  var localeElement = document.getElementById("chart-format-locale");
  var formatLocale = localeElement ? JSON.parse(localeElement.textContent) : undefined;

  function draw(container) {
    fetch(container.dataset.chartUrl, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (spec) {
        // No eval and no injected <style>: the Content Security Policy allows neither.
        return vegaEmbed(container, spec, {
          renderer: "svg",
          ast: true,
          expr: vegaInterpreter.expressionInterpreter,
          defaultStyle: false,
          tooltip: { disableDefaultStyle: true },
          // The container is the chart's image for screen readers (role="img" with its
          // text alternative): no menu inside it. The data downloads sit beside it.
          actions: false,
          formatLocale: formatLocale,
        });
      })
      .catch(function () {
        container.textContent = container.dataset.errorText || "";
      });
  }

  function start() {
    var charts = document.querySelectorAll("[data-chart-url]");
    if (!("IntersectionObserver" in window)) {
      charts.forEach(draw);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: "200px" });
    charts.forEach(function (chart) { observer.observe(chart); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
