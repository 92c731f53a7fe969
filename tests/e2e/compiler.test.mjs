// The in-page compiler in Chromium, below the lesson UI: the client and its
// module worker download the compiler (Cache Storage keeps it), compile and
// link a threaded program, and a classic worker runs it as the lesson runner
// does. A second visit with the same profile must download none of the
// compiler. One browser for the file; a browser context is one profile.
// Needs the assets: node tools/compiler/build-assets.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './browser.mjs';
import { serveHarness } from './compiler-harness/serve.mjs';
import { compileInPage, openHarness, runLastInPage } from './compiler-harness/browser.mjs';

const THREADS = `#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>
int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 2;
  std::atomic<long> a{0};
  long m = 0;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < n; ++t)
    threads.emplace_back([&] { for (int i = 0; i < 50000; ++i) { a++; std::lock_guard<std::mutex> l(mu); ++m; } });
  for (auto& t : threads) t.join();
  std::printf("threads=%d atomic=%ld mutex=%ld\\n", n, a.load(), m);
}
`;

let server;
let browser;
let profile; // the first three tests are visits of one learner
before(async () => {
  server = await serveHarness();
  browser = await launchBrowser();
  profile = await browser.newContext();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('first visit: download with progress, compile, link and run a threaded program', { timeout: 300000 }, async () => {
  const visit = await openHarness(profile, server.url);
  try {
    const info = await visit.page.evaluate(() => window.compilerClient.downloadInfo());
    assert.ok(info.totalBytes > 10e6, `download is ${info.totalBytes} bytes`);
    assert.equal(info.bytesToDownload, info.totalBytes, 'nothing cached yet');

    const result = await compileInPage(visit.page, { 'main.cpp': THREADS });
    assert.equal(result.ok, true, result.log);
    assert.deepEqual(result.phases, ['download', 'prepare', 'compile', 'link']);
    assert.equal(server.compilerBytes(), info.totalBytes, 'every compiler file downloaded exactly once');

    const run = await runLastInPage(visit.page, ['4']);
    assert.deepEqual(run.out, ['threads=4 atomic=200000 mutex=200000']);
    assert.equal(run.type, 'exit');
    assert.equal(run.code, 0);

    // The compiler is cached now; a node program still needs its own PCH, and the notice says so.
    const node = await visit.page.evaluate(() => window.compilerClient.downloadInfo({ sources: { 'main.cpp': '#include <cdd/maelstrom.h>\n' } }));
    assert.ok(node.bytesToDownload > 1e6 && node.bytesToDownload < node.totalBytes, `a node program has ${node.bytesToDownload} of ${node.totalBytes} bytes to fetch`);

    const bad = await compileInPage(visit.page, { 'main.cpp': 'int main() {\n  return x;\n}\n' });
    assert.equal(bad.ok, false);
    assert.deepEqual(bad.diagnostics.map((d) => [d.file, d.line, d.column, d.severity]), [['main.cpp', 2, 10, 'error']]);
    assert.deepEqual(visit.errors, []);
  } finally {
    await visit.close();
  }
});

test('second visit: nothing of the compiler is downloaded again', { timeout: 300000 }, async () => {
  const before = server.compilerBytes();
  const requestsBefore = server.compilerRequests();
  const visit = await openHarness(profile, server.url);
  try {
    const info = await visit.page.evaluate(() => window.compilerClient.downloadInfo());
    assert.equal(info.bytesToDownload, 0);
    const result = await compileInPage(visit.page, { 'main.cpp': THREADS });
    assert.equal(result.ok, true, result.log);
    assert.equal(server.compilerBytes() - before, 0);
    assert.equal(server.compilerRequests() - requestsBefore, 0, 'not even a revalidation: Cache Storage answers');
    const run = await runLastInPage(visit.page, ['2']);
    assert.deepEqual(run.out, ['threads=2 atomic=100000 mutex=100000']);

    const missing = await compileInPage(visit.page, {
      'main.cpp': '#include <cstdio>\n#include <netdb.h>\nint main() { std::puts("before"); addrinfo* r = nullptr; return getaddrinfo("a", "80", nullptr, &r); }\n',
    });
    assert.equal(missing.ok, true, missing.log);
    const aborted = await runLastInPage(visit.page);
    assert.deepEqual(aborted.out, ['before']);
    assert.ok(['abort', 'crash'].includes(aborted.type), aborted.type);
    assert.match(aborted.reason, /unsupported libc\/JS function: getaddrinfo/);
  } finally {
    await visit.close();
  }
});

test('cancel stops a compile at once and the next compile still works', { timeout: 300000 }, async () => {
  const visit = await openHarness(profile, server.url);
  try {
    const outcome = await visit.page.evaluate(async (source) => {
      // Cancel as the compile phase begins: the compile cannot have finished
      // by then, however fast the machine.
      let raced = null;
      const pending = window.compilerClient.compile({ 'main.cpp': source }, {
        onProgress: ({ phase }) => {
          if (phase !== 'compile' || raced) return;
          const laterTask = new Promise((resolve) => setTimeout(() => resolve('a later task'), 0));
          window.compilerClient.cancel();
          raced = Promise.race([pending.then(() => 'the compile'), laterTask]);
        },
      });
      const result = await pending;
      return { cancelled: result.cancelled, ok: result.ok, settledFirst: raced && (await raced) };
    }, THREADS);
    assert.deepEqual({ cancelled: outcome.cancelled, ok: outcome.ok }, { cancelled: true, ok: false });
    // "At once": the compile settles before the page runs any later task, without waiting for the worker.
    assert.equal(outcome.settledFirst, 'the compile');
    const again = await compileInPage(visit.page, { 'main.cpp': '#include <cstdio>\nint main() { std::puts("again"); }\n' });
    assert.equal(again.ok, true, again.log);
    assert.deepEqual((await runLastInPage(visit.page)).out, ['again']);
  } finally {
    await visit.close();
  }
});

test('a page without cross-origin isolation compiles for the single-threaded runtime', { timeout: 300000 }, async () => {
  const plain = await serveHarness({ isolation: false });
  const plainProfile = await browser.newContext();
  const visit = await openHarness(plainProfile, plain.url);
  try {
    assert.equal(await visit.page.evaluate(() => crossOriginIsolated), false);
    const info = await visit.page.evaluate(() => window.compilerClient.downloadInfo());
    const source = '#include <cstdio>\n#include <thread>\nint main() { std::printf("cores=%u\\n", std::thread::hardware_concurrency()); }\n';
    const result = await compileInPage(visit.page, { 'main.cpp': source });
    assert.equal(result.ok, true, result.log);
    assert.equal(plain.compilerBytes(), info.totalBytes, 'only the single-threaded kind is downloaded');
    assert.ok(![...plain.sent.keys()].some((p) => /\/(pch|runtime|sysroot-lib)\./.test(p)), 'no threaded-only files');
    const run = await runLastInPage(visit.page);
    assert.deepEqual(run.out, ['cores=1']);
    assert.equal(run.code, 0);
  } finally {
    await plainProfile.close();
    await plain.close();
  }
});
