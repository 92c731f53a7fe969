#!/usr/bin/env node
// Benchmark: the in-page compiler (under node) on lesson 5's node templates
// (lessons/05-distributed-systems/nodes/*.cpp, which include <cdd/maelstrom.h>
// and nlohmann-json). The target is a warm compile + link of a
// template in at most 2 s. Prints medians; not a test. The CPU column (this
// process's CPU time for a compile + link, clang runs on this thread) is
// steadier than wall time on a busy machine, for comparing builds.
//   node tools/bench/node-templates-compile.mjs [--runs 5]
// Needs the assets: bash tools/build.sh assets
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ASSET_PATH, ROOT, startNodeCompiler } from '../compiler/node-host.mjs';
import { MANIFEST, NODE_PCH } from '../../web/src/compiler/toolchain.js';
import { THREADS_PROGRAM, ms } from './compile-reference.mjs';
import { median } from './stats.mjs';

const argv = process.argv.slice(2);
const RUNS = Number(argv.includes('--runs') ? argv[argv.indexOf('--runs') + 1] : 5);
const NODES = join(ROOT, 'lessons', '05-distributed-systems', 'nodes');


if (!existsSync(join(ASSET_PATH, MANIFEST))) {
  console.log(`no compiler assets in ${ASSET_PATH}; run bash tools/build.sh assets first`);
  process.exit(0);
}
const manifest = JSON.parse(readFileSync(join(ASSET_PATH, MANIFEST), 'utf8'));
const pch = manifest.assets[NODE_PCH.asset];
console.log(`node templates, in-page compiler under node 20 (threaded, as the page compiles them; ` +
  `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${RUNS} warm runs each)`);
if (pch) console.log(`node programs' precompiled header and its code's object (${NODE_PCH.asset}, at ${NODE_PCH.optimize}): ${(pch.bytes / 1e6).toFixed(1)} MB raw, ${(pch.gzipBytes / 1e6).toFixed(1)} MB gzip`);

// For scale on a busy machine: the <thread> program compile.mjs times, compiled alongside.

const { compiler } = await startNodeCompiler();
console.log('\n| program | first compile | warm compile (median) | warm link (median) | warm total (median) | warm total CPU (median) | target |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const cpuMs = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
const programs = [['(reference) <thread> program', THREADS_PROGRAM],
  ...readdirSync(NODES).filter((f) => f.endsWith('.cpp')).sort().map((f) => [f, readFileSync(join(NODES, f), 'utf8')])];
for (const [file, source] of programs) {
  const sources = { [file.endsWith('.cpp') ? file : 'main.cpp']: source };
  const first = await compiler.compile(sources);
  if (!first.ok) throw new Error(`${file} does not compile:\n${first.log}`);
  const warm = [];
  const cpu = [];
  for (let i = 0; i < RUNS; i++) {
    const before = cpuMs();
    warm.push((await compiler.compile(sources)).timings);
    cpu.push(cpuMs() - before);
  }
  const total = median(warm.map((t) => t.compileMs + t.linkMs));
  console.log(`| ${file} | ${ms(first.timings.compileMs + first.timings.linkMs)} | ${ms(median(warm.map((t) => t.compileMs)))} | ` +
    `${ms(median(warm.map((t) => t.linkMs)))} | ${ms(total)} | ${ms(median(cpu))} | ${total <= 2000 ? 'met (<= 2 s)' : 'missed (> 2 s)'} |`);
}
