<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>netgateway::desktop::CertificateProbe</name>
    <message>
        <source>the service presented no certificate</source>
        <translation>el servicio no presentó ningún certificado</translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation>sin respuesta en %1 segundos</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::ConsoleModel</name>
    <message>
        <source>Not logged in. Log in with the administrator password.</source>
        <translation>No ha iniciado sesión. Inicie sesión con la contraseña de administrador.</translation>
    </message>
    <message>
        <source>Logging in...</source>
        <translation>Iniciando sesión...</translation>
    </message>
    <message>
        <source>Logged in; reading the gateway&apos;s state...</source>
        <translation>Sesión iniciada; leyendo el estado de la pasarela...</translation>
    </message>
    <message>
        <source>Connected to the gateway service %1; last update %2.</source>
        <translation>Conectado al servicio de pasarela %1; última actualización %2.</translation>
    </message>
    <message>
        <source>The gateway service is not running. Start it with the Start button (needs administrator rights).</source>
        <translation>El servicio de pasarela no se está ejecutando. Inícielo con el botón Iniciar (requiere derechos de administrador).</translation>
    </message>
    <message>
        <source>Login failed: wrong user name or password.</source>
        <translation>Error de inicio de sesión: nombre de usuario o contraseña incorrectos.</translation>
    </message>
    <message>
        <source>Login failed too often: logins from this computer are locked for a while. Try again later.</source>
        <translation>Demasiados inicios de sesión fallidos: los inicios de sesión desde este equipo están bloqueados durante un tiempo. Vuelva a intentarlo más tarde.</translation>
    </message>
    <message>
        <source>The administrator password is not set yet. Set it in the web console with the setup token, or with &apos;netgatewayctl admin set-password&apos;.</source>
        <translation>La contraseña de administrador aún no está establecida. Establézcala en la consola web con el token de configuración o con &apos;netgatewayctl admin set-password&apos;.</translation>
    </message>
    <message>
        <source>The session ended. Log in again.</source>
        <translation>La sesión ha terminado. Vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate (%1) cannot be read, so the connection cannot be verified. Run the console as a user who may read the gateway&apos;s data directory.</source>
        <translation>No se puede leer el certificado de la pasarela (%1), así que no se puede verificar la conexión. Ejecute la consola como un usuario que pueda leer el directorio de datos de la pasarela.</translation>
    </message>
    <message>
        <source>Certificate changed: %1. Not connected. If the certificate was replaced on purpose, log in again.</source>
        <translation>Certificado cambiado: %1. Sin conexión. Si el certificado se sustituyó a propósito, vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <source>Cannot reach the gateway service: %1</source>
        <translation>No se puede contactar con el servicio de pasarela: %1</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::HttpsConsoleApi</name>
    <message>
        <source>the service on %1 presents a certificate other than the one in %2</source>
        <translation>el servicio en %1 presenta un certificado distinto del de %2</translation>
    </message>
    <message>
        <source>the answer is larger than %1 bytes</source>
        <translation>la respuesta supera los %1 bytes</translation>
    </message>
    <message>
        <source>the dashboard answer lacks fields or has values out of range</source>
        <translation>a la respuesta del panel le faltan campos o tiene valores fuera de rango</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::LoginDialog</name>
    <message>
        <source>Log in to the gateway</source>
        <translation>Iniciar sesión en la pasarela</translation>
    </message>
    <message>
        <source>The console shows the gateway service on this computer. Log in with the administrator account of the web console.</source>
        <translation>La consola muestra el servicio de pasarela de este equipo. Inicie sesión con la cuenta de administrador de la consola web.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nombre de &amp;usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::MainWindow</name>
    <message>
        <source>Desktop console of the netgateway service</source>
        <translation>Consola de escritorio del servicio netgateway</translation>
    </message>
    <message>
        <source>Address of the gateway&apos;s console.</source>
        <translation>Dirección de la consola de la pasarela.</translation>
    </message>
    <message>
        <source>The gateway&apos;s data directory (for its certificate).</source>
        <translation>El directorio de datos de la pasarela (para su certificado).</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate file to pin.</source>
        <translation>El archivo de certificado de la pasarela que se fija.</translation>
    </message>
    <message>
        <source>Language: en, de, fr, it, es or ja.</source>
        <translation>Idioma: en, de, fr, it, es o ja.</translation>
    </message>
    <message>
        <source>--url must be an https:// address, such as https://localhost:9797</source>
        <translation>--url debe ser una dirección https://, por ejemplo https://localhost:9797</translation>
    </message>
    <message>
        <source>netgateway console</source>
        <translation>Consola de netgateway</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Sesión</translation>
    </message>
    <message>
        <source>&amp;Log in...</source>
        <translation>&amp;Iniciar sesión...</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>&amp;Cerrar sesión</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Gateway service</source>
        <translation>Servicio de pasarela</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>St&amp;art</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>&amp;Reiniciar</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Dispositivos</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Total:</translation>
    </message>
    <message>
        <source>Online:</source>
        <translation>En línea:</translation>
    </message>
    <message>
        <source>Offline:</source>
        <translation>Sin conexión:</translation>
    </message>
    <message>
        <source>In error:</source>
        <translation>Con error:</translation>
    </message>
    <message>
        <source>Open alerts:</source>
        <translation>Alertas abiertas:</translation>
    </message>
    <message>
        <source>Cloud uplink</source>
        <translation>Enlace con la nube</translation>
    </message>
    <message>
        <source>Records waiting:</source>
        <translation>Registros en espera:</translation>
    </message>
    <message>
        <source>Recent alerts</source>
        <translation>Alertas recientes</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Generada</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <source>Open the &amp;web console</source>
        <translation>Abrir la consola &amp;web</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>crítica</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>advertencia</translation>
    </message>
    <message>
        <source>other</source>
        <translation>otra</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>conectado</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>con fallos</translation>
    </message>
    <message>
        <source>failing: %1</source>
        <translation>con fallos: %1</translation>
    </message>
    <message>
        <source>off (no cloud configured)</source>
        <translation>desactivado (no hay nube configurada)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en ejecución</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>detenido</translation>
    </message>
    <message>
        <source>unknown (not connected)</source>
        <translation>desconocido (sin conexión)</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>Unknown certificate</source>
        <translation>Certificado desconocido</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate file %1 cannot be read, so the console cannot tell by itself that it talks to the gateway. The service on %2 presents a certificate with this SHA-256 fingerprint:

%3

Compare it with the fingerprint on the web console&apos;s certificate page, or with what &apos;openssl x509 -noout -fingerprint -sha256 -in %1&apos; shows when run as an administrator. Trust it only when they are the same.</source>
        <translation>No se puede leer el archivo de certificado de la pasarela %1, así que la consola no puede saber por sí misma que habla con la pasarela. El servicio en %2 presenta un certificado con esta huella SHA-256:

%3

Compárela con la huella de la página del certificado de la consola web, o con lo que muestra &apos;openssl x509 -noout -fingerprint -sha256 -in %1&apos; ejecutado como administrador. Confíe en él solo si son iguales.</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Confiar en este certificado</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::ServiceControl</name>
    <message>
        <source>Not permitted: starting and stopping the gateway service needs administrator rights. Run the console as an administrator, or run &apos;%1&apos; as one.</source>
        <translation>No permitido: iniciar y detener el servicio de pasarela requiere derechos de administrador. Ejecute la consola como administrador o ejecute &apos;%1&apos; como administrador.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; failed (exit code %2): %3</source>
        <translation>&apos;%1&apos; ha fallado (código de salida %2): %3</translation>
    </message>
    <message>
        <source>The gateway service was started.</source>
        <translation>Se ha iniciado el servicio de pasarela.</translation>
    </message>
    <message>
        <source>The gateway service was stopped.</source>
        <translation>Se ha detenido el servicio de pasarela.</translation>
    </message>
    <message>
        <source>The gateway service was restarted.</source>
        <translation>Se ha reiniciado el servicio de pasarela.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be run: %2</source>
        <translation>No se puede ejecutar &apos;%1&apos;: %2</translation>
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
        <translation>Uso: netgatewayctl [--data-dir DIR] [--language CÓDIGO] ORDEN [ARGUMENTOS]

Órdenes:
  status [--json]     estado del servicio en ejecución
  backup ARCHIVO      copia de seguridad en caliente de la base de datos en ARCHIVO
  restore ARCHIVO     sustituir la base de datos por ARCHIVO (servicio detenido)
  version             mostrar la versión
  probe DIRECCIÓN[:PUERTO] [opciones]  leer una impresora por SNMP (probe --help)
  discover DESTINO... [opciones]       buscar impresoras por SNMP (discover --help)
  admin setup-token   mostrar el token de un solo uso para establecer la primera contraseña de la consola
  admin set-password  establecer la contraseña de administrador de la consola (leída de la entrada estándar)
  audit verify        comprobar la cadena de hash del registro de auditoría; indica la primera entrada alterada
  relay status        el relé de dispositivos: escucha, límites y contadores por dispositivo
  polling poll-now    leer ahora cada dispositivo gestionado (incluidos los encontrados desde la
                      última recarga)

El directorio de datos es por defecto $NETGATEWAY_DATA_DIR o %1.
El idioma sigue al del sistema; --language CÓDIGO elige uno de %2.
</translation>
    </message>
    <message>
        <source>Discovery:</source>
        <translation>Descubrimiento:</translation>
    </message>
    <message>
        <source>Cloud uplink:</source>
        <translation>Enlace con la nube:</translation>
    </message>
    <message>
        <source>Maintenance tasks:</source>
        <translation>Tareas de mantenimiento:</translation>
    </message>
    <message>
        <source>netgatewayd %1 running (pid %2), up %3 s</source>
        <translation>netgatewayd %1 en ejecución (pid %2), desde hace %3 s</translation>
    </message>
    <message>
        <source>data directory: %1</source>
        <translation>directorio de datos: %1</translation>
    </message>
    <message>
        <source>schema version: %1</source>
        <translation>versión del esquema: %1</translation>
    </message>
    <message>
        <source>devices:        %1</source>
        <translation>dispositivos:   %1</translation>
    </message>
    <message>
        <source>backup written to %1 (%2 bytes, schema version %3)</source>
        <translation>copia de seguridad escrita en %1 (%2 bytes, versión del esquema %3)</translation>
    </message>
    <message>
        <source>secrets in it are encrypted: keep it together with a copy of %1, without which they cannot be read</source>
        <translation>los secretos que contiene están cifrados: guárdela junto con una copia de %1, sin la cual no se pueden leer</translation>
    </message>
    <message>
        <source>backup failed: %1</source>
        <translation>error en la copia de seguridad: %1</translation>
    </message>
    <message>
        <source>restore refused: %1. Stop the service first (systemctl stop netgateway).</source>
        <translation>restauración rechazada: %1. Detenga primero el servicio (systemctl stop netgateway).</translation>
    </message>
    <message>
        <source>database restored from %1 (schema version %2); the previous one is kept as %3</source>
        <translation>base de datos restaurada desde %1 (versión del esquema %2); la anterior se conserva como %3</translation>
    </message>
    <message>
        <source>restore failed, nothing was changed: %1</source>
        <translation>error en la restauración, no se ha cambiado nada: %1</translation>
    </message>
    <message>
        <source>the administrator password is already set; there is no setup token. Use &apos;netgatewayctl admin set-password&apos; to reset it.</source>
        <translation>la contraseña de administrador ya está establecida; no hay token de configuración. Use &apos;netgatewayctl admin set-password&apos; para restablecerla.</translation>
    </message>
    <message>
        <source>New administrator password: </source>
        <translation>Nueva contraseña de administrador: </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Repita la contraseña: </translation>
    </message>
    <message>
        <source>the two passwords differ; nothing was changed</source>
        <translation>las dos contraseñas no coinciden; no se ha cambiado nada</translation>
    </message>
    <message>
        <source>password not changed: %1</source>
        <translation>contraseña no cambiada: %1</translation>
    </message>
    <message>
        <source>administrator password set; %1 console session(s) ended</source>
        <translation>contraseña de administrador establecida; %1 sesión(es) de consola terminada(s)</translation>
    </message>
    <message>
        <source>audit log damaged: %1</source>
        <translation>registro de auditoría dañado: %1</translation>
    </message>
    <message>
        <source>cannot check the audit log: %1</source>
        <translation>no se puede comprobar el registro de auditoría: %1</translation>
    </message>
    <message>
        <source>unknown language &apos;%1&apos;; choose one of %2</source>
        <translation>idioma desconocido &apos;%1&apos;; elija uno de %2</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>opción desconocida &apos;%1&apos;</translation>
    </message>
    <message>
        <source>status: unexpected argument &apos;%1&apos;</source>
        <translation>status: argumento inesperado &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1 needs exactly one FILE</source>
        <translation>%1 necesita exactamente un ARCHIVO</translation>
    </message>
    <message>
        <source>polling every managed device now</source>
        <translation>consultando ahora cada dispositivo gestionado</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>orden desconocida &apos;%1&apos;</translation>
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
        <translation>  tasks list [--limit N]              tareas de mantenimiento recientes de la nube, las más nuevas primero (JSON)
  tasks write-credentials DISPOSITIVO establecer las credenciales SNMP de escritura de un dispositivo (número de serie o MAC)
                                      o &quot;default&quot;; lee un objeto JSON de la entrada estándar:
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
        <translation>la entrada estándar debe contener un objeto JSON: %1</translation>
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
        <translation>  uplink status [--json]                       estado del enlace con la nube
  uplink configure --origin https://HOST[:PUERTO] [--ca-file ARCHIVO] [--proxy HOST:PUERTO
         [--proxy-user USUARIO]] [--mode monitor|manage [--manage-until FECHA-ISO]]
         [--counters-per-day 1-4]              (contraseña del proxy leída de la entrada estándar)
  uplink register [--user USUARIO]             código de acceso y luego la contraseña del usuario,
                                               leídos de la entrada estándar, uno por línea
  uplink sync                                  enviar ahora todo lo pendiente
</translation>
    </message>
    <message>
        <source>uplink %1: unexpected argument &apos;%2&apos;</source>
        <translation>uplink %1: argumento inesperado &apos;%2&apos;</translation>
    </message>
    <message>
        <source>uplink needs status, configure, register or sync</source>
        <translation>uplink necesita status, configure, register o sync</translation>
    </message>
    <message>
        <source>uplink %1: unknown option or missing value &apos;%2&apos;</source>
        <translation>uplink %1: opción desconocida o valor ausente &apos;%2&apos;</translation>
    </message>
    <message>
        <source>--proxy takes HOST:PORT</source>
        <translation>--proxy espera HOST:PUERTO</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>no se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 community (stored encrypted)</source>
        <translation>comunidad %1 (guardada cifrada)</translation>
    </message>
    <message>
        <source>v3 user &apos;%1&apos; auth %2 priv %3</source>
        <translation>usuario v3 &apos;%1&apos; auth %2 priv %3</translation>
    </message>
    <message>
        <source> context &apos;%1&apos;</source>
        <translation> contexto &apos;%1&apos;</translation>
    </message>
    <message>
        <source>id:            %1</source>
        <translation>id:            %1</translation>
    </message>
    <message>
        <source>name:          %1</source>
        <translation>nombre:        %1</translation>
    </message>
    <message>
        <source>targets:       %1</source>
        <translation>destinos:      %1</translation>
    </message>
    <message>
        <source>exclusions:    %1</source>
        <translation>exclusiones:   %1</translation>
    </message>
    <message>
        <source>addresses:     %1</source>
        <translation>direcciones:   %1</translation>
    </message>
    <message>
        <source>credential %1:  %2</source>
        <translation>credencial %1: %2</translation>
    </message>
    <message>
        <source>ws-discovery:  %1</source>
        <translation>ws-discovery:  %1</translation>
    </message>
    <message>
        <source>on</source>
        <translation>activado</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>schedule:      %1</source>
        <translation>programación:  %1</translation>
    </message>
    <message>
        <source>new devices:   %1</source>
        <translation>dispositivos nuevos: %1</translation>
    </message>
    <message>
        <source>discovery add needs a NAME first</source>
        <translation>discovery add necesita primero un NOMBRE</translation>
    </message>
    <message>
        <source>option %1 needs a value</source>
        <translation>la opción %1 necesita un valor</translation>
    </message>
    <message>
        <source>%1 belongs to an SNMPv3 user: give --v3-user USER before it</source>
        <translation>%1 pertenece a un usuario SNMPv3: indique antes --v3-user USUARIO</translation>
    </message>
    <message>
        <source>discovery add: unknown option &apos;%1&apos;</source>
        <translation>discovery add: opción desconocida &apos;%1&apos;</translation>
    </message>
    <message>
        <source>discovery setting %1 added</source>
        <translation>configuración de descubrimiento %1 añadida</translation>
    </message>
    <message>
        <source>discovery run needs the setting&apos;s ID or NAME</source>
        <translation>discovery run necesita el ID o el NOMBRE de la configuración</translation>
    </message>
    <message>
        <source>discovery run: unknown option or missing number: &apos;%1&apos;</source>
        <translation>discovery run: opción desconocida o número ausente: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>progress %1/%2 addresses, %3 found</source>
        <translation>progreso %1/%2 direcciones, %3 encontrados</translation>
    </message>
    <message>
        <source>%1: found %2, new %3, moved %4, unreachable %5, non-printers %6; authentication failures %7</source>
        <translation>%1: encontrados %2, nuevos %3, movidos %4, inalcanzables %5, no impresoras %6; fallos de autenticación %7</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>terminado</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>WS-Discovery: %1 device(s) answered in the ranges, %2 confirmed over SNMP</source>
        <translation>WS-Discovery: %1 dispositivo(s) respondieron en los rangos, %2 confirmados por SNMP</translation>
    </message>
    <message>
        <source>--missed-polls needs a number (1 to 100)</source>
        <translation>--missed-polls necesita un número (de 1 a 100)</translation>
    </message>
    <message>
        <source>discovery recovery: unknown option &apos;%1&apos;; use --missed-polls N, --on or --off</source>
        <translation>discovery recovery: opción desconocida &apos;%1&apos;; use --missed-polls N, --on o --off</translation>
    </message>
    <message>
        <source>device recovery %1 after %2 missed polls</source>
        <translation>recuperación de dispositivos %1 tras %2 consultas perdidas</translation>
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
                      guardar una configuración de descubrimiento (destinos: a.b.c.d, a.b.c.d-e.f.g.h,
                      a.b.c.d/nn, a.b.c.d/m.m.m.m, nombres de host, IPv6); las credenciales se prueban en orden
  discovery list [--json]         listar las configuraciones de descubrimiento
  discovery show ID|NAME [--json] mostrar una configuración (nunca sus secretos)
  discovery delete ID|NAME        eliminar una configuración y sus secretos guardados
  discovery run ID|NAME [--rate N] [--timeout MS] [--retries N] [--port P] [--json]
        [--wsd-window MS] [--no-wsd-multicast]
                                  ejecutar ahora una configuración en el servicio, con el progreso en directo
                                  (con --wsd también WS-Discovery, combinado por dispositivo)
  discovery recovery [--missed-polls N] [--on|--off] [--json]
                                  mostrar o cambiar la recuperación de dispositivos: tras N consultas perdidas se
                                  busca un dispositivo gestionado por número de serie/MAC en los rangos
  discovery cancel                cancelar el descubrimiento en curso
</translation>
    </message>
    <message>
        <source>discovery needs a subcommand: add, list, show or delete</source>
        <translation>discovery necesita una suborden: add, list, show o delete</translation>
    </message>
    <message>
        <source>no discovery is running</source>
        <translation>no hay ningún descubrimiento en curso</translation>
    </message>
    <message>
        <source>discovery list: unexpected argument &apos;%1&apos;</source>
        <translation>discovery list: argumento inesperado &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no discovery settings</source>
        <translation>no hay configuraciones de descubrimiento</translation>
    </message>
    <message>
        <source>%1	%2	%3 target(s)	%4	%5</source>
        <translation>%1	%2	%3 destino(s)	%4	%5</translation>
    </message>
    <message>
        <source>discovery %1 needs exactly one ID or NAME</source>
        <translation>discovery %1 necesita exactamente un ID o un NOMBRE</translation>
    </message>
    <message>
        <source>discovery setting %1 deleted</source>
        <translation>configuración de descubrimiento %1 eliminada</translation>
    </message>
    <message>
        <source>unknown discovery subcommand &apos;%1&apos;: use add, list, show or delete</source>
        <translation>suborden de descubrimiento desconocida &apos;%1&apos;: use add, list, show o delete</translation>
    </message>
    <message>
        <source>discovery cancelled</source>
        <translation>descubrimiento cancelado</translation>
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
        <translation>Uso: netgatewayctl discover DESTINO... [opciones]
  Recorre direcciones directamente por SNMP (no hace falta el servicio) y lista las impresoras.
  DESTINO: 192.0.2.7, 192.0.2.10-192.0.2.99, 192.0.2.0/24, 192.0.2.0/255.255.255.0 o un nombre de host
          (como máximo 65.536 direcciones por entrada, 1.048.576 en total).
Opciones (las credenciales se prueban en el orden dado hasta que una responde):
  --community C        añadir una comunidad SNMP v1/v2c (si no se indica ninguna: public)
  --snmp-version V     1 o 2c para las comunidades (por defecto: 2c)
  --v3-user U          añadir un usuario SNMPv3; las opciones siguientes se aplican al último
  --auth-proto P       MD5, SHA, SHA-224, SHA-256, SHA-384 o SHA-512
  --auth-pass X        frase de autenticación (8 caracteres o más)
  --priv-proto Q       DES, AES (=AES-128), AES-192, AES-256, AES-192-C o AES-256-C
  --priv-pass Y        frase de cifrado (8 caracteres o más)
  --context N          nombre de contexto SNMPv3
  --exclude E          excluir una dirección, un rango o una subred (repetible)
  --port P             puerto UDP de los agentes (por defecto: 161)
  --rate N             sondeos por segundo; 0 = sin límite (por defecto: 1000)
  --timeout MS         tiempo de espera por intento en milisegundos (por defecto: 1000)
  --retries N          reintentos para direcciones que no responden (por defecto: 1)
  --wsd                también WS-Discovery: Probe multicast y Probes dirigidas a los destinos;
                       los dispositivos que también responden por SNMP aparecen una vez, con via [snmp, wsd]
  --no-wsd-multicast   WS-Discovery solo con Probes dirigidas
  --wsd-interface IF   interfaz para la Probe multicast (repetible; por defecto: todas)
  --wsd-window MS      cuánto tiempo se recogen respuestas WS-Discovery (por defecto: 3000)
  --json               mostrar un objeto JSON
Códigos de salida: 0 éxito, 2 error de uso, 1 otros errores.
</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 necesita un valor</translation>
    </message>
    <message>
        <source>%1 belongs to an SNMPv3 user: give --v3-user first</source>
        <translation>%1 pertenece a un usuario SNMPv3: indique antes --v3-user</translation>
    </message>
    <message>
        <source>unknown authentication protocol &apos;%1&apos;</source>
        <translation>protocolo de autenticación desconocido &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unknown privacy protocol &apos;%1&apos;</source>
        <translation>protocolo de cifrado desconocido &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--wsd-window must be 100 to 60000 milliseconds</source>
        <translation>--wsd-window debe estar entre 100 y 60000 milisegundos</translation>
    </message>
    <message>
        <source>--port must be 1 to 65535</source>
        <translation>--port debe estar entre 1 y 65535</translation>
    </message>
    <message>
        <source>--rate must be 0 (unthrottled) to 1000000 probes per second</source>
        <translation>--rate debe estar entre 0 (sin límite) y 1000000 sondeos por segundo</translation>
    </message>
    <message>
        <source>--timeout must be 10 to 60000 milliseconds</source>
        <translation>--timeout debe estar entre 10 y 60000 milisegundos</translation>
    </message>
    <message>
        <source>--retries must be 0 to 10</source>
        <translation>--retries debe estar entre 0 y 10</translation>
    </message>
    <message>
        <source>discover: unknown option &apos;%1&apos;</source>
        <translation>discover: opción desconocida &apos;%1&apos;</translation>
    </message>
    <message>
        <source>discover needs at least one TARGET</source>
        <translation>discover necesita al menos un DESTINO</translation>
    </message>
    <message>
        <source>--snmp-version must be 1 or 2c (SNMPv3 is chosen by --v3-user)</source>
        <translation>--snmp-version debe ser 1 o 2c (SNMPv3 se elige con --v3-user)</translation>
    </message>
    <message>
        <source>scanned %1/%2, found %3</source>
        <translation>%1/%2 recorridas, %3 encontradas</translation>
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
        <translation>Uso: netgatewayctl probe DIRECCIÓN[:PUERTO] [opciones]
  Lee una impresora directamente por SNMP (no hace falta el servicio).
  DIRECCIÓN es una dirección IPv4, una dirección [IPv6] o un nombre de host; PUERTO es 161 por defecto.
Opciones:
  --community C        comunidad SNMPv2c (por defecto: public)
  --snmp-version V     1 o 2c cuando se usa una comunidad (por defecto: 2c)
  --v3-user U          usar SNMPv3 con el usuario U
  --auth-proto P       MD5, SHA, SHA-224, SHA-256, SHA-384 o SHA-512
  --auth-pass X        frase de autenticación (8 caracteres o más)
  --priv-proto Q       DES, AES (=AES-128), AES-192, AES-256, AES-192-C o AES-256-C
  --priv-pass Y        frase de cifrado (8 caracteres o más)
  --context N          nombre de contexto SNMPv3
  --timeout MS         tiempo de espera por intento en milisegundos (por defecto: 1000)
  --retries N          reintentos tras el primer intento (por defecto: 1)
  --json               mostrar un objeto JSON
Códigos de salida: 0 éxito, 2 error de uso, 3 tiempo agotado o inalcanzable,
            4 fallo de autenticación o cifrado SNMPv3, 1 otros errores.
</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: missing &apos;]&apos; after the IPv6 address</source>
        <translation>&apos;%1&apos;: falta &apos;]&apos; tras la dirección IPv6</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: expected &apos;:PORT&apos; after &apos;]&apos;</source>
        <translation>&apos;%1&apos;: se esperaba &apos;:PUERTO&apos; tras &apos;]&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an address</source>
        <translation>&apos;%1&apos; no es una dirección</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port number (1-65535)</source>
        <translation>&apos;%1&apos; no es un número de puerto (1-65535)</translation>
    </message>
    <message>
        <source>--timeout must be 10 to 600000 milliseconds</source>
        <translation>--timeout debe estar entre 10 y 600000 milisegundos</translation>
    </message>
    <message>
        <source>--retries must be 0 to 20</source>
        <translation>--retries debe estar entre 0 y 20</translation>
    </message>
    <message>
        <source>probe: unknown option &apos;%1&apos;</source>
        <translation>probe: opción desconocida &apos;%1&apos;</translation>
    </message>
    <message>
        <source>probe: unexpected argument &apos;%1&apos;</source>
        <translation>probe: argumento inesperado &apos;%1&apos;</translation>
    </message>
    <message>
        <source>probe needs an ADDRESS</source>
        <translation>probe necesita una DIRECCIÓN</translation>
    </message>
    <message>
        <source>use either --community or the --v3-* options, not both</source>
        <translation>use --community o las opciones --v3-*, no ambas</translation>
    </message>
    <message>
        <source>SNMPv3 needs --v3-user</source>
        <translation>SNMPv3 necesita --v3-user</translation>
    </message>
    <message>
        <source>cannot resolve &apos;%1&apos; within %2 ms</source>
        <translation>no se puede resolver &apos;%1&apos; en %2 ms</translation>
    </message>
    <message>
        <source>cannot resolve &apos;%1&apos;: %2</source>
        <translation>no se puede resolver &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>scanned %1 addresses in %2 ms: %3 printers, %4 non-printers, %5 unreachable; authentication failures %6</source>
        <translation>%1 direcciones recorridas en %2 ms: %3 impresoras, %4 no impresoras, %5 inalcanzables; fallos de autenticación %6</translation>
    </message>
    <message>
        <source>host name did not resolve: %1</source>
        <translation>nombre de host no resuelto: %1</translation>
    </message>
    <message>
        <source>address:</source>
        <translation>dirección:</translation>
    </message>
    <message>
        <source>manufacturer:</source>
        <translation>fabricante:</translation>
    </message>
    <message>
        <source>model:</source>
        <translation>modelo:</translation>
    </message>
    <message>
        <source>serial:</source>
        <translation>n.º de serie:</translation>
    </message>
    <message>
        <source>MAC:</source>
        <translation>MAC:</translation>
    </message>
    <message>
        <source>name:</source>
        <translation>nombre:</translation>
    </message>
    <message>
        <source>location:</source>
        <translation>ubicación:</translation>
    </message>
    <message>
        <source>firmware:</source>
        <translation>firmware:</translation>
    </message>
    <message>
        <source>status:</source>
        <translation>estado:</translation>
    </message>
    <message>
        <source>total:</source>
        <translation>total:</translation>
    </message>
</context>
</TS>
