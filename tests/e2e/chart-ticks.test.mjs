// Chart ticks are readable (issue 15, item 5), read from what uPlot rendered
// (each axis's labels, null where it left one out for room): log axes show
// whole powers of ten (never a cut "10⁻"), axes of whole numbers (runs,
// threads, counts) show no fractional ticks, counts never read "6e+5"; the
// same in the dark theme, where every chart is drawn again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, openLesson, waitForCell } from './browser.mjs';

let site;
before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

// Per chart: its title, and per axis the labels shown and whether every value plotted on it is whole.
const renderedAxes = (cell) => site.page.$$eval(`${cell} .chart-view`, (charts) => charts.map((chart) => {
  const u = chart.cddChart.plot;
  const valuesOn = [[u.data[0]], u.data.slice(1)];
  return {
    title: chart.dataset.title,
    log: chart.cddChart.meta.log,
    axes: u.axes.map((axis, i) => ({
      labels: axis._values,
      whole: valuesOn[i].flat().filter((v) => v != null).every(Number.isInteger),
    })),
  };
}));

async function run(cell, params) {
  for (const [name, value] of Object.entries(params)) await site.page.fill(`${cell} input[name=${name}]`, String(value));
  await site.page.click(`${cell} .run`);
  assert.equal(await waitForCell(site.page, cell), 'done');
}

const toggleTheme = async () => {
  await site.page.click('.theme-toggle');
  await site.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
};

const POWER_OF_TEN = /^(1|10|100|1000|10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/;

function assertLogLabels(chart) {
  for (const [i, axis] of chart.axes.entries()) {
    const shown = axis.labels.filter((l) => l != null);
    assert.ok(shown.length >= 2, `${chart.title}, axis ${i}: ${JSON.stringify(axis.labels)}`);
    for (const label of shown) assert.match(label, POWER_OF_TEN, `${chart.title}, axis ${i}: ${JSON.stringify(axis.labels)}`);
  }
}

function assertLinearLabels(chart) {
  for (const [i, axis] of chart.axes.entries()) {
    const shown = axis.labels.filter((l) => l != null);
    for (const label of shown) {
      assert.doesNotMatch(label, /e[+-]?\d/, `${chart.title}, axis ${i}: ${JSON.stringify(axis.labels)}`);
      const [, number, suffix = ''] = /^(-?[\d.]+)([KMB]?)$/.exec(label) ?? [];
      assert.ok(number !== undefined, `${chart.title}, axis ${i}: a plain number, not ${label}`);
      const value = Number(number) * { '': 1, K: 1e3, M: 1e6, B: 1e9 }[suffix];
      if (axis.whole) assert.ok(Number.isInteger(Math.round(value * 1e6) / 1e6), `${chart.title}, axis ${i} holds whole numbers: ${JSON.stringify(axis.labels)}`);
    }
  }
}

test('log axes (lesson 1, search_missing): a full power of ten at every label, in both themes', async () => {
  const cell = '.cell[data-program=search_missing]';
  await openLesson(site, '01-why-performance');
  await run(cell, { n_max: 100000, reps: 3 });
  for (const theme of ['light', 'dark']) {
    const charts = await renderedAxes(cell);
    assert.ok(charts.length > 0);
    for (const chart of charts) assertLogLabels(chart);
    if (theme === 'light') await toggleTheme();
  }
  await toggleTheme();
});

test('whole-number axes (lesson 2, races: run, threads, lost updates) have whole ticks and no e-notation, in both themes', async () => {
  const cell = '.cell[data-program=races]';
  await openLesson(site, '02-concurrency');
  await run(cell, { runs: 3, n: 300000 });
  for (const theme of ['light', 'dark']) {
    const charts = await renderedAxes(cell);
    assert.ok(charts.length >= 2, JSON.stringify(charts));
    assert.ok(charts.some((c) => c.axes[0].whole && c.axes[0].labels.length >= 3), 'an axis of runs 1..3 is drawn');
    for (const chart of charts) assertLinearLabels(chart);
    if (theme === 'light') await toggleTheme();
  }
  await toggleTheme();
});
