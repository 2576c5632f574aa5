/* Draws each report's chart from its canvas's data-* attributes (Chart.js, served from this site). */
(function () {
  "use strict";
  /* Colours told apart by most colour-blind readers (Okabe–Ito, then darker shades). */
  var COLOURS = ["#1f6feb", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#6f42c1", "#8c564b", "#333333"];
  function draw(canvas) {
    var labels = JSON.parse(canvas.dataset.labels || "[]");
    var sets = canvas.dataset.datasets ? JSON.parse(canvas.dataset.datasets) : [{ label: canvas.dataset.series, values: JSON.parse(canvas.dataset.values || "[]") }];
    var datasets = sets.map(function (s, i) {
      var colour = COLOURS[i % COLOURS.length];
      return { label: s.label, data: s.values, backgroundColor: colour, borderColor: colour, tension: 0.2 };
    });
    new window.Chart(canvas, {
      type: canvas.dataset.type === "line" ? "line" : "bar",
      data: { labels: labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: datasets.length > 1, position: "bottom", labels: { boxWidth: 12 } } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.Chart) return;
    document.querySelectorAll("canvas[data-values]").forEach(draw);
  });
})();
