// Coverage charts of the /today page, drawn with ECharts: per group (cohort or assignee), the share of due
// account-days covered over the last 30 and the last 90 days, in %. Data and (translated) labels come in the
// element's data-chart attribute; a drawn chart gets the class "drawn".
(function () {
  if (typeof echarts === 'undefined') { return; }
  var FONT = 'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif';
  var COLORS = ['#0b5cad', '#c8a24a'];

  function draw(el) {
    var d = JSON.parse(el.getAttribute('data-chart'));
    var rows = d.names.length;
    el.classList.add('rows-' + Math.min(rows, 12));
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      color: COLORS,
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText',
                 valueFormatter: function (v) { return v === null || v === undefined ? '—' : v + ' %'; } },
      legend: { top: 0 },
      grid: { left: 24, right: 56, top: 32, bottom: 28, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, name: d.axis, nameLocation: 'middle', nameGap: 22,
               splitLine: { lineStyle: { color: '#e6e9ef' } } },
      yAxis: { type: 'category', data: d.names, inverse: true, axisLabel: { width: 150, overflow: 'truncate', margin: 10 } },
      series: d.series.map(function (s) {
        return { name: s.name, type: 'bar', data: s.data, barMaxWidth: 14, barGap: '15%',
                 label: { show: true, position: 'right', fontSize: 11,
                          formatter: function (p) { return p.value === null || p.value === undefined ? '' : p.value + ' %'; } } };
      })
    });
    window.addEventListener('resize', function () { chart.resize(); });
    el.classList.add('drawn');
  }

  function drawAll() {
    var charts = document.querySelectorAll('.coverage-chart');
    for (var i = 0; i < charts.length; i++) {
      if (!charts[i].classList.contains('drawn')) { draw(charts[i]); }
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
  // the coverage card arrives after the page (htmx)
  document.addEventListener('htmx:afterSettle', drawAll);
})();
