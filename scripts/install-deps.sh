#!/usr/bin/env bash
# Installs every Debian 12 package the build, the tests and the demo need.
# Idempotent: packages already present are left as they are, and the package
# lists are refreshed at most once per run.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # Qt 6.4
  qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  # Qt's own texts in the desktop console's languages (dialog buttons, --help)
  qt6-translations-l10n
  # protocol and storage libraries
  libsnmp-dev gsoap libgsoap-dev libsqlite3-dev libssl-dev libsystemd-dev
  # console security: QR codes for TOTP enrolment, common-password list source
  libqrencode-dev python3-zxcvbn
  # test peers and tools
  snmp snmpd sqlite3 openssl procps iproute2 psmisc
  # WS-Discovery responder for the network-namespace test
  wsdd
  # cloud uplink: gzip bodies, and an authenticating HTTP proxy for the proxy tests
  zlib1g-dev squid
  # zip files: the daily gateway-log upload and the device snapshot archive
  libzip-dev
  # bench comparison (bench/snmp/snmp_fleet_bench)
  prometheus-snmp-exporter
  # Windows type check of the platform layer
  g++-mingw-w64-x86-64
  # fuzzing and sanitizers
  clang-14 libclang-rt-14-dev
  # installers: .deb checks (lintian, a fresh debootstrap root) and the MSI (wixl, msiinfo)
  lintian debootstrap wixl msitools
  # the hardened unit under a real systemd (scripts/check-systemd.sh: systemd-nspawn --boot)
  systemd-container
  # discovery sweep bench: reference scanners
  braa onesixtyone
  # web console: front-end build (npm registry packages pinned by the lockfile)
  # and the headless browser of its end-to-end tests
  nodejs chromium
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

# npm: NodeSource's nodejs package ships it; Debian's nodejs needs the npm
# package (which cannot be installed next to NodeSource's nodejs).
if ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

# wsdd is only a test peer, run inside network namespaces by the tests; the
# machine itself must not announce itself on its network.
if command -v systemctl >/dev/null 2>&1 && systemctl is-enabled wsdd.service >/dev/null 2>&1; then
  $SUDO systemctl disable --now wsdd.service >/dev/null 2>&1 || true
fi
