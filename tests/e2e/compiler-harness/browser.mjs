// Opens the compiler harness in Debian's Chromium (playwright-core) with a
// persistent profile, so a second open() of the same profile is a return
// visit with Cache Storage intact.
import { chromium } from 'playwright-core';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function openHarness(url, profile) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(url);
  await page.waitForFunction(() => window.harnessReady === true);
  return { context, page, errors, close: () => context.close() };
}

/** Compiles in the page; returns the result (wasm as a plain array length) plus phases and wall time. */
export function compileInPage(page, sources) {
  return page.evaluate(async (sources) => {
    const phases = [];
    const phaseStarts = [];
    const started = performance.now();
    const result = await window.compilerClient.compile(sources, {
      onProgress: (p) => {
        if (phases.at(-1) === p.phase) return;
        phases.push(p.phase);
        phaseStarts.push(performance.now());
      },
    });
    const ended = performance.now();
    const phaseMs = Object.fromEntries(phases.map((p, i) => [p, (phaseStarts[i + 1] ?? ended) - phaseStarts[i]]));
    window.lastResult = result;
    return { ok: result.ok, diagnostics: result.diagnostics, log: result.log, timings: result.timings,
      wasmBytes: result.wasm ? result.wasm.length : 0, phases, phaseMs, ms: ended - started };
  }, sources);
}

/** Runs the last compile result in a classic worker, as the lesson runner would. */
export function runLastInPage(page, args = []) {
  return page.evaluate((args) => window.runCompiled(window.lastResult, args), args);
}
