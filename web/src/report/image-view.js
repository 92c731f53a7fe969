// An image built row by row from `pixels` reports; each value picks a colour
// (for example the thread that computed the pixel) and an optional shade per
// pixel how deep it is drawn (pixel-colour.js). The colours are never the only
// carrier of meaning: a legend names each value, and "Show as table" lists
// which pixels and rows each value covers.
import { pixelColour } from './pixel-colour.js';
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
    this.rowCounts = []; // row -> Map<value, pixels>
    this.table = new ShownAsTable(element, strings.imageTable(name), () => this.tableRows());
  }

  addRow({ width, height, row, values, shades }) {
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    const line = this.context.createImageData(width, 1);
    const counts = new Map();
    values.forEach((v, i) => {
      const [r, g, b] = pixelColour(v, shades?.[i]);
      line.data.set([r, g, b, 255], i * 4);
      this.values.add(v);
      this.tones.add((r << 16) | (g << 8) | b);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    });
    this.rowCounts[row] = counts;
    this.context.putImageData(line, 0, row);
    this.element.dataset.colours = String(this.values.size);
    this.element.dataset.tones = String(this.tones.size);
    this.renderLegend();
    this.table.refresh();
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
