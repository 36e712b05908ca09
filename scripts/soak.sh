#!/usr/bin/env bash
# Soak run: 10,000 fleetsim printers polled by the real netgatewayd on a
# compressed clock (48x: two simulated days per real hour), uploading to the
# cloud emulator. Prints RSS after warm-up and at the end, open file
# descriptors, missed polls and the delivery check; exits non-zero when any
# check fails. Everything runs on 127.0.0.0/8.
#
#   scripts/soak.sh [--minutes N] [--devices N] [--speed K] [--warmup-minutes W]
#
# Default 60 minutes. Needs about 2 cores' worth of spare CPU at 10,000
# devices; the build directory is ./build (or $NETGATEWAY_BUILD_DIR).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${NETGATEWAY_BUILD_DIR:-$top/build}

minutes=60
devices=10000
speed=48
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) minutes=$2; shift 2 ;;
        --devices) devices=$2; shift 2 ;;
        --speed) speed=$2; shift 2 ;;
        --warmup-minutes) extra+=(--warmup-minutes "$2"); shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "soak.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j"${NETGATEWAY_JOBS:-2}" --target soak >/dev/null

echo "soak: $devices devices, $minutes minutes at clock speed $speed; load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$build/bench/soak" --devices "$devices" --minutes "$minutes" --speed "$speed" "${extra[@]}"
