#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test: first the normal
# hardened build, then the whole suite again built with ASan+UBSan.
# Usage: scripts/test.sh            (everything)
#        NETGATEWAY_SKIP_SANITIZE=1 scripts/test.sh   (hardened build only)
#        NETGATEWAY_TSAN=1 scripts/test.sh            (also the ThreadSanitizer stage)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

scripts/install-deps.sh

jobs=${NETGATEWAY_JOBS:-2}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
# Paths relative to the checkout, so a fresh clone elsewhere reuses the cache.
export CCACHE_BASEDIR=$top CCACHE_NOHASHDIR=true
export QT_QPA_PLATFORM=offscreen

run_suite() {
  local dir=$1; shift
  echo "== configure $dir ($*)"
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  echo "== build $dir"
  cmake --build "$dir" -j"$jobs"
  echo "== test $dir"
  ctest --test-dir "$dir" -j"$jobs" --output-on-failure --timeout 600
}

run_suite build -DCMAKE_BUILD_TYPE=RelWithDebInfo
if [ "${NETGATEWAY_SKIP_SANITIZE:-0}" != "1" ]; then
  # The Windows type check does not change with the sanitizers; run it once.
  run_suite build-asan -DCMAKE_BUILD_TYPE=Debug -DNETGATEWAY_SANITIZE=ON -DNETGATEWAY_WINDOWS_CHECK=OFF
fi
# ThreadSanitizer on the concurrency-heavy suites only. Its cold build takes
# longer than CI can afford (docs/BENCHMARKS.md), so it runs on request.
if [ "${NETGATEWAY_TSAN:-0}" = "1" ]; then
  scripts/tsan.sh build-tsan
fi
# The fuzz targets (clang-14, ASan+UBSan) run from their seed corpora for a bounded time.
if [ "${NETGATEWAY_SKIP_FUZZ:-0}" != "1" ]; then
  scripts/run-fuzz.sh "${NETGATEWAY_FUZZ_SECONDS:-15}"
fi
# The .deb: lintian, then installed and started in a fresh Debian 12 root.
if [ "${NETGATEWAY_SKIP_DEB:-0}" != "1" ]; then
  echo "== package check"
  rc=0
  scripts/check-deb.sh build || rc=$?
  # 77: skipped (not root); anything else non-zero is a failure.
  [ $rc -eq 0 ] || [ $rc -eq 77 ] || exit $rc
fi
echo "== all test suites passed"
