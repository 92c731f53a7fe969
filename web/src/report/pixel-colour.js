// The colour of one pixel of an image report: `value` picks the hue from the
// palette (e.g. the thread that computed the pixel); `shade` (0..15, optional)
// says how deep to draw it: 0 near black, 1 the full colour, 15 a pale tint.
// So a Mandelbrot image shows the set (dark), its rich edge (deep colour) and
// the fast-escaping outside (pale), each in its thread's hue.
export const PALETTE = [
  [37, 99, 235], [220, 38, 38], [22, 163, 74], [147, 51, 234],
  [234, 88, 12], [8, 145, 178], [202, 138, 4], [219, 39, 119],
];

export const MAX_SHADE = 15;

/** @returns {number[]} [r, g, b], each 0..255 */
export function pixelColour(value, shade) {
  const base = PALETTE[Math.abs(value) % PALETTE.length];
  if (shade === undefined || shade === null) return base;
  const s = Math.max(0, Math.min(MAX_SHADE, Math.round(shade)));
  if (s === 0) return base.map((c) => Math.round(c * 0.2));
  const pale = ((s - 1) / (MAX_SHADE - 1)) * 0.85; // share of white mixed in
  return base.map((c) => Math.round(c + (255 - c) * pale));
}
