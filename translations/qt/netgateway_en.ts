<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>netgateway::desktop::CertificateProbe</name>
    <message>
        <source>the service presented no certificate</source>
        <translation>the service presented no certificate</translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation>no answer within %1 seconds</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::ConsoleModel</name>
    <message>
        <source>Not logged in. Log in with the administrator password.</source>
        <translation>Not logged in. Log in with the administrator password.</translation>
    </message>
    <message>
        <source>Logging in...</source>
        <translation>Logging in...</translation>
    </message>
    <message>
        <source>Logged in; reading the gateway&apos;s state...</source>
        <translation>Logged in; reading the gateway&apos;s state...</translation>
    </message>
    <message>
        <source>Connected to the gateway service %1; last update %2.</source>
        <translation>Connected to the gateway service %1; last update %2.</translation>
    </message>
    <message>
        <source>The gateway service is not running. Start it with the Start button (needs administrator rights).</source>
        <translation>The gateway service is not running. Start it with the Start button (needs administrator rights).</translation>
    </message>
    <message>
        <source>Login failed: wrong user name or password.</source>
        <translation>Login failed: wrong user name or password.</translation>
    </message>
    <message>
        <source>Login failed too often: logins from this computer are locked for a while. Try again later.</source>
        <translation>Login failed too often: logins from this computer are locked for a while. Try again later.</translation>
    </message>
    <message>
        <source>The administrator password is not set yet. Set it in the web console with the setup token, or with &apos;netgatewayctl admin set-password&apos;.</source>
        <translation>The administrator password is not set yet. Set it in the web console with the setup token, or with &apos;netgatewayctl admin set-password&apos;.</translation>
    </message>
    <message>
        <source>The session ended. Log in again.</source>
        <translation>The session ended. Log in again.</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate (%1) cannot be read, so the connection cannot be verified. Run the console as a user who may read the gateway&apos;s data directory.</source>
        <translation>The gateway&apos;s certificate (%1) cannot be read, so the connection cannot be verified. Run the console as a user who may read the gateway&apos;s data directory.</translation>
    </message>
    <message>
        <source>Certificate changed: %1. Not connected. If the certificate was replaced on purpose, log in again.</source>
        <translation>Certificate changed: %1. Not connected. If the certificate was replaced on purpose, log in again.</translation>
    </message>
    <message>
        <source>Cannot reach the gateway service: %1</source>
        <translation>Cannot reach the gateway service: %1</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::HttpsConsoleApi</name>
    <message>
        <source>the service on %1 presents a certificate other than the one in %2</source>
        <translation>the service on %1 presents a certificate other than the one in %2</translation>
    </message>
    <message>
        <source>the answer is larger than %1 bytes</source>
        <translation>the answer is larger than %1 bytes</translation>
    </message>
    <message>
        <source>the dashboard answer lacks fields or has values out of range</source>
        <translation>the dashboard answer lacks fields or has values out of range</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::LoginDialog</name>
    <message>
        <source>Log in to the gateway</source>
        <translation>Log in to the gateway</translation>
    </message>
    <message>
        <source>The console shows the gateway service on this computer. Log in with the administrator account of the web console.</source>
        <translation>The console shows the gateway service on this computer. Log in with the administrator account of the web console.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::MainWindow</name>
    <message>
        <source>Desktop console of the netgateway service</source>
        <translation>Desktop console of the netgateway service</translation>
    </message>
    <message>
        <source>Address of the gateway&apos;s console.</source>
        <translation>Address of the gateway&apos;s console.</translation>
    </message>
    <message>
        <source>The gateway&apos;s data directory (for its certificate).</source>
        <translation>The gateway&apos;s data directory (for its certificate).</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate file to pin.</source>
        <translation>The gateway&apos;s certificate file to pin.</translation>
    </message>
    <message>
        <source>Language: en, de, fr, it, es or ja.</source>
        <translation>Language: en, de, fr, it, es or ja.</translation>
    </message>
    <message>
        <source>--url must be an https:// address, such as https://localhost:9797</source>
        <translation>--url must be an https:// address, such as https://localhost:9797</translation>
    </message>
    <message>
        <source>netgateway console</source>
        <translation>netgateway console</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Session</translation>
    </message>
    <message>
        <source>&amp;Log in...</source>
        <translation>&amp;Log in...</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Log &amp;out</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Gateway service</source>
        <translation>Gateway service</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>State:</translation>
    </message>
    <message>
        <source>St&amp;art</source>
        <translation>St&amp;art</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>St&amp;op</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>&amp;Restart</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Total:</translation>
    </message>
    <message>
        <source>Online:</source>
        <translation>Online:</translation>
    </message>
    <message>
        <source>Offline:</source>
        <translation>Offline:</translation>
    </message>
    <message>
        <source>In error:</source>
        <translation>In error:</translation>
    </message>
    <message>
        <source>Open alerts:</source>
        <translation>Open alerts:</translation>
    </message>
    <message>
        <source>Cloud uplink</source>
        <translation>Cloud uplink</translation>
    </message>
    <message>
        <source>Records waiting:</source>
        <translation>Records waiting:</translation>
    </message>
    <message>
        <source>Recent alerts</source>
        <translation>Recent alerts</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Raised</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>Open the &amp;web console</source>
        <translation>Open the &amp;web console</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>critical</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>warning</translation>
    </message>
    <message>
        <source>other</source>
        <translation>other</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connected</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>failing</translation>
    </message>
    <message>
        <source>failing: %1</source>
        <translation>failing: %1</translation>
    </message>
    <message>
        <source>off (no cloud configured)</source>
        <translation>off (no cloud configured)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>not running</translation>
    </message>
    <message>
        <source>unknown (not connected)</source>
        <translation>unknown (not connected)</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>Unknown certificate</source>
        <translation>Unknown certificate</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate file %1 cannot be read, so the console cannot tell by itself that it talks to the gateway. The service on %2 presents a certificate with this SHA-256 fingerprint:

%3

Compare it with the fingerprint on the web console&apos;s certificate page, or with what &apos;openssl x509 -noout -fingerprint -sha256 -in %1&apos; shows when run as an administrator. Trust it only when they are the same.</source>
        <translation>The gateway&apos;s certificate file %1 cannot be read, so the console cannot tell by itself that it talks to the gateway. The service on %2 presents a certificate with this SHA-256 fingerprint:

%3

Compare it with the fingerprint on the web console&apos;s certificate page, or with what &apos;openssl x509 -noout -fingerprint -sha256 -in %1&apos; shows when run as an administrator. Trust it only when they are the same.</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Trust this certificate</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::ServiceControl</name>
    <message>
        <source>Not permitted: starting and stopping the gateway service needs administrator rights. Run the console as an administrator, or run &apos;%1&apos; as one.</source>
        <translation>Not permitted: starting and stopping the gateway service needs administrator rights. Run the console as an administrator, or run &apos;%1&apos; as one.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; failed (exit code %2): %3</source>
        <translation>&apos;%1&apos; failed (exit code %2): %3</translation>
    </message>
    <message>
        <source>The gateway service was started.</source>
        <translation>The gateway service was started.</translation>
    </message>
    <message>
        <source>The gateway service was stopped.</source>
        <translation>The gateway service was stopped.</translation>
    </message>
    <message>
        <source>The gateway service was restarted.</source>
        <translation>The gateway service was restarted.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be run: %2</source>
        <translation>&apos;%1&apos; cannot be run: %2</translation>
    </message>
</context>
<context>
    <name>netgatewayctl</name>
    <message>
        <source>Usage: netgatewayctl [--data-dir DIR] [--language CODE] COMMAND [ARGS]

Commands:
  status [--json]     state of the running service
  backup FILE         online backup of the database into FILE
  restore FILE        replace the database with FILE (service stopped)
  version             print the version
  probe ADDRESS[:PORT] [options]  read one printer over SNMP (probe --help)
  discover TARGET... [options]    sweep for printers over SNMP (discover --help)
  admin setup-token   show the one-time token for setting the first console password
  admin set-password  set the console administrator password (read from standard input)
  audit verify        check the audit log&apos;s hash chain; names the first bad entry
  relay status        the device relay: listener, limits and per-device counters
  polling poll-now    read every managed device now (devices found since the last
                      reload included)

The data directory defaults to $NETGATEWAY_DATA_DIR or %1.
The language follows the system locale; --language CODE chooses one of %2.
</source>
        <translation>Usage: netgatewayctl [--data-dir DIR] [--language CODE] COMMAND [ARGS]

Commands:
  status [--json]     state of the running service
  backup FILE         online backup of the database into FILE
  restore FILE        replace the database with FILE (service stopped)
  version             print the version
  probe ADDRESS[:PORT] [options]  read one printer over SNMP (probe --help)
  discover TARGET... [options]    sweep for printers over SNMP (discover --help)
  admin setup-token   show the one-time token for setting the first console password
  admin set-password  set the console administrator password (read from standard input)
  audit verify        check the audit log&apos;s hash chain; names the first bad entry
  relay status        the device relay: listener, limits and per-device counters
  polling poll-now    read every managed device now (devices found since the last
                      reload included)

The data directory defaults to $NETGATEWAY_DATA_DIR or %1.
The language follows the system locale; --language CODE chooses one of %2.
</translation>
    </message>
    <message>
        <source>Discovery:</source>
        <translation>Discovery:</translation>
    </message>
    <message>
        <source>Cloud uplink:</source>
        <translation>Cloud uplink:</translation>
    </message>
    <message>
        <source>Maintenance tasks:</source>
        <translation>Maintenance tasks:</translation>
    </message>
    <message>
        <source>netgatewayd %1 running (pid %2), up %3 s</source>
        <translation>netgatewayd %1 running (pid %2), up %3 s</translation>
    </message>
    <message>
        <source>data directory: %1</source>
        <translation>data directory: %1</translation>
    </message>
    <message>
        <source>schema version: %1</source>
        <translation>schema version: %1</translation>
    </message>
    <message>
        <source>devices:        %1</source>
        <translation>devices:        %1</translation>
    </message>
    <message>
        <source>backup written to %1 (%2 bytes, schema version %3)</source>
        <translation>backup written to %1 (%2 bytes, schema version %3)</translation>
    </message>
    <message>
        <source>secrets in it are encrypted: keep it together with a copy of %1, without which they cannot be read</source>
        <translation>secrets in it are encrypted: keep it together with a copy of %1, without which they cannot be read</translation>
    </message>
    <message>
        <source>backup failed: %1</source>
        <translation>backup failed: %1</translation>
    </message>
    <message>
        <source>restore refused: %1. Stop the service first (systemctl stop netgateway).</source>
        <translation>restore refused: %1. Stop the service first (systemctl stop netgateway).</translation>
    </message>
    <message>
        <source>database restored from %1 (schema version %2); the previous one is kept as %3</source>
        <translation>database restored from %1 (schema version %2); the previous one is kept as %3</translation>
    </message>
    <message>
        <source>restore failed, nothing was changed: %1</source>
        <translation>restore failed, nothing was changed: %1</translation>
    </message>
    <message>
        <source>the administrator password is already set; there is no setup token. Use &apos;netgatewayctl admin set-password&apos; to reset it.</source>
        <translation>the administrator password is already set; there is no setup token. Use &apos;netgatewayctl admin set-password&apos; to reset it.</translation>
    </message>
    <message>
        <source>New administrator password: </source>
        <translation>New administrator password: </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Repeat the password: </translation>
    </message>
    <message>
        <source>the two passwords differ; nothing was changed</source>
        <translation>the two passwords differ; nothing was changed</translation>
    </message>
    <message>
        <source>password not changed: %1</source>
        <translation>password not changed: %1</translation>
    </message>
    <message>
        <source>administrator password set; %1 console session(s) ended</source>
        <translation>administrator password set; %1 console session(s) ended</translation>
    </message>
    <message>
        <source>audit log damaged: %1</source>
        <translation>audit log damaged: %1</translation>
    </message>
    <message>
        <source>cannot check the audit log: %1</source>
        <translation>cannot check the audit log: %1</translation>
    </message>
    <message>
        <source>unknown language &apos;%1&apos;; choose one of %2</source>
        <translation>unknown language &apos;%1&apos;; choose one of %2</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>unknown option &apos;%1&apos;</translation>
    </message>
    <message>
        <source>status: unexpected argument &apos;%1&apos;</source>
        <translation>status: unexpected argument &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1 needs exactly one FILE</source>
        <translation>%1 needs exactly one FILE</translation>
    </message>
    <message>
        <source>polling every managed device now</source>
        <translation>polling every managed device now</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>unknown command &apos;%1&apos;</translation>
    </message>
    <message>
        <source>  tasks list [--limit N]              recent maintenance tasks from the cloud, newest first (JSON)
  tasks write-credentials DEVICE      set SNMP write credentials for a device (serial number or MAC)
                                      or &quot;default&quot;; reads a JSON object from standard input:
                                      {&quot;version&quot;:&quot;v2c&quot;,&quot;community&quot;:&quot;...&quot;} or {&quot;version&quot;:&quot;v3&quot;,
                                      &quot;user&quot;:&quot;...&quot;,&quot;authProtocol&quot;:&quot;SHA-256&quot;,&quot;authPassphrase&quot;:&quot;...&quot;,
                                      &quot;privProtocol&quot;:&quot;AES&quot;,&quot;privPassphrase&quot;:&quot;...&quot;}
  tasks remove-write-credentials DEVICE
</source>
        <translation>  tasks list [--limit N]              recent maintenance tasks from the cloud, newest first (JSON)
  tasks write-credentials DEVICE      set SNMP write credentials for a device (serial number or MAC)
                                      or &quot;default&quot;; reads a JSON object from standard input:
                                      {&quot;version&quot;:&quot;v2c&quot;,&quot;community&quot;:&quot;...&quot;} or {&quot;version&quot;:&quot;v3&quot;,
                                      &quot;user&quot;:&quot;...&quot;,&quot;authProtocol&quot;:&quot;SHA-256&quot;,&quot;authPassphrase&quot;:&quot;...&quot;,
                                      &quot;privProtocol&quot;:&quot;AES&quot;,&quot;privPassphrase&quot;:&quot;...&quot;}
  tasks remove-write-credentials DEVICE
</translation>
    </message>
    <message>
        <source>tasks list [--limit N]</source>
        <translation>tasks list [--limit N]</translation>
    </message>
    <message>
        <source>standard input must hold one JSON object: %1</source>
        <translation>standard input must hold one JSON object: %1</translation>
    </message>
    <message>
        <source>  uplink status [--json]                       state of the cloud uplink
  uplink configure --origin https://HOST[:PORT] [--ca-file FILE] [--proxy HOST:PORT
         [--proxy-user USER]] [--mode monitor|manage [--manage-until ISO-DATE]]
         [--counters-per-day 1-4]              (proxy password read from stdin)
  uplink register [--user USER]                access code, then the user&apos;s password,
                                               read from stdin, one per line
  uplink sync                                  upload everything waiting now
</source>
        <translation>  uplink status [--json]                       state of the cloud uplink
  uplink configure --origin https://HOST[:PORT] [--ca-file FILE] [--proxy HOST:PORT
         [--proxy-user USER]] [--mode monitor|manage [--manage-until ISO-DATE]]
         [--counters-per-day 1-4]              (proxy password read from stdin)
  uplink register [--user USER]                access code, then the user&apos;s password,
                                               read from stdin, one per line
  uplink sync                                  upload everything waiting now
</translation>
    </message>
    <message>
        <source>uplink %1: unexpected argument &apos;%2&apos;</source>
        <translation>uplink %1: unexpected argument &apos;%2&apos;</translation>
    </message>
    <message>
        <source>uplink needs status, configure, register or sync</source>
        <translation>uplink needs status, configure, register or sync</translation>
    </message>
    <message>
        <source>uplink %1: unknown option or missing value &apos;%2&apos;</source>
        <translation>uplink %1: unknown option or missing value &apos;%2&apos;</translation>
    </message>
    <message>
        <source>--proxy takes HOST:PORT</source>
        <translation>--proxy takes HOST:PORT</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>cannot read %1: %2</translation>
    </message>
    <message>
        <source>%1 community (stored encrypted)</source>
        <translation>%1 community (stored encrypted)</translation>
    </message>
    <message>
        <source>v3 user &apos;%1&apos; auth %2 priv %3</source>
        <translation>v3 user &apos;%1&apos; auth %2 priv %3</translation>
    </message>
    <message>
        <source> context &apos;%1&apos;</source>
        <translation> context &apos;%1&apos;</translation>
    </message>
    <message>
        <source>id:            %1</source>
        <translation>id:            %1</translation>
    </message>
    <message>
        <source>name:          %1</source>
        <translation>name:          %1</translation>
    </message>
    <message>
        <source>targets:       %1</source>
        <translation>targets:       %1</translation>
    </message>
    <message>
        <source>exclusions:    %1</source>
        <translation>exclusions:    %1</translation>
    </message>
    <message>
        <source>addresses:     %1</source>
        <translation>addresses:     %1</translation>
    </message>
    <message>
        <source>credential %1:  %2</source>
        <translation>credential %1:  %2</translation>
    </message>
    <message>
        <source>ws-discovery:  %1</source>
        <translation>ws-discovery:  %1</translation>
    </message>
    <message>
        <source>on</source>
        <translation>on</translation>
    </message>
    <message>
        <source>off</source>
        <translation>off</translation>
    </message>
    <message>
        <source>schedule:      %1</source>
        <translation>schedule:      %1</translation>
    </message>
    <message>
        <source>new devices:   %1</source>
        <translation>new devices:   %1</translation>
    </message>
    <message>
        <source>discovery add needs a NAME first</source>
        <translation>discovery add needs a NAME first</translation>
    </message>
    <message>
        <source>option %1 needs a value</source>
        <translation>option %1 needs a value</translation>
    </message>
    <message>
        <source>%1 belongs to an SNMPv3 user: give --v3-user USER before it</source>
        <translation>%1 belongs to an SNMPv3 user: give --v3-user USER before it</translation>
    </message>
    <message>
        <source>discovery add: unknown option &apos;%1&apos;</source>
        <translation>discovery add: unknown option &apos;%1&apos;</translation>
    </message>
    <message>
        <source>discovery setting %1 added</source>
        <translation>discovery setting %1 added</translation>
    </message>
    <message>
        <source>discovery run needs the setting&apos;s ID or NAME</source>
        <translation>discovery run needs the setting&apos;s ID or NAME</translation>
    </message>
    <message>
        <source>discovery run: unknown option or missing number: &apos;%1&apos;</source>
        <translation>discovery run: unknown option or missing number: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>progress %1/%2 addresses, %3 found</source>
        <translation>progress %1/%2 addresses, %3 found</translation>
    </message>
    <message>
        <source>%1: found %2, new %3, moved %4, unreachable %5, non-printers %6; authentication failures %7</source>
        <translation>%1: found %2, new %3, moved %4, unreachable %5, non-printers %6; authentication failures %7</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>finished</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>WS-Discovery: %1 device(s) answered in the ranges, %2 confirmed over SNMP</source>
        <translation>WS-Discovery: %1 device(s) answered in the ranges, %2 confirmed over SNMP</translation>
    </message>
    <message>
        <source>--missed-polls needs a number (1 to 100)</source>
        <translation>--missed-polls needs a number (1 to 100)</translation>
    </message>
    <message>
        <source>discovery recovery: unknown option &apos;%1&apos;; use --missed-polls N, --on or --off</source>
        <translation>discovery recovery: unknown option &apos;%1&apos;; use --missed-polls N, --on or --off</translation>
    </message>
    <message>
        <source>device recovery %1 after %2 missed polls</source>
        <translation>device recovery %1 after %2 missed polls</translation>
    </message>
    <message>
        <source>  discovery add NAME --target T [--target T]... [--exclude E]...
        [--community C | --community-file F | --v1-community C]...
        [--v3-user U [--auth-proto SHA256 --auth-pass-file F] [--priv-proto AES --priv-pass-file F]
         [--context C]]... [--wsd] [--schedule manual|HH:MM[,HH:MM...]] [--managed|--pending]
                      store a discovery setting (targets: a.b.c.d, a.b.c.d-e.f.g.h,
                      a.b.c.d/nn, a.b.c.d/m.m.m.m, host names, IPv6); credentials are tried in order
  discovery list [--json]         list discovery settings
  discovery show ID|NAME [--json] show one setting (never its secrets)
  discovery delete ID|NAME        delete a setting and its stored secrets
  discovery run ID|NAME [--rate N] [--timeout MS] [--retries N] [--port P] [--json]
        [--wsd-window MS] [--no-wsd-multicast]
                                  run a setting now in the service, with live progress
                                  (with --wsd settings also WS-Discovery, merged per device)
  discovery recovery [--missed-polls N] [--on|--off] [--json]
                                  show or change device recovery: after N missed polls a
                                  managed device is searched for by serial/MAC in the ranges
  discovery cancel                cancel the running discovery
</source>
        <translation>  discovery add NAME --target T [--target T]... [--exclude E]...
        [--community C | --community-file F | --v1-community C]...
        [--v3-user U [--auth-proto SHA256 --auth-pass-file F] [--priv-proto AES --priv-pass-file F]
         [--context C]]... [--wsd] [--schedule manual|HH:MM[,HH:MM...]] [--managed|--pending]
                      store a discovery setting (targets: a.b.c.d, a.b.c.d-e.f.g.h,
                      a.b.c.d/nn, a.b.c.d/m.m.m.m, host names, IPv6); credentials are tried in order
  discovery list [--json]         list discovery settings
  discovery show ID|NAME [--json] show one setting (never its secrets)
  discovery delete ID|NAME        delete a setting and its stored secrets
  discovery run ID|NAME [--rate N] [--timeout MS] [--retries N] [--port P] [--json]
        [--wsd-window MS] [--no-wsd-multicast]
                                  run a setting now in the service, with live progress
                                  (with --wsd settings also WS-Discovery, merged per device)
  discovery recovery [--missed-polls N] [--on|--off] [--json]
                                  show or change device recovery: after N missed polls a
                                  managed device is searched for by serial/MAC in the ranges
  discovery cancel                cancel the running discovery
</translation>
    </message>
    <message>
        <source>discovery needs a subcommand: add, list, show or delete</source>
        <translation>discovery needs a subcommand: add, list, show or delete</translation>
    </message>
    <message>
        <source>no discovery is running</source>
        <translation>no discovery is running</translation>
    </message>
    <message>
        <source>discovery list: unexpected argument &apos;%1&apos;</source>
        <translation>discovery list: unexpected argument &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no discovery settings</source>
        <translation>no discovery settings</translation>
    </message>
    <message>
        <source>%1	%2	%3 target(s)	%4	%5</source>
        <translation>%1	%2	%3 target(s)	%4	%5</translation>
    </message>
    <message>
        <source>discovery %1 needs exactly one ID or NAME</source>
        <translation>discovery %1 needs exactly one ID or NAME</translation>
    </message>
    <message>
        <source>discovery setting %1 deleted</source>
        <translation>discovery setting %1 deleted</translation>
    </message>
    <message>
        <source>unknown discovery subcommand &apos;%1&apos;: use add, list, show or delete</source>
        <translation>unknown discovery subcommand &apos;%1&apos;: use add, list, show or delete</translation>
    </message>
    <message>
        <source>discovery cancelled</source>
        <translation>discovery cancelled</translation>
    </message>
    <message>
        <source>Usage: netgatewayctl discover TARGET... [options]
  Sweeps addresses over SNMP directly (the service is not needed) and lists the printers.
  TARGET: 192.0.2.7, 192.0.2.10-192.0.2.99, 192.0.2.0/24, 192.0.2.0/255.255.255.0 or a host name
          (at most 65,536 addresses per entry, 1,048,576 in total).
Options (credentials are tried in the order given until one answers):
  --community C        add an SNMP v1/v2c community (default when none is given: public)
  --snmp-version V     1 or 2c for the communities (default: 2c)
  --v3-user U          add an SNMPv3 user; the options below apply to the last one
  --auth-proto P       MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512
  --auth-pass X        authentication passphrase (8 characters or more)
  --priv-proto Q       DES, AES (=AES-128), AES-192, AES-256, AES-192-C or AES-256-C
  --priv-pass Y        privacy passphrase (8 characters or more)
  --context N          SNMPv3 context name
  --exclude E          leave out an address, range or subnet (repeatable)
  --port P             UDP port of the agents (default: 161)
  --rate N             probes per second; 0 = unthrottled (default: 1000)
  --timeout MS         per-attempt timeout in milliseconds (default: 1000)
  --retries N          retries for addresses that do not answer (default: 1)
  --wsd                also WS-Discovery: multicast Probe and directed Probes to the targets;
                       devices that also answer SNMP are listed once, with via [snmp, wsd]
  --no-wsd-multicast   WS-Discovery by directed Probes only
  --wsd-interface IF   interface for the multicast Probe (repeatable; default: all)
  --wsd-window MS      how long WS-Discovery answers are collected (default: 3000)
  --json               print one JSON object
Exit codes: 0 success, 2 usage error, 1 other errors.
</source>
        <translation>Usage: netgatewayctl discover TARGET... [options]
  Sweeps addresses over SNMP directly (the service is not needed) and lists the printers.
  TARGET: 192.0.2.7, 192.0.2.10-192.0.2.99, 192.0.2.0/24, 192.0.2.0/255.255.255.0 or a host name
          (at most 65,536 addresses per entry, 1,048,576 in total).
Options (credentials are tried in the order given until one answers):
  --community C        add an SNMP v1/v2c community (default when none is given: public)
  --snmp-version V     1 or 2c for the communities (default: 2c)
  --v3-user U          add an SNMPv3 user; the options below apply to the last one
  --auth-proto P       MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512
  --auth-pass X        authentication passphrase (8 characters or more)
  --priv-proto Q       DES, AES (=AES-128), AES-192, AES-256, AES-192-C or AES-256-C
  --priv-pass Y        privacy passphrase (8 characters or more)
  --context N          SNMPv3 context name
  --exclude E          leave out an address, range or subnet (repeatable)
  --port P             UDP port of the agents (default: 161)
  --rate N             probes per second; 0 = unthrottled (default: 1000)
  --timeout MS         per-attempt timeout in milliseconds (default: 1000)
  --retries N          retries for addresses that do not answer (default: 1)
  --wsd                also WS-Discovery: multicast Probe and directed Probes to the targets;
                       devices that also answer SNMP are listed once, with via [snmp, wsd]
  --no-wsd-multicast   WS-Discovery by directed Probes only
  --wsd-interface IF   interface for the multicast Probe (repeatable; default: all)
  --wsd-window MS      how long WS-Discovery answers are collected (default: 3000)
  --json               print one JSON object
Exit codes: 0 success, 2 usage error, 1 other errors.
</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 needs a value</translation>
    </message>
    <message>
        <source>%1 belongs to an SNMPv3 user: give --v3-user first</source>
        <translation>%1 belongs to an SNMPv3 user: give --v3-user first</translation>
    </message>
    <message>
        <source>unknown authentication protocol &apos;%1&apos;</source>
        <translation>unknown authentication protocol &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unknown privacy protocol &apos;%1&apos;</source>
        <translation>unknown privacy protocol &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--wsd-window must be 100 to 60000 milliseconds</source>
        <translation>--wsd-window must be 100 to 60000 milliseconds</translation>
    </message>
    <message>
        <source>--port must be 1 to 65535</source>
        <translation>--port must be 1 to 65535</translation>
    </message>
    <message>
        <source>--rate must be 0 (unthrottled) to 1000000 probes per second</source>
        <translation>--rate must be 0 (unthrottled) to 1000000 probes per second</translation>
    </message>
    <message>
        <source>--timeout must be 10 to 60000 milliseconds</source>
        <translation>--timeout must be 10 to 60000 milliseconds</translation>
    </message>
    <message>
        <source>--retries must be 0 to 10</source>
        <translation>--retries must be 0 to 10</translation>
    </message>
    <message>
        <source>discover: unknown option &apos;%1&apos;</source>
        <translation>discover: unknown option &apos;%1&apos;</translation>
    </message>
    <message>
        <source>discover needs at least one TARGET</source>
        <translation>discover needs at least one TARGET</translation>
    </message>
    <message>
        <source>--snmp-version must be 1 or 2c (SNMPv3 is chosen by --v3-user)</source>
        <translation>--snmp-version must be 1 or 2c (SNMPv3 is chosen by --v3-user)</translation>
    </message>
    <message>
        <source>scanned %1/%2, found %3</source>
        <translation>scanned %1/%2, found %3</translation>
    </message>
    <message>
        <source>Usage: netgatewayctl probe ADDRESS[:PORT] [options]
  Reads one printer over SNMP directly (the service is not needed).
  ADDRESS is an IPv4 address, [IPv6] address or host name; PORT defaults to 161.
Options:
  --community C        SNMPv2c community (default: public)
  --snmp-version V     1 or 2c when a community is used (default: 2c)
  --v3-user U          use SNMPv3 with user U
  --auth-proto P       MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512
  --auth-pass X        authentication passphrase (8 characters or more)
  --priv-proto Q       DES, AES (=AES-128), AES-192, AES-256, AES-192-C or AES-256-C
  --priv-pass Y        privacy passphrase (8 characters or more)
  --context N          SNMPv3 context name
  --timeout MS         per-attempt timeout in milliseconds (default: 1000)
  --retries N          retries after the first attempt (default: 1)
  --json               print one JSON object
Exit codes: 0 success, 2 usage error, 3 timeout or unreachable,
            4 SNMPv3 authentication or privacy failure, 1 other errors.
</source>
        <translation>Usage: netgatewayctl probe ADDRESS[:PORT] [options]
  Reads one printer over SNMP directly (the service is not needed).
  ADDRESS is an IPv4 address, [IPv6] address or host name; PORT defaults to 161.
Options:
  --community C        SNMPv2c community (default: public)
  --snmp-version V     1 or 2c when a community is used (default: 2c)
  --v3-user U          use SNMPv3 with user U
  --auth-proto P       MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512
  --auth-pass X        authentication passphrase (8 characters or more)
  --priv-proto Q       DES, AES (=AES-128), AES-192, AES-256, AES-192-C or AES-256-C
  --priv-pass Y        privacy passphrase (8 characters or more)
  --context N          SNMPv3 context name
  --timeout MS         per-attempt timeout in milliseconds (default: 1000)
  --retries N          retries after the first attempt (default: 1)
  --json               print one JSON object
Exit codes: 0 success, 2 usage error, 3 timeout or unreachable,
            4 SNMPv3 authentication or privacy failure, 1 other errors.
</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: missing &apos;]&apos; after the IPv6 address</source>
        <translation>&apos;%1&apos;: missing &apos;]&apos; after the IPv6 address</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: expected &apos;:PORT&apos; after &apos;]&apos;</source>
        <translation>&apos;%1&apos;: expected &apos;:PORT&apos; after &apos;]&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an address</source>
        <translation>&apos;%1&apos; is not an address</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port number (1-65535)</source>
        <translation>&apos;%1&apos; is not a port number (1-65535)</translation>
    </message>
    <message>
        <source>--timeout must be 10 to 600000 milliseconds</source>
        <translation>--timeout must be 10 to 600000 milliseconds</translation>
    </message>
    <message>
        <source>--retries must be 0 to 20</source>
        <translation>--retries must be 0 to 20</translation>
    </message>
    <message>
        <source>probe: unknown option &apos;%1&apos;</source>
        <translation>probe: unknown option &apos;%1&apos;</translation>
    </message>
    <message>
        <source>probe: unexpected argument &apos;%1&apos;</source>
        <translation>probe: unexpected argument &apos;%1&apos;</translation>
    </message>
    <message>
        <source>probe needs an ADDRESS</source>
        <translation>probe needs an ADDRESS</translation>
    </message>
    <message>
        <source>use either --community or the --v3-* options, not both</source>
        <translation>use either --community or the --v3-* options, not both</translation>
    </message>
    <message>
        <source>SNMPv3 needs --v3-user</source>
        <translation>SNMPv3 needs --v3-user</translation>
    </message>
    <message>
        <source>cannot resolve &apos;%1&apos; within %2 ms</source>
        <translation>cannot resolve &apos;%1&apos; within %2 ms</translation>
    </message>
    <message>
        <source>cannot resolve &apos;%1&apos;: %2</source>
        <translation>cannot resolve &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>scanned %1 addresses in %2 ms: %3 printers, %4 non-printers, %5 unreachable; authentication failures %6</source>
        <translation>scanned %1 addresses in %2 ms: %3 printers, %4 non-printers, %5 unreachable; authentication failures %6</translation>
    </message>
    <message>
        <source>host name did not resolve: %1</source>
        <translation>host name did not resolve: %1</translation>
    </message>
    <message>
        <source>address:</source>
        <translation>address:</translation>
    </message>
    <message>
        <source>manufacturer:</source>
        <translation>manufacturer:</translation>
    </message>
    <message>
        <source>model:</source>
        <translation>model:</translation>
    </message>
    <message>
        <source>serial:</source>
        <translation>serial:</translation>
    </message>
    <message>
        <source>MAC:</source>
        <translation>MAC:</translation>
    </message>
    <message>
        <source>name:</source>
        <translation>name:</translation>
    </message>
    <message>
        <source>location:</source>
        <translation>location:</translation>
    </message>
    <message>
        <source>firmware:</source>
        <translation>firmware:</translation>
    </message>
    <message>
        <source>status:</source>
        <translation>status:</translation>
    </message>
    <message>
        <source>total:</source>
        <translation>total:</translation>
    </message>
</context>
</TS>
