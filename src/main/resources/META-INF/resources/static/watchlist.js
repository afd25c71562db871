// Sparklines of the watchlist: posts (and images) per day over the last 28 days, drawn with uPlot.
// Unobserved days are null and drawn as gaps, never as zero.
(function () {
  var holder = document.getElementById('spark-data');
  if (!holder || typeof uPlot === 'undefined') { return; }
  var series = JSON.parse(holder.getAttribute('data-series') || '{}');
  document.querySelectorAll('[data-spark]').forEach(function (el) {
    var s = series[el.getAttribute('data-spark')];
    if (!s) { return; }
    var xs = s.posts.map(function (_, i) { return i; });
    var opts = {
      width: 120, height: 28, pxAlign: false,
      cursor: { show: false }, legend: { show: false }, select: { show: false },
      scales: { x: { time: false }, y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      axes: [{ show: false }, { show: false }],
      series: [{}, { stroke: '#0b5cad', width: 1.5, spanGaps: false, points: { show: false } },
                   { stroke: '#c8a24a', width: 1, spanGaps: false, points: { show: false } }]
    };
    new uPlot(opts, [xs, s.posts, s.images], el);
    el.classList.add('drawn');
  });
})();
