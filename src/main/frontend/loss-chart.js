// Browser side of dev.descent.chart.LossChart: a light-DOM custom element that owns one uPlot instance.
// The server sends the configuration once and then only new points; redraws are batched per frame.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

// Tick labels with as many significant digits as the step between ticks needs, so that no two read the same
// ("0.003, 0.003, 0.002" on a right axis before).
function linearTicks(u, ticks, axisIdx, space, incr) {
  const step = incr || (ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1);
  const big = Math.max(...ticks.map((t) => Math.abs(t ?? 0)));
  if (big >= 1e6 || (big > 0 && big < 1e-4)) {
    const digits = Math.min(12, Math.max(0, Math.ceil(Math.log10(big / step)) + 1));
    return ticks.map((t) => (t == null ? '' : t === 0 ? '0' : t.toExponential(Math.max(0, digits - 1))));
  }
  // As many decimals as the step has (0.25 needs two: 1.75 must not read "1.8").
  const text = String(Number(step.toPrecision(12)));
  const decimals = text.includes('e') ? Math.max(0, Math.ceil(-Math.log10(step) - 1e-9))
    : (text.split('.')[1] || '').length;
  return ticks.map((t) => (t == null ? '' : t.toFixed(Math.min(12, decimals))));
}

// Log-axis labels with the real values: 1e-4, 2e-4 … 0.001, 0.002 … (a 1e-4 decade read "0" before).
function logTicks(u, ticks) {
  return ticks.map((t) => {
    if (t == null) return '';
    const v = Number(t.toPrecision(6));
    if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential().replace(/\.?0+e/, 'e').replace('e+', 'e');
    return String(v);
  });
}

// The cursor's point of a series: the one at the cursor's x, or the last one logged before it. uPlot's default
// takes the nearest non-empty point on either side, which showed a sparse series' later value.
function lastAtOrBefore(u, si, idx) {
  const ys = u.data[si];
  if (ys == null) return idx;
  for (let i = idx; i >= 0; i--) {
    if (ys[i] != null) return i;
  }
  return idx;
}

function percentile(sorted, p) {
  if (!sorted.length) return null;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

// A y-range from what is visible: each y-axis line's 2nd–98th percentile, then the lines whose top is more than
// ten times (a decade on a log axis) the median line's top are left out. Null when nothing is visible.
function robustRange(u, log) {
  const xs = u.data[0];
  const xmin = u.scales.x.min;
  const xmax = u.scales.x.max;
  const perLine = [];
  for (let si = 1; si < u.series.length; si++) {
    const s = u.series[si];
    if (s.scale !== 'y' || !s.show) continue;
    const ys = u.data[si];
    const values = [];
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      const y = ys[i];
      if (y == null || (xmin != null && x < xmin) || (xmax != null && x > xmax) || !Number.isFinite(y)) continue;
      if (log && !(y > 0)) continue;
      values.push(log ? Math.log10(y) : y);
    }
    if (!values.length) continue;
    values.sort((a, b) => a - b);
    perLine.push([percentile(values, 0.02), percentile(values, 0.98)]);
  }
  if (!perLine.length) return null;
  const tops = perLine.map((r) => r[1]).sort((a, b) => a - b);
  const medianTop = percentile(tops, 0.5);
  const kept = perLine.filter((r) => (log ? r[1] - medianTop <= 1 : !(medianTop > 0) || r[1] <= 10 * medianTop));
  const lines = kept.length ? kept : perLine;
  let lo = Math.min(...lines.map((r) => r[0]));
  let hi = Math.max(...lines.map((r) => r[1]));
  if (hi === lo) {
    hi += log ? 0.5 : Math.abs(hi) * 0.1 || 1;
    lo -= log ? 0.5 : Math.abs(lo) * 0.1 || 1;
  }
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  return log ? [10 ** lo, 10 ** hi] : [lo, hi];
}

// Charts configured with the same syncKey (a grid of small charts of one run): they share the cursor and the
// x-range, the union of what each of them holds, so a series that starts later sits where it belongs.
const syncGroups = new Map();

class LossChartElement extends HTMLElement {
  constructor() {
    super();
    this._config = { xLabel: 'iteration', yLabel: 'loss', yScale: 'LINEAR', series: [], bands: [], syncKey: null };
    this._data = new Map(); // series id -> { x: number[], y: (number|null)[], marks: number[] }
    this._plot = null;
    this._needsRebuild = true;
    this._frame = 0;
    this._zoomed = false;
  }

  connectedCallback() {
    if (!this._holder) {
      this._holder = document.createElement('div');
      this._holder.className = 'loss-chart-plot';
      this._note = document.createElement('div');
      this._note.className = 'loss-chart-note';
      this._note.hidden = true;
      this.append(this._holder, this._note);
    }
    this._resizeObserver = new ResizeObserver(() => this._resize());
    this._resizeObserver.observe(this);
    // Lumo light/dark switches by the theme attribute: rebuild so canvas colours follow.
    this._themeObserver = new MutationObserver(() => {
      this._needsRebuild = true;
      this._schedule();
    });
    this._themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['theme'] });
    this._needsRebuild = true;
    this._schedule();
  }

  disconnectedCallback() {
    this._leaveSyncGroup();
    this._resizeObserver?.disconnect();
    this._themeObserver?.disconnect();
    this._plot?.destroy();
    this._plot = null;
  }

  configure(config) {
    this._leaveSyncGroup();
    this._config = config;
    if (config.syncKey) {
      if (!syncGroups.has(config.syncKey)) syncGroups.set(config.syncKey, new Set());
      syncGroups.get(config.syncKey).add(this);
    }
    const ids = new Set(config.series.map((s) => s.id));
    for (const id of [...this._data.keys()]) {
      if (!ids.has(id)) this._data.delete(id);
    }
    for (const id of ids) {
      if (!this._data.has(id)) this._data.set(id, { x: [], y: [], marks: [] });
    }
    this._needsRebuild = true;
    this._schedule();
  }

  setPoints(points) {
    const s = this._series(points.seriesId);
    s.x = Array.from(points.x);
    s.y = Array.from(points.y);
    s.marks = Array.from(points.nonFiniteX);
    this._schedule();
  }

  appendPoints(points) {
    const s = this._series(points.seriesId);
    const last = s.x.length ? s.x[s.x.length - 1] : -Infinity;
    if (points.x.length && points.x[0] <= last) {
      // Out-of-order arrival: merge and keep x sorted, as uPlot requires.
      const merged = new Map(s.x.map((x, i) => [x, s.y[i]]));
      points.x.forEach((x, i) => merged.set(x, points.y[i]));
      const xs = [...merged.keys()].sort((a, b) => a - b);
      s.x = xs;
      s.y = xs.map((x) => merged.get(x));
    } else {
      for (let i = 0; i < points.x.length; i++) {
        s.x.push(points.x[i]);
        s.y.push(points.y[i]);
      }
    }
    for (const m of points.nonFiniteX) s.marks.push(m);
    this._schedule();
  }

  clearPoints() {
    for (const s of this._data.values()) {
      s.x = [];
      s.y = [];
      s.marks = [];
    }
    this._zoomed = false;
    this._schedule();
  }

  resetZoom() {
    this._zoomed = false;
    this._needsRebuild = true;
    this._schedule();
  }

  // The PNG carries what the screen shows around the plot: a title above it and a legend below, one entry per
  // drawn line with its colour, dashed for EMA lines (uPlot's legend is HTML, not part of the canvas).
  downloadPng(fileName, title) {
    if (!this._plot) return;
    const source = this._plot.ctx.canvas;
    const ratio = devicePixelRatio || 1;
    const font = 13 * ratio;
    const pad = 8 * ratio;
    const edges = this._bandEdges();
    const lines = this._config.series.filter((s) => !s.readout && !edges.has(s.id));
    const ctxProbe = document.createElement('canvas').getContext('2d');
    ctxProbe.font = `${font}px sans-serif`;
    // Lay the legend out in rows that fit the width.
    const rows = [[]];
    let rowWidth = 0;
    for (const s of lines) {
      const w = 28 * ratio + ctxProbe.measureText(s.label).width + 16 * ratio;
      if (rowWidth + w > source.width - 2 * pad && rows[rows.length - 1].length) {
        rows.push([]);
        rowWidth = 0;
      }
      rows[rows.length - 1].push({ s, w });
      rowWidth += w;
    }
    const titleHeight = title ? font * 1.8 : 0;
    const legendHeight = lines.length ? rows.length * font * 1.6 + pad : 0;
    const out = document.createElement('canvas');
    out.width = source.width;
    out.height = source.height + titleHeight + legendHeight;
    const ctx = out.getContext('2d');
    const text = this._color('var(--lumo-body-text-color)', '#333');
    ctx.fillStyle = this._color('var(--lumo-base-color)', '#ffffff');
    ctx.fillRect(0, 0, out.width, out.height);
    if (title) {
      ctx.fillStyle = text;
      ctx.font = `bold ${font * 1.1}px sans-serif`;
      ctx.textBaseline = 'middle';
      ctx.fillText(title, pad, titleHeight / 2);
    }
    ctx.drawImage(source, 0, titleHeight);
    ctx.font = `${font}px sans-serif`;
    ctx.textBaseline = 'middle';
    rows.forEach((row, r) => {
      let x = pad;
      const y = titleHeight + source.height + pad / 2 + font * 0.8 + r * font * 1.6;
      for (const { s, w } of row) {
        ctx.strokeStyle = this._color(s.color, text);
        ctx.lineWidth = 2 * ratio;
        ctx.setLineDash(s.dashed ? [6 * ratio, 4 * ratio] : []);
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.lineTo(x + 22 * ratio, y);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = text;
        ctx.fillText(s.label, x + 28 * ratio, y);
        x += w;
      }
    });
    this.setAttribute('data-png-legend', lines.map((s) => s.label).join('|'));
    this.setAttribute('data-png-title', title || '');
    this.setAttribute('data-png-size', `${out.width}x${out.height} over a plot of ${source.width}x${source.height}`);
    const link = document.createElement('a');
    link.href = out.toDataURL('image/png');
    link.download = fileName;
    link.click();
  }

  _leaveSyncGroup() {
    const key = this._config && this._config.syncKey;
    const group = key && syncGroups.get(key);
    if (group) {
      group.delete(this);
      if (!group.size) syncGroups.delete(key);
    }
  }

  // The first and last x this chart holds (each series' x is sorted), or null.
  _xExtent() {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of this._data.values()) {
      if (s.x.length) {
        lo = Math.min(lo, s.x[0]);
        hi = Math.max(hi, s.x[s.x.length - 1]);
      }
    }
    return lo <= hi ? [lo, hi] : null;
  }

  // The x-range shared by the charts of this one's sync group.
  _sharedXRange(min, max) {
    let lo = min;
    let hi = max;
    for (const chart of syncGroups.get(this._config.syncKey) || []) {
      const extent = chart._xExtent();
      if (extent) {
        lo = lo == null ? extent[0] : Math.min(lo, extent[0]);
        hi = hi == null ? extent[1] : Math.max(hi, extent[1]);
      }
    }
    if (lo == null || hi == null) return [0, 1];
    return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
  }

  _series(id) {
    let s = this._data.get(id);
    if (!s) {
      s = { x: [], y: [], marks: [] };
      this._data.set(id, s);
    }
    return s;
  }

  _schedule() {
    if (this._frame) return;
    this._frame = requestAnimationFrame(() => {
      this._frame = 0;
      this._render();
    });
  }

  _logScale() {
    return this._config.yScale === 'LOG';
  }

  // The ids of the lines that only outline a band (a group's mean ± std): no stroke, no legend entry.
  _bandEdges() {
    const edges = new Set();
    for (const b of this._config.bands || []) {
      edges.add(b.upperId);
      edges.add(b.lowerId);
    }
    return edges;
  }

  _alignedData() {
    const log = this._logScale();
    const edges = this._bandEdges();
    let hidden = 0;
    const tables = this._config.series.map((style) => {
      const s = this._series(style.id);
      const y = log && !style.readout && style.axis !== 'RIGHT'
        ? s.y.map((v) => {
            if (v !== null && v <= 0) {
              // A band's lower edge below zero (mean − std) is cut on a log axis, not a hidden point.
              if (!edges.has(style.id)) hidden++;
              return null;
            }
            return v;
          })
        : s.y;
      return [s.x, y];
    });
    // join() leaves alignment holes undefined (drawn through) and keeps our nulls (non-finite: a gap).
    const data = tables.length ? uPlot.join(tables) : [[]];
    return { data, hidden };
  }

  _render() {
    if (!this.isConnected) return;
    const { data, hidden } = this._alignedData();
    this._note.hidden = hidden === 0;
    this._note.textContent = hidden === 0 ? '' : `${hidden} point${hidden === 1 ? '' : 's'} ≤ 0 hidden on log scale`;
    if (this._needsRebuild || !this._plot) {
      this._plot?.destroy();
      this._errorColor = this._color('var(--lumo-error-color)', '#dc2626');
      this._plot = new uPlot(this._options(), data, this._holder);
      this._hideEdgeLegends(this._plot);
      this._needsRebuild = false;
    } else {
      this._plot.setData(data, !this._zoomed);
    }
    if (this._config.syncKey) {
      // When this chart's x-extent grows, the others of its group take the new range too.
      const extent = this._xExtent();
      const key = extent ? extent.join(':') : '';
      if (key !== this._lastExtent) {
        this._lastExtent = key;
        for (const chart of syncGroups.get(this._config.syncKey) || []) {
          if (chart !== this) chart._schedule();
        }
      }
    }
    let count = 0;
    for (const s of this._data.values()) count += s.x.length;
    this.setAttribute('data-point-count', String(count));
    this.setAttribute('data-hidden-count', String(hidden));
  }

  _size() {
    const width = Math.max(200, this.clientWidth || 600);
    const height = Math.max(160, (this.clientHeight || 420) - 60);
    return { width, height };
  }

  _resize() {
    if (this._plot) this._plot.setSize(this._size());
  }

  _hideEdgeLegends(u) {
    const edges = this._bandEdges();
    if (!edges.size) return;
    const rows = u.root.querySelectorAll('.u-legend .u-series');
    this._config.series.forEach((s, i) => {
      if (edges.has(s.id) && rows[i + 1]) rows[i + 1].style.display = 'none';
    });
  }

  // A colour made translucent, for a band's fill (any CSS colour, resolved by the browser to rgb()).
  _translucent(value, alpha) {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(this._resolved(value) || '');
    return m ? `rgba(${m[1]}, ${m[2]}, ${m[3]}, ${alpha})` : `rgba(128, 128, 128, ${alpha})`;
  }

  // Canvas cannot read CSS custom properties: resolve them (Lumo light or dark) to concrete colours.
  _color(value, fallback) {
    if (!value) return fallback;
    if (!value.includes('var(')) return value;
    return this._resolved(value) || fallback;
  }

  // The browser's computed rgb() for any CSS colour, custom properties included.
  _resolved(value) {
    const probe = document.createElement('span');
    probe.style.color = value;
    probe.style.display = 'none';
    this.append(probe);
    const resolved = getComputedStyle(probe).color;
    probe.remove();
    return resolved;
  }

  _options() {
    const text = this._color('var(--lumo-body-text-color)', '#333');
    const grid = this._color('var(--lumo-contrast-10pct)', 'rgba(0,0,0,0.1)');
    const log = this._logScale();
    const right = this._config.series.some((s) => s.axis === 'RIGHT' && !s.readout);
    const axes = [
      { label: this._config.xLabel, stroke: text, grid: { stroke: grid } },
      { label: this._config.yLabel, stroke: text, grid: { stroke: grid }, size: 70,
        values: log ? logTicks : linearTicks },
    ];
    if (right) {
      const label = this._config.series.filter((s) => s.axis === 'RIGHT' && !s.readout).map((s) => s.label).join(', ');
      axes.push({ scale: 'right', side: 1, label, stroke: text, grid: { show: false }, size: 70, values: linearTicks });
    }
    const edges = this._bandEdges();
    const index = new Map(this._config.series.map((s, i) => [s.id, i + 1]));
    const bands = (this._config.bands || [])
      .filter((b) => index.has(b.upperId) && index.has(b.lowerId))
      .map((b) => ({ series: [index.get(b.upperId), index.get(b.lowerId)], fill: this._translucent(b.color, 0.18) }));
    const cursor = { drag: { x: true, y: false }, focus: { prox: 24 }, dataIdx: (u, si, idx) => lastAtOrBefore(u, si, idx) };
    if (this._config.syncKey) {
      cursor.sync = { key: this._config.syncKey, setSeries: false };
      // Small charts open the big one on a click; zooming is done there.
      cursor.drag = { x: false, y: false };
    }
    return {
      ...this._size(),
      bands,
      scales: {
        x: this._config.syncKey
          ? { time: this._config.xAxis === 'TIME', range: (u, min, max) => this._sharedXRange(min, max) }
          : { time: this._config.xAxis === 'TIME' },
        y: log
          ? { distr: 3, log: 10, range: (u, min, max) => this._yRange(u, min, max, true) }
          : { distr: 1, range: (u, min, max) => this._yRange(u, min, max, false) },
        right: { auto: true },
        readout: { auto: true },
      },
      series: [
        { label: this._config.xLabel },
        ...this._config.series.map((s) =>
          s.readout
            ? { label: s.label, scale: 'readout', paths: () => null, points: { show: false },
                value: (u, v) => (v == null ? '—' : v.toFixed(3)) }
            : edges.has(s.id)
            ? { label: s.label, scale: s.axis === 'RIGHT' ? 'right' : 'y', stroke: this._color(s.color, text), width: 0,
                spanGaps: false, points: { show: false } }
            : {
                label: s.label,
                scale: s.axis === 'RIGHT' ? 'right' : 'y',
                // Colours come from the server (dev.descent.plot.Palette); the text colour only if one cannot be read.
                stroke: this._color(s.color, text),
                width: s.dashed ? 2 : 1.25,
                dash: s.dashed ? [6, 4] : undefined,
                spanGaps: false,
                points: { show: false },
                // A sparse series (an eval every 1,000 steps) shows the value it logged at or before the cursor,
                // with that step when it is not the cursor's: never a later value.
                value: (u, v, si, idx) => {
                  if (v == null) return '—';
                  const at = u.cursor.idx;
                  return at != null && idx !== at && idx != null ? `${v.toFixed(6)} (at ${u.data[0][idx]})` : v.toFixed(6);
                },
              }),
      ],
      axes,
      // Hovering a legend entry (or near a line) fades the other lines: one run stands out among many.
      cursor,
      focus: { alpha: 0.25 },
      legend: { show: true },
      hooks: {
        setSelect: [(u) => this._onSelect(u)],
        draw: [(u) => this._drawDivergence(u)],
        ready: [(u) => {
          u.over.addEventListener('dblclick', () => this._onReset());
          // A click that is not the end of a drag (a zoom): the x under the cursor, e.g. to open a small chart.
          u.over.addEventListener('mousedown', (e) => { this._downX = e.clientX; });
          u.over.addEventListener('click', (e) => {
            if (this._downX != null && Math.abs(e.clientX - this._downX) > 3) return;
            const x = u.cursor.left != null && u.cursor.left >= 0 ? u.posToVal(u.cursor.left, 'x') : null;
            this.dispatchEvent(new CustomEvent('loss-chart-click', { detail: { x } }));
          });
        }],
      },
    };
  }

  // The y-range. With "ignore outliers" (robustRange), from the percentiles of what is visible: each line's
  // 2nd to 98th percentile, and lines far above the others (a diverged run) left out, so that one run's 1e5 does
  // not flatten the rest; those lines are still drawn, off the top. Otherwise uPlot's fit, on a log axis
  // without widening to whole decades.
  _yRange(u, min, max, log) {
    if (min == null || max == null) return log ? [1, 10] : [0, 1];
    if (this._config.robustRange) {
      const robust = robustRange(u, log);
      if (robust) return robust;
    }
    if (log) {
      if (!(min > 0)) return uPlot.rangeLog(Math.max(min, 1e-12), Math.max(max, 1e-11), 10, false);
      const span = Math.log10(max / min);
      const padding = Math.max(span * 0.05, 0.02);
      return [min / 10 ** padding, max * 10 ** padding];
    }
    return uPlot.rangeNum(min, max, 0.1, true);
  }

  _onSelect(u) {
    if (u.select.width <= 0) return;
    const from = u.posToVal(u.select.left, 'x');
    const to = u.posToVal(u.select.left + u.select.width, 'x');
    this._zoomed = true;
    const width = Math.round(u.bbox.width / devicePixelRatio);
    this.dispatchEvent(new CustomEvent('loss-chart-zoom', { detail: { from, to, width } }));
  }

  _onReset() {
    this._zoomed = false;
    const width = this._plot ? Math.round(this._plot.bbox.width / devicePixelRatio) : this.clientWidth;
    this.dispatchEvent(new CustomEvent('loss-chart-zoom', { detail: { from: null, to: null, width } }));
  }

  // NaN / infinite losses mean the run diverged: mark each such step with a red vertical line.
  _drawDivergence(u) {
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = this._errorColor;
    ctx.lineWidth = 1.5 * devicePixelRatio;
    for (const s of this._data.values()) {
      for (const x of s.marks) {
        const px = u.valToPos(x, 'x', true);
        if (px < u.bbox.left || px > u.bbox.left + u.bbox.width) continue;
        ctx.beginPath();
        ctx.moveTo(px, u.bbox.top);
        ctx.lineTo(px, u.bbox.top + u.bbox.height);
        ctx.stroke();
      }
    }
    ctx.restore();
  }
}

if (!customElements.get('loss-chart')) {
  customElements.define('loss-chart', LossChartElement);
}
