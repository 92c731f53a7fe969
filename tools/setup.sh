#!/usr/bin/env bash
# Installs what the project needs and is missing, then returns quickly when
# everything is already there. Used by `npm start` and `npm test`.
#   --with-browser   also Chromium (for the browser tests)
# Debian/Ubuntu: installs with apt-get (as root, or through sudo). Elsewhere it
# prints what to install and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

with_browser=0
[ "${1:-}" = "--with-browser" ] && with_browser=1

need=()
command -v em++ >/dev/null 2>&1 || need+=(emscripten)
command -v cmake >/dev/null 2>&1 || need+=(cmake)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v make >/dev/null 2>&1 || need+=(make)
[ -f /usr/include/gtest/gtest.h ] || need+=(libgtest-dev)
[ -f /usr/include/nlohmann/json.hpp ] || need+=(nlohmann-json3-dev)
[ -d /usr/share/nodejs/acorn ] || need+=(node-acorn)  # Debian's em++ needs it
if [ "$with_browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then need+=(chromium); fi

if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" != 0 ]; then
      if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        echo "Please install as root: apt-get install -y ${need[*]}" >&2; exit 1
      fi
    fi
    echo "setup: installing ${need[*]} with apt-get"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "setup: this system has no apt-get. Please install: ${need[*]}" >&2
    echo "       (Emscripten 3.1.6, CMake >= 3.20, g++, GoogleTest, nlohmann-json; Chromium for tests)" >&2
    exit 1
  fi
fi

# npm packages: reinstall when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
