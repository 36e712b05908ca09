#!/usr/bin/env bash
# The demo: installs what is needed, builds, then brings up on loopback
#   - fleetsim with a few dozen simulated printers (127.x.y.z, one UDP port),
#   - the cloud emulator (HTTPS with its own test CA, which the gateway trusts
#     through its extra CA bundle setting),
#   - netgatewayd in the foreground (data in ./demo-data), registered to the
#     emulator with a fresh demo access code, with a discovery setting covering
#     the simulated printers, run once, and every device polled once,
# and prints the console URL and its one-time setup token. Ctrl+C stops all.
#
# Settings (environment): NETGATEWAY_DEMO_DIR (./demo-data), NETGATEWAY_DEMO_DEVICES (36),
# NETGATEWAY_DEMO_BASE (127.77.0.1), NETGATEWAY_DEMO_SNMP_PORT (16161),
# NETGATEWAY_DEMO_UI_PORT (9797), NETGATEWAY_DEMO_RELAY_PORT (8081),
# NETGATEWAY_BUILD_DIR (./build), NETGATEWAY_SKIP_BUILD=1 (use what is built).
# Extra arguments go to netgatewayd.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

build=${NETGATEWAY_BUILD_DIR:-$top/build}
if [ "${NETGATEWAY_SKIP_BUILD:-0}" != 1 ]; then
  scripts/install-deps.sh
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j"${NETGATEWAY_JOBS:-2}" \
    --target netgatewayd netgatewayctl fleetsim fleet-cloud-emulator
fi
gatewayd=$build/gateway-service/netgatewayd
ctl=$build/gateway-service/netgatewayctl
fleetsim=$build/tools/fleetsim/fleetsim
emulator=$build/tools/fleet-cloud-emulator/fleet-cloud-emulator

data=${NETGATEWAY_DEMO_DIR:-$top/demo-data}
devices=${NETGATEWAY_DEMO_DEVICES:-36}
base=${NETGATEWAY_DEMO_BASE:-127.77.0.1}
snmp_port=${NETGATEWAY_DEMO_SNMP_PORT:-16161}
ui_port=${NETGATEWAY_DEMO_UI_PORT:-9797}
relay_port=${NETGATEWAY_DEMO_RELAY_PORT:-8081}
mkdir -p "$data"
chmod 700 "$data"
demo=$data/demo # the simulators' files, next to the gateway's own
rm -rf "$demo"
mkdir -m 700 "$demo"

pids=()
stop_all() {
  trap - EXIT INT TERM
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap stop_all EXIT
trap 'echo "demo: stopping"; stop_all; exit 130' INT TERM

# Starts "$@" with its standard output on a pipe, waits for its first line
# (the "ready" line) and leaves the rest flowing into LOG. Sets started_pid and
# ready_line.
start_and_wait_ready() {
  local log=$1
  shift
  local fd
  exec {fd}< <(exec "$@" 2>>"$log")
  started_pid=$!
  pids+=("$started_pid")
  if ! IFS= read -r -t 60 -u "$fd" ready_line; then
    echo "demo: $1 did not start; see $log" >&2
    cat "$log" >&2 || true
    exit 1
  fi
  cat <&"$fd" >>"$log" &
  exec {fd}<&-
}

fail() {
  echo "demo: $*" >&2
  exit 1
}

# Fresh per run, so the demo has no fixed password or code anywhere.
access_code=DEMO-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
cloud_password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')

start_and_wait_ready "$demo/fleetsim.log" "$fleetsim" --devices "$devices" --base "$base" \
  --port "$snmp_port" --community public --templates "$top/tools/fleetsim/templates" \
  --control "$demo/fleetsim.sock"
fleetsim_pid=$started_pid
echo "demo: $ready_line"

start_and_wait_ready "$demo/emulator.log" "$emulator" --port 0 --admin-port 0 \
  --ca-out "$demo/cloud-ca.pem" --access-code "$access_code" --user "demo:$cloud_password"
emulator_pid=$started_pid
cloud_port=$(sed -n 's/.* port=\([0-9]*\) .*/\1/p' <<<"$ready_line")
admin_port=$(sed -n 's/.* admin-port=\([0-9]*\) .*/\1/p' <<<"$ready_line")
[ -n "$cloud_port" ] && [ -n "$admin_port" ] || fail "cannot read the emulator's ports from: $ready_line"
echo "demo: cloud emulator on https://127.0.0.1:$cloud_port (admin http://127.0.0.1:$admin_port)"

# The gateway polls the simulated printers on their port instead of 161.
NETGATEWAY_SNMP_PORT=$snmp_port "$gatewayd" --foreground --data-dir "$data" --ui-port "$ui_port" \
  --relay-port "$relay_port" "$@" &
gateway_pid=$!
pids+=("$gateway_pid")
# Ready when the control socket answers (bounded: 30 s).
for _ in $(seq 1 150); do
  if "$ctl" --data-dir "$data" status >/dev/null 2>&1; then break; fi
  kill -0 "$gateway_pid" 2>/dev/null || fail "netgatewayd exited; see its messages above"
  sleep 0.2
done
"$ctl" --data-dir "$data" status >/dev/null || fail "netgatewayd did not become ready"

"$ctl" --data-dir "$data" uplink configure --origin "https://127.0.0.1:$cloud_port" \
  --ca-file "$demo/cloud-ca.pem" >/dev/null
printf '%s\n%s\n' "$access_code" "$cloud_password" |
  "$ctl" --data-dir "$data" uplink register --user demo >/dev/null
for _ in $(seq 1 150); do
  if "$ctl" --data-dir "$data" uplink status | grep -q '"registration": "managed"'; then break; fi
  sleep 0.2
done
"$ctl" --data-dir "$data" uplink status | grep -q '"registration": "managed"' ||
  fail "registration with the emulator failed: $("$ctl" --data-dir "$data" uplink status)"
echo "demo: registered to the cloud emulator (Managed)"

# One discovery setting over the simulated printers, run once now.
last=$(python3 -c 'import ipaddress,sys; print(ipaddress.ip_address(sys.argv[1]) + int(sys.argv[2]) - 1)' \
  "$base" "$devices")
printf 'public\n' >"$demo/community"
chmod 600 "$demo/community"
if ! "$ctl" --data-dir "$data" discovery show demo-fleet >/dev/null 2>&1; then
  "$ctl" --data-dir "$data" discovery add demo-fleet --target "$base-$last" \
    --community-file "$demo/community" --managed >/dev/null
fi
rm -f "$demo/community"
"$ctl" --data-dir "$data" discovery run demo-fleet --port "$snmp_port" >/dev/null
found=$("$ctl" --data-dir "$data" status --json |
  python3 -c 'import json,sys; print(json.load(sys.stdin).get("deviceCount", "?"))')
echo "demo: discovery of $base-$last finished (managed devices: $found)"

# Read every device once and send the readings now instead of at the next daily slot.
"$ctl" --data-dir "$data" polling poll-now >/dev/null
for _ in $(seq 1 150); do
  records=$("$ctl" --data-dir "$data" uplink status --json |
    python3 -c 'import json,sys; print(json.load(sys.stdin).get("outboxRecords", 0))')
  if [ "$records" -ge $((devices * 2)) ]; then break; fi
  sleep 0.2
done
"$ctl" --data-dir "$data" uplink sync >/dev/null

token=$("$ctl" --data-dir "$data" admin setup-token 2>&1 || true)
cat <<EOF

demo: ready
  console:      https://127.0.0.1:$ui_port/  (self-signed certificate)
  setup token:  $token
  gateway:      $ctl --data-dir $data status
  cloud:        $emulator inspect records --admin-port $admin_port
  pids:         gateway=$gateway_pid fleetsim=$fleetsim_pid emulator=$emulator_pid
  Ctrl+C stops everything.

EOF

wait "$gateway_pid" || true
