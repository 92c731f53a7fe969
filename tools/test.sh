#!/usr/bin/env bash
# Every test, after tools/build.sh: native C++ (ctest), the node-only tools,
# WebAssembly under node, then the page in headless Chromium. Stops at the
# first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each stage says when it started, and the end the total: `npm test` has a 15-minute budget.
trap 'echo "== tests: $SECONDS s in all"' EXIT

echo "== native C++ tests (ctest) (at $SECONDS s)"
# One test at a time: the whole native suite takes seconds, and several of its
# tests start threads that wait, time or race on purpose. Run side by side on
# a 2-core machine they would compete with each other for the cores, and a
# verdict could depend on which tests happened to run together. (Tests marked
# RUN_SERIAL stay alone even when someone runs ctest -j by hand.)
ctest --test-dir build/native --output-on-failure -j1

echo "== tool tests (node) (at $SECONDS s)"
node --test --test-concurrency=1 tests/node/

echo "== WebAssembly tests (node) (at $SECONDS s)"
node --test --test-concurrency=1 tests/wasm/

echo "== browser tests (headless Chromium) (at $SECONDS s)"
# Two files at a time: a browser test spends much of its time waiting for the
# page (loads, workers starting, states to change), so one file leaves a core
# idle, and none of them decides by timing (they wait for states; the stress
# test runs them beside two busy loops). 385 s -> about 270 s on 2 cores.
node --test --test-concurrency=2 tests/e2e/
