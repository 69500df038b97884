// Draw each chart when it scrolls into view: its spec is fetched only then, so pages stay
// light on slow connections. The data table beside each chart carries the same data.
(function () {
  "use strict";

  // Axes and labels group digits as the page's tables do, in the page's language.
  var localeElement = document.getElementById("chart-format-locale");
  var formatLocale = localeElement ? JSON.parse(localeElement.textContent) : undefined;

  function draw(container) {
    if (container.dataset.drawn) return;
    container.dataset.drawn = "1";
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

  var MARGIN_PIXELS = 200;

  function inView(element) {
    var box = element.getBoundingClientRect();
    var height = window.innerHeight || document.documentElement.clientHeight;
    return box.bottom >= -MARGIN_PIXELS && box.top <= height + MARGIN_PIXELS;
  }

  function start() {
    var charts = Array.prototype.slice.call(document.querySelectorAll("[data-chart-url]"));
    // What the reader sees when the page opens is drawn at once, without waiting for a
    // scroll or for the observer's first report; the rest as it comes into view.
    var later = charts.filter(function (chart) {
      if (inView(chart)) {
        draw(chart);
        return false;
      }
      return true;
    });
    if (!("IntersectionObserver" in window)) {
      later.forEach(draw);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: MARGIN_PIXELS + "px" });
    later.forEach(function (chart) { observer.observe(chart); });
    // A printed page shows every chart.
    window.addEventListener("beforeprint", function () {
      later.forEach(function (chart) {
        observer.unobserve(chart);
        if (!chart.dataset.drawn) draw(chart);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
