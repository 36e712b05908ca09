#!/usr/bin/env bash
# Installs what is needed, builds netgatewayd and netgatewayctl, and runs the
# gateway in the foreground with its data in ./demo-data. Stop it with Ctrl+C.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"${NETGATEWAY_JOBS:-2}" --target netgatewayd netgatewayctl

data=${NETGATEWAY_DEMO_DIR:-$top/demo-data}
mkdir -p "$data"
echo "netgatewayd: data in $data"
echo "  in another terminal: build/gateway-service/netgatewayctl --data-dir $data status"
exec build/gateway-service/netgatewayd --foreground --data-dir "$data" "$@"
