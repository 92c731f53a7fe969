// An image built row by row from `pixels` reports; each value picks a colour
// (for example the thread that computed the pixel) and an optional shade per
// pixel how deep it is drawn (pixel-colour.js). Rows collect in an off-screen
// buffer; the canvas and legend are drawn from it paced (render/paced-view.js).
// The colours are never the only carrier of meaning: a legend names each
// value, and "Show as table" lists which pixels and rows each value covers.
import { pixelColour } from './pixel-colour.js';
import { pacedView } from '../render/paced-view.js';
import { viewTitle } from './heading-level.js';
import { ShownAsTable } from './shown-as-table.js';
import { strings } from '../strings.js';

/** "0-99, 120, 130-131": sorted whole numbers as ranges. */
function ranges(numbers) {
  const out = [];
  for (const n of numbers) {
    const last = out.at(-1);
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(', ');
}

export class ImageView {
  constructor(element, name) {
    this.element = element;
    this.name = name;
    element.className = 'image-view';
    element.innerHTML = '<canvas></canvas><p class="image-legend"></p>';
    element.prepend(viewTitle(element, name));
    this.canvas = element.querySelector('canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', name);
    this.context = this.canvas.getContext('2d');
    this.values = new Set();
    this.tones = new Set(); // distinct colours drawn: more than the values once shades are used
    this.colours = new Map(); // value -> Map(shade -> [r, g, b]): a row costs lookups, not colour maths
    this.pixels = null; // ImageData of the whole image
    this.dirty = null; // {top, bottom}: rows received since the last draw
    this.rowCounts = []; // row -> Map<value, pixels>
    this.table = new ShownAsTable(element, strings.imageTable(name), () => this.tableRows());
    this.drawing = pacedView(element, () => this.draw());
  }

  addRow({ width, height, row, values, shades }) {
    if (this.pixels?.width !== width || this.pixels?.height !== height) {
      this.pixels = new ImageData(width, height);
      this.dirty = { top: 0, bottom: height - 1 }; // the canvas is cleared to the new size
    }
    const { data } = this.pixels;
    const counts = new Map();
    for (let i = 0, at = row * width * 4; i < values.length; i++, at += 4) {
      const [r, g, b] = this.colourOf(values[i], shades?.[i]);
      data[at] = r;
      data[at + 1] = g;
      data[at + 2] = b;
      data[at + 3] = 255;
      counts.set(values[i], (counts.get(values[i]) ?? 0) + 1);
    }
    this.rowCounts[row] = counts;
    this.dirty = { top: Math.min(row, this.dirty?.top ?? row), bottom: Math.max(row, this.dirty?.bottom ?? row) };
    this.drawing.request();
  }

  colourOf(value, shade) {
    if (!this.colours.has(value)) this.colours.set(value, new Map());
    const byShade = this.colours.get(value);
    let rgb = byShade.get(shade);
    if (!rgb) {
      rgb = pixelColour(value, shade);
      byShade.set(shade, rgb);
      this.values.add(value);
      this.tones.add((rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
    }
    return rgb;
  }

  draw() {
    const { width, height } = this.pixels;
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    const { top, bottom } = this.dirty;
    this.dirty = null;
    this.context.putImageData(this.pixels, 0, 0, 0, top, width, bottom - top + 1);
    this.element.dataset.colours = String(this.values.size);
    this.element.dataset.tones = String(this.tones.size);
    this.renderLegend();
    this.table.refresh();
  }

  /** Draws a pending change now (the end of a run). */
  flush() {
    this.drawing.flush();
  }

  destroy() {
    this.drawing.dispose();
  }

  /** Per value: its name, how many pixels it has and in which rows. */
  tableRows() {
    const rows = [...this.values].sort((a, b) => a - b).map((v) => {
      let pixels = 0;
      const inRows = [];
      this.rowCounts.forEach((counts, row) => {
        if (!counts?.has(v)) return;
        pixels += counts.get(v);
        inRows.push(row);
      });
      return [strings.imageValue(this.name, v), pixels.toLocaleString('en'), ranges(inRows)];
    });
    return { columns: strings.imageColumns, rows };
  }

  renderLegend() {
    const legend = this.element.querySelector('.image-legend');
    if (legend.childElementCount === this.values.size) return;
    legend.replaceChildren(
      strings.imageLegend(this.name),
      ...[...this.values].sort((a, b) => a - b).map((v) => {
        const item = document.createElement('span');
        const [r, g, b] = pixelColour(v);
        item.innerHTML = `<i style="background: rgb(${r},${g},${b})"></i>`;
        item.append(` ${strings.imageValue(this.name, v)}`);
        return item;
      }),
    );
  }
}
