// The in-page compile pipeline under node (node stands in for the browser):
// the built assets in build/public/compiler/ are loaded the way the compile
// worker loads them, one clang serves every case, and each linked program runs
// in a child process through the same loader the page's runner uses
// (web/src/compiler/compiled-program.js, via tools/compiler/run-compiled.mjs).
// Build the assets first: node tools/compiler/build-assets.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeCompiler } from '../../tools/compiler/node-host.mjs';
import { messages } from '../../web/src/compiler/messages.js';
import { runCompiled } from './run-program.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'cdd-compiler-test-'));
let compiler;
let serial = 0;

before(async () => {
  ({ compiler } = await startNodeCompiler());
});
after(() => rmSync(scratch, { recursive: true, force: true }));

function run(wasm, args = []) {
  const path = join(scratch, `program${serial++}.wasm`);
  writeFileSync(path, wasm);
  return runCompiled(path, args);
}

async function compileAndRun(source, args = [], extraSources = {}, options = {}) {
  const result = await compiler.compile({ 'main.cpp': source, ...extraSources }, options);
  assert.equal(result.ok, true, `compile failed:\n${result.log}`);
  assert.ok(result.wasm instanceof Uint8Array && result.wasm.length > 1000);
  return run(result.wasm, args);
}

describe('in-page compiler', { concurrency: false }, () => {
  test('hello world', async () => {
    const { code, stdout } = await compileAndRun('#include <cstdio>\nint main() { std::printf("hello, %s\\n", "wasm"); }\n');
    assert.equal(code, 0);
    assert.equal(stdout, 'hello, wasm\n');
  });

  test('4 threads increment an atomic and a mutex-protected counter to exact totals', async () => {
    const { code, stdout } = await compileAndRun(`
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>
int main() {
  std::atomic<long> atomic_count{0};
  long locked_count = 0;
  std::mutex m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 100000; ++i) {
        atomic_count.fetch_add(1, std::memory_order_relaxed);
        std::lock_guard<std::mutex> lock(m);
        ++locked_count;
      }
    });
  for (auto& t : threads) t.join();
  std::printf("atomic=%ld mutex=%ld\\n", atomic_count.load(), locked_count);
}
`);
    assert.equal(code, 0);
    assert.equal(stdout, 'atomic=400000 mutex=400000\n');
  });

  test('producer/consumer with a condition_variable delivers every item once', async () => {
    const { code, stdout } = await compileAndRun(`
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <queue>
#include <thread>
int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 10;
  std::queue<int> q;
  std::mutex m;
  std::condition_variable cv;
  bool done = false;
  long long sum = 0;
  std::thread consumer([&] {
    for (;;) {
      std::unique_lock<std::mutex> lock(m);
      cv.wait(lock, [&] { return !q.empty() || done; });
      if (q.empty()) return;
      sum += q.front();
      q.pop();
    }
  });
  for (int i = 1; i <= n; ++i) {
    { std::lock_guard<std::mutex> lock(m); q.push(i); }
    cv.notify_one();
  }
  { std::lock_guard<std::mutex> lock(m); done = true; }
  cv.notify_one();
  consumer.join();
  std::printf("sum=%lld\\n", sum);
}
`, ['20000']);
    assert.equal(code, 0);
    assert.equal(stdout, `sum=${(20000 * 20001) / 2}\n`);
  });

  test('std::async and futures, plus C++20 latch, barrier and semaphore', async () => {
    const { code, stdout } = await compileAndRun(`
#include <barrier>
#include <cstdio>
#include <future>
#include <latch>
#include <numeric>
#include <semaphore>
#include <thread>
#include <vector>
int main() {
  std::vector<int> v(1000);
  std::iota(v.begin(), v.end(), 1);
  auto half = [&](size_t from, size_t to) { return std::accumulate(v.begin() + from, v.begin() + to, 0L); };
  auto low = std::async(std::launch::async, half, 0, 500);
  auto high = std::async(std::launch::async, half, 500, 1000);
  std::printf("async=%ld\\n", low.get() + high.get());
  std::latch ready(3);
  std::barrier sync(3);
  std::counting_semaphore<3> finished(0);
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i)
    threads.emplace_back([&] { ready.count_down(); sync.arrive_and_wait(); finished.release(); });
  ready.wait();
  for (int i = 0; i < 3; ++i) finished.acquire();
  for (auto& t : threads) t.join();
  std::printf("latch, barrier, semaphore: ok\\n");
}
`);
    assert.equal(code, 0);
    assert.equal(stdout, 'async=500500\nlatch, barrier, semaphore: ok\n');
  });

  test('a compile error yields diagnostics with file, line and column, and no program', async () => {
    const result = await compiler.compile({ 'main.cpp': '#include <cstdio>\n\nint main() {\n  int x = ;\n}\n' });
    assert.equal(result.ok, false);
    assert.equal(result.wasm, null);
    const error = result.diagnostics.find((d) => d.severity === 'error');
    assert.deepEqual(error, { file: 'main.cpp', line: 4, column: 11, severity: 'error', message: 'expected expression' });
    assert.match(result.log, /main\.cpp:4:11: error: expected expression/);
    assert.equal(result.explanation, null);
  });

  test('an error in a second file names that file; warnings are reported too', async () => {
    const result = await compiler.compile({
      'main.cpp': '#include "helper.h"\nint main() { int unused = 1; return helper(); }\n',
      'helper.h': 'inline int helper() { return undefined_name; }\n',
    });
    assert.equal(result.ok, false);
    assert.ok(result.diagnostics.some((d) => d.file === 'helper.h' && d.line === 1 && d.severity === 'error'));
    assert.ok(result.diagnostics.some((d) => d.file === 'main.cpp' && d.line === 2 && d.severity === 'warning'));
  });

  test('errors are those of a plain compile, not of one that sees the precompiled headers', async () => {
    // Compiles natively; with <algorithm> visible (it is in the PCH) `count` would be ambiguous.
    const ok = await compiler.compile({ 'main.cpp': '#include <cstdio>\nusing namespace std;\nint count = 0;\nint main() { count++; printf("%d\\n", count); }\n' });
    assert.equal(ok.ok, true, ok.log);
    const bad = await compiler.compile({ 'main.cpp': '#include <cstdio>\nusing namespace std;\nint count = 0;\nint main() { count++; return missing; }\n' });
    assert.deepEqual(bad.diagnostics.map((d) => [d.line, d.message]), [[4, "use of undeclared identifier 'missing'"]]);
  });

  test('an uncaught throw stops the program, naming the exception, as in a built program', async () => {
    // Exception catching is disabled in both (em++'s default): the catch
    // block is dropped and the throw ends the program.
    const source = `#include <cstdio>
#include <stdexcept>
struct Refused : std::invalid_argument { Refused() : std::invalid_argument("n must be positive") {} };
int main(int argc, char**) {
  std::puts("before");
  try {
    if (argc == 1) throw Refused();
  } catch (const std::exception&) {
    std::puts("caught");
  }
  throw 7;
}
`;
    const { code, stdout, stderr } = await compileAndRun(source);
    assert.equal(code, 134);
    assert.equal(stdout, 'before\n');
    assert.match(stderr, /uncaught C\+\+ exception Refused: n must be positive \(exceptions cannot be caught/);
  });

  test('a program using <cdd/report.h> and <cdd/args.h> prints report lines and checks its arguments', async () => {
    const source = `
#include <cdd/args.h>
#include <cdd/report.h>
int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  long long n = args.integer("n", 3, 1, 10);
  if (!args.ok()) return args.fail();
  cdd::chart("squares", "Squares", "x", "x squared");
  for (long long x = 1; x <= n; ++x) cdd::report("square", x, x * x, "");
}
`;
    const result = await compiler.compile({ 'main.cpp': source });
    assert.equal(result.ok, true, result.log);
    const { code, stdout } = await run(result.wasm, ['n=4']);
    assert.equal(code, 0);
    const reports = stdout.split('\n').filter((l) => l.startsWith('@cdd ')).map((l) => JSON.parse(l.slice(5)));
    assert.deepEqual(reports[0], { kind: 'chart', id: 'squares', title: 'Squares', x: 'x', y: 'x squared', log: '' });
    assert.deepEqual(reports.slice(1).map((r) => [r.x, r.y]), [[1, 1], [2, 4], [3, 9], [4, 16]]);
    const bad = await run(result.wasm, ['n=99']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /n must be a whole number from 1 to 10, got '99'/);
  });

  test('a libc function the runtime lacks aborts with its name', async () => {
    const { code, stdout, stderr } = await compileAndRun(`
#include <cstdio>
#include <netdb.h>
int main() {
  std::puts("before");
  addrinfo* found = nullptr;
  return getaddrinfo("example.com", "80", nullptr, &found);
}
`);
    assert.equal(stdout, 'before\n');
    assert.equal(code, 134);
    assert.match(stderr, /unsupported libc\/JS function: getaddrinfo/);
  });

  test('memory grows past the initial 64 MiB like a built program', async () => {
    const { code, stdout } = await compileAndRun(`
#include <cstdio>
#include <vector>
int main() {
  std::vector<char> big(size_t(300) << 20, 1);
  long sum = 0;
  for (size_t i = 0; i < big.size(); i += 4096) sum += big[i];
  std::printf("pages=%ld\\n", sum);
}
`);
    assert.equal(code, 0);
    assert.equal(stdout, `pages=${(300 << 20) / 4096}\n`);
  });

  test('static data larger than the initial memory is refused at link time with advice', async () => {
    const result = await compiler.compile({
      'main.cpp': 'static char table[100 << 20];\nint main(int argc, char**) { table[argc * 1000] = 1; return table[argc * 999]; }\n',
    });
    assert.equal(result.ok, false);
    assert.match(result.explanation, /global and static data need \d+ bytes/);
  });

  test('a program without main is refused with a clear message', async () => {
    const result = await compiler.compile({ 'main.cpp': 'int helper() { return 1; }\n' });
    assert.equal(result.ok, false);
    assert.equal(result.explanation, messages.noMain);
  });

  test('single-threaded kind (pages without cross-origin isolation) runs; starting a thread fails cleanly', async () => {
    const source = `
#include <cdd/report.h>
#include <cstdio>
#include <thread>
#include <vector>
int main() {
  std::vector<int> v(size_t(100) << 20 >> 2, 1); // 100 MiB: memory grows here too
  long sum = 0;
  for (int x : v) sum += x;
  std::printf("sum=%ld threads=%u\\n", sum, std::thread::hardware_concurrency());
  cdd::report("single", 1, 2, "ms");
}
`;
    const result = await compiler.compile({ 'main.cpp': source }, { threads: false });
    assert.equal(result.ok, true, result.log);
    assert.equal(result.runtime.worker, null, 'no pthread worker in the single-threaded runtime');
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(result.wasm));
    assert.ok(!imports.some((i) => i.kind === 'memory'), 'owns its memory: no SharedArrayBuffer needed');
    const { code, stdout } = await run(result.wasm);
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`^sum=${(100 << 20) / 4} threads=1\\n@cdd \\{"kind":"point"`));
  });

  test('bad source names are refused before compiling', async () => {
    const result = await compiler.compile({ '../evil.cpp': 'int main() {}' });
    assert.equal(result.ok, false);
    assert.equal(result.explanation, messages.badSourceName('../evil.cpp'));
    const huge = await compiler.compile({ 'main.cpp': `int main() {}\n${'// padding\n'.repeat(100000)}` });
    assert.match(huge.explanation, /characters long; the in-page compiler takes at most/);
    const nothing = await compiler.compile({ 'notes.h': '#pragma once\n' });
    assert.equal(nothing.explanation, messages.noSources);
    const shadowing = await compiler.compile({ 'main.cpp': 'int main() {}', 'sysroot/include/stdio.h': '' });
    assert.equal(shadowing.ok, false);
    assert.equal(shadowing.explanation, messages.badSourceName('sysroot/include/stdio.h'));
  });
});
