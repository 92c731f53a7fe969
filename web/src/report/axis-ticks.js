// Tick positions and labels of the charts' axes (issue 15, item 5): log axes
// get a tick at each power of ten, labelled 1, 10, 100, 1000, 10⁴, 10⁻²;
// axes whose values are all whole numbers (threads, runs, sizes) get whole
// ticks only; large counts read 600K or 1.2M, not 6e+5. uPlot hides labels
// that would collide by handing a null in their place: a null stays null.

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** The powers of ten from min to max (both included when they are one). */
export function powersOfTenBetween(min, max) {
  const ticks = [];
  for (let e = Math.ceil(Math.log10(min) - 1e-9); e <= Math.floor(Math.log10(max) + 1e-9); e++) ticks.push(10 ** e);
  return ticks;
}

/** A log axis's label: 1, 10, 100, 1000, then 10⁴; below one 10⁻¹, 10⁻². */
export function powerOfTenLabel(value) {
  if (value == null || !(value > 0)) return null;
  const e = Math.round(Math.log10(value));
  if (e >= 0 && e <= 3) return String(10 ** e);
  return `10${[...String(e)].map((c) => SUPERSCRIPT[c]).join('')}`;
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });

/** A linear axis's label: up to four significant digits; from 10 000 on, 12.3K, 600K, 1.2M. */
export function linearLabel(value) {
  if (value == null || !Number.isFinite(value)) return null;
  if (Math.abs(value) >= 1e4) return compact.format(value);
  return String(+value.toPrecision(4));
}

// Steps between ticks of a linear axis: 1, 2 and 5 times a power of ten.
const STEPS = [];
for (let e = -12; e <= 15; e++) for (const m of [1, 2, 5]) STEPS.push(+(m * 10 ** e).toPrecision(1));
const WHOLE_STEPS = STEPS.filter((s) => s >= 1);

/** The steps a linear axis may use: whole ones when every value on it is a whole number. */
export function tickSteps(valueLists) {
  const values = valueLists.flat().filter((v) => v != null);
  return values.length > 0 && values.every(Number.isInteger) ? WHOLE_STEPS : STEPS;
}
