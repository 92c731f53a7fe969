// Opens the compiler harness in a page of a browser context (see
// tests/e2e/browser.mjs for the browser): a later page of the same context is
// a return visit, with Cache Storage intact; a new context is a first visit.

/** @param {import('playwright-core').BrowserContext} context */
export async function openHarness(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(url);
  await page.waitForFunction(() => window.harnessReady === true);
  return { page, errors, close: () => page.close() };
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
