// Runs one lesson program for a benchmark and reads its results, in the three
// places the benchmarks compare: native, wasm under node, and wasm in headless
// Chromium through the real lesson page. Each run returns
//   {charts: {chart title: {series: {x: y}}}, text}
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const NATIVE_DIR = process.env.CDD_NATIVE_DIR || 'build/native/programs';
const asArgs = (params) => Object.entries(params).map(([k, v]) => `${k}=${v}`);

/** Charts from a program's report lines (chart ids resolved to their titles). */
export function chartsFromStdout(stdout) {
  const titles = {};
  const charts = {};
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('@cdd ')) continue;
    const r = JSON.parse(line.slice(5));
    if (r.kind === 'chart') titles[r.id] = r.title;
    if (r.kind === 'point') (((charts[titles[r.chart]] ||= {})[r.series] ||= {})[r.x] = r.y);
  }
  return charts;
}

const fromStdout = (stdout) => ({ charts: chartsFromStdout(stdout), text: stdout });
const execOptions = { encoding: 'utf8', maxBuffer: 1 << 26 };

export const runNative = (program, params) =>
  fromStdout(execFileSync(join(NATIVE_DIR, program), asArgs(params), execOptions));

export const runNode = (program, params) =>
  fromStdout(execFileSync(process.execPath, ['tools/run-wasm.mjs', program, ...asArgs(params)], execOptions));

/** Opens Chromium once; run(program, params) fills the program's cell in `lesson` and presses Run. */
export async function browserRunner(lesson) {
  const { openSite, openLesson, terminalText } = await import('../../tests/e2e/browser.mjs');
  const site = await openSite();
  const run = async (program, params) => {
    await openLesson(site, lesson);
    const cell = `.cell[data-program=${program}] >> nth=0`;
    for (const [k, v] of Object.entries(params)) await site.page.fill(`${cell} >> input[name=${k}]`, String(v));
    await site.page.click(`${cell} >> .run`);
    const handle = await site.page.locator(cell).elementHandle();
    // Polled every 100 ms, not every frame (Playwright's default): frame polling keeps the page
    // drawing 60 times a second, a cost the timed run would share its cores with.
    await site.page.waitForFunction((el) => el.dataset.state === 'running', handle, { polling: 100 }).catch(() => {});
    await site.page.waitForFunction((el) => ['done', 'error', 'stopped'].includes(el.dataset.state), handle, { timeout: 600000, polling: 100 });
    const charts = await handle.evaluate((el) => {
      const out = {};
      for (const view of el.querySelectorAll('.chart-view')) {
        const series = {};
        for (const [name, points] of Object.entries(view.cddChart.seriesData())) series[name] = Object.fromEntries(points);
        out[view.dataset.title] = series;
      }
      return out;
    });
    return { charts, text: await terminalText(site.page, `.cell[data-program=${program}]`) };
  };
  return { run, close: () => site.close() };
}
