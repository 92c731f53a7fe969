// An image built row by row from `pixels` reports; each value picks a colour
// (for example the thread that computed the pixel) and an optional shade per
// pixel how deep it is drawn (pixel-colour.js).
import { pixelColour } from './pixel-colour.js';

export class ImageView {
  constructor(element, name) {
    this.element = element;
    element.className = 'image-view';
    element.innerHTML = '<h4 class="view-title"></h4><canvas></canvas><p class="image-legend"></p>';
    element.firstChild.textContent = name;
    this.canvas = element.querySelector('canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', name);
    this.context = this.canvas.getContext('2d');
    this.values = new Set();
    this.tones = new Set(); // distinct colours drawn: more than the values once shades are used
  }

  addRow({ width, height, row, values, shades }) {
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    const line = this.context.createImageData(width, 1);
    values.forEach((v, i) => {
      const [r, g, b] = pixelColour(v, shades?.[i]);
      line.data.set([r, g, b, 255], i * 4);
      this.values.add(v);
      this.tones.add((r << 16) | (g << 8) | b);
    });
    this.context.putImageData(line, 0, row);
    this.element.dataset.colours = String(this.values.size);
    this.element.dataset.tones = String(this.tones.size);
    this.renderLegend();
  }

  renderLegend() {
    const legend = this.element.querySelector('.image-legend');
    if (legend.childElementCount === this.values.size) return;
    legend.replaceChildren(
      ...[...this.values].sort((a, b) => a - b).map((v) => {
        const item = document.createElement('span');
        const [r, g, b] = pixelColour(v);
        item.innerHTML = `<i style="background: rgb(${r},${g},${b})"></i>`;
        item.append(` ${v}`);
        return item;
      }),
    );
  }
}
