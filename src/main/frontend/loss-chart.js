// Browser side of dev.descent.chart.LossChart: a light-DOM custom element that owns one uPlot instance.
// The server sends the configuration once and then only new points; redraws are batched per frame.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

class LossChartElement extends HTMLElement {
  constructor() {
    super();
    this._config = { xLabel: 'iteration', yLabel: 'loss', yScale: 'LINEAR', series: [] };
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
    this._resizeObserver?.disconnect();
    this._themeObserver?.disconnect();
    this._plot?.destroy();
    this._plot = null;
  }

  configure(config) {
    this._config = config;
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

  downloadPng(fileName) {
    if (!this._plot) return;
    const source = this._plot.ctx.canvas;
    const out = document.createElement('canvas');
    out.width = source.width;
    out.height = source.height;
    const ctx = out.getContext('2d');
    ctx.fillStyle = this._color('var(--lumo-base-color)', '#ffffff');
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(source, 0, 0);
    const link = document.createElement('a');
    link.href = out.toDataURL('image/png');
    link.download = fileName;
    link.click();
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

  _alignedData() {
    const log = this._logScale();
    let hidden = 0;
    const tables = this._config.series.map((style) => {
      const s = this._series(style.id);
      const y = log && !style.readout && style.axis !== 'RIGHT'
        ? s.y.map((v) => {
            if (v !== null && v <= 0) {
              hidden++;
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
      this._needsRebuild = false;
    } else {
      this._plot.setData(data, !this._zoomed);
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

  // Canvas cannot read CSS custom properties: resolve them (Lumo light or dark) to concrete colours.
  _color(value, fallback) {
    if (!value) return fallback;
    if (!value.includes('var(')) return value;
    const probe = document.createElement('span');
    probe.style.color = value;
    probe.style.display = 'none';
    this.append(probe);
    const resolved = getComputedStyle(probe).color;
    probe.remove();
    return resolved || fallback;
  }

  _options() {
    const text = this._color('var(--lumo-body-text-color)', '#333');
    const grid = this._color('var(--lumo-contrast-10pct)', 'rgba(0,0,0,0.1)');
    const log = this._logScale();
    const right = this._config.series.some((s) => s.axis === 'RIGHT' && !s.readout);
    const axes = [
      { label: this._config.xLabel, stroke: text, grid: { stroke: grid } },
      { label: this._config.yLabel, stroke: text, grid: { stroke: grid }, size: 70 },
    ];
    if (right) {
      const label = this._config.series.filter((s) => s.axis === 'RIGHT' && !s.readout).map((s) => s.label).join(', ');
      axes.push({ scale: 'right', side: 1, label, stroke: text, grid: { show: false }, size: 70,
        values: (u, ticks) => ticks.map((v) => (v == null ? '' : Number(v.toPrecision(3)).toString())) });
    }
    return {
      ...this._size(),
      scales: {
        x: { time: this._config.xAxis === 'TIME' },
        y: log ? { distr: 3, log: 10 } : { distr: 1 },
        right: { auto: true },
        readout: { auto: true },
      },
      series: [
        { label: this._config.xLabel },
        ...this._config.series.map((s) =>
          s.readout
            ? { label: s.label, scale: 'readout', paths: () => null, points: { show: false },
                value: (u, v) => (v == null ? '—' : v.toFixed(3)) }
            : {
                label: s.label,
                scale: s.axis === 'RIGHT' ? 'right' : 'y',
                // Colours come from the server (dev.descent.plot.Palette); the text colour only if one cannot be read.
                stroke: this._color(s.color, text),
                width: s.dashed ? 2 : 1.25,
                dash: s.dashed ? [6, 4] : undefined,
                spanGaps: false,
                points: { show: false },
                value: (u, v) => (v == null ? '—' : v.toFixed(6)),
              }),
      ],
      axes,
      // Hovering a legend entry (or near a line) fades the other lines: one run stands out among many.
      cursor: { drag: { x: true, y: false }, focus: { prox: 24 } },
      focus: { alpha: 0.25 },
      legend: { show: true },
      hooks: {
        setSelect: [(u) => this._onSelect(u)],
        draw: [(u) => this._drawDivergence(u)],
        ready: [(u) => u.over.addEventListener('dblclick', () => this._onReset())],
      },
    };
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
