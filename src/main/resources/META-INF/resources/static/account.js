// Account and dealer pages: timeline charts drawn with ECharts from the data attributes the server wrote.
// Unobserved days are null: the lines break there and grey bands mark them; observed days with nothing are 0.
(function () {
  if (typeof echarts === 'undefined') { return; }

  var COLORS = {
    posts: '#0b5cad', images: '#c8a24a', gap: 'rgba(93, 103, 120, 0.16)', gapLegend: '#b3bac6',
    status: '#a32020', platform: '#7a3ea8', active: '#1f7a3a', threshold: '#a86b00', flag: '#7a3ea8',
    STEPPED_UP: 'rgba(163, 32, 32, 0.10)', STEPPED_DOWN: 'rgba(11, 92, 173, 0.10)'
  };
  var PALETTE = ['#0b5cad', '#c8a24a', '#1f7a3a', '#a32020', '#7a3ea8', '#00838f', '#6d4c41', '#e65100', '#455a64', '#ad1457'];

  function data(el) {
    try { return JSON.parse(el.getAttribute('data-chart') || 'null'); } catch (e) { return null; }
  }

  function fewPoints(values) {
    var n = 0;
    for (var i = 0; i < values.length; i++) { if (values[i] !== null) { n++; } }
    return n < 80;
  }

  function draw(el, option) {
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(option);
    el.classList.add('drawn');
    window.addEventListener('resize', function () { chart.resize(); });
    return chart;
  }

  function timeline(el) {
    var d = data(el);
    if (!d || !d.days) { return; }
    var gapAreas = d.gaps.map(function (g) { return [{ xAxis: g[0] }, { xAxis: g[1] }]; });
    var flagAreas = d.areas.map(function (a) {
      return [{ name: a.label, xAxis: a.from, itemStyle: { color: COLORS[a.kind] || 'rgba(122, 62, 168, 0.10)' } }, { xAxis: a.to }];
    });
    var lines = d.lines.map(function (l) {
      var color = COLORS[l.kind] || '#5d6778';
      return {
        name: l.label, xAxis: l.day,
        lineStyle: { color: color, type: 'dashed', width: 1.2 },
        label: { show: true, formatter: l.label, color: color, position: 'insideEndTop', fontSize: 11 }
      };
    });
    var showPoints = fewPoints(d.posts);
    draw(el, {
      animation: false,
      color: [COLORS.posts, COLORS.images, COLORS.gapLegend],
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { top: 0, data: [d.labels.posts, d.labels.images, d.labels.unobserved] },
      grid: { left: 56, right: 24, top: 36, bottom: 64 },
      xAxis: { type: 'category', data: d.days, boundaryGap: false },
      yAxis: { type: 'value', name: d.labels.axis, minInterval: 1, min: 0 },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 12 }],
      series: [
        {
          name: d.labels.posts, type: 'line', data: d.posts, connectNulls: false,
          showSymbol: showPoints, symbolSize: 4, lineStyle: { width: 1.6 },
          markLine: { symbol: ['none', 'none'], silent: true, data: lines },
          markArea: { silent: true, data: flagAreas, label: { show: false } }
        },
        {
          name: d.labels.images, type: 'line', data: d.images, connectNulls: false,
          showSymbol: showPoints, symbolSize: 4, lineStyle: { width: 1.2 }
        },
        {
          name: d.labels.unobserved, type: 'line', data: [],
          markArea: { silent: true, itemStyle: { color: COLORS.gap }, data: gapAreas }
        }
      ]
    });
  }

  function sideBySide(el) {
    var d = data(el);
    if (!d || !d.days) { return; }
    var metric = el.getAttribute('data-metric') || 'posts';
    var anyFew = d.series.every(function (s) { return fewPoints(s[metric]); });
    draw(el, {
      animation: false,
      color: PALETTE,
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { top: 0, type: 'scroll', data: d.series.map(function (s) { return s.name; }) },
      grid: { left: 48, right: 16, top: 36, bottom: 56 },
      xAxis: { type: 'category', data: d.days, boundaryGap: false },
      yAxis: { type: 'value', name: d.labels.axis, minInterval: 1, min: 0 },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }],
      series: d.series.map(function (s) {
        return { name: s.name, type: 'line', data: s[metric], connectNulls: false, showSymbol: anyFew, symbolSize: 3,
                 lineStyle: { width: 1.3 } };
      })
    });
  }

  var t = document.getElementById('timeline');
  if (t) { timeline(t); }
  document.querySelectorAll('.dealer-chart').forEach(sideBySide);
})();
