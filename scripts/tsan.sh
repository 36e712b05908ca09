#!/usr/bin/env bash
# Builds the concurrency-heavy suites with ThreadSanitizer (-DNETGATEWAY_SANITIZE=thread)
# and runs them. Only these targets are built, so the stage stays cheap; the
# rest of the suite runs under ASan+UBSan in scripts/test.sh.
# Usage: scripts/tsan.sh [BUILD_DIR]   (default build-tsan)
# Prints the build and test times; tsan.supp suppresses third-party code only.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${1:-build-tsan}
jobs=${NETGATEWAY_JOBS:-2}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_BASEDIR=$top CCACHE_NOHASHDIR=true
export QT_QPA_PLATFORM=offscreen

# The SNMP engine, the poll scheduler and polling service, the outbox and
# uplink, the relay, the control channel, and fleetsim (the only component
# with threads of its own: one worker per UDP socket) driven over SNMP.
tests=(TestSnmpEngine TestPollScheduler TestPollingService TestSnmpPolling TestOutbox TestUplink TestRelay
  TestRelayService TestControlChannel TestFleetsimNetSnmp)

start=$(date +%s)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNETGATEWAY_SANITIZE=thread \
  -DNETGATEWAY_WINDOWS_CHECK=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target "${tests[@]}" fleetsim netgatewayd netgatewayctl
built=$(date +%s)
echo "== tsan build took $((built - start))s"

# die_after_fork=0: the suites start fleetsim, snmpd and the cloud emulator with
# QProcess, which forks a multi-threaded process and execs at once; TSan would
# otherwise kill the child before the exec.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 history_size=4 die_after_fork=0 suppressions=$top/scripts/tsan.supp"
regex="^($(IFS='|'; echo "${tests[*]}"))\$"
ctest --test-dir "$build" -R "$regex" -j"$jobs" --output-on-failure --timeout 600
echo "== tsan tests took $(( $(date +%s) - built ))s"
