<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it" sourcelanguage="en">
<context>
    <name>netgateway::desktop::CertificateProbe</name>
    <message>
        <source>the service presented no certificate</source>
        <translation>il servizio non ha presentato alcun certificato</translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation>nessuna risposta entro %1 secondi</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::ConsoleModel</name>
    <message>
        <source>Not logged in. Log in with the administrator password.</source>
        <translation>Accesso non effettuato. Accedere con la password dell&apos;amministratore.</translation>
    </message>
    <message>
        <source>Logging in...</source>
        <translation>Accesso in corso...</translation>
    </message>
    <message>
        <source>Logged in; reading the gateway&apos;s state...</source>
        <translation>Accesso effettuato; lettura dello stato del gateway...</translation>
    </message>
    <message>
        <source>Connected to the gateway service %1; last update %2.</source>
        <translation>Connesso al servizio gateway %1; ultimo aggiornamento %2.</translation>
    </message>
    <message>
        <source>The gateway service is not running. Start it with the Start button (needs administrator rights).</source>
        <translation>Il servizio gateway non è in esecuzione. Avviarlo con il pulsante Avvia (servono i diritti di amministratore).</translation>
    </message>
    <message>
        <source>Login failed: wrong user name or password.</source>
        <translation>Accesso non riuscito: nome utente o password errati.</translation>
    </message>
    <message>
        <source>Login failed too often: logins from this computer are locked for a while. Try again later.</source>
        <translation>Troppi accessi non riusciti: gli accessi da questo computer sono bloccati per un po&apos;. Riprovare più tardi.</translation>
    </message>
    <message>
        <source>The administrator password is not set yet. Set it in the web console with the setup token, or with &apos;netgatewayctl admin set-password&apos;.</source>
        <translation>La password dell&apos;amministratore non è ancora impostata. Impostarla nella console web con il token di configurazione oppure con &apos;netgatewayctl admin set-password&apos;.</translation>
    </message>
    <message>
        <source>The session ended. Log in again.</source>
        <translation>La sessione è terminata. Accedere di nuovo.</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate (%1) cannot be read, so the connection cannot be verified. Run the console as a user who may read the gateway&apos;s data directory.</source>
        <translation>Il certificato del gateway (%1) non è leggibile, quindi la connessione non può essere verificata. Avviare la console come utente che può leggere la directory dei dati del gateway.</translation>
    </message>
    <message>
        <source>Certificate changed: %1. Not connected. If the certificate was replaced on purpose, log in again.</source>
        <translation>Certificato cambiato: %1. Non connesso. Se il certificato è stato sostituito di proposito, accedere di nuovo.</translation>
    </message>
    <message>
        <source>Cannot reach the gateway service: %1</source>
        <translation>Impossibile raggiungere il servizio gateway: %1</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::HttpsConsoleApi</name>
    <message>
        <source>the service on %1 presents a certificate other than the one in %2</source>
        <translation>il servizio su %1 presenta un certificato diverso da quello in %2</translation>
    </message>
    <message>
        <source>the answer is larger than %1 bytes</source>
        <translation>la risposta supera %1 byte</translation>
    </message>
    <message>
        <source>the dashboard answer lacks fields or has values out of range</source>
        <translation>alla risposta del cruscotto mancano campi o contiene valori fuori intervallo</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::LoginDialog</name>
    <message>
        <source>Log in to the gateway</source>
        <translation>Accesso al gateway</translation>
    </message>
    <message>
        <source>The console shows the gateway service on this computer. Log in with the administrator account of the web console.</source>
        <translation>La console mostra il servizio gateway di questo computer. Accedere con l&apos;account amministratore della console web.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nome &amp;utente:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Accedi</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::MainWindow</name>
    <message>
        <source>Desktop console of the netgateway service</source>
        <translation>Console desktop del servizio netgateway</translation>
    </message>
    <message>
        <source>Address of the gateway&apos;s console.</source>
        <translation>Indirizzo della console del gateway.</translation>
    </message>
    <message>
        <source>The gateway&apos;s data directory (for its certificate).</source>
        <translation>La directory dei dati del gateway (per il suo certificato).</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate file to pin.</source>
        <translation>Il file del certificato del gateway da fissare.</translation>
    </message>
    <message>
        <source>Language: en, de, fr, it, es or ja.</source>
        <translation>Lingua: en, de, fr, it, es o ja.</translation>
    </message>
    <message>
        <source>--url must be an https:// address, such as https://localhost:9797</source>
        <translation>--url deve essere un indirizzo https://, ad esempio https://localhost:9797</translation>
    </message>
    <message>
        <source>netgateway console</source>
        <translation>Console netgateway</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Sessione</translation>
    </message>
    <message>
        <source>&amp;Log in...</source>
        <translation>&amp;Accedi...</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Es&amp;ci dal programma</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Lingua</translation>
    </message>
    <message>
        <source>Gateway service</source>
        <translation>Servizio gateway</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Stato:</translation>
    </message>
    <message>
        <source>St&amp;art</source>
        <translation>&amp;Avvia</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>&amp;Ferma</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>&amp;Riavvia</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Dispositivi</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Totale:</translation>
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
        <translation>In errore:</translation>
    </message>
    <message>
        <source>Open alerts:</source>
        <translation>Avvisi aperti:</translation>
    </message>
    <message>
        <source>Cloud uplink</source>
        <translation>Collegamento cloud</translation>
    </message>
    <message>
        <source>Records waiting:</source>
        <translation>Record in attesa:</translation>
    </message>
    <message>
        <source>Recent alerts</source>
        <translation>Avvisi recenti</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Generato</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravità</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Avviso</translation>
    </message>
    <message>
        <source>Open the &amp;web console</source>
        <translation>Apri la console &amp;web</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>critico</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>avviso</translation>
    </message>
    <message>
        <source>other</source>
        <translation>altro</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connesso</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>in errore</translation>
    </message>
    <message>
        <source>failing: %1</source>
        <translation>in errore: %1</translation>
    </message>
    <message>
        <source>off (no cloud configured)</source>
        <translation>disattivato (nessun cloud configurato)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>in esecuzione</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>non in esecuzione</translation>
    </message>
    <message>
        <source>unknown (not connected)</source>
        <translation>sconosciuto (non connesso)</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>Unknown certificate</source>
        <translation>Certificato sconosciuto</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate file %1 cannot be read, so the console cannot tell by itself that it talks to the gateway. The service on %2 presents a certificate with this SHA-256 fingerprint:

%3

Compare it with the fingerprint on the web console&apos;s certificate page, or with what &apos;openssl x509 -noout -fingerprint -sha256 -in %1&apos; shows when run as an administrator. Trust it only when they are the same.</source>
        <translation>Il file del certificato del gateway %1 non è leggibile, quindi la console non può stabilire da sola di parlare con il gateway. Il servizio su %2 presenta un certificato con questa impronta SHA-256:

%3

Confrontarla con l&apos;impronta nella pagina del certificato della console web, oppure con ciò che mostra &apos;openssl x509 -noout -fingerprint -sha256 -in %1&apos; eseguito come amministratore. Fidarsi solo se sono uguali.</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Fidarsi di questo certificato</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::ServiceControl</name>
    <message>
        <source>Not permitted: starting and stopping the gateway service needs administrator rights. Run the console as an administrator, or run &apos;%1&apos; as one.</source>
        <translation>Non consentito: avviare e fermare il servizio gateway richiede i diritti di amministratore. Avviare la console come amministratore oppure eseguire &apos;%1&apos; come amministratore.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; failed (exit code %2): %3</source>
        <translation>&apos;%1&apos; non riuscito (codice di uscita %2): %3</translation>
    </message>
    <message>
        <source>The gateway service was started.</source>
        <translation>Il servizio gateway è stato avviato.</translation>
    </message>
    <message>
        <source>The gateway service was stopped.</source>
        <translation>Il servizio gateway è stato fermato.</translation>
    </message>
    <message>
        <source>The gateway service was restarted.</source>
        <translation>Il servizio gateway è stato riavviato.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be run: %2</source>
        <translation>&apos;%1&apos; non può essere eseguito: %2</translation>
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
        <translation>Uso: netgatewayctl [--data-dir DIR] [--language CODICE] COMANDO [ARGOMENTI]

Comandi:
  status [--json]     stato del servizio in esecuzione
  backup FILE         backup a caldo del database in FILE
  restore FILE        sostituire il database con FILE (servizio fermo)
  version             mostrare la versione
  probe INDIRIZZO[:PORTA] [opzioni]  leggere una stampante via SNMP (probe --help)
  discover DESTINAZIONE... [opzioni] cercare stampanti via SNMP (discover --help)
  admin setup-token   mostrare il token monouso per impostare la prima password della console
  admin set-password  impostare la password dell&apos;amministratore della console (letta dallo standard input)
  audit verify        verificare la catena di hash del registro di audit; indica la prima voce alterata
  relay status        il relay dei dispositivi: ascolto, limiti e contatori per dispositivo
  polling poll-now    leggere ora ogni dispositivo gestito (compresi quelli trovati dall&apos;ultimo
                      ricaricamento)

La directory dei dati predefinita è $NETGATEWAY_DATA_DIR oppure %1.
La lingua segue quella del sistema; --language CODICE ne sceglie una tra %2.
</translation>
    </message>
    <message>
        <source>Discovery:</source>
        <translation>Rilevamento:</translation>
    </message>
    <message>
        <source>Cloud uplink:</source>
        <translation>Collegamento cloud:</translation>
    </message>
    <message>
        <source>Maintenance tasks:</source>
        <translation>Attività di manutenzione:</translation>
    </message>
    <message>
        <source>netgatewayd %1 running (pid %2), up %3 s</source>
        <translation>netgatewayd %1 in esecuzione (pid %2), da %3 s</translation>
    </message>
    <message>
        <source>data directory: %1</source>
        <translation>directory dei dati: %1</translation>
    </message>
    <message>
        <source>schema version: %1</source>
        <translation>versione dello schema: %1</translation>
    </message>
    <message>
        <source>devices:        %1</source>
        <translation>dispositivi:    %1</translation>
    </message>
    <message>
        <source>backup written to %1 (%2 bytes, schema version %3)</source>
        <translation>backup scritto in %1 (%2 byte, versione dello schema %3)</translation>
    </message>
    <message>
        <source>secrets in it are encrypted: keep it together with a copy of %1, without which they cannot be read</source>
        <translation>i segreti al suo interno sono cifrati: conservarlo insieme a una copia di %1, senza la quale non si possono leggere</translation>
    </message>
    <message>
        <source>backup failed: %1</source>
        <translation>backup non riuscito: %1</translation>
    </message>
    <message>
        <source>restore refused: %1. Stop the service first (systemctl stop netgateway).</source>
        <translation>ripristino rifiutato: %1. Fermare prima il servizio (systemctl stop netgateway).</translation>
    </message>
    <message>
        <source>database restored from %1 (schema version %2); the previous one is kept as %3</source>
        <translation>database ripristinato da %1 (versione dello schema %2); il precedente è conservato come %3</translation>
    </message>
    <message>
        <source>restore failed, nothing was changed: %1</source>
        <translation>ripristino non riuscito, nulla è stato modificato: %1</translation>
    </message>
    <message>
        <source>the administrator password is already set; there is no setup token. Use &apos;netgatewayctl admin set-password&apos; to reset it.</source>
        <translation>la password dell&apos;amministratore è già impostata; non c&apos;è un token di configurazione. Usare &apos;netgatewayctl admin set-password&apos; per reimpostarla.</translation>
    </message>
    <message>
        <source>New administrator password: </source>
        <translation>Nuova password dell&apos;amministratore: </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Ripetere la password: </translation>
    </message>
    <message>
        <source>the two passwords differ; nothing was changed</source>
        <translation>le due password sono diverse; nulla è stato modificato</translation>
    </message>
    <message>
        <source>password not changed: %1</source>
        <translation>password non modificata: %1</translation>
    </message>
    <message>
        <source>administrator password set; %1 console session(s) ended</source>
        <translation>password dell&apos;amministratore impostata; %1 sessione/i della console terminata/e</translation>
    </message>
    <message>
        <source>audit log damaged: %1</source>
        <translation>registro di audit danneggiato: %1</translation>
    </message>
    <message>
        <source>cannot check the audit log: %1</source>
        <translation>impossibile verificare il registro di audit: %1</translation>
    </message>
    <message>
        <source>unknown language &apos;%1&apos;; choose one of %2</source>
        <translation>lingua sconosciuta &apos;%1&apos;; sceglierne una tra %2</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>opzione sconosciuta &apos;%1&apos;</translation>
    </message>
    <message>
        <source>status: unexpected argument &apos;%1&apos;</source>
        <translation>status: argomento inatteso &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1 needs exactly one FILE</source>
        <translation>%1 richiede esattamente un FILE</translation>
    </message>
    <message>
        <source>polling every managed device now</source>
        <translation>lettura di ogni dispositivo gestito in corso</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>comando sconosciuto &apos;%1&apos;</translation>
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
        <translation>  tasks list [--limit N]              attività di manutenzione recenti dal cloud, dalla più recente (JSON)
  tasks write-credentials DISPOSITIVO impostare le credenziali SNMP di scrittura di un dispositivo (numero di serie o MAC)
                                      o &quot;default&quot;; legge un oggetto JSON dallo standard input:
                                      {&quot;version&quot;:&quot;v2c&quot;,&quot;community&quot;:&quot;...&quot;} o {&quot;version&quot;:&quot;v3&quot;,
                                      &quot;user&quot;:&quot;...&quot;,&quot;authProtocol&quot;:&quot;SHA-256&quot;,&quot;authPassphrase&quot;:&quot;...&quot;,
                                      &quot;privProtocol&quot;:&quot;AES&quot;,&quot;privPassphrase&quot;:&quot;...&quot;}
  tasks remove-write-credentials DISPOSITIVO
</translation>
    </message>
    <message>
        <source>tasks list [--limit N]</source>
        <translation>tasks list [--limit N]</translation>
    </message>
    <message>
        <source>standard input must hold one JSON object: %1</source>
        <translation>lo standard input deve contenere un oggetto JSON: %1</translation>
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
        <translation>  uplink status [--json]                       stato del collegamento cloud
  uplink configure --origin https://HOST[:PORTA] [--ca-file FILE] [--proxy HOST:PORTA
         [--proxy-user UTENTE]] [--mode monitor|manage [--manage-until DATA-ISO]]
         [--counters-per-day 1-4]              (password del proxy letta dallo standard input)
  uplink register [--user UTENTE]              codice di accesso, poi la password dell&apos;utente,
                                               letti dallo standard input, uno per riga
  uplink sync                                  caricare ora tutto ciò che è in attesa
</translation>
    </message>
    <message>
        <source>uplink %1: unexpected argument &apos;%2&apos;</source>
        <translation>uplink %1: argomento inatteso &apos;%2&apos;</translation>
    </message>
    <message>
        <source>uplink needs status, configure, register or sync</source>
        <translation>uplink richiede status, configure, register o sync</translation>
    </message>
    <message>
        <source>uplink %1: unknown option or missing value &apos;%2&apos;</source>
        <translation>uplink %1: opzione sconosciuta o valore mancante &apos;%2&apos;</translation>
    </message>
    <message>
        <source>--proxy takes HOST:PORT</source>
        <translation>--proxy richiede HOST:PORTA</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossibile leggere %1: %2</translation>
    </message>
    <message>
        <source>%1 community (stored encrypted)</source>
        <translation>community %1 (salvata cifrata)</translation>
    </message>
    <message>
        <source>v3 user &apos;%1&apos; auth %2 priv %3</source>
        <translation>utente v3 &apos;%1&apos; auth %2 priv %3</translation>
    </message>
    <message>
        <source> context &apos;%1&apos;</source>
        <translation> contesto &apos;%1&apos;</translation>
    </message>
    <message>
        <source>id:            %1</source>
        <translation>id:            %1</translation>
    </message>
    <message>
        <source>name:          %1</source>
        <translation>nome:          %1</translation>
    </message>
    <message>
        <source>targets:       %1</source>
        <translation>destinazioni:  %1</translation>
    </message>
    <message>
        <source>exclusions:    %1</source>
        <translation>esclusioni:    %1</translation>
    </message>
    <message>
        <source>addresses:     %1</source>
        <translation>indirizzi:     %1</translation>
    </message>
    <message>
        <source>credential %1:  %2</source>
        <translation>credenziale %1: %2</translation>
    </message>
    <message>
        <source>ws-discovery:  %1</source>
        <translation>ws-discovery:  %1</translation>
    </message>
    <message>
        <source>on</source>
        <translation>attivato</translation>
    </message>
    <message>
        <source>off</source>
        <translation>disattivato</translation>
    </message>
    <message>
        <source>schedule:      %1</source>
        <translation>pianificazione: %1</translation>
    </message>
    <message>
        <source>new devices:   %1</source>
        <translation>nuovi dispositivi: %1</translation>
    </message>
    <message>
        <source>discovery add needs a NAME first</source>
        <translation>discovery add richiede prima un NOME</translation>
    </message>
    <message>
        <source>option %1 needs a value</source>
        <translation>l&apos;opzione %1 richiede un valore</translation>
    </message>
    <message>
        <source>%1 belongs to an SNMPv3 user: give --v3-user USER before it</source>
        <translation>%1 appartiene a un utente SNMPv3: indicare prima --v3-user UTENTE</translation>
    </message>
    <message>
        <source>discovery add: unknown option &apos;%1&apos;</source>
        <translation>discovery add: opzione sconosciuta &apos;%1&apos;</translation>
    </message>
    <message>
        <source>discovery setting %1 added</source>
        <translation>impostazione di rilevamento %1 aggiunta</translation>
    </message>
    <message>
        <source>discovery run needs the setting&apos;s ID or NAME</source>
        <translation>discovery run richiede l&apos;ID o il NOME dell&apos;impostazione</translation>
    </message>
    <message>
        <source>discovery run: unknown option or missing number: &apos;%1&apos;</source>
        <translation>discovery run: opzione sconosciuta o numero mancante: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>progress %1/%2 addresses, %3 found</source>
        <translation>avanzamento %1/%2 indirizzi, %3 trovati</translation>
    </message>
    <message>
        <source>%1: found %2, new %3, moved %4, unreachable %5, non-printers %6; authentication failures %7</source>
        <translation>%1: trovati %2, nuovi %3, spostati %4, irraggiungibili %5, non stampanti %6; errori di autenticazione %7</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annullato</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>terminato</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nessuno</translation>
    </message>
    <message>
        <source>WS-Discovery: %1 device(s) answered in the ranges, %2 confirmed over SNMP</source>
        <translation>WS-Discovery: %1 dispositivo/i hanno risposto negli intervalli, %2 confermati via SNMP</translation>
    </message>
    <message>
        <source>--missed-polls needs a number (1 to 100)</source>
        <translation>--missed-polls richiede un numero (da 1 a 100)</translation>
    </message>
    <message>
        <source>discovery recovery: unknown option &apos;%1&apos;; use --missed-polls N, --on or --off</source>
        <translation>discovery recovery: opzione sconosciuta &apos;%1&apos;; usare --missed-polls N, --on o --off</translation>
    </message>
    <message>
        <source>device recovery %1 after %2 missed polls</source>
        <translation>recupero dei dispositivi %1 dopo %2 letture mancate</translation>
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
                      salvare un&apos;impostazione di rilevamento (destinazioni: a.b.c.d, a.b.c.d-e.f.g.h,
                      a.b.c.d/nn, a.b.c.d/m.m.m.m, nomi host, IPv6); le credenziali sono provate in ordine
  discovery list [--json]         elencare le impostazioni di rilevamento
  discovery show ID|NAME [--json] mostrare un&apos;impostazione (mai i suoi segreti)
  discovery delete ID|NAME        eliminare un&apos;impostazione e i suoi segreti salvati
  discovery run ID|NAME [--rate N] [--timeout MS] [--retries N] [--port P] [--json]
        [--wsd-window MS] [--no-wsd-multicast]
                                  eseguire ora un&apos;impostazione nel servizio, con l&apos;avanzamento in tempo reale
                                  (con --wsd anche WS-Discovery, unito per dispositivo)
  discovery recovery [--missed-polls N] [--on|--off] [--json]
                                  mostrare o modificare il recupero dei dispositivi: dopo N letture mancate un
                                  dispositivo gestito viene cercato per numero di serie/MAC negli intervalli
  discovery cancel                annullare il rilevamento in corso
</translation>
    </message>
    <message>
        <source>discovery needs a subcommand: add, list, show or delete</source>
        <translation>discovery richiede un sottocomando: add, list, show o delete</translation>
    </message>
    <message>
        <source>no discovery is running</source>
        <translation>nessun rilevamento in corso</translation>
    </message>
    <message>
        <source>discovery list: unexpected argument &apos;%1&apos;</source>
        <translation>discovery list: argomento inatteso &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no discovery settings</source>
        <translation>nessuna impostazione di rilevamento</translation>
    </message>
    <message>
        <source>%1	%2	%3 target(s)	%4	%5</source>
        <translation>%1	%2	%3 destinazione/i	%4	%5</translation>
    </message>
    <message>
        <source>discovery %1 needs exactly one ID or NAME</source>
        <translation>discovery %1 richiede esattamente un ID o un NOME</translation>
    </message>
    <message>
        <source>discovery setting %1 deleted</source>
        <translation>impostazione di rilevamento %1 eliminata</translation>
    </message>
    <message>
        <source>unknown discovery subcommand &apos;%1&apos;: use add, list, show or delete</source>
        <translation>sottocomando di rilevamento sconosciuto &apos;%1&apos;: usare add, list, show o delete</translation>
    </message>
    <message>
        <source>discovery cancelled</source>
        <translation>rilevamento annullato</translation>
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
        <translation>Uso: netgatewayctl discover DESTINAZIONE... [opzioni]
  Scandisce indirizzi direttamente via SNMP (il servizio non serve) ed elenca le stampanti.
  DESTINAZIONE: 192.0.2.7, 192.0.2.10-192.0.2.99, 192.0.2.0/24, 192.0.2.0/255.255.255.0 o un nome host
          (al massimo 65.536 indirizzi per voce, 1.048.576 in totale).
Opzioni (le credenziali sono provate nell&apos;ordine indicato finché una risponde):
  --community C        aggiungere una community SNMP v1/v2c (se non indicata: public)
  --snmp-version V     1 o 2c per le community (predefinito: 2c)
  --v3-user U          aggiungere un utente SNMPv3; le opzioni seguenti valgono per l&apos;ultimo
  --auth-proto P       MD5, SHA, SHA-224, SHA-256, SHA-384 o SHA-512
  --auth-pass X        passphrase di autenticazione (8 caratteri o più)
  --priv-proto Q       DES, AES (=AES-128), AES-192, AES-256, AES-192-C o AES-256-C
  --priv-pass Y        passphrase di cifratura (8 caratteri o più)
  --context N          nome del contesto SNMPv3
  --exclude E          escludere un indirizzo, un intervallo o una sottorete (ripetibile)
  --port P             porta UDP degli agenti (predefinita: 161)
  --rate N             sonde al secondo; 0 = senza limite (predefinito: 1000)
  --timeout MS         timeout per tentativo in millisecondi (predefinito: 1000)
  --retries N          nuovi tentativi per gli indirizzi che non rispondono (predefinito: 1)
  --wsd                anche WS-Discovery: Probe multicast e Probe dirette alle destinazioni;
                       i dispositivi che rispondono anche via SNMP compaiono una volta, con via [snmp, wsd]
  --no-wsd-multicast   WS-Discovery solo con Probe dirette
  --wsd-interface IF   interfaccia per la Probe multicast (ripetibile; predefinito: tutte)
  --wsd-window MS      per quanto tempo si raccolgono le risposte WS-Discovery (predefinito: 3000)
  --json               stampare un oggetto JSON
Codici di uscita: 0 successo, 2 errore d&apos;uso, 1 altri errori.
</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 richiede un valore</translation>
    </message>
    <message>
        <source>%1 belongs to an SNMPv3 user: give --v3-user first</source>
        <translation>%1 appartiene a un utente SNMPv3: indicare prima --v3-user</translation>
    </message>
    <message>
        <source>unknown authentication protocol &apos;%1&apos;</source>
        <translation>protocollo di autenticazione sconosciuto &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unknown privacy protocol &apos;%1&apos;</source>
        <translation>protocollo di cifratura sconosciuto &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--wsd-window must be 100 to 60000 milliseconds</source>
        <translation>--wsd-window deve essere tra 100 e 60000 millisecondi</translation>
    </message>
    <message>
        <source>--port must be 1 to 65535</source>
        <translation>--port deve essere tra 1 e 65535</translation>
    </message>
    <message>
        <source>--rate must be 0 (unthrottled) to 1000000 probes per second</source>
        <translation>--rate deve essere tra 0 (senza limite) e 1000000 sonde al secondo</translation>
    </message>
    <message>
        <source>--timeout must be 10 to 60000 milliseconds</source>
        <translation>--timeout deve essere tra 10 e 60000 millisecondi</translation>
    </message>
    <message>
        <source>--retries must be 0 to 10</source>
        <translation>--retries deve essere tra 0 e 10</translation>
    </message>
    <message>
        <source>discover: unknown option &apos;%1&apos;</source>
        <translation>discover: opzione sconosciuta &apos;%1&apos;</translation>
    </message>
    <message>
        <source>discover needs at least one TARGET</source>
        <translation>discover richiede almeno una DESTINAZIONE</translation>
    </message>
    <message>
        <source>--snmp-version must be 1 or 2c (SNMPv3 is chosen by --v3-user)</source>
        <translation>--snmp-version deve essere 1 o 2c (SNMPv3 si sceglie con --v3-user)</translation>
    </message>
    <message>
        <source>scanned %1/%2, found %3</source>
        <translation>%1/%2 scansionati, %3 trovati</translation>
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
        <translation>Uso: netgatewayctl probe INDIRIZZO[:PORTA] [opzioni]
  Legge una stampante direttamente via SNMP (il servizio non serve).
  INDIRIZZO è un indirizzo IPv4, un indirizzo [IPv6] o un nome host; PORTA predefinita 161.
Opzioni:
  --community C        community SNMPv2c (predefinita: public)
  --snmp-version V     1 o 2c quando si usa una community (predefinito: 2c)
  --v3-user U          usare SNMPv3 con l&apos;utente U
  --auth-proto P       MD5, SHA, SHA-224, SHA-256, SHA-384 o SHA-512
  --auth-pass X        passphrase di autenticazione (8 caratteri o più)
  --priv-proto Q       DES, AES (=AES-128), AES-192, AES-256, AES-192-C o AES-256-C
  --priv-pass Y        passphrase di cifratura (8 caratteri o più)
  --context N          nome del contesto SNMPv3
  --timeout MS         timeout per tentativo in millisecondi (predefinito: 1000)
  --retries N          nuovi tentativi dopo il primo (predefinito: 1)
  --json               stampare un oggetto JSON
Codici di uscita: 0 successo, 2 errore d&apos;uso, 3 timeout o irraggiungibile,
            4 errore di autenticazione o cifratura SNMPv3, 1 altri errori.
</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: missing &apos;]&apos; after the IPv6 address</source>
        <translation>&apos;%1&apos;: manca &apos;]&apos; dopo l&apos;indirizzo IPv6</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: expected &apos;:PORT&apos; after &apos;]&apos;</source>
        <translation>&apos;%1&apos;: atteso &apos;:PORTA&apos; dopo &apos;]&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an address</source>
        <translation>&apos;%1&apos; non è un indirizzo</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port number (1-65535)</source>
        <translation>&apos;%1&apos; non è un numero di porta (1-65535)</translation>
    </message>
    <message>
        <source>--timeout must be 10 to 600000 milliseconds</source>
        <translation>--timeout deve essere tra 10 e 600000 millisecondi</translation>
    </message>
    <message>
        <source>--retries must be 0 to 20</source>
        <translation>--retries deve essere tra 0 e 20</translation>
    </message>
    <message>
        <source>probe: unknown option &apos;%1&apos;</source>
        <translation>probe: opzione sconosciuta &apos;%1&apos;</translation>
    </message>
    <message>
        <source>probe: unexpected argument &apos;%1&apos;</source>
        <translation>probe: argomento inatteso &apos;%1&apos;</translation>
    </message>
    <message>
        <source>probe needs an ADDRESS</source>
        <translation>probe richiede un INDIRIZZO</translation>
    </message>
    <message>
        <source>use either --community or the --v3-* options, not both</source>
        <translation>usare --community oppure le opzioni --v3-*, non entrambe</translation>
    </message>
    <message>
        <source>SNMPv3 needs --v3-user</source>
        <translation>SNMPv3 richiede --v3-user</translation>
    </message>
    <message>
        <source>cannot resolve &apos;%1&apos; within %2 ms</source>
        <translation>impossibile risolvere &apos;%1&apos; entro %2 ms</translation>
    </message>
    <message>
        <source>cannot resolve &apos;%1&apos;: %2</source>
        <translation>impossibile risolvere &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>scanned %1 addresses in %2 ms: %3 printers, %4 non-printers, %5 unreachable; authentication failures %6</source>
        <translation>%1 indirizzi scansionati in %2 ms: %3 stampanti, %4 non stampanti, %5 irraggiungibili; errori di autenticazione %6</translation>
    </message>
    <message>
        <source>host name did not resolve: %1</source>
        <translation>nome host non risolto: %1</translation>
    </message>
    <message>
        <source>address:</source>
        <translation>indirizzo:</translation>
    </message>
    <message>
        <source>manufacturer:</source>
        <translation>produttore:</translation>
    </message>
    <message>
        <source>model:</source>
        <translation>modello:</translation>
    </message>
    <message>
        <source>serial:</source>
        <translation>n. di serie:</translation>
    </message>
    <message>
        <source>MAC:</source>
        <translation>MAC:</translation>
    </message>
    <message>
        <source>name:</source>
        <translation>nome:</translation>
    </message>
    <message>
        <source>location:</source>
        <translation>posizione:</translation>
    </message>
    <message>
        <source>firmware:</source>
        <translation>firmware:</translation>
    </message>
    <message>
        <source>status:</source>
        <translation>stato:</translation>
    </message>
    <message>
        <source>total:</source>
        <translation>totale:</translation>
    </message>
</context>
</TS>
