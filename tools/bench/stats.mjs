// Small helpers shared by the benchmark scripts.
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const fmt = (value, digits = 2) => {
  if (value == null || Number.isNaN(value)) return '–';
  // Tiny values (per-search times in ms) keep three significant digits.
  return Math.abs(value) < 0.01 && value !== 0 ? value.toPrecision(3) : value.toFixed(digits);
};

/** Prints a Markdown table (so it can go straight into a closing note). */
export function printTable(title, columns, rows) {
  console.log(`\n### ${title}\n`);
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`| ${columns.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}
