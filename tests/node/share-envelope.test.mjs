// Share links' envelope (web/src/share/): round trips, limits, damaged links,
// and links frozen here as made by earlier versions, which must keep opening.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'fflate';
import {
  encodeShare, decodeShare, isShareLink, shareAddress, MAX_PAYLOAD_BYTES, MAX_FRAGMENT_CHARS, SHARE_VERSION,
} from '../../web/src/share/envelope.js';
import { toBase64url } from '../../web/src/share/base64url.js';
import { cellPayload, resolveShare } from '../../web/src/share/cell-payload.js';

const cellShare = (source, params = {}) => ({ cell: 'hello', n: 0, files: { 'hello.cpp': source }, params });

// Made by version 2 of the envelope (this page, 2026-11-30). Never edit: it stands for links already shared.
const FROZEN_V2 = '#/playground?v=2&s=q1ZKTs3JUbJSygBS-fElGUWpiSnFSjpKeUpWBjpKaZk5qcVKVtWo0nrJBQVALcqZeck5pSmpCjbJxSUpmfl2MXmZeSUKuYmZeRqaCtUKQEErq4LSkmKNGKWMwyuBBugoPNkx7fnUHoUP85dvjVHStFaojclTqtVRKkgsSswFWwRzgZWSsVJtLQA';
const FROZEN_V2_PAYLOAD = {
  cell: 'hello_threads', n: 0,
  files: { 'hello_threads.cpp': '#include <cstdio>\nint main() { std::puts("héllo, 世界 🧵"); }\n' },
  params: { threads: '3' },
};
// Made by lesson 5's cluster before the envelope (version 1, commit 8b8d567).
const FROZEN_V1 = '#/05-distributed-systems?cluster=primary-backup&v=1&run=eyJwcm90b2NvbCI6InByaW1hcnktYmFja3VwIiwibm9kZXMiOjMsInNlZWQiOjQyLCJvcHMiOjUwMCwicmF0ZSI6NTAsImNsaWVudHMiOjYsImtleXMiOjMsImxhdGVuY3kiOiJ1bmlmb3JtOjFtczo1bXMiLCJjbGllbnRUaW1lb3V0TXMiOjEwMDAsImZhdWx0cyI6W3siYXQiOjEwMDAsImRvIjoiaXNvbGF0ZSIsIm5vZGUiOiJuMSJ9LHsiYXQiOjMwMDAsImRvIjoiaGVhbCJ9XX0&hash=0123456789abcdef';
const FROZEN_V1_RUN = {
  protocol: 'primary-backup', nodes: 3, seed: 42, ops: 500, rate: 50, clients: 6, keys: 3, latency: 'uniform:1ms:5ms',
  clientTimeoutMs: 1000, faults: [{ at: 1000, do: 'isolate', node: 'n1' }, { at: 3000, do: 'heal' }],
};

test('a cell share round-trips its source and parameters exactly, unicode and control characters included', () => {
  const sources = [
    '#include <cstdio>\nint main() { std::puts("hi"); }\n',
    '// 世界 🧵 naïve “quotes” \u0000 nul, \r\n CRLF, \t tab, lone surrogate-free astral 𝄞\n',
    '',
    '%23 #hash ?query &amp= +plus /slash',
  ];
  for (const source of sources) {
    const payload = cellShare(source, { threads: '4', mode: 'naïve ü', empty: '' });
    const { text, error } = encodeShare(payload);
    assert.equal(error, null);
    assert.match(text, new RegExp(`^v=${SHARE_VERSION}&s=[A-Za-z0-9_-]+$`), 'only characters a fragment carries unescaped');
    for (const link of [text, `#/lesson?${text}`, shareAddress('https://example.org/course/index.html#/old', 'lesson', text)]) {
      assert.deepEqual(decodeShare(link), { version: SHARE_VERSION, payload, error: null }, link);
    }
  }
});

test('the address keeps the site and puts the lesson route before the share', () => {
  const url = shareAddress('https://example.org/course/?x=1#/other?v=2&s=old', 'playground', 'v=2&s=abc');
  assert.equal(url, 'https://example.org/course/?x=1#/playground?v=2&s=abc');
});

test('links frozen by earlier versions keep opening', () => {
  assert.deepEqual(decodeShare(FROZEN_V2), { version: '2', payload: FROZEN_V2_PAYLOAD, error: null });
  assert.deepEqual(decodeShare(FROZEN_V1), { version: '1', payload: { cluster: 'primary-backup', run: FROZEN_V1_RUN, hash: '0123456789abcdef' }, error: null });
});

test('every program of every lesson can be shared, well within the limits', () => {
  const lessons = join(import.meta.dirname, '../../lessons');
  let count = 0;
  for (const folder of readdirSync(lessons, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of readdirSync(join(lessons, folder.name)).filter((n) => n.endsWith('.cpp'))) {
      const { text, error } = encodeShare(cellShare(readFileSync(join(lessons, folder.name, name), 'utf8')));
      assert.equal(error, null, name);
      assert.ok(text.length < MAX_FRAGMENT_CHARS / 4, `${name}: ${text.length} characters`);
      count++;
    }
  }
  assert.ok(count >= 20, `${count} programs`);
});

test('a 100 KB source is refused with a message, however well it compresses', () => {
  for (const source of ['x'.repeat(100 * 1024), 'int a = 1;\n'.repeat(10 * 1024)]) {
    const { text, error } = encodeShare(cellShare(source));
    assert.equal(text, null);
    assert.match(error, /too large to share as a link: 1\d\d KB .* at most 64 KB/);
  }
  // Just under the byte limit, but text that hardly compresses would make a link longer than browsers and mail keep.
  let seed = 12345;
  const noise = Array.from({ length: 50 * 1024 }, () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return String.fromCharCode(33 + (seed >>> 16) % 94);
  }).join('');
  const noisy = encodeShare(cellShare(noise));
  assert.equal(noisy.text, null);
  assert.match(noisy.error, new RegExp(`the link would be \\d+ characters long, and links longer than ${MAX_FRAGMENT_CHARS} break`));
});

test('a link that would unpack to more than the limit is refused before it is unpacked in full', () => {
  const bomb = deflateSync(new TextEncoder().encode(`{"cell":"a","n":0,"files":{"a.cpp":"${'a'.repeat(4 * 1024 * 1024)}"},"params":{}}`));
  const link = `v=2&s=${toBase64url(bomb)}`;
  assert.ok(link.length < 10000, 'a short link');
  const result = decodeShare(link);
  assert.equal(result.payload, null);
  assert.match(result.error, new RegExp(`more than ${MAX_PAYLOAD_BYTES / 1024} KB`));
});

test('damaged, unknown and non-share fragments give a message and never throw', () => {
  const good = encodeShare(cellShare('int main() {}')).text;
  const data = good.slice(good.indexOf('&s=') + 3);
  const cases = [
    [`v=2&s=${data.slice(0, -6)}`, /damaged/],
    [`v=2&s=${data}!!`, /damaged.*characters a share link does not use/],
    [`v=2&s=${data.slice(0, 10)}`, /damaged/],
    ['v=2&s=', /damaged/],
    ['v=2', /damaged \(no s=\)/],
    [`v=2&s=${toBase64url(deflateSync(new TextEncoder().encode('[1,2]')))}`, /not a share/],
    [`v=2&s=${toBase64url(deflateSync(new TextEncoder().encode('{"cell":')))}`, /damaged/],
    [`v=2&s=${toBase64url(deflateSync(Uint8Array.of(0xff, 0xfe)))}`, /damaged/],
    [`v=3&s=${data}`, /newer version of this tutorial \(v=3; this page reads v=1, v=2\)/],
    [`v=abc&s=${data}`, /damaged \(no version of this tutorial made v=abc\)/],
    [`s=${data}`, /no version/],
    ['v=1&cluster=x', /no run settings/],
    ['v=1&run=%%%', /damaged/],
  ];
  for (const [text, pattern] of cases) {
    const result = decodeShare(`#/lesson?${text}`);
    assert.equal(result.payload, null, text);
    assert.match(result.error, pattern, text);
  }
  assert.match(decodeShare(undefined).error, /text/);
  assert.equal(isShareLink('#/lesson'), false);
  assert.equal(isShareLink('#/lesson/section'), false);
  assert.equal(isShareLink(`#/lesson?${good}`), true);
});

test('a cell share names its cell by program and occurrence, and the page finds it or says why not', () => {
  const cell = (program, ...names) => ({ program, files: (names.length ? names : [`${program}.cpp`]).map((name) => ({ name, source: '' })) });
  const cells = [cell('races'), cell('queue'), cell('races'), cell('pool', 'pool.cpp', 'pool.h')];
  const payload = cellPayload(cells, 2, { 'races.cpp': 'edited' }, { threads: '8' });
  assert.deepEqual(payload, { cell: 'races', n: 1, files: { 'races.cpp': 'edited' }, params: { threads: '8' } });
  const link = `#/concurrency?${encodeShare(payload).text}`;
  assert.deepEqual(resolveShare(link, cells), { cell: { index: 2, files: { 'races.cpp': 'edited' }, params: { threads: '8' }, error: null } });
  // The same link against a lesson that lost its second races cell, or changed the files.
  assert.match(resolveShare(link, cells.slice(0, 2)).error, /cell 2 of the program “races”, which this lesson does not have/);
  assert.match(resolveShare(link, [cell('races', 'races.cpp', 'extra.h'), cell('races', 'races.cpp', 'extra.h')]).error,
    /holds the files races\.cpp, and this cell has races\.cpp, extra\.h/);
  const odd = `#/x?${encodeShare({ cell: 'races', n: -1, files: {}, params: {} }).text}`;
  assert.match(resolveShare(odd, cells).error, /cannot be opened/);
  assert.equal(resolveShare('#/concurrency', cells), null);
  const toRaft = `#/x?${encodeShare({ cluster: 'raft', run: {}, hash: null }).text}`;
  assert.deepEqual(resolveShare(toRaft, cells, ['quorum', 'raft']), { cluster: 'raft' }, 'the widget reads its run itself');
  assert.match(resolveShare(toRaft, cells, ['quorum']).error, /names a cluster, “raft”, which this lesson does not have/);
  assert.match(resolveShare('#/x?v=2&s=AAAA', cells).error, /This share link cannot be opened: it is damaged/);
});
