/* Draws each report's chart from its canvas's data-* attributes (Chart.js, served from this site). */
(function () {
  "use strict";
  function draw(canvas) {
    var labels = JSON.parse(canvas.dataset.labels || "[]");
    var values = JSON.parse(canvas.dataset.values || "[]");
    new window.Chart(canvas, {
      type: canvas.dataset.type === "line" ? "line" : "bar",
      data: { labels: labels, datasets: [{ label: canvas.dataset.series, data: values, backgroundColor: "#1f6feb", borderColor: "#1f6feb", tension: 0.2 }] },
      options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.Chart) return;
    document.querySelectorAll("canvas[data-values]").forEach(draw);
  });
})();
