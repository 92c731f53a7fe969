#!/usr/bin/env node
// Stop latency: how long after a click on Stop a running lesson program's
// cell says it stopped, measured in the page (headless Chromium), for a built
// program and for a program compiled in the page. The tests only check that
// Stop ends the run (worker gone, output kept, nothing after); the figure is here.
//   node tools/bench/stop-latency.mjs [--runs 10] [--no-compiled]
import { loadavg } from 'node:os';
import { openSite, openLesson, stopCell } from '../../tests/e2e/browser.mjs';
import { fmt, median, printTable } from './stats.mjs';

const argv = process.argv.slice(2);
const RUNS = Number(argv.includes('--runs') ? argv[argv.indexOf('--runs') + 1] : 10);
// The demo cell, not the exercise that runs the same program (its title is shown).
const SEARCH = '.cell[data-program=search_missing]:has(.cell-title[hidden])';
const LIST = '.cell[data-program=list_creation]';
const RUNAWAY = '#include <cstdio>\nint main() {\n  std::puts("LOOPING");\n  volatile unsigned long spins = 0;\n  for (;;) spins = spins + 1;\n}\n';

const hasLine = (page, cell, pattern) => page.waitForFunction(
  ([s, source]) => new RegExp(source).test(document.querySelector(`${s} .cell-terminal`).cddTerminal.text()),
  [cell, pattern.source], { timeout: 300000 });

/** Stops a long run of a built program once its first result line shows. */
async function stopBuilt(site) {
  await openLesson(site, '01-why-performance');
  await site.page.fill(`${SEARCH} input[name=reps]`, '50');
  await site.page.click(`${SEARCH} .run`);
  await hasLine(site.page, SEARCH, /\d+\s+[\d.]+\s+[\d.]+/);
  return stopCell(site.page, SEARCH);
}

/** Stops an endless program compiled in the page once it printed. */
async function stopCompiled(site) {
  await openLesson(site, '01-why-performance');
  await site.page.$eval(`${LIST} .cell-editor`, (el) => el.cddEditor.upgrade());
  await site.page.$eval(`${LIST} .cell-editor`, (el, text) => el.cddEditor.models[0].setValue(text), RUNAWAY);
  await site.page.click(`${LIST} .run`);
  await hasLine(site.page, LIST, /LOOPING/);
  return stopCell(site.page, LIST);
}

/**
 * Stops a built program running 16 threads (lesson 2's races) and returns,
 * besides the in-page latency, how long the browser took to deliver the click
 * to the page at all: on 2 cores, 16 busy threads leave the page's main thread
 * little CPU, and that wait, not the Stop handler, is what a learner feels
 * (issue 15, item 9).
 */
async function stopManyThreads(site) {
  const RACES = '.cell[data-program=races]';
  await openLesson(site, '02-concurrency');
  for (const [name, value] of [['threads', 16], ['n', 50000000], ['runs', 50]]) await site.page.fill(`${RACES} input[name=${name}]`, String(value));
  await site.page.click(`${RACES} .run`);
  await hasLine(site.page, RACES, /lost/);
  const asked = await site.page.evaluate((s) => {
    window.cddStopDelivered = null;
    document.querySelector(`${s} .stop`).addEventListener('pointerdown', () => (window.cddStopDelivered = performance.now()), { once: true });
    return performance.now();
  }, RACES);
  const started = Date.now();
  await site.page.click(`${RACES} .stop`);
  await site.page.waitForFunction((s) => document.querySelector(s).dataset.state === 'stopped', RACES, { polling: 5 });
  const delivered = await site.page.evaluate((t) => window.cddStopDelivered - t, asked);
  return { state: 'stopped', ms: Date.now() - started, deliveredMs: delivered };
}

async function measure(site, stop) {
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await stop(site);
    if (result.state !== 'stopped') throw new Error(`the run ended ${result.state} before Stop`);
    ms.push(result.ms);
  }
  return ms;
}

const site = await openSite();
try {
  const rows = [['built program (search_missing)', await measure(site, stopBuilt)]];
  if (!argv.includes('--no-compiled')) rows.push(['edited program, compiled in the page', await measure(site, stopCompiled)]);
  const many = [];
  for (let i = 0; i < RUNS; i++) many.push(await stopManyThreads(site));
  rows.push(['16 threads (races), from the click asked for', many.map((r) => r.ms)]);
  rows.push(['  of which: until the page got the pointerdown (Playwright\'s checks included)', many.map((r) => r.deliveredMs)]);
  printTable(`Stop latency: click to "stopped", in the page (${RUNS} runs each; load average ${loadavg()[0].toFixed(1)})`,
    ['program', 'median', 'max'], rows.map(([name, ms]) => [name, `${fmt(median(ms), 1)} ms`, `${fmt(Math.max(...ms), 1)} ms`]));
} finally {
  await site.close();
}
