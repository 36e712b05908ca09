#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang-14 and ASan+UBSan and runs
# each from its seed corpus for a bounded time. Any crash, leak, UB or broken
# invariant fails the script and leaves the reproducer in build-fuzz/.
# Usage: scripts/run-fuzz.sh [SECONDS_PER_TARGET]   (default $NETGATEWAY_FUZZ_SECONDS or 15)
#        scripts/run-fuzz.sh SECONDS TARGET...      (only the named targets)
# The seed is fixed (NETGATEWAY_FUZZ_SEED, default 1) so a CI run is repeatable;
# set another seed for exploratory runs.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-${NETGATEWAY_FUZZ_SECONDS:-15}}
shift || true
build=${NETGATEWAY_FUZZ_BUILD:-$top/build-fuzz}

cmake -S "$top/fuzz" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
start=$(date +%s)
cmake --build "$build" -j"${NETGATEWAY_JOBS:-2}"
echo "== fuzz targets built in $(( $(date +%s) - start ))s"

run() {
  local target=$1 corpus=$2
  local work="$build/corpus-$target"
  mkdir -p "$work"
  echo "== fuzz $target for ${seconds}s"
  # New inputs go to the scratch corpus; the committed seeds are only read.
  (cd "$build" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "./$target" -seed="${NETGATEWAY_FUZZ_SEED:-1}" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 "$work" "$top/fuzz/corpus/$corpus")
}

# target -> seed corpus in fuzz/corpus/ (also replayed by ctest -L fuzz-replay)
declare -A corpora=(
  [FuzzPrinterMapping]=printer_mapping
  [FuzzVendorProfile]=vendor_profile
  [FuzzWsdMessage]=wsd_message
  [FuzzWsdMetadata]=wsd_metadata
  [FuzzApiRequest]=api_request
  [FuzzUpgradeManifest]=upgrade_manifest
  [FuzzServiceConfig]=service_config
  [FuzzDiscoverySettings]=discovery_settings
  [FuzzControlRequest]=control_request
  [FuzzSnmpMessage]=snmp_message
  [FuzzTaskRequest]=task_request
)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzPrinterMapping FuzzVendorProfile FuzzWsdMessage FuzzWsdMetadata FuzzApiRequest
  FuzzUpgradeManifest FuzzServiceConfig FuzzDiscoverySettings FuzzControlRequest FuzzSnmpMessage
  FuzzTaskRequest)
for target in "${targets[@]}"; do
  run "$target" "${corpora[$target]}"
done
echo "== fuzzing found nothing"
