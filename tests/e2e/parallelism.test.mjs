// Lesson 3 in headless Chromium, as a learner uses it: the scaling chart gets
// one point per thread count, the Mandelbrot images show both threads'
// colours, and an exercise's check passes when its condition holds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openSite, openLesson as open, waitForCell } from './browser.mjs';
import { lateThreadReason } from '../wasm/late-thread.mjs';

const SLUG = '03-parallelism';
const cellOf = (program, nth = 0) => `.cell[data-program=${program}] >> nth=${nth}`;
let site;

before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

const openLesson = () => open(site, SLUG);

async function setParameters(cell, values) {
  for (const [name, value] of Object.entries(values)) await site.page.fill(`${cell} >> input[name=${name}]`, String(value));
}

async function runAndWait(cell, button = 'run') {
  await site.page.click(`${cell} >> .${button}`);
  await waitForCell(site.page, cell, { checking: button === 'check' });
  return site.page.locator(cell).elementHandle();
}

test('the lesson loads with every cell, showing the real sources', async () => {
  await openLesson();
  const { page } = site;
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  assert.match(await page.title(), /Parallelism/);
  assert.equal(await page.$$eval('.cell', (cells) => cells.length), 12);
  const sources = await page.$eval('.cell[data-program=simd] .cell-editor', (el) => el.cddEditor.sources());
  assert.equal(sources['simd.cpp'], readFileSync('lessons/03-parallelism/simd.cpp', 'utf8'));
  assert.equal(sources['simd_sum.h'], readFileSync('lessons/03-parallelism/simd_sum.h', 'utf8'));
  assert.deepEqual(site.errors.map(String), []);
});

test('the scaling chart gets one point per thread count for each series', async () => {
  await openLesson();
  const cell = cellOf('task_parallel');
  await setParameters(cell, { sum_n: 400000, map_n: 100000, max_threads: 4, reps: 1 });
  const handle = await runAndWait(cell);
  assert.equal(await handle.evaluate((el) => el.dataset.state), 'done');
  // (A chart takes its points when it next draws, on an animation frame.)
  const SERIES = ['parallel sum (reduction)', 'parallel map'];
  await site.page.waitForFunction(([el, names]) => {
    const chart = [...el.querySelectorAll('.chart-view')].find((c) => c.dataset.title === 'Speedup vs threads');
    const series = chart?.cddChart.seriesData() ?? {};
    return names.every((name) => series[name]?.length === 4);
  }, [handle, SERIES]);
  const charts = await handle.evaluate((el) =>
    [...el.querySelectorAll('.chart-view')].map((c) => ({ title: c.dataset.title, series: c.cddChart.seriesData() })),
  );
  const speedup = charts.find((c) => c.title === 'Speedup vs threads');
  assert.ok(speedup, `no speedup chart among ${charts.map((c) => c.title)}`);
  for (const name of SERIES) {
    assert.deepEqual(speedup.series[name].map(([x]) => x), [1, 2, 3, 4], name);
    for (const [, y] of speedup.series[name]) assert.ok(y > 0);
  }
});

test('the Mandelbrot images are drawn with both threads\' colours', async (t) => {
  await openLesson();
  const cell = cellOf('mandelbrot');
  await setParameters(cell, { width: 80, height: 120, max_iter: 10000, threads: 2, reps: 1 });
  const handle = await runAndWait(cell);
  assert.equal(await handle.evaluate((el) => el.dataset.state), 'done');
  const images = await handle.evaluate((el) =>
    [...el.querySelectorAll('.image-view')].map((v) => {
      const canvas = v.querySelector('canvas');
      return { title: v.querySelector('.view-title').textContent, colours: Number(v.dataset.colours), tones: Number(v.dataset.tones), width: canvas.width, height: canvas.height };
    }),
  );
  assert.deepEqual(images.map((i) => i.title).sort(), ['threads, dynamic', 'threads, static']);
  for (const image of images) {
    assert.equal(image.width, 80);
    assert.equal(image.height, 120);
    // The set itself, shaded by iterations, not a flat block per thread.
    assert.ok(image.tones >= 4 * image.colours, `${image.title}: ${image.tones} tones for ${image.colours} threads`);
  }
  // The charts compare one thread with two: each series has a point at 1 and at 2 threads
  // (2 schedules x 2 thread counts on the wall-time chart, twice that for imbalance).
  // (A chart counts its points when it next draws, on an animation frame.)
  await site.page.waitForFunction((el) => [...el.querySelectorAll('.chart-view')]
    .map((v) => Number(v.dataset.points || 0)).join() === '4,8', handle).catch(async () => console.error('POINTS', await handle.evaluate((el) => [...el.querySelectorAll('.chart-view')].map((v) => v.dataset.title + ':' + v.dataset.points).join(' | '))));
  const charts = await handle.evaluate((el) =>
    Object.fromEntries([...el.querySelectorAll('.chart-view')].map((v) => [v.dataset.title, Number(v.dataset.points)])));
  assert.equal(charts['Wall time'], 4, JSON.stringify(charts));
  assert.equal(charts['Load imbalance (max / mean per thread; 1 is perfect)'], 8, JSON.stringify(charts));
  const colours = Object.fromEntries(images.map((i) => [i.title, i.colours]));
  // Each thread has a block of its own under the static split, whatever the timing.
  assert.equal(colours['threads, static'], 2);
  // Busy time per thread lands on a timeline, one lane per thread; a bar's
  // tooltip reads "<n> rows: <start>–<end> ms".
  const spans = await handle.evaluate((el) => {
    const view = [...el.querySelectorAll('.timeline-view')]
      .find((v) => v.querySelector('.view-title').textContent === 'busy time, dynamic');
    return [...(view?.querySelectorAll('g.lane') ?? [])].map((lane) => {
      const [label, times] = lane.querySelector('title').textContent.split(': ');
      const [start, end] = times.replace(' ms', '').split('–').map(Number);
      return { lane: lane.dataset.lane, label, start, end };
    });
  });
  assert.deepEqual(spans.map((s) => s.lane).sort(), ['thread 0', 'thread 1']);
  // Under dynamic hand-out a thread takes rows only if it runs before they are
  // all gone: the team starts together, but a busy machine can still run one late.
  if (colours['threads, dynamic'] < 2) {
    const reason = lateThreadReason(spans);
    assert.ok(reason, `dynamic: one thread took every row, though the other began first: ${JSON.stringify(spans)}`);
    t.skip(reason);
  }
});

test('the Amdahl exercise passes with the right serial fraction and fails with a wrong one', async () => {
  await openLesson();
  const cell = cellOf('amdahl', 1);
  assert.match(await site.page.locator(`${cell} >> .cell-title`).textContent(), /Exercise/);
  await setParameters(cell, { serial: 0.2 });
  let handle = await runAndWait(cell, 'check');
  assert.equal(await handle.evaluate((el) => el.querySelector('.cell-verdict').dataset.passed), 'false');
  await setParameters(cell, { serial: 0.25 });
  handle = await runAndWait(cell, 'check');
  assert.equal(await handle.evaluate((el) => el.querySelector('.cell-verdict').dataset.passed), 'true');
});

test('the static-split exercise fails as shipped and passes once the rows interleave', async () => {
  await openLesson();
  const cell = cellOf('mandelbrot', 1);
  assert.match(await site.page.locator(`${cell} >> .cell-title`).textContent(), /static split/);
  let handle = await runAndWait(cell, 'check');
  assert.equal(await handle.evaluate((el) => el.querySelector('.cell-verdict').dataset.passed), 'false');

  // The learner's fix, typed into the mandelbrot.h tab: thread t takes rows t, t+p, t+2p, ...
  const header = readFileSync('lessons/03-parallelism/mandelbrot.h', 'utf8');
  const blocks = `      Range rows = block_of(static_cast<std::size_t>(v.height), threads, t);
      for (std::size_t row = rows.begin; row < rows.end; ++row) take_row(static_cast<int>(row));`;
  assert.ok(header.includes(blocks), 'the exercise code changed; update this test');
  const fixed = header.replace(blocks, '      for (int row = t; row < v.height; row += threads) take_row(row);');
  await handle.evaluate(async (el, text) => {
    const editor = el.querySelector('.cell-editor').cddEditor;
    await editor.upgrade();
    const index = editor.files.findIndex((f) => f.name === 'mandelbrot.h');
    editor.models[index].setValue(text);
  }, fixed);
  handle = await runAndWait(cell, 'check');
  const verdict = await handle.evaluate((el) => ({ ...el.querySelector('.cell-verdict').dataset, text: el.querySelector('.cell-verdict').textContent }));
  assert.equal(verdict.passed, 'true', verdict.text);
});
