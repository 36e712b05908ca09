#!/usr/bin/env bash
# Boots a fresh Debian 12 root under a real systemd (systemd-nspawn --boot,
# private network) with the .deb installed, and checks that the hardened unit
# works as shipped: netgateway.service reaches "active" (Type=notify, so only
# after READY=1) under ProtectSystem=strict, NoNewPrivileges and an empty
# capability bounding set, and `netgatewayctl status --json` answers as the
# service user. The root is the debootstrap root scripts/check-deb.sh caches.
# Needs root and the systemd-container package; about 30 s with the cache.
#
#   scripts/check-systemd.sh [BUILD_DIR]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
cache=${NETGATEWAY_CACHE_DIR:-$HOME/.cache/netgateway}
started=$(date +%s%N)
elapsed() {
    local tenths=$((($(date +%s%N) - started) / 100000000))
    printf '%d.%d' $((tenths / 10)) $((tenths % 10))
}
say() { printf 'check-systemd: %s\n' "$*"; }
die() {
    printf 'check-systemd: FAIL: %s\n' "$*" >&2
    exit 1
}

[ "$(id -u)" -eq 0 ] || die "run as root (systemd-nspawn)"
command -v systemd-nspawn >/dev/null || die "systemd-nspawn not found; install systemd-container (scripts/install-deps.sh)"
tarball=$(ls -t "$cache"/debootstrap-bookworm-minbase-*.tar 2>/dev/null | head -n1 || true)
[ -n "$tarball" ] || die "no cached Debian 12 root in $cache; run scripts/check-deb.sh once to make it"

# The package (a development package: no release key is built in).
cmake --build "$build" --target netgatewayd netgatewayctl netgateway-upgrade netgateway-wsd-probe netgateway_package_docs >/dev/null
rm -f "$build"/netgateway_*.deb
(cd "$build" && NETGATEWAY_ALLOW_DEVELOPMENT_PACKAGE=1 cpack -G DEB >/dev/null 2>&1) || die "cpack failed"
deb=$(ls "$build"/netgateway_*.deb)

work=$(mktemp -d "${TMPDIR:-/tmp}/check-systemd.XXXXXX")
root="$work/root"
cleanup() {
    for m in var/cache/apt/archives dev proc; do
        mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m"
    done
    rm -rf --one-file-system "$work"
}
trap cleanup EXIT

mkdir -p "$root" "$cache/apt-archives/partial"
tar -C "$root" -xf "$tarball"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/netgateway.deb"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    systemd-sysv dbus /tmp/netgateway.deb >"$work/install.log" 2>&1 || { tail -n 20 "$work/install.log" >&2; die "install failed"; }
for m in var/cache/apt/archives dev proc; do umount "$root/$m"; done
say "root with systemd and the package after $(elapsed) s"

# Inside the container: a oneshot ordered after netgateway.service records what
# it sees, then powers the container off (no waiting on the host side).
cat >"$root/usr/local/sbin/netgateway-check" <<'CHECK'
#!/bin/sh
out=/root/netgateway-check
mkdir -p $out
systemctl is-active netgateway.service >$out/active 2>&1
systemctl show netgateway.service -p Type -p User -p NoNewPrivileges -p ProtectSystem -p CapabilityBoundingSet \
    -p ReadWritePaths -p WatchdogUSec -p MainPID >$out/unit 2>&1
pid=$(systemctl show netgateway.service -p MainPID --value)
cp /proc/$pid/status $out/proc-status 2>/dev/null
cp /proc/$pid/mountinfo $out/mountinfo 2>/dev/null
setpriv --reuid=netgateway --regid=netgateway --init-groups --no-new-privs \
    /usr/bin/netgatewayctl --data-dir /var/lib/netgateway status --json >$out/status.json 2>$out/status.err
echo $? >$out/status.rc
journalctl -u netgateway.service --no-pager -o cat >$out/journal 2>&1
echo done >$out/finished
CHECK
chmod 755 "$root/usr/local/sbin/netgateway-check"
cat >"$root/etc/systemd/system/netgateway-check.service" <<'UNIT'
[Unit]
Description=check netgateway.service once it is up
After=netgateway.service
Wants=netgateway.service
SuccessAction=poweroff-force
FailureAction=poweroff-force

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/netgateway-check
UNIT
mkdir -p "$root/etc/systemd/system/multi-user.target.wants"
ln -s /etc/systemd/system/netgateway-check.service "$root/etc/systemd/system/multi-user.target.wants/"

# --private-network: only loopback inside, so the console port never meets the host's.
boot_rc=0
timeout 120 systemd-nspawn -q -D "$root" --boot --private-network --register=no --keep-unit --console=passive \
    --machine="ng-check-$$" >"$work/boot.log" 2>&1 || boot_rc=$?
out="$root/root/netgateway-check"
[ -f "$out/finished" ] || { tail -n 30 "$work/boot.log" >&2; die "the container did not finish its check (nspawn exit $boot_rc)"; }
say "booted, checked and powered off after $(elapsed) s"

fail_with_journal() {
    cat "$out/journal" >&2 || true
    die "$*"
}
[ "$(cat "$out/active")" = "active" ] || fail_with_journal "netgateway.service is $(cat "$out/active"), not active"
grep -qx 'Type=notify' "$out/unit" || fail_with_journal "the unit is not Type=notify: $(cat "$out/unit")"
grep -qx 'User=netgateway' "$out/unit" || die "the service does not run as netgateway"
grep -qx 'ProtectSystem=strict' "$out/unit" || die "ProtectSystem is not strict"
grep -qx 'NoNewPrivileges=yes' "$out/unit" || die "NoNewPrivileges is off"
grep -q '^NoNewPrivs:[[:space:]]*1' "$out/proc-status" || die "the running service can gain privileges"
grep -q '^CapBnd:[[:space:]]*0000000000000000' "$out/proc-status" || die "the running service has a capability bounding set"
grep -q '^CapEff:[[:space:]]*0000000000000000' "$out/proc-status" || die "the running service has capabilities"
# ProtectSystem=strict: the root file system is read-only for the service,
# the data directory writable.
awk '$5 == "/" { print $6 }' "$out/mountinfo" | grep -q '^ro' || die "/ is writable for the service"
awk '$5 == "/var/lib/netgateway" { print $6 }' "$out/mountinfo" | grep -q '^rw' || die "the data directory is not writable for the service"
[ "$(cat "$out/status.rc")" = 0 ] || { cat "$out/status.err" >&2; fail_with_journal "netgatewayctl status --json failed"; }
grep -q '"running": true' "$out/status.json" || fail_with_journal "netgatewayctl status --json: $(cat "$out/status.json")"
say "unit: $(tr '\n' ' ' <"$out/unit")"
say "status --json: $(tr -d '\n' <"$out/status.json" | cut -c1-160)"
say "netgateway.service active under systemd (Type=notify, ProtectSystem=strict, no capabilities); status --json answers"
say "PASS in $(elapsed) s"
