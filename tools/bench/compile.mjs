#!/usr/bin/env node
// Benchmark of the in-page compiler: cold and warm compile + link of a
// <thread>-using program in headless Chromium (through the same client and
// worker the lesson page uses) and under node, plus what a first visit and a
// return visit download. Prints medians; not a test.
//   node tools/bench/compile.mjs [--runs 5] [--no-node]
// Needs the assets: node tools/compiler/build-assets.mjs
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../../tests/e2e/browser.mjs';
import { serveHarness } from '../../tests/e2e/compiler-harness/serve.mjs';
import { compileInPage, openHarness, runLastInPage } from '../../tests/e2e/compiler-harness/browser.mjs';
import { ASSET_PATH, startNodeCompiler } from '../compiler/node-host.mjs';
import { createCompiler } from '../../web/src/compiler/compile-core.js';
import { THREADS_PROGRAM, ms } from './compile-reference.mjs';
import { median } from './stats.mjs';

const argv = process.argv.slice(2);
const RUNS = Number(argv.includes('--runs') ? argv[argv.indexOf('--runs') + 1] : 5);


const mb = (x) => `${(x / 1e6).toFixed(1)} MB`;

async function chromiumBench() {
  const server = await serveHarness();
  const chromium = await launchBrowser();
  try {
    const profile = await chromium.newContext(); // a later page of it is a return visit
    let browser = await openHarness(profile, server.url);
    const first = await compileInPage(browser.page, { 'main.cpp': THREADS_PROGRAM });
    if (!first.ok) throw new Error(first.log);
    const check = await runLastInPage(browser.page);
    if (check.out[0] !== String(2 * 499500)) throw new Error(`wrong output: ${check.out}`);
    const firstBytes = server.compilerBytes();
    const warm = [];
    for (let i = 0; i < RUNS; i++) warm.push(await compileInPage(browser.page, { 'main.cpp': THREADS_PROGRAM }));
    await browser.close();

    browser = await openHarness(profile, server.url);
    const returning = await compileInPage(browser.page, { 'main.cpp': THREADS_PROGRAM });
    const returnBytes = server.compilerBytes() - firstBytes;
    await browser.close();
    return { first, warm, returning, firstBytes, returnBytes };
  } finally {
    await chromium.close();
    await server.close();
  }
}

async function nodeBench() {
  const t0 = performance.now();
  const { compiler, assets } = await startNodeCompiler();
  const startMs = performance.now() - t0;
  const first = await compiler.compile({ 'main.cpp': THREADS_PROGRAM });
  const warm = [];
  for (let i = 0; i < RUNS; i++) warm.push((await compiler.compile({ 'main.cpp': THREADS_PROGRAM })).timings);
  // The same without the precompiled header, to show what it saves.
  const { pch, ...withoutPch } = assets;
  const plain = await createCompiler(withoutPch);
  await plain.compile({ 'main.cpp': THREADS_PROGRAM });
  const warmNoPch = [];
  for (let i = 0; i < RUNS; i++) warmNoPch.push((await plain.compile({ 'main.cpp': THREADS_PROGRAM })).timings);
  return { startMs, first: first.timings, warm, warmNoPch };
}

const manifest = JSON.parse(readFileSync(join(ASSET_PATH, 'manifest.json'), 'utf8'));
console.log(`in-page compiler benchmark (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${RUNS} warm runs)`);
console.log(`assets: ${mb(manifest.rawBytes)} raw, ${mb(manifest.downloadBytes)} gzip to download`);
for (const [name, a] of Object.entries(manifest.assets)) {
  console.log(`  ${name.padEnd(16)} ${mb(a.bytes).padStart(9)} raw ${mb(a.gzipBytes).padStart(9)} gzip  ${a.files.length} file(s)`);
}

const c = await chromiumBench();
console.log('\nheadless Chromium, <thread> program:');
console.log(`  first visit: ${ms(c.first.ms)} total = ${Object.entries(c.first.phaseMs).map(([p, t]) => `${p} ${ms(t)}`).join(', ')}`);
console.log(`  downloaded on first visit: ${c.firstBytes} bytes; on return visit: ${c.returnBytes} bytes`);
console.log(`  return visit (compiler from Cache Storage): ${ms(c.returning.ms)} total = ${Object.entries(c.returning.phaseMs).map(([p, t]) => `${p} ${ms(t)}`).join(', ')}`);
console.log(`  warm compile+link median: ${ms(median(c.warm.map((r) => r.ms)))} (compile ${ms(median(c.warm.map((r) => r.timings.compileMs)))}, link ${ms(median(c.warm.map((r) => r.timings.linkMs)))}); all: ${c.warm.map((r) => Math.round(r.ms)).join(', ')}`);

if (!argv.includes('--no-node')) {
  const n = await nodeBench();
  console.log('\nnode 20, same program:');
  console.log(`  start (decompress + compile LLVM): ${ms(n.startMs)}; first compile ${ms(n.first.compileMs)}, link ${ms(n.first.linkMs)}`);
  console.log(`  warm median: compile ${ms(median(n.warm.map((t) => t.compileMs)))}, link ${ms(median(n.warm.map((t) => t.linkMs)))}`);
  console.log(`  warm median without the precompiled header: compile ${ms(median(n.warmNoPch.map((t) => t.compileMs)))}`);
}
