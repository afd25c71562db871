// Charts of the report pages, drawn with ECharts. Each chart element carries its data and its (translated)
// labels as JSON in data-chart, and says which chart it is in data-kind. When a chart has been drawn, its
// element gets the class "drawn".
(function () {
  if (typeof echarts === 'undefined') { return; }
  var FONT = 'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif';
  var BLUE = '#0b5cad', GOLD = '#c8a24a', RED = '#a32020';
  var PALETTE = [BLUE, GOLD, '#1f7a3a', '#a32020', '#7a3ea8', '#2a9d8f', '#e76f51', '#5d6778', '#8d6e63', '#264653'];

  function fmt(v) {
    if (v === null || v === undefined) { return '—'; }
    return (Math.round(v * 100) / 100).toLocaleString('en-US');
  }

  function base() {
    return {
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: FONT },
      // rich-text tooltips are drawn on the canvas: no inline style attributes, which the CSP forbids
      tooltip: { renderMode: 'richText' }
    };
  }

  var builders = {
    // Survivors before and after: one panel per metric (posts per day, images per day), each with its own scale,
    // baseline and follow-up bars side by side.
    cohort: function (d) {
      var o = base(), n = d.metrics.length;
      o.legend = { top: 0, data: d.windows };
      o.tooltip.trigger = 'item';
      o.grid = []; o.xAxis = []; o.yAxis = []; o.series = [];
      d.metrics.forEach(function (m, i) {
        o.grid.push({ left: (i * 100 / n + 8) + '%', width: (100 / n - 14) + '%', top: 48, bottom: 28 });
        o.xAxis.push({ type: 'category', gridIndex: i, data: [m.name], axisTick: { show: false },
                       axisLabel: { fontWeight: 'bold', color: '#1d2430' } });
        o.yAxis.push({ type: 'value', gridIndex: i, splitLine: { lineStyle: { color: '#e6e9ef' } } });
        d.windows.forEach(function (w, k) {
          o.series.push({
            name: w, type: 'bar', xAxisIndex: i, yAxisIndex: i, data: [m.values[k]], barGap: '20%', barMaxWidth: 80,
            itemStyle: { color: k === 0 ? BLUE : GOLD },
            label: { show: true, position: 'top', formatter: function (p) { return fmt(p.value); } },
            tooltip: { formatter: function (p) { return p.seriesName + '\n' + p.name + ': ' + fmt(p.value); } }
          });
        });
      });
      return o;
    },

    // Category shares of the whole period.
    pie: function (d) {
      var o = base();
      o.tooltip.trigger = 'item';
      var pct = d.pctSuffix || ' %';
      o.tooltip.formatter = function (p) { return p.name + ': ' + p.value + ' (' + p.percent + pct + ')'; };
      o.legend = { type: 'scroll', bottom: 0 };
      o.series = [{
        name: d.title, type: 'pie', radius: ['38%', '66%'], center: ['50%', '46%'], data: d.pie,
        label: { formatter: function (p) { return p.name + '\n' + p.percent.toFixed(1) + pct; } }
      }];
      return o;
    },

    // Shares before and from the event date, per category: horizontal bars.
    compare: function (d) {
      var o = base();
      o.tooltip.trigger = 'item';
      var pct = d.pctSuffix || ' %';
      o.tooltip.formatter = function (p) { return p.seriesName + '\n' + p.name + ': ' + p.value + pct; };
      o.legend = { top: 0 };
      o.grid = { left: 8, right: 48, top: 36, bottom: 36, containLabel: true };
      o.xAxis = { type: 'value', name: d.axis, nameLocation: 'middle', nameGap: 26, max: 100 };
      o.yAxis = { type: 'category', data: d.categories, inverse: true };
      o.series = d.series.map(function (s, k) {
        return { name: s.name, type: 'bar', data: s.data, itemStyle: { color: k === 0 ? BLUE : GOLD },
                 label: { show: true, position: 'right', formatter: function (p) { return p.value + pct; } } };
      });
      return o;
    },

    // New and matched posts per month; the event date as a vertical line.
    trend: function (d) {
      var o = base();
      o.tooltip.trigger = 'axis';
      o.legend = { top: 0 };
      o.grid = { left: 8, right: 24, top: d.event ? 64 : 40, bottom: d.months.length > 36 ? 60 : 28, containLabel: true };
      o.xAxis = { type: 'category', data: d.months, axisLabel: { hideOverlap: true } };
      o.yAxis = { type: 'value', name: d.axis, minInterval: 1, splitLine: { lineStyle: { color: '#e6e9ef' } },
                  axisLine: { show: false, onZero: false } };
      if (d.months.length > 36) {
        o.dataZoom = [{ type: 'slider', bottom: 8 }, { type: 'inside' }];
      }
      o.series = d.series.map(function (s, k) {
        var series = { name: s.name, type: s.type, data: s.data, itemStyle: { color: k === 0 ? '#9dbfe3' : RED } };
        if (s.type === 'line') { series.symbolSize = 6; series.lineStyle = { width: 2 }; }
        return series;
      });
      if (d.event) {
        var line = {
          symbol: 'none', silent: true, animation: false,
          lineStyle: { color: '#14233a', type: 'dashed', width: 2 },
          label: { formatter: d.event.label, position: 'end', distance: 4, color: '#14233a', fontWeight: 'bold' }
        };
        if (o.dataZoom) {
          // zoomable axis: the line marks the event's month
          line.data = [{ xAxis: d.event.month }];
          o.series[0].markLine = line;
        } else {
          // The event day at its place inside its month: a hidden value axis over the same grid, from the first
          // month's left edge (-0.5) to the last month's right edge, carries the line.
          line.data = [{ xAxis: d.event.position }];
          o.legend.data = d.series.map(function (s) { return s.name; });
          o.xAxis = [o.xAxis, { type: 'value', show: false, min: -0.5, max: d.months.length - 0.5 }];
          o.series.push({ name: d.event.label, type: 'line', xAxisIndex: 1, data: [], silent: true,
                          tooltip: { show: false }, markLine: line });
        }
      }
      return o;
    }
  };

  var drawn = [];
  document.querySelectorAll('[data-chart][data-kind]').forEach(function (el) {
    var build = builders[el.getAttribute('data-kind')];
    var raw = el.getAttribute('data-chart');
    if (!build || !raw) { return; }
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.on('finished', function () { el.classList.add('drawn'); });
    chart.setOption(build(JSON.parse(raw)));
    drawn.push(chart);
  });
  window.addEventListener('resize', function () { drawn.forEach(function (c) { c.resize(); }); });
})();
