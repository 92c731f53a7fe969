#!/usr/bin/env bash
# Builds the tutorial. With no argument: everything (native programs and tests,
# WebAssembly programs, static assets, then the site into dist/).
#   tools/build.sh native | wasm | assets | site
# Each step is incremental, so a second run is quick.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # Debian's em++ finds acorn there
jobs=$(nproc 2>/dev/null || echo 2)
what=${1:-all}

build_native() {
  echo "build: native programs and tests (build/native)"
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j"$jobs"
}

build_wasm() {
  echo "build: WebAssembly programs (build/wasm -> build/public/wasm)"
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/wasm -j"$jobs"
}

build_assets() {
  echo "build: static assets (build/public)"
  node tools/prepare-public.mjs
  if [ -f tools/compiler/build-assets.mjs ]; then node tools/compiler/build-assets.mjs; fi
}

build_site() {
  echo "build: site (dist/)"
  node node_modules/vite/bin/vite.js build --config vite.config.mjs --logLevel warn
}

# Each stage of a full build says how long it took (npm test has a 15-minute
# budget on a fresh 2-core machine; the build is about 5 minutes of it).
timed() {
  local started=$SECONDS
  "$@"
  echo "build: $* took $((SECONDS - started)) s"
}

case "$what" in
  native) build_native ;;
  wasm) build_wasm ;;
  assets) build_assets ;;
  site) build_site ;;
  all) timed build_native; timed build_wasm; timed build_assets; timed build_site ;;
  *) echo "usage: tools/build.sh [native|wasm|assets|site]" >&2; exit 64 ;;
esac
