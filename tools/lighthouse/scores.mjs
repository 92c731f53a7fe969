// The pure part of tools/lighthouse.mjs: from the Lighthouse results of a
// page's runs to its median scores, the table printed and whether the site passes.

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/** The median of an odd or even count of numbers (the mean of the middle two). */
export function median(values) {
  if (!values.length) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * A page's score per category, 0-100, as the median over its runs (each a
 * Lighthouse result, `lhr`). A category Lighthouse could not score (null, say
 * after a page error) counts as 0: a failed run must not look like a pass.
 */
export function medianScores(lhrs) {
  return Object.fromEntries(
    CATEGORIES.map((id) => [id, Math.round(median(lhrs.map((lhr) => (lhr.categories[id]?.score ?? 0) * 100)))]),
  );
}

/** The categories of `scores` below `minimum`, as [category, score] pairs. */
export function below(scores, minimum) {
  return CATEGORIES.filter((id) => scores[id] < minimum).map((id) => [id, scores[id]]);
}

/** A Markdown table: one row per page ({page, scores, runs: [{scores}]}), the median with each run's score after it. */
export function scoreTable(rows) {
  const head = `| page | ${CATEGORIES.join(' | ')} |\n| --- |${' ---: |'.repeat(CATEGORIES.length)}`;
  const cell = (row, id) => `${row.scores[id]} (${row.runs.map((run) => run[id]).join(', ')})`;
  return [head, ...rows.map((row) => `| ${row.page} | ${CATEGORIES.map((id) => cell(row, id)).join(' | ')} |`)].join('\n');
}
