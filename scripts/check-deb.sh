#!/usr/bin/env bash
# Builds the .deb, checks it with lintian and (unless --lintian-only) installs
# it into a fresh Debian 12 root made with debootstrap, then runs the service
# there as its own user and asks it for its status.
#
#   scripts/check-deb.sh [--lintian-only] [BUILD_DIR]
#
# The debootstrap root is made once and cached as a tarball in
# $NETGATEWAY_CACHE_DIR (default ~/.cache/netgateway; renewed weekly), with the downloaded
# .deb files of its dependencies, so later runs only unpack it. The Debian
# mirror is the one this machine's apt uses. Needs root (debootstrap, chroot).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
lintian_only=0
if [ "${1:-}" = "--lintian-only" ]; then
    lintian_only=1
    shift
fi
build=$(cd "${1:-$top/build}" && pwd)
cache=${NETGATEWAY_CACHE_DIR:-$HOME/.cache/netgateway}
suite=bookworm
started=$(date +%s%N)

say() { printf 'check-deb: %s\n' "$*"; }
die() {
    printf 'check-deb: FAIL: %s\n' "$*" >&2
    exit 1
}
elapsed() {
    local tenths=$((($(date +%s%N) - started) / 100000000))
    printf '%d.%d' $((tenths / 10)) $((tenths % 10))
}

for tool in cpack lintian dpkg-deb; do
    command -v "$tool" >/dev/null || die "$tool not found; run scripts/install-deps.sh"
done

# 1. The package.
cmake --build "$build" --target netgatewayd netgatewayctl netgateway-upgrade sign-manifest netgateway_package_docs \
    netgateway-wsd-probe \
    netgateway-console netgateway_console_manpage >/dev/null
rm -f "$build"/netgateway_*.deb
# A test package: no release key is built in (see docs/SECURITY.md).
(cd "$build" && NETGATEWAY_ALLOW_DEVELOPMENT_PACKAGE=1 cpack -G DEB >/dev/null)
deb=$(ls "$build"/netgateway_*.deb)
say "built $(basename "$deb") ($(stat -c %s "$deb") bytes) after $(elapsed) s"
contents=$(dpkg-deb -c "$deb")
echo "$contents" | grep -q ' ./usr/bin/netgatewayd$' || die "netgatewayd missing from the package"
echo "$contents" | grep -q ' ./usr/bin/netgatewayctl$' || die "netgatewayctl missing from the package"
echo "$contents" | grep -q ' ./usr/bin/netgateway-console$' || die "netgateway-console missing from the package"
echo "$contents" | grep -q ' ./usr/share/applications/netgateway-console.desktop$' || die "desktop entry missing"
echo "$contents" | grep -q ' ./lib/systemd/system/netgateway.service$' || die "unit missing from the package"
echo "$contents" | grep -q ' ./lib/systemd/system/netgateway-upgrade.path$' || die "upgrade path unit missing"
echo "$contents" | grep -q ' ./usr/libexec/netgateway/netgateway-upgrade$' || die "upgrade helper missing"
dpkg-deb -f "$deb" Depends | grep -q 'libqt6core6' || die "Depends lacks the shared-library dependencies"

# 2. lintian: no errors (warnings are listed).
lintian_rc=0
lintian_out=$(lintian --fail-on error --tag-display-limit 0 "$deb" 2>&1) || lintian_rc=$?
echo "$lintian_out" | grep -v '^running with root' || true
[ $lintian_rc -eq 0 ] || die "lintian reports errors"
say "lintian: no errors after $(elapsed) s"
[ $lintian_only -eq 1 ] && exit 0

# 3. A fresh Debian 12 root.
if [ "$(id -u)" -ne 0 ]; then
    say "SKIP: installing into a debootstrap root needs root"
    exit 77
fi
for tool in debootstrap chroot tar; do
    command -v "$tool" >/dev/null || die "$tool not found; run scripts/install-deps.sh"
done

# The first Debian archive apt on this machine uses for the suite (one-line or deb822 format).
mirror=""
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    mirror=$(awk -v s="$suite" '$1 == "deb" && $0 ~ (" " s " ") {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' "$f")
    [ -n "$mirror" ] && break
done
if [ -z "$mirror" ]; then
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        mirror=$(awk -v s="$suite" '
            /^[ \t]*$/ { if (uri != "" && hit) { print uri; exit } uri = ""; hit = 0; next }
            /^URIs:/ { uri = $2 }
            /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) hit = 1 }
            END { if (uri != "" && hit) print uri }' "$f" | head -n1)
        [ -n "$mirror" ] && break
    done
fi
[ -n "$mirror" ] || die "no Debian archive for $suite in /etc/apt/sources.list or sources.list.d"

mkdir -p "$cache/apt-archives/partial"
tarball="$cache/debootstrap-$suite-minbase-$(printf '%s' "$mirror" | sha256sum | cut -c1-12).tar"
work=$(mktemp -d "${TMPDIR:-/tmp}/check-deb.XXXXXX")
root="$work/root"
daemon_pid=""
cleanup() {
    if [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null; then
        kill -KILL "$daemon_pid" 2>/dev/null || true
        wait "$daemon_pid" 2>/dev/null || true
    fi
    for m in var/cache/apt/archives dev proc; do
        mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m"
    done
    rm -rf --one-file-system "$work"
}
trap cleanup EXIT

# A root older than a week has stale package lists; make a new one.
if [ -f "$tarball" ] && [ -n "$(find "$tarball" -mtime +7)" ]; then
    rm -f "$tarball"
fi
if [ ! -f "$tarball" ]; then
    say "making a $suite minbase root from $mirror (once; cached in $tarball)"
    debootstrap --variant=minbase --cache-dir="$cache/apt-archives" "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
        { tail -n 20 "$work/debootstrap.log" >&2; die "debootstrap failed"; }
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    chroot "$root" apt-get update -qq || die "apt-get update failed in the new root"
    rm -rf "$root"/var/cache/apt/archives/*.deb
    tar -C "$root" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    say "root cached after $(elapsed) s"
else
    mkdir -p "$root"
    tar -C "$root" -xf "$tarball"
    say "root unpacked from cache after $(elapsed) s"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"

# 4. Install it the way an administrator would: dependencies from the archive.
cp "$deb" "$root/tmp/netgateway.deb"
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    /tmp/netgateway.deb >"$work/install.log" 2>&1 || { tail -n 30 "$work/install.log" >&2; die "apt-get install failed"; }
grep -q "sudo -u netgateway netgatewayctl status" "$work/install.log" || die "postinst did not print the setup hint"
say "installed with dependencies after $(elapsed) s"

# 5. The service user, the data directory and the unit are in place.
entry=$(chroot "$root" getent passwd netgateway) || die "no netgateway user"
case "$entry" in
*:/var/lib/netgateway:/usr/sbin/nologin) ;;
*) die "netgateway user has an unexpected home or shell: $entry" ;;
esac
uid=$(echo "$entry" | cut -d: -f3)
[ "$uid" -lt 1000 ] || die "netgateway is not a system user (uid $uid)"
[ "$(chroot "$root" stat -c '%U:%G %a' /var/lib/netgateway)" = "netgateway:netgateway 700" ] ||
    die "data directory is $(chroot "$root" stat -c '%U:%G %a' /var/lib/netgateway), expected netgateway:netgateway 700"
unit="$root/lib/systemd/system/netgateway.service"
[ -f "$unit" ] || die "unit file missing"
for setting in Type=notify WatchdogSec= User=netgateway ProtectSystem=strict NoNewPrivileges=yes \
    ReadWritePaths=/var/lib/netgateway 'CapabilityBoundingSet=$'; do
    grep -q "^$setting" "$unit" || die "unit lacks $setting"
done
[ -L "$root/etc/systemd/system/multi-user.target.wants/netgateway.service" ] || die "unit not enabled"
[ -L "$root/etc/systemd/system/paths.target.wants/netgateway-upgrade.path" ] || die "upgrade path unit not enabled"
[ "$(chroot "$root" stat -c '%U %a' /var/lib/netgateway/upgrade)" = "netgateway 700" ] ||
    die "upgrade request directory missing or not private to the service"

# 6. Run the service as its user (systemd cannot run in a chroot) and ask it for its status.
as_service() { chroot "$root" setpriv --reuid=netgateway --regid=netgateway --init-groups --no-new-privs "$@"; }
# chroot and setpriv exec, so $! is netgatewayd itself.
chroot "$root" setpriv --reuid=netgateway --regid=netgateway --init-groups --no-new-privs \
    /usr/bin/netgatewayd --foreground --data-dir /var/lib/netgateway >"$work/daemon.log" 2>&1 &
daemon_pid=$!
status=""
for _ in $(seq 1 300); do
    if status=$(as_service /usr/bin/netgatewayctl --data-dir /var/lib/netgateway status --json 2>/dev/null); then
        break
    fi
    kill -0 "$daemon_pid" 2>/dev/null || { cat "$work/daemon.log" >&2; die "netgatewayd exited"; }
    sleep 0.1
done
echo "$status" | grep -q '"running": true' || { cat "$work/daemon.log" >&2; die "netgatewayctl status --json did not answer"; }
echo "$status" | grep -q '"dataDirectory": "/var/lib/netgateway"' || die "status names another data directory: $status"
[ "$(chroot "$root" stat -c %U /var/lib/netgateway/netgateway.db)" = netgateway ] || die "database not owned by netgateway"
say "netgatewayd answers as user netgateway after $(elapsed) s"
kill -TERM "$daemon_pid"
rc=0
wait "$daemon_pid" || rc=$?
daemon_pid=""
[ $rc -eq 0 ] || { cat "$work/daemon.log" >&2; die "netgatewayd exited with $rc on SIGTERM"; }

# 7. The root-run upgrade helper: nothing to do without a request; a request
#    signed with a key the build does not trust is refused and nothing is installed.
chroot "$root" /usr/libexec/netgateway/netgateway-upgrade | grep -q 'no-request' || die "upgrade helper failed without a request"
"$build/tools/sign-manifest/sign-manifest" genkey "$work/untrusted-test-key.pem" >/dev/null
printf 'not a real package\n' >"$work/fake.deb"
"$build/tools/sign-manifest/sign-manifest" sign "$work/untrusted-test-key.pem" --version 99.0.0 \
    --expires 2099-01-01T00:00:00Z --platform linux-amd64 --path /packages/fake.deb --package "$work/fake.deb" \
    --out "$work/manifest.json"
escaped=$(sed 's/\\/\\\\/g; s/"/\\"/g' "$work/manifest.json" | tr -d '\n')
printf '{"action": "install", "manifest": "%s"}\n' "$escaped" >"$root/var/lib/netgateway/upgrade/request.json"
cp "$work/fake.deb" "$root/var/lib/netgateway/upgrade/package.deb"
helper_rc=0
chroot "$root" /usr/libexec/netgateway/netgateway-upgrade >"$work/helper.log" 2>&1 || helper_rc=$?
[ $helper_rc -eq 1 ] && grep -q 'refused: .*does not trust' "$work/helper.log" ||
    { cat "$work/helper.log" >&2; die "upgrade helper did not refuse an untrusted manifest"; }
grep -q '"result":"refused"' "$root/var/lib/netgateway/upgrade/result.json" || die "no refusal in result.json"
[ "$(chroot "$root" dpkg-query -W -f '${Version}' netgateway)" = "$(dpkg-deb -f "$deb" Version)" ] ||
    die "the installed version changed"
say "upgrade helper refuses an untrusted manifest after $(elapsed) s"

# 8. Remove keeps the data; purge deletes data and user.
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q netgateway >"$work/remove.log" 2>&1 || die "remove failed"
[ -f "$root/var/lib/netgateway/netgateway.db" ] || die "remove deleted the data"
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q netgateway >"$work/purge.log" 2>&1 || die "purge failed"
[ ! -e "$root/var/lib/netgateway" ] || die "purge left the data directory"
[ ! -e "$root/var/lib/netgateway-upgrade" ] || die "purge left the upgrade state directory"
! chroot "$root" getent passwd netgateway >/dev/null || die "purge left the netgateway user"

say "PASS in $(elapsed) s"
