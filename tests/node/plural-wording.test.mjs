// "1 hardware threads" (issue 15): a count the machine or the learner can make
// 1 must not be printed before a fixed plural noun. The lessons' programs
// print such counts with cdd::plural (cpp/include/cdd/plural.h); this test
// reads every printf format of every lesson program and fails on an integer
// conversion directly followed by one of the nouns whose count can be 1 there:
// hardware threads and cores (1 in the single-threaded build), processes,
// attempts and finished jobs (a learner's argument or a run's outcome).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const lessons = fileURLToPath(new URL('../../lessons/', import.meta.url));
const NOUNS = ['hardware threads', 'cores', 'processes', 'process\\(es\\)', 'worker processes', 'attempts', 'jobs done'];
const COUNT_THEN_PLURAL = new RegExp(`%[-+ 0#]*\\d*(?:hh|h|ll|l|z|j|t)?[diu] (?:${NOUNS.join("|")})(?![a-z])`);

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(cpp|h)$/.test(name) ? [path] : [];
  });
}

export function offendingLines(text) {
  return text.split('\n').map((line, i) => [i + 1, line]).filter(([, line]) => COUNT_THEN_PLURAL.test(line));
}

test('the pattern finds what the issue reported, and not the fixed wording', () => {
  assert.equal(offendingLines('std::printf("%d hardware threads; measuring", cores);').length, 1);
  assert.equal(offendingLines('std::printf("(%u cores reported)", cores);').length, 1);
  assert.equal(offendingLines('std::printf("counted by %d process(es)", p);').length, 1);
  assert.equal(offendingLines('std::printf("%s; measuring %s.", cdd::plural(cores, "hardware thread", "hardware threads").c_str());').length, 0);
  assert.equal(offendingLines('std::printf("%d processes\\n", 4);').length, 1);
});

test('no lesson program prints a count that can be 1 before a fixed plural noun', () => {
  const found = sources(lessons).flatMap((path) =>
    offendingLines(readFileSync(path, 'utf8')).map(([n, line]) => `${path.slice(lessons.length)}:${n}: ${line.trim()}`));
  assert.deepEqual(found, []);
});
