#!/usr/bin/env node
// Which WebAssembly instructions do lesson 3's kernels compile to? Compiles
// each kernel with the flags the wasm programs use (em++ -O2 -msimd128),
// disassembles it with llvm-objdump, and counts vector (v128) instructions
// and popcounts per kernel. Exits with 1 when a kernel does not look as the
// lesson says it does (the scalar float sum vectorized, the 8-lane or
// intrinsic sums not vectorized, the byte loop vectorized, no i64.popcnt).
//   node tools/bench/parallelism-simd-ops.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { printTable } from './stats.mjs';

const lesson = resolve('lessons/03-parallelism');
const dir = mkdtempSync(join(tmpdir(), 'cdd-simd-ops-'));
const probe = `
#include "accumulators.h"
#include "bit_sets.h"
#include "simd_sum.h"
using namespace parallelism;
extern "C" {
std::size_t bytes_one_at_a_time(const std::uint8_t* a, const std::uint8_t* b, std::size_t n) { return common_members_bytes(a, b, n); }
std::size_t words_and_popcount(const std::uint64_t* a, const std::uint64_t* b, std::size_t n) { return common_members_words(a, b, n); }
double one_accumulator(const double* x, std::size_t n) { return sum_with_chains<1>(x, n); }
double four_accumulators(const double* x, std::size_t n) { return sum_with_chains<4>(x, n); }
float float_sum_scalar(const float* x, std::size_t n) { return sum_scalar(x, n); }
float float_sum_lanes(const float* x, std::size_t n) { return sum_lanes(x, n); }
float float_sum_intrinsics(const float* x, std::size_t n) { return sum_intrinsics(x, n); }
}`;
writeFileSync(join(dir, 'probe.cpp'), probe);
const object = join(dir, 'probe.o');
try {
  execFileSync('em++', ['-O2', '-msimd128', '-std=c++17', `-I${lesson}`, '-c', join(dir, 'probe.cpp'), '-o', object], {
    env: { ...process.env, NODE_PATH: process.env.NODE_PATH || '/usr/share/nodejs' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const objdump = ['llvm-objdump', '/usr/lib/llvm-14/bin/llvm-objdump'].find((tool) => {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!objdump) throw new Error('llvm-objdump not found (Debian: apt-get install llvm)');
  const listing = execFileSync(objdump, ['-d', object], { encoding: 'utf8', maxBuffer: 1 << 26 });

  // The kernels are KERNEL (noinline), so each wrapper is a call; count the
  // instructions of the kernel bodies, which llvm-objdump names by their
  // mangled C++ names.
  const bodies = {
    bytes_one_at_a_time: /common_members_bytes/,
    words_and_popcount: /common_members_words/,
    one_accumulator: /sum_with_chainsILi1E/,
    four_accumulators: /sum_with_chainsILi4E/,
    float_sum_scalar: /sum_scalar/,
    float_sum_lanes: /sum_lanes/,
    float_sum_intrinsics: /sum_intrinsics/,
  };
  const counts = {};
  let current = null;
  for (const line of listing.split('\n')) {
    const header = line.match(/^[0-9a-f]+ <(.+)>:$/);
    if (header) {
      current = Object.keys(bodies).find((k) => bodies[k].test(header[1])) ?? null;
      if (current) counts[current] = {};
      continue;
    }
    if (!current) continue;
    for (const op of line.match(/\b(?:[if](?:8x16|16x8|32x4|64x2)|v128)\.[a-z_0-9]+|\bi64\.popcnt\b/g) ?? [])
      counts[current][op] = (counts[current][op] || 0) + 1;
  }
  const vectorOps = (name) => Object.entries(counts[name] || {}).filter(([op]) => op !== 'i64.popcnt').reduce((n, [, c]) => n + c, 0);
  const describe = (name) => Object.entries(counts[name] || {}).sort((a, b) => b[1] - a[1]).map(([op, c]) => `${op} ×${c}`).join(', ') || 'none';
  printTable('WebAssembly vector instructions per lesson 3 kernel (em++ -O2 -msimd128)', ['kernel', 'v128 ops', 'instructions'],
    Object.keys(bodies).map((name) => [name, String(vectorOps(name)), describe(name)]));

  const problems = [];
  if (vectorOps('float_sum_scalar') > 0) problems.push('the scalar float sum was vectorized (it must keep its order)');
  if (!counts.float_sum_lanes?.['f32x4.add']) problems.push('the 8-lane float sum was not auto-vectorized');
  if (!counts.float_sum_intrinsics?.['f32x4.add']) problems.push('the intrinsics float sum has no f32x4.add');
  if (vectorOps('bytes_one_at_a_time') > 0) problems.push('the byte-at-a-time loop was vectorized');
  if (!counts.words_and_popcount?.['i64.popcnt']) problems.push('the word loop has no i64.popcnt');
  for (const p of problems) console.error(`problem: ${p}`);
  console.log(problems.length ? '\nSome kernels do not compile as the lesson says.' : '\nEvery kernel compiles as the lesson says.');
  process.exitCode = problems.length ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
