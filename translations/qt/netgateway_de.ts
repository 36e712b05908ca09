<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>netgateway::desktop::CertificateProbe</name>
    <message>
        <source>the service presented no certificate</source>
        <translation>der Dienst hat kein Zertifikat gezeigt</translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation>keine Antwort innerhalb von %1 Sekunden</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::ConsoleModel</name>
    <message>
        <source>Not logged in. Log in with the administrator password.</source>
        <translation>Nicht angemeldet. Melden Sie sich mit dem Administratorpasswort an.</translation>
    </message>
    <message>
        <source>Logging in...</source>
        <translation>Anmeldung läuft...</translation>
    </message>
    <message>
        <source>Logged in; reading the gateway&apos;s state...</source>
        <translation>Angemeldet; der Zustand des Gateways wird gelesen...</translation>
    </message>
    <message>
        <source>Connected to the gateway service %1; last update %2.</source>
        <translation>Verbunden mit dem Gateway-Dienst %1; letzte Aktualisierung %2.</translation>
    </message>
    <message>
        <source>The gateway service is not running. Start it with the Start button (needs administrator rights).</source>
        <translation>Der Gateway-Dienst läuft nicht. Starten Sie ihn mit der Schaltfläche Starten (erfordert Administratorrechte).</translation>
    </message>
    <message>
        <source>Login failed: wrong user name or password.</source>
        <translation>Anmeldung fehlgeschlagen: falscher Benutzername oder falsches Passwort.</translation>
    </message>
    <message>
        <source>Login failed too often: logins from this computer are locked for a while. Try again later.</source>
        <translation>Zu viele fehlgeschlagene Anmeldungen: Anmeldungen von diesem Computer sind eine Zeit lang gesperrt. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The administrator password is not set yet. Set it in the web console with the setup token, or with &apos;netgatewayctl admin set-password&apos;.</source>
        <translation>Das Administratorpasswort ist noch nicht gesetzt. Setzen Sie es in der Web-Konsole mit dem Einrichtungstoken oder mit &apos;netgatewayctl admin set-password&apos;.</translation>
    </message>
    <message>
        <source>The session ended. Log in again.</source>
        <translation>Die Sitzung ist beendet. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate (%1) cannot be read, so the connection cannot be verified. Run the console as a user who may read the gateway&apos;s data directory.</source>
        <translation>Das Zertifikat des Gateways (%1) kann nicht gelesen werden, daher kann die Verbindung nicht geprüft werden. Starten Sie die Konsole als Benutzer, der das Datenverzeichnis des Gateways lesen darf.</translation>
    </message>
    <message>
        <source>Certificate changed: %1. Not connected. If the certificate was replaced on purpose, log in again.</source>
        <translation>Zertifikat geändert: %1. Nicht verbunden. Wenn das Zertifikat absichtlich ersetzt wurde, melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Cannot reach the gateway service: %1</source>
        <translation>Der Gateway-Dienst ist nicht erreichbar: %1</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::HttpsConsoleApi</name>
    <message>
        <source>the service on %1 presents a certificate other than the one in %2</source>
        <translation>der Dienst auf %1 zeigt ein anderes Zertifikat als das in %2</translation>
    </message>
    <message>
        <source>the answer is larger than %1 bytes</source>
        <translation>die Antwort ist größer als %1 Bytes</translation>
    </message>
    <message>
        <source>the dashboard answer lacks fields or has values out of range</source>
        <translation>der Antwort der Übersicht fehlen Felder oder sie enthält Werte außerhalb des zulässigen Bereichs</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::LoginDialog</name>
    <message>
        <source>Log in to the gateway</source>
        <translation>Am Gateway anmelden</translation>
    </message>
    <message>
        <source>The console shows the gateway service on this computer. Log in with the administrator account of the web console.</source>
        <translation>Die Konsole zeigt den Gateway-Dienst auf diesem Computer. Melden Sie sich mit dem Administratorkonto der Web-Konsole an.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::MainWindow</name>
    <message>
        <source>Desktop console of the netgateway service</source>
        <translation>Desktop-Konsole des netgateway-Dienstes</translation>
    </message>
    <message>
        <source>Address of the gateway&apos;s console.</source>
        <translation>Adresse der Konsole des Gateways.</translation>
    </message>
    <message>
        <source>The gateway&apos;s data directory (for its certificate).</source>
        <translation>Das Datenverzeichnis des Gateways (für sein Zertifikat).</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate file to pin.</source>
        <translation>Die Zertifikatsdatei des Gateways, die festgelegt wird.</translation>
    </message>
    <message>
        <source>Language: en, de, fr, it, es or ja.</source>
        <translation>Sprache: en, de, fr, it, es oder ja.</translation>
    </message>
    <message>
        <source>--url must be an https:// address, such as https://localhost:9797</source>
        <translation>--url muss eine https://-Adresse sein, zum Beispiel https://localhost:9797</translation>
    </message>
    <message>
        <source>netgateway console</source>
        <translation>netgateway-Konsole</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Sitzung</translation>
    </message>
    <message>
        <source>&amp;Log in...</source>
        <translation>&amp;Anmelden...</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>S&amp;prache</translation>
    </message>
    <message>
        <source>Gateway service</source>
        <translation>Gateway-Dienst</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>St&amp;art</source>
        <translation>St&amp;arten</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>Sto&amp;ppen</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>&amp;Neu starten</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Gesamt:</translation>
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
        <translation>Mit Fehler:</translation>
    </message>
    <message>
        <source>Open alerts:</source>
        <translation>Offene Meldungen:</translation>
    </message>
    <message>
        <source>Cloud uplink</source>
        <translation>Cloud-Verbindung</translation>
    </message>
    <message>
        <source>Records waiting:</source>
        <translation>Wartende Datensätze:</translation>
    </message>
    <message>
        <source>Recent alerts</source>
        <translation>Neueste Meldungen</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Ausgelöst</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Open the &amp;web console</source>
        <translation>&amp;Web-Konsole öffnen</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>other</source>
        <translation>sonstige</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>gestört</translation>
    </message>
    <message>
        <source>failing: %1</source>
        <translation>gestört: %1</translation>
    </message>
    <message>
        <source>off (no cloud configured)</source>
        <translation>aus (keine Cloud eingerichtet)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>läuft nicht</translation>
    </message>
    <message>
        <source>unknown (not connected)</source>
        <translation>unbekannt (nicht verbunden)</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>Unknown certificate</source>
        <translation>Unbekanntes Zertifikat</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate file %1 cannot be read, so the console cannot tell by itself that it talks to the gateway. The service on %2 presents a certificate with this SHA-256 fingerprint:

%3

Compare it with the fingerprint on the web console&apos;s certificate page, or with what &apos;openssl x509 -noout -fingerprint -sha256 -in %1&apos; shows when run as an administrator. Trust it only when they are the same.</source>
        <translation>Die Zertifikatsdatei des Gateways %1 kann nicht gelesen werden, daher kann die Konsole nicht selbst feststellen, dass sie mit dem Gateway spricht. Der Dienst auf %2 zeigt ein Zertifikat mit diesem SHA-256-Fingerabdruck:

%3

Vergleichen Sie ihn mit dem Fingerabdruck auf der Zertifikatsseite der Web-Konsole oder mit der Ausgabe von &apos;openssl x509 -noout -fingerprint -sha256 -in %1&apos;, als Administrator ausgeführt. Vertrauen Sie ihm nur, wenn beide gleich sind.</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Diesem Zertifikat vertrauen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::ServiceControl</name>
    <message>
        <source>Not permitted: starting and stopping the gateway service needs administrator rights. Run the console as an administrator, or run &apos;%1&apos; as one.</source>
        <translation>Nicht erlaubt: Starten und Stoppen des Gateway-Dienstes erfordert Administratorrechte. Starten Sie die Konsole als Administrator oder führen Sie &apos;%1&apos; als Administrator aus.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; failed (exit code %2): %3</source>
        <translation>&apos;%1&apos; ist fehlgeschlagen (Exit-Code %2): %3</translation>
    </message>
    <message>
        <source>The gateway service was started.</source>
        <translation>Der Gateway-Dienst wurde gestartet.</translation>
    </message>
    <message>
        <source>The gateway service was stopped.</source>
        <translation>Der Gateway-Dienst wurde gestoppt.</translation>
    </message>
    <message>
        <source>The gateway service was restarted.</source>
        <translation>Der Gateway-Dienst wurde neu gestartet.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be run: %2</source>
        <translation>&apos;%1&apos; kann nicht ausgeführt werden: %2</translation>
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
        <translation>Aufruf: netgatewayctl [--data-dir VERZ] [--language CODE] BEFEHL [ARGUMENTE]

Befehle:
  status [--json]     Zustand des laufenden Dienstes
  backup DATEI        Online-Sicherung der Datenbank in DATEI
  restore DATEI       Datenbank durch DATEI ersetzen (Dienst gestoppt)
  version             Version ausgeben
  probe ADRESSE[:PORT] [Optionen]  einen Drucker über SNMP lesen (probe --help)
  discover ZIEL... [Optionen]      nach Druckern über SNMP suchen (discover --help)
  admin setup-token   das Einmal-Token zum Setzen des ersten Konsolenpassworts zeigen
  admin set-password  das Administratorpasswort der Konsole setzen (von der Standardeingabe)
  audit verify        die Hash-Kette des Audit-Protokolls prüfen; nennt den ersten fehlerhaften Eintrag
  relay status        das Geräte-Relay: Listener, Grenzen und Zähler je Gerät
  polling poll-now    jedes verwaltete Gerät jetzt lesen (einschließlich der seit dem letzten
                      Neuladen gefundenen Geräte)

Das Datenverzeichnis ist standardmäßig $NETGATEWAY_DATA_DIR oder %1.
Die Sprache folgt dem System; --language CODE wählt eine aus %2.
</translation>
    </message>
    <message>
        <source>Discovery:</source>
        <translation>Erkennung:</translation>
    </message>
    <message>
        <source>Cloud uplink:</source>
        <translation>Cloud-Verbindung:</translation>
    </message>
    <message>
        <source>Maintenance tasks:</source>
        <translation>Wartungsaufgaben:</translation>
    </message>
    <message>
        <source>netgatewayd %1 running (pid %2), up %3 s</source>
        <translation>netgatewayd %1 läuft (PID %2), seit %3 s</translation>
    </message>
    <message>
        <source>data directory: %1</source>
        <translation>Datenverzeichnis: %1</translation>
    </message>
    <message>
        <source>schema version: %1</source>
        <translation>Schemaversion:  %1</translation>
    </message>
    <message>
        <source>devices:        %1</source>
        <translation>Geräte:         %1</translation>
    </message>
    <message>
        <source>backup written to %1 (%2 bytes, schema version %3)</source>
        <translation>Sicherung nach %1 geschrieben (%2 Bytes, Schemaversion %3)</translation>
    </message>
    <message>
        <source>secrets in it are encrypted: keep it together with a copy of %1, without which they cannot be read</source>
        <translation>die Geheimnisse darin sind verschlüsselt: bewahren Sie sie zusammen mit einer Kopie von %1 auf, ohne die sie nicht lesbar sind</translation>
    </message>
    <message>
        <source>backup failed: %1</source>
        <translation>Sicherung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>restore refused: %1. Stop the service first (systemctl stop netgateway).</source>
        <translation>Wiederherstellung abgelehnt: %1. Stoppen Sie zuerst den Dienst (systemctl stop netgateway).</translation>
    </message>
    <message>
        <source>database restored from %1 (schema version %2); the previous one is kept as %3</source>
        <translation>Datenbank aus %1 wiederhergestellt (Schemaversion %2); die vorherige bleibt als %3 erhalten</translation>
    </message>
    <message>
        <source>restore failed, nothing was changed: %1</source>
        <translation>Wiederherstellung fehlgeschlagen, nichts wurde geändert: %1</translation>
    </message>
    <message>
        <source>the administrator password is already set; there is no setup token. Use &apos;netgatewayctl admin set-password&apos; to reset it.</source>
        <translation>das Administratorpasswort ist bereits gesetzt; es gibt kein Einrichtungstoken. Verwenden Sie &apos;netgatewayctl admin set-password&apos;, um es zurückzusetzen.</translation>
    </message>
    <message>
        <source>New administrator password: </source>
        <translation>Neues Administratorpasswort: </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Passwort wiederholen: </translation>
    </message>
    <message>
        <source>the two passwords differ; nothing was changed</source>
        <translation>die beiden Passwörter unterscheiden sich; nichts wurde geändert</translation>
    </message>
    <message>
        <source>password not changed: %1</source>
        <translation>Passwort nicht geändert: %1</translation>
    </message>
    <message>
        <source>administrator password set; %1 console session(s) ended</source>
        <translation>Administratorpasswort gesetzt; %1 Konsolensitzung(en) beendet</translation>
    </message>
    <message>
        <source>audit log damaged: %1</source>
        <translation>Audit-Protokoll beschädigt: %1</translation>
    </message>
    <message>
        <source>cannot check the audit log: %1</source>
        <translation>das Audit-Protokoll kann nicht geprüft werden: %1</translation>
    </message>
    <message>
        <source>unknown language &apos;%1&apos;; choose one of %2</source>
        <translation>unbekannte Sprache &apos;%1&apos;; wählen Sie eine aus %2</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>unbekannte Option &apos;%1&apos;</translation>
    </message>
    <message>
        <source>status: unexpected argument &apos;%1&apos;</source>
        <translation>status: unerwartetes Argument &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1 needs exactly one FILE</source>
        <translation>%1 braucht genau eine DATEI</translation>
    </message>
    <message>
        <source>polling every managed device now</source>
        <translation>jedes verwaltete Gerät wird jetzt abgefragt</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>unbekannter Befehl &apos;%1&apos;</translation>
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
        <translation>  tasks list [--limit N]              neueste Wartungsaufgaben aus der Cloud, neueste zuerst (JSON)
  tasks write-credentials GERÄT       SNMP-Schreibzugangsdaten für ein Gerät setzen (Seriennummer oder MAC)
                                      oder &quot;default&quot;; liest ein JSON-Objekt von der Standardeingabe:
                                      {&quot;version&quot;:&quot;v2c&quot;,&quot;community&quot;:&quot;...&quot;} oder {&quot;version&quot;:&quot;v3&quot;,
                                      &quot;user&quot;:&quot;...&quot;,&quot;authProtocol&quot;:&quot;SHA-256&quot;,&quot;authPassphrase&quot;:&quot;...&quot;,
                                      &quot;privProtocol&quot;:&quot;AES&quot;,&quot;privPassphrase&quot;:&quot;...&quot;}
  tasks remove-write-credentials GERÄT
</translation>
    </message>
    <message>
        <source>tasks list [--limit N]</source>
        <translation>tasks list [--limit N]</translation>
    </message>
    <message>
        <source>standard input must hold one JSON object: %1</source>
        <translation>die Standardeingabe muss ein JSON-Objekt enthalten: %1</translation>
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
        <translation>  uplink status [--json]                       Zustand der Cloud-Verbindung
  uplink configure --origin https://HOST[:PORT] [--ca-file DATEI] [--proxy HOST:PORT
         [--proxy-user BENUTZER]] [--mode monitor|manage [--manage-until ISO-DATUM]]
         [--counters-per-day 1-4]              (Proxy-Passwort von der Standardeingabe)
  uplink register [--user BENUTZER]            Zugangscode, dann das Passwort des Benutzers,
                                               von der Standardeingabe, je eine Zeile
  uplink sync                                  alles Wartende jetzt hochladen
</translation>
    </message>
    <message>
        <source>uplink %1: unexpected argument &apos;%2&apos;</source>
        <translation>uplink %1: unerwartetes Argument &apos;%2&apos;</translation>
    </message>
    <message>
        <source>uplink needs status, configure, register or sync</source>
        <translation>uplink braucht status, configure, register oder sync</translation>
    </message>
    <message>
        <source>uplink %1: unknown option or missing value &apos;%2&apos;</source>
        <translation>uplink %1: unbekannte Option oder fehlender Wert &apos;%2&apos;</translation>
    </message>
    <message>
        <source>--proxy takes HOST:PORT</source>
        <translation>--proxy erwartet HOST:PORT</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 community (stored encrypted)</source>
        <translation>%1-Community (verschlüsselt gespeichert)</translation>
    </message>
    <message>
        <source>v3 user &apos;%1&apos; auth %2 priv %3</source>
        <translation>v3-Benutzer &apos;%1&apos; Auth %2 Priv %3</translation>
    </message>
    <message>
        <source> context &apos;%1&apos;</source>
        <translation> Kontext &apos;%1&apos;</translation>
    </message>
    <message>
        <source>id:            %1</source>
        <translation>ID:            %1</translation>
    </message>
    <message>
        <source>name:          %1</source>
        <translation>Name:          %1</translation>
    </message>
    <message>
        <source>targets:       %1</source>
        <translation>Ziele:         %1</translation>
    </message>
    <message>
        <source>exclusions:    %1</source>
        <translation>Ausnahmen:     %1</translation>
    </message>
    <message>
        <source>addresses:     %1</source>
        <translation>Adressen:      %1</translation>
    </message>
    <message>
        <source>credential %1:  %2</source>
        <translation>Zugangsdaten %1: %2</translation>
    </message>
    <message>
        <source>ws-discovery:  %1</source>
        <translation>WS-Discovery:  %1</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>schedule:      %1</source>
        <translation>Zeitplan:      %1</translation>
    </message>
    <message>
        <source>new devices:   %1</source>
        <translation>neue Geräte:   %1</translation>
    </message>
    <message>
        <source>discovery add needs a NAME first</source>
        <translation>discovery add braucht zuerst einen NAMEN</translation>
    </message>
    <message>
        <source>option %1 needs a value</source>
        <translation>Option %1 braucht einen Wert</translation>
    </message>
    <message>
        <source>%1 belongs to an SNMPv3 user: give --v3-user USER before it</source>
        <translation>%1 gehört zu einem SNMPv3-Benutzer: geben Sie vorher --v3-user BENUTZER an</translation>
    </message>
    <message>
        <source>discovery add: unknown option &apos;%1&apos;</source>
        <translation>discovery add: unbekannte Option &apos;%1&apos;</translation>
    </message>
    <message>
        <source>discovery setting %1 added</source>
        <translation>Erkennungseinstellung %1 hinzugefügt</translation>
    </message>
    <message>
        <source>discovery run needs the setting&apos;s ID or NAME</source>
        <translation>discovery run braucht die ID oder den NAMEN der Einstellung</translation>
    </message>
    <message>
        <source>discovery run: unknown option or missing number: &apos;%1&apos;</source>
        <translation>discovery run: unbekannte Option oder fehlende Zahl: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>progress %1/%2 addresses, %3 found</source>
        <translation>Fortschritt %1/%2 Adressen, %3 gefunden</translation>
    </message>
    <message>
        <source>%1: found %2, new %3, moved %4, unreachable %5, non-printers %6; authentication failures %7</source>
        <translation>%1: gefunden %2, neu %3, umgezogen %4, nicht erreichbar %5, keine Drucker %6; Authentifizierungsfehler %7</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>WS-Discovery: %1 device(s) answered in the ranges, %2 confirmed over SNMP</source>
        <translation>WS-Discovery: %1 Gerät(e) in den Bereichen haben geantwortet, %2 über SNMP bestätigt</translation>
    </message>
    <message>
        <source>--missed-polls needs a number (1 to 100)</source>
        <translation>--missed-polls braucht eine Zahl (1 bis 100)</translation>
    </message>
    <message>
        <source>discovery recovery: unknown option &apos;%1&apos;; use --missed-polls N, --on or --off</source>
        <translation>discovery recovery: unbekannte Option &apos;%1&apos;; verwenden Sie --missed-polls N, --on oder --off</translation>
    </message>
    <message>
        <source>device recovery %1 after %2 missed polls</source>
        <translation>Gerätewiederfindung %1 nach %2 verpassten Abfragen</translation>
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
                      eine Erkennungseinstellung speichern (Ziele: a.b.c.d, a.b.c.d-e.f.g.h,
                      a.b.c.d/nn, a.b.c.d/m.m.m.m, Hostnamen, IPv6); Zugangsdaten werden der Reihe nach versucht
  discovery list [--json]         Erkennungseinstellungen auflisten
  discovery show ID|NAME [--json] eine Einstellung zeigen (nie ihre Geheimnisse)
  discovery delete ID|NAME        eine Einstellung und ihre gespeicherten Geheimnisse löschen
  discovery run ID|NAME [--rate N] [--timeout MS] [--retries N] [--port P] [--json]
        [--wsd-window MS] [--no-wsd-multicast]
                                  eine Einstellung jetzt im Dienst ausführen, mit laufendem Fortschritt
                                  (bei Einstellungen mit --wsd auch WS-Discovery, je Gerät zusammengeführt)
  discovery recovery [--missed-polls N] [--on|--off] [--json]
                                  Gerätewiederfindung zeigen oder ändern: nach N verpassten Abfragen wird ein
                                  verwaltetes Gerät in den Bereichen nach Seriennummer/MAC gesucht
  discovery cancel                die laufende Erkennung abbrechen
</translation>
    </message>
    <message>
        <source>discovery needs a subcommand: add, list, show or delete</source>
        <translation>discovery braucht einen Unterbefehl: add, list, show oder delete</translation>
    </message>
    <message>
        <source>no discovery is running</source>
        <translation>keine Erkennung läuft</translation>
    </message>
    <message>
        <source>discovery list: unexpected argument &apos;%1&apos;</source>
        <translation>discovery list: unerwartetes Argument &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no discovery settings</source>
        <translation>keine Erkennungseinstellungen</translation>
    </message>
    <message>
        <source>%1	%2	%3 target(s)	%4	%5</source>
        <translation>%1	%2	%3 Ziel(e)	%4	%5</translation>
    </message>
    <message>
        <source>discovery %1 needs exactly one ID or NAME</source>
        <translation>discovery %1 braucht genau eine ID oder einen NAMEN</translation>
    </message>
    <message>
        <source>discovery setting %1 deleted</source>
        <translation>Erkennungseinstellung %1 gelöscht</translation>
    </message>
    <message>
        <source>unknown discovery subcommand &apos;%1&apos;: use add, list, show or delete</source>
        <translation>unbekannter Erkennungs-Unterbefehl &apos;%1&apos;: verwenden Sie add, list, show oder delete</translation>
    </message>
    <message>
        <source>discovery cancelled</source>
        <translation>Erkennung abgebrochen</translation>
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
        <translation>Aufruf: netgatewayctl discover ZIEL... [Optionen]
  Durchsucht Adressen direkt über SNMP (der Dienst wird nicht gebraucht) und listet die Drucker.
  ZIEL: 192.0.2.7, 192.0.2.10-192.0.2.99, 192.0.2.0/24, 192.0.2.0/255.255.255.0 oder ein Hostname
          (höchstens 65.536 Adressen je Eintrag, 1.048.576 insgesamt).
Optionen (Zugangsdaten werden in der angegebenen Reihenfolge versucht, bis eines antwortet):
  --community C        eine SNMP-v1/v2c-Community hinzufügen (ohne Angabe: public)
  --snmp-version V     1 oder 2c für die Communitys (Standard: 2c)
  --v3-user U          einen SNMPv3-Benutzer hinzufügen; die folgenden Optionen gelten für den letzten
  --auth-proto P       MD5, SHA, SHA-224, SHA-256, SHA-384 oder SHA-512
  --auth-pass X        Authentifizierungs-Passphrase (8 Zeichen oder mehr)
  --priv-proto Q       DES, AES (=AES-128), AES-192, AES-256, AES-192-C oder AES-256-C
  --priv-pass Y        Verschlüsselungs-Passphrase (8 Zeichen oder mehr)
  --context N          SNMPv3-Kontextname
  --exclude E          eine Adresse, einen Bereich oder ein Subnetz auslassen (wiederholbar)
  --port P             UDP-Port der Agenten (Standard: 161)
  --rate N             Anfragen pro Sekunde; 0 = ungebremst (Standard: 1000)
  --timeout MS         Zeitlimit je Versuch in Millisekunden (Standard: 1000)
  --retries N          Wiederholungen für Adressen ohne Antwort (Standard: 1)
  --wsd                auch WS-Discovery: Multicast-Probe und gezielte Probes an die Ziele;
                       Geräte, die auch über SNMP antworten, erscheinen einmal, mit via [snmp, wsd]
  --no-wsd-multicast   WS-Discovery nur mit gezielten Probes
  --wsd-interface IF   Schnittstelle für die Multicast-Probe (wiederholbar; Standard: alle)
  --wsd-window MS      wie lange WS-Discovery-Antworten gesammelt werden (Standard: 3000)
  --json               ein JSON-Objekt ausgeben
Exit-Codes: 0 Erfolg, 2 Aufruffehler, 1 andere Fehler.
</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 braucht einen Wert</translation>
    </message>
    <message>
        <source>%1 belongs to an SNMPv3 user: give --v3-user first</source>
        <translation>%1 gehört zu einem SNMPv3-Benutzer: geben Sie zuerst --v3-user an</translation>
    </message>
    <message>
        <source>unknown authentication protocol &apos;%1&apos;</source>
        <translation>unbekanntes Authentifizierungsprotokoll &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unknown privacy protocol &apos;%1&apos;</source>
        <translation>unbekanntes Verschlüsselungsprotokoll &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--wsd-window must be 100 to 60000 milliseconds</source>
        <translation>--wsd-window muss zwischen 100 und 60000 Millisekunden liegen</translation>
    </message>
    <message>
        <source>--port must be 1 to 65535</source>
        <translation>--port muss zwischen 1 und 65535 liegen</translation>
    </message>
    <message>
        <source>--rate must be 0 (unthrottled) to 1000000 probes per second</source>
        <translation>--rate muss zwischen 0 (ungebremst) und 1000000 Anfragen pro Sekunde liegen</translation>
    </message>
    <message>
        <source>--timeout must be 10 to 60000 milliseconds</source>
        <translation>--timeout muss zwischen 10 und 60000 Millisekunden liegen</translation>
    </message>
    <message>
        <source>--retries must be 0 to 10</source>
        <translation>--retries muss zwischen 0 und 10 liegen</translation>
    </message>
    <message>
        <source>discover: unknown option &apos;%1&apos;</source>
        <translation>discover: unbekannte Option &apos;%1&apos;</translation>
    </message>
    <message>
        <source>discover needs at least one TARGET</source>
        <translation>discover braucht mindestens ein ZIEL</translation>
    </message>
    <message>
        <source>--snmp-version must be 1 or 2c (SNMPv3 is chosen by --v3-user)</source>
        <translation>--snmp-version muss 1 oder 2c sein (SNMPv3 wird mit --v3-user gewählt)</translation>
    </message>
    <message>
        <source>scanned %1/%2, found %3</source>
        <translation>%1/%2 durchsucht, %3 gefunden</translation>
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
        <translation>Aufruf: netgatewayctl probe ADRESSE[:PORT] [Optionen]
  Liest einen Drucker direkt über SNMP (der Dienst wird nicht gebraucht).
  ADRESSE ist eine IPv4-Adresse, eine [IPv6]-Adresse oder ein Hostname; PORT ist standardmäßig 161.
Optionen:
  --community C        SNMPv2c-Community (Standard: public)
  --snmp-version V     1 oder 2c, wenn eine Community benutzt wird (Standard: 2c)
  --v3-user U          SNMPv3 mit Benutzer U verwenden
  --auth-proto P       MD5, SHA, SHA-224, SHA-256, SHA-384 oder SHA-512
  --auth-pass X        Authentifizierungs-Passphrase (8 Zeichen oder mehr)
  --priv-proto Q       DES, AES (=AES-128), AES-192, AES-256, AES-192-C oder AES-256-C
  --priv-pass Y        Verschlüsselungs-Passphrase (8 Zeichen oder mehr)
  --context N          SNMPv3-Kontextname
  --timeout MS         Zeitlimit je Versuch in Millisekunden (Standard: 1000)
  --retries N          Wiederholungen nach dem ersten Versuch (Standard: 1)
  --json               ein JSON-Objekt ausgeben
Exit-Codes: 0 Erfolg, 2 Aufruffehler, 3 Zeitüberschreitung oder nicht erreichbar,
            4 SNMPv3-Authentifizierungs- oder Verschlüsselungsfehler, 1 andere Fehler.
</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: missing &apos;]&apos; after the IPv6 address</source>
        <translation>&apos;%1&apos;: nach der IPv6-Adresse fehlt &apos;]&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: expected &apos;:PORT&apos; after &apos;]&apos;</source>
        <translation>&apos;%1&apos;: nach &apos;]&apos; wird &apos;:PORT&apos; erwartet</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an address</source>
        <translation>&apos;%1&apos; ist keine Adresse</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port number (1-65535)</source>
        <translation>&apos;%1&apos; ist keine Portnummer (1-65535)</translation>
    </message>
    <message>
        <source>--timeout must be 10 to 600000 milliseconds</source>
        <translation>--timeout muss zwischen 10 und 600000 Millisekunden liegen</translation>
    </message>
    <message>
        <source>--retries must be 0 to 20</source>
        <translation>--retries muss zwischen 0 und 20 liegen</translation>
    </message>
    <message>
        <source>probe: unknown option &apos;%1&apos;</source>
        <translation>probe: unbekannte Option &apos;%1&apos;</translation>
    </message>
    <message>
        <source>probe: unexpected argument &apos;%1&apos;</source>
        <translation>probe: unerwartetes Argument &apos;%1&apos;</translation>
    </message>
    <message>
        <source>probe needs an ADDRESS</source>
        <translation>probe braucht eine ADRESSE</translation>
    </message>
    <message>
        <source>use either --community or the --v3-* options, not both</source>
        <translation>verwenden Sie entweder --community oder die --v3-*-Optionen, nicht beides</translation>
    </message>
    <message>
        <source>SNMPv3 needs --v3-user</source>
        <translation>SNMPv3 braucht --v3-user</translation>
    </message>
    <message>
        <source>cannot resolve &apos;%1&apos; within %2 ms</source>
        <translation>&apos;%1&apos; kann nicht innerhalb von %2 ms aufgelöst werden</translation>
    </message>
    <message>
        <source>cannot resolve &apos;%1&apos;: %2</source>
        <translation>&apos;%1&apos; kann nicht aufgelöst werden: %2</translation>
    </message>
    <message>
        <source>scanned %1 addresses in %2 ms: %3 printers, %4 non-printers, %5 unreachable; authentication failures %6</source>
        <translation>%1 Adressen in %2 ms durchsucht: %3 Drucker, %4 keine Drucker, %5 nicht erreichbar; Authentifizierungsfehler %6</translation>
    </message>
    <message>
        <source>host name did not resolve: %1</source>
        <translation>Hostname nicht aufgelöst: %1</translation>
    </message>
    <message>
        <source>address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>manufacturer:</source>
        <translation>Hersteller:</translation>
    </message>
    <message>
        <source>model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>serial:</source>
        <translation>Seriennummer:</translation>
    </message>
    <message>
        <source>MAC:</source>
        <translation>MAC:</translation>
    </message>
    <message>
        <source>name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>location:</source>
        <translation>Standort:</translation>
    </message>
    <message>
        <source>firmware:</source>
        <translation>Firmware:</translation>
    </message>
    <message>
        <source>status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>total:</source>
        <translation>gesamt:</translation>
    </message>
</context>
</TS>
