#!/usr/bin/env bash
# Builds the Windows installer from installer/windows/netgateway.wxs with wixl
# and checks its tables with msiinfo. The Windows binaries cannot be built on
# Linux, so the payload is placeholder files: this checks the installer's
# logic (service, recovery, firewall, properties, upgrade), not the binaries.
#
#   scripts/check-msi.sh [OUTPUT_DIR]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/build/msi}
version=$(sed -n 's/^  VERSION \([0-9.]*\)$/\1/p' "$top/CMakeLists.txt" | head -n1)
[ -n "$version" ] || version=0.0.1

fail() {
    printf 'check-msi: FAIL: %s\n' "$*" >&2
    exit 1
}
for tool in wixl msiinfo; do
    command -v "$tool" >/dev/null || fail "$tool not found; install wixl and msitools (scripts/install-deps.sh)"
done

rm -rf "$out"
mkdir -p "$out/payload"
printf 'placeholder for the Windows build of netgatewayd.exe\n' >"$out/payload/netgatewayd.exe"
printf 'placeholder for the Windows build of netgatewayctl.exe\n' >"$out/payload/netgatewayctl.exe"
printf 'placeholder for the Windows build of netgateway-upgrade.exe\n' >"$out/payload/netgateway-upgrade.exe"
cp "$top/installer/windows/netgateway-actions.js" "$out/payload/"
msi="$out/netgateway-$version-x64.msi"
# wixl warns (GLib) about WiX attributes it ignores (Secure, Hidden, RegistryKey/@Action);
# they matter to the WiX toolset on Windows, so they stay in the source.
# wixl resolves File/@Source relative to the working directory.
(cd "$out" && wixl -D SourceDir=payload -D Version="$version" -a x64 -o "$msi" "$top/installer/windows/netgateway.wxs") \
    2>"$out/wixl.log" || { cat "$out/wixl.log" >&2; fail "wixl failed"; }
grep -v "has no property named '\(Secure\|Hidden\|Action\)'" "$out/wixl.log" | grep -q . &&
    { cat "$out/wixl.log" >&2; fail "wixl reported unexpected warnings"; }
echo "check-msi: built $msi ($(stat -c %s "$msi") bytes)"

# table NAME: the rows of an MSI table, tab-separated, without the 3 header lines.
table() { msiinfo export "$msi" "$1" | tail -n +4 | tr -d '\r'; }
# row TABLE KEY: the row whose first column is KEY.
row() { table "$1" | awk -F'\t' -v k="$2" '$1 == k'; }
# field TABLE KEY N: column N (1-based) of that row.
field() { row "$1" "$2" | cut -f"$3"; }
# position ACTION: its sequence number in InstallExecuteSequence.
position() { field InstallExecuteSequence "$1" 3; }
expect() { # expect WHAT ACTUAL EXPECTED
    [ "$2" = "$3" ] || fail "$1 is '$2', expected '$3'"
}
expect_contains() { # expect_contains WHAT ACTUAL NEEDLE
    case "$2" in *"$3"*) ;; *) fail "$1 is '$2', expected it to contain '$3'" ;; esac
}

tables=$(msiinfo tables "$msi")
for t in ServiceInstall ServiceControl CustomAction Property Registry Upgrade InstallExecuteSequence; do
    echo "$tables" | grep -qx "$t" || fail "the MSI has no $t table"
done

# The service: own process, automatic start, normal error control, the
# per-service virtual account (least privilege, no password).
svc=NetgatewayService
expect "ServiceInstall name" "$(field ServiceInstall $svc 2)" "netgateway"
expect "ServiceInstall type (own process)" "$(field ServiceInstall $svc 4)" "16"
expect "ServiceInstall start type (automatic)" "$(field ServiceInstall $svc 5)" "2"
expect "ServiceInstall error control" "$(field ServiceInstall $svc 6)" "1"
expect "ServiceInstall account" "$(field ServiceInstall $svc 9)" 'NT SERVICE\netgateway'
expect "ServiceInstall password" "$(field ServiceInstall $svc 10)" ""
expect_contains "ServiceInstall arguments" "$(field ServiceInstall $svc 11)" '--ui-port [UIPORT] --relay-port [RELAYPORT]'
expect_contains "ServiceInstall arguments" "$(field ServiceInstall $svc 11)" '--data-dir "[CommonAppDataFolder]netgateway"'
[ "$(table ServiceInstall | wc -l)" -eq 1 ] || fail "more than one service is installed"

# Start on install (1), stop on install (2) and uninstall (32), delete on uninstall (128); wait.
ctl=NetgatewayServiceControl
expect "ServiceControl name" "$(field ServiceControl $ctl 2)" "netgateway"
expect "ServiceControl events" "$(field ServiceControl $ctl 3)" "$((1 + 2 + 32 + 128))"
expect "ServiceControl wait" "$(field ServiceControl $ctl 5)" "1"

# Firewall: inbound TCP rules for the console and relay ports only, bound to the
# service executable; deferred and not impersonated (50 + 1024 + 2048 = 3122).
add_rules=$(table CustomAction | awk -F'\t' '$4 ~ /firewall add rule/')
[ "$(echo "$add_rules" | wc -l)" -eq 2 ] || fail "expected exactly 2 firewall add rules, got: $add_rules"
for pair in "FirewallAddConsole:[UIPORT]:netgateway console" "FirewallAddRelay:[RELAYPORT]:netgateway relay"; do
    IFS=: read -r id port name <<<"$pair"
    expect "$id type" "$(field CustomAction "$id" 2)" "3122"
    expect "$id executable property" "$(field CustomAction "$id" 3)" "NETSH_EXE"
    target=$(field CustomAction "$id" 4)
    for needle in "name=\"$name\"" "dir=in" "action=allow" "protocol=TCP" "localport=$port" \
        'program="[#netgatewayd.exe]"'; do
        expect_contains "$id command" "$target" "$needle"
    done
done
expect_contains "SetNetshPath" "$(field CustomAction SetNetshPath 4)" '[SystemFolder]netsh.exe'
# Removed on uninstall (not on the uninstall that is part of an upgrade), and on rollback.
for id in FirewallRemoveConsole FirewallRemoveRelay FirewallRollbackConsole FirewallRollbackRelay; do
    expect_contains "$id command" "$(field CustomAction "$id" 4)" "firewall delete rule name=\"netgateway"
done
expect "FirewallRollbackConsole type (rollback, ignore errors)" "$(field CustomAction FirewallRollbackConsole 2)" "2162"
expect "FirewallRemoveConsole condition" "$(field InstallExecuteSequence FirewallRemoveConsole 2)" \
    'REMOVE~="ALL" AND NOT UPGRADINGPRODUCTCODE'
expect "FirewallAddConsole condition" "$(field InstallExecuteSequence FirewallAddConsole 2)" 'NOT REMOVE~="ALL"'

# Recovery: restart on failure, and on a non-zero exit.
expect_contains "ServiceRecovery" "$(field CustomAction ServiceRecovery 4)" \
    "failure netgateway reset= 86400 actions= restart/5000/restart/5000/restart/60000"
expect "ServiceRecoveryFlag" "$(field CustomAction ServiceRecoveryFlag 4)" "failureflag netgateway 1"

# The data directory is private to the service, SYSTEM and Administrators,
# locked after the service (and so its virtual account) exists, before it starts.
lock=$(field CustomAction LockDataDir 4)
for needle in '"[CommonAppDataFolder]netgateway"' '/inheritance:r' '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-544:(OI)(CI)F' \
    '"NT SERVICE\netgateway:(OI)(CI)M"'; do
    expect_contains "LockDataDir command" "$lock" "$needle"
done
expect "LockDataDir type" "$(field CustomAction LockDataDir 2)" "3122"
[ "$(position LockDataDir)" -gt "$(position InstallServices)" ] && [ "$(position LockDataDir)" -lt "$(position StartServices)" ] ||
    fail "LockDataDir must run between InstallServices and StartServices"
[ "$(position CreateDataDir)" -lt "$(position LockDataDir)" ] || fail "CreateDataDir must run before LockDataDir"

# Deferred actions must run inside the script: after InstallInitialize, before InstallFinalize,
# and the recovery settings after the service exists.
for id in FirewallAddConsole FirewallAddRelay FirewallRemoveConsole FirewallRemoveRelay RemoveData \
    ServiceRecovery ServiceRecoveryFlag CreateDataDir LockDataDir; do
    s=$(position "$id")
    [ -n "$s" ] || fail "$id is not scheduled"
    [ "$s" -gt "$(position InstallInitialize)" ] && [ "$s" -lt "$(position InstallFinalize)" ] ||
        fail "$id ($s) is outside InstallInitialize..InstallFinalize"
done
[ "$(position ServiceRecovery)" -gt "$(position InstallServices)" ] || fail "ServiceRecovery runs before InstallServices"
[ "$(position SetNetshPath)" -lt "$(position InstallInitialize)" ] || fail "tool paths are set too late"

# Properties and their defaults; the access code never appears in the log.
expect "UIPORT default" "$(field Property UIPORT 2)" "9797"
expect "RELAYPORT default" "$(field Property RELAYPORT 2)" "8081"
expect "ANONYMIZE default" "$(field Property ANONYMIZE 2)" "0"
expect "KEEPDATA default" "$(field Property KEEPDATA 2)" "1"
expect_contains "MsiHiddenProperties" "$(field Property MsiHiddenProperties 2)" "ACCESSCODE"
[ -z "$(row Property ACCESSCODE)" ] || fail "ACCESSCODE has a default value in the MSI"
for name in UiPort:UIPORT RelayPort:RELAYPORT Anonymize:ANONYMIZE Proxy:PROXY; do
    IFS=: read -r value prop <<<"$name"
    table Registry | awk -F'\t' -v n="$value" -v v="[$prop]" '$3 ~ /^SOFTWARE\\netgateway\\Install/ && $4 == n && $5 == v' |
        grep -q . || fail "registry value $value=[$prop] missing"
done
table Registry | grep -q '[[]ACCESSCODE]' && fail "the access code is written to the registry"

# Event log source "netgateway" with a message file that prints the text itself.
table Registry | awk -F'\t' '$3 ~ /EventLog\\Application\\netgateway/ && $4 == "EventMessageFile" && $5 ~ /EventLogMessages\.dll$/' |
    grep -q . || fail "event log source not registered"

# Install-time values are validated before anything changes.
conditions=$(table LaunchCondition)
for c in 'UIPORT >= 1 AND UIPORT <= 65535' 'RELAYPORT >= 1 AND RELAYPORT <= 65535' 'UIPORT <> RELAYPORT' \
    'ANONYMIZE = "0" OR ANONYMIZE = "1"' 'KEEPDATA = "0" OR KEEPDATA = "1"' 'Privileged'; do
    echo "$conditions" | cut -f1 | grep -qxF "$c" || fail "launch condition missing: $c"
done

# Major upgrade, no downgrade; the data survives upgrades and, by default, uninstall.
table Upgrade | grep -q 'WIX_UPGRADE_DETECTED' || fail "no major-upgrade entry"
table LaunchCondition | grep -q '^NOT WIX_DOWNGRADE_DETECTED' || fail "downgrades are not refused"
[ -n "$(position RemoveExistingProducts)" ] || fail "RemoveExistingProducts is not scheduled"
expect "RemoveData condition" "$(field InstallExecuteSequence RemoveData 2)" \
    'REMOVE~="ALL" AND NOT UPGRADINGPRODUCTCODE AND KEEPDATA="0"'
expect_contains "RemoveData command" "$(field CustomAction RemoveData 4)" '[CommonAppDataFolder]netgateway'

# The access code reaches the service through a file in the data directory,
# never through the log: an immediate action passes "<file>|<code>" to a
# deferred script action running as LocalSystem (JScript in the Binary table:
# 5 + deferred 1024 + no impersonation 2048), and both the property and the
# action data are in MsiHiddenProperties. WiX also sets the hidden-target bit
# (8192) from HideTarget="yes", which wixl ignores: the source is checked.
# (msiinfo export of the Binary table would write its streams into the working directory.)
msiinfo extract "$msi" Binary.NetgatewayActions | cmp -s - "$top/installer/windows/netgateway-actions.js" ||
    fail "the Binary table does not hold installer/windows/netgateway-actions.js"
expect "WriteAccessCode type" "$(($(field CustomAction WriteAccessCode 2) & ~8192))" "$((5 + 1024 + 2048))"
expect "WriteAccessCode source" "$(field CustomAction WriteAccessCode 3)" "NetgatewayActions"
expect "WriteAccessCode function" "$(field CustomAction WriteAccessCode 4)" "WriteAccessCode"
expect "SetWriteAccessCode type (set property)" "$(($(field CustomAction SetWriteAccessCode 2) & 63))" "51"
[ "$(grep -c 'HideTarget="yes"' "$top/installer/windows/netgateway.wxs")" -eq 2 ] ||
    fail "SetWriteAccessCode and WriteAccessCode must both have HideTarget=\"yes\""
expect "SetWriteAccessCode property" "$(field CustomAction SetWriteAccessCode 3)" "WriteAccessCode"
expect "SetWriteAccessCode value" "$(field CustomAction SetWriteAccessCode 4)" \
    '[CommonAppDataFolder]netgateway\install-access-code|[ACCESSCODE]'
expect "WriteAccessCode condition" "$(field InstallExecuteSequence WriteAccessCode 2)" 'ACCESSCODE AND NOT REMOVE~="ALL"'
[ "$(position SetWriteAccessCode)" -lt "$(position InstallInitialize)" ] || fail "SetWriteAccessCode must run before the script"
[ "$(position WriteAccessCode)" -gt "$(position LockDataDir)" ] && [ "$(position WriteAccessCode)" -lt "$(position StartServices)" ] ||
    fail "WriteAccessCode must run after LockDataDir (the file inherits its ACL) and before StartServices"
grep -q 'CreateTextFile' "$top/installer/windows/netgateway-actions.js" || fail "WriteAccessCode writes no file"
expect "MsiHiddenProperties" "$(field Property MsiHiddenProperties 2)" "ACCESSCODE;WriteAccessCode"
# WiX writes SecureCustomProperties from Secure="yes" (wixl ignores it), so
# the source is checked: a value set in the client must reach deferred actions.
for name in ACCESSCODE ANONYMIZE KEEPDATA PROXY RELAYPORT UIPORT; do
    grep -q "<Property Id=\"$name\" Secure=\"yes\"" "$top/installer/windows/netgateway.wxs" ||
        fail "$name is not Secure=\"yes\" in netgateway.wxs"
done

# Uninstall with a user interface asks whether to keep the data (wixl has no
# dialog tables: a script action showing Windows Installer's own message box);
# it is in the UI sequence only, so /qn and /qb leave it to KEEPDATA.
ask=$(field CustomAction AskKeepData 2)
[ $((ask & 63)) -eq 5 ] && [ $((ask & 64)) -eq 64 ] && [ $((ask & 1024)) -eq 0 ] ||
    fail "AskKeepData type $ask: expected an immediate JScript action whose failure is ignored (keeps the data)"
expect "AskKeepData function" "$(field CustomAction AskKeepData 4)" "AskKeepData"
expect "AskKeepData condition" "$(field InstallUISequence AskKeepData 2)" 'REMOVE~="ALL" AND NOT UPGRADINGPRODUCTCODE'
ui=$(field InstallUISequence AskKeepData 3)
[ "$ui" -gt "$(field InstallUISequence CostFinalize 3)" ] && [ "$ui" -lt "$(field InstallUISequence ExecuteAction 3)" ] ||
    fail "AskKeepData must run between CostFinalize and ExecuteAction"
[ -z "$(row InstallExecuteSequence AskKeepData)" ] || fail "AskKeepData runs in the execute sequence (also with /qn)"
for id in RemoveData RemoveUpgradeState; do
    expect "$id condition" "$(field InstallExecuteSequence $id 2)" 'REMOVE~="ALL" AND NOT UPGRADINGPRODUCTCODE AND KEEPDATA="0"'
done

# The files: the service, the command line and the upgrade helper.
for f in netgatewayd.exe netgatewayctl.exe netgateway_upgrade.exe; do
    table File | cut -f1 | grep -qx "$f" || fail "$f is not in the File table"
done
# The upgrade helper: run as LocalSystem by a scheduled task, removed on
# uninstall (not on an upgrade), with its own directory closed to the service.
task=$(field CustomAction UpgradeTaskCreate 4)
for needle in '/TN "netgateway upgrade"' '/RU SYSTEM' '[#netgateway_upgrade.exe]' '/SC MINUTE'; do
    expect_contains "UpgradeTaskCreate command" "$task" "$needle"
done
expect "UpgradeTaskCreate type" "$(field CustomAction UpgradeTaskCreate 2)" "3122"
expect "UpgradeTaskRemove condition" "$(field InstallExecuteSequence UpgradeTaskRemove 2)" 'REMOVE~="ALL" AND NOT UPGRADINGPRODUCTCODE'
expect_contains "SetSchtasksPath" "$(field CustomAction SetSchtasksPath 4)" '[SystemFolder]schtasks.exe'
upgrade_acl=$(field CustomAction LockUpgradeDir 4)
for needle in '"[CommonAppDataFolder]netgateway-upgrade"' '/inheritance:r' '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-544:(OI)(CI)F'; do
    expect_contains "LockUpgradeDir command" "$upgrade_acl" "$needle"
done
case "$upgrade_acl" in *"NT SERVICE"*) fail "the service can reach the upgrade helper's directory" ;; esac
[ "$(position CreateUpgradeDir)" -lt "$(position LockUpgradeDir)" ] || fail "CreateUpgradeDir must run before LockUpgradeDir"
[ "$(position UpgradeTaskRollback)" -lt "$(position UpgradeTaskCreate)" ] || fail "the task's rollback must be scheduled first"
for id in CreateUpgradeDir LockUpgradeDir WriteAccessCode UpgradeTaskCreate UpgradeTaskRemove RemoveUpgradeState; do
    s=$(position "$id")
    [ -n "$s" ] && [ "$s" -gt "$(position InstallInitialize)" ] && [ "$s" -lt "$(position InstallFinalize)" ] ||
        fail "$id ($s) is outside InstallInitialize..InstallFinalize"
done

echo "check-msi: PASS"
