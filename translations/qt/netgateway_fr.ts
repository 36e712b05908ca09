<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>netgateway::desktop::CertificateProbe</name>
    <message>
        <source>the service presented no certificate</source>
        <translation>le service n&apos;a présenté aucun certificat</translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation>aucune réponse en %1 secondes</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::ConsoleModel</name>
    <message>
        <source>Not logged in. Log in with the administrator password.</source>
        <translation>Non connecté. Connectez-vous avec le mot de passe administrateur.</translation>
    </message>
    <message>
        <source>Logging in...</source>
        <translation>Connexion en cours...</translation>
    </message>
    <message>
        <source>Logged in; reading the gateway&apos;s state...</source>
        <translation>Connecté ; lecture de l&apos;état de la passerelle...</translation>
    </message>
    <message>
        <source>Connected to the gateway service %1; last update %2.</source>
        <translation>Connecté au service de passerelle %1 ; dernière mise à jour %2.</translation>
    </message>
    <message>
        <source>The gateway service is not running. Start it with the Start button (needs administrator rights).</source>
        <translation>Le service de passerelle n&apos;est pas en cours d&apos;exécution. Démarrez-le avec le bouton Démarrer (droits d&apos;administrateur requis).</translation>
    </message>
    <message>
        <source>Login failed: wrong user name or password.</source>
        <translation>Échec de la connexion : nom d&apos;utilisateur ou mot de passe incorrect.</translation>
    </message>
    <message>
        <source>Login failed too often: logins from this computer are locked for a while. Try again later.</source>
        <translation>Trop d&apos;échecs de connexion : les connexions depuis cet ordinateur sont bloquées pendant un moment. Réessayez plus tard.</translation>
    </message>
    <message>
        <source>The administrator password is not set yet. Set it in the web console with the setup token, or with &apos;netgatewayctl admin set-password&apos;.</source>
        <translation>Le mot de passe administrateur n&apos;est pas encore défini. Définissez-le dans la console web avec le jeton d&apos;installation, ou avec &apos;netgatewayctl admin set-password&apos;.</translation>
    </message>
    <message>
        <source>The session ended. Log in again.</source>
        <translation>La session est terminée. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate (%1) cannot be read, so the connection cannot be verified. Run the console as a user who may read the gateway&apos;s data directory.</source>
        <translation>Le certificat de la passerelle (%1) est illisible : la connexion ne peut pas être vérifiée. Lancez la console avec un utilisateur autorisé à lire le répertoire de données de la passerelle.</translation>
    </message>
    <message>
        <source>Certificate changed: %1. Not connected. If the certificate was replaced on purpose, log in again.</source>
        <translation>Certificat modifié : %1. Non connecté. Si le certificat a été remplacé volontairement, reconnectez-vous.</translation>
    </message>
    <message>
        <source>Cannot reach the gateway service: %1</source>
        <translation>Impossible de joindre le service de passerelle : %1</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::HttpsConsoleApi</name>
    <message>
        <source>the service on %1 presents a certificate other than the one in %2</source>
        <translation>le service sur %1 présente un autre certificat que celui de %2</translation>
    </message>
    <message>
        <source>the answer is larger than %1 bytes</source>
        <translation>la réponse dépasse %1 octets</translation>
    </message>
    <message>
        <source>the dashboard answer lacks fields or has values out of range</source>
        <translation>la réponse du tableau de bord manque de champs ou contient des valeurs hors limites</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::LoginDialog</name>
    <message>
        <source>Log in to the gateway</source>
        <translation>Connexion à la passerelle</translation>
    </message>
    <message>
        <source>The console shows the gateway service on this computer. Log in with the administrator account of the web console.</source>
        <translation>La console affiche le service de passerelle de cet ordinateur. Connectez-vous avec le compte administrateur de la console web.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nom d&apos;&amp;utilisateur :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Mot de &amp;passe :</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::MainWindow</name>
    <message>
        <source>Desktop console of the netgateway service</source>
        <translation>Console de bureau du service netgateway</translation>
    </message>
    <message>
        <source>Address of the gateway&apos;s console.</source>
        <translation>Adresse de la console de la passerelle.</translation>
    </message>
    <message>
        <source>The gateway&apos;s data directory (for its certificate).</source>
        <translation>Le répertoire de données de la passerelle (pour son certificat).</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate file to pin.</source>
        <translation>Le fichier de certificat de la passerelle à épingler.</translation>
    </message>
    <message>
        <source>Language: en, de, fr, it, es or ja.</source>
        <translation>Langue : en, de, fr, it, es ou ja.</translation>
    </message>
    <message>
        <source>--url must be an https:// address, such as https://localhost:9797</source>
        <translation>--url doit être une adresse https://, par exemple https://localhost:9797</translation>
    </message>
    <message>
        <source>netgateway console</source>
        <translation>Console netgateway</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Session</translation>
    </message>
    <message>
        <source>&amp;Log in...</source>
        <translation>Se &amp;connecter...</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Gateway service</source>
        <translation>Service de passerelle</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>État :</translation>
    </message>
    <message>
        <source>St&amp;art</source>
        <translation>Dém&amp;arrer</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>&amp;Redémarrer</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Appareils</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Total :</translation>
    </message>
    <message>
        <source>Online:</source>
        <translation>En ligne :</translation>
    </message>
    <message>
        <source>Offline:</source>
        <translation>Hors ligne :</translation>
    </message>
    <message>
        <source>In error:</source>
        <translation>En erreur :</translation>
    </message>
    <message>
        <source>Open alerts:</source>
        <translation>Alertes ouvertes :</translation>
    </message>
    <message>
        <source>Cloud uplink</source>
        <translation>Liaison cloud</translation>
    </message>
    <message>
        <source>Records waiting:</source>
        <translation>Enregistrements en attente :</translation>
    </message>
    <message>
        <source>Recent alerts</source>
        <translation>Alertes récentes</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Levée</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerte</translation>
    </message>
    <message>
        <source>Open the &amp;web console</source>
        <translation>Ouvrir la console &amp;web</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>critique</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>avertissement</translation>
    </message>
    <message>
        <source>other</source>
        <translation>autre</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connectée</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>en échec</translation>
    </message>
    <message>
        <source>failing: %1</source>
        <translation>en échec : %1</translation>
    </message>
    <message>
        <source>off (no cloud configured)</source>
        <translation>désactivée (aucun cloud configuré)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours d&apos;exécution</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>unknown (not connected)</source>
        <translation>inconnu (non connecté)</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>Unknown certificate</source>
        <translation>Certificat inconnu</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate file %1 cannot be read, so the console cannot tell by itself that it talks to the gateway. The service on %2 presents a certificate with this SHA-256 fingerprint:

%3

Compare it with the fingerprint on the web console&apos;s certificate page, or with what &apos;openssl x509 -noout -fingerprint -sha256 -in %1&apos; shows when run as an administrator. Trust it only when they are the same.</source>
        <translation>Le fichier de certificat de la passerelle %1 est illisible : la console ne peut pas vérifier seule qu&apos;elle parle à la passerelle. Le service sur %2 présente un certificat avec cette empreinte SHA-256 :

%3

Comparez-la avec l&apos;empreinte de la page du certificat de la console web, ou avec ce qu&apos;affiche &apos;openssl x509 -noout -fingerprint -sha256 -in %1&apos; exécuté en tant qu&apos;administrateur. Ne lui faites confiance que si elles sont identiques.</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Faire confiance à ce certificat</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::ServiceControl</name>
    <message>
        <source>Not permitted: starting and stopping the gateway service needs administrator rights. Run the console as an administrator, or run &apos;%1&apos; as one.</source>
        <translation>Non autorisé : démarrer et arrêter le service de passerelle demande des droits d&apos;administrateur. Lancez la console en tant qu&apos;administrateur, ou exécutez &apos;%1&apos; en tant qu&apos;administrateur.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; failed (exit code %2): %3</source>
        <translation>&apos;%1&apos; a échoué (code de sortie %2) : %3</translation>
    </message>
    <message>
        <source>The gateway service was started.</source>
        <translation>Le service de passerelle a été démarré.</translation>
    </message>
    <message>
        <source>The gateway service was stopped.</source>
        <translation>Le service de passerelle a été arrêté.</translation>
    </message>
    <message>
        <source>The gateway service was restarted.</source>
        <translation>Le service de passerelle a été redémarré.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be run: %2</source>
        <translation>&apos;%1&apos; ne peut pas être exécuté : %2</translation>
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
        <translation>Usage : netgatewayctl [--data-dir RÉP] [--language CODE] COMMANDE [ARGUMENTS]

Commandes :
  status [--json]     état du service en cours d&apos;exécution
  backup FICHIER      sauvegarde à chaud de la base de données dans FICHIER
  restore FICHIER     remplacer la base de données par FICHIER (service arrêté)
  version             afficher la version
  probe ADRESSE[:PORT] [options]  lire une imprimante par SNMP (probe --help)
  discover CIBLE... [options]     rechercher des imprimantes par SNMP (discover --help)
  admin setup-token   afficher le jeton à usage unique pour définir le premier mot de passe de la console
  admin set-password  définir le mot de passe administrateur de la console (lu sur l&apos;entrée standard)
  audit verify        vérifier la chaîne de hachage du journal d&apos;audit ; nomme la première entrée altérée
  relay status        le relais des appareils : écoute, limites et compteurs par appareil
  polling poll-now    lire maintenant chaque appareil géré (y compris ceux trouvés depuis le
                      dernier rechargement)

Le répertoire de données est par défaut $NETGATEWAY_DATA_DIR ou %1.
La langue suit celle du système ; --language CODE en choisit une parmi %2.
</translation>
    </message>
    <message>
        <source>Discovery:</source>
        <translation>Découverte :</translation>
    </message>
    <message>
        <source>Cloud uplink:</source>
        <translation>Liaison cloud :</translation>
    </message>
    <message>
        <source>Maintenance tasks:</source>
        <translation>Tâches de maintenance :</translation>
    </message>
    <message>
        <source>netgatewayd %1 running (pid %2), up %3 s</source>
        <translation>netgatewayd %1 en cours d&apos;exécution (pid %2), depuis %3 s</translation>
    </message>
    <message>
        <source>data directory: %1</source>
        <translation>répertoire de données : %1</translation>
    </message>
    <message>
        <source>schema version: %1</source>
        <translation>version du schéma : %1</translation>
    </message>
    <message>
        <source>devices:        %1</source>
        <translation>appareils :      %1</translation>
    </message>
    <message>
        <source>backup written to %1 (%2 bytes, schema version %3)</source>
        <translation>sauvegarde écrite dans %1 (%2 octets, version du schéma %3)</translation>
    </message>
    <message>
        <source>secrets in it are encrypted: keep it together with a copy of %1, without which they cannot be read</source>
        <translation>les secrets qu&apos;elle contient sont chiffrés : conservez-la avec une copie de %1, sans laquelle ils sont illisibles</translation>
    </message>
    <message>
        <source>backup failed: %1</source>
        <translation>échec de la sauvegarde : %1</translation>
    </message>
    <message>
        <source>restore refused: %1. Stop the service first (systemctl stop netgateway).</source>
        <translation>restauration refusée : %1. Arrêtez d&apos;abord le service (systemctl stop netgateway).</translation>
    </message>
    <message>
        <source>database restored from %1 (schema version %2); the previous one is kept as %3</source>
        <translation>base de données restaurée depuis %1 (version du schéma %2) ; la précédente est conservée sous %3</translation>
    </message>
    <message>
        <source>restore failed, nothing was changed: %1</source>
        <translation>échec de la restauration, rien n&apos;a été modifié : %1</translation>
    </message>
    <message>
        <source>the administrator password is already set; there is no setup token. Use &apos;netgatewayctl admin set-password&apos; to reset it.</source>
        <translation>le mot de passe administrateur est déjà défini ; il n&apos;y a pas de jeton d&apos;installation. Utilisez &apos;netgatewayctl admin set-password&apos; pour le réinitialiser.</translation>
    </message>
    <message>
        <source>New administrator password: </source>
        <translation>Nouveau mot de passe administrateur : </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Répétez le mot de passe : </translation>
    </message>
    <message>
        <source>the two passwords differ; nothing was changed</source>
        <translation>les deux mots de passe diffèrent ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>password not changed: %1</source>
        <translation>mot de passe non modifié : %1</translation>
    </message>
    <message>
        <source>administrator password set; %1 console session(s) ended</source>
        <translation>mot de passe administrateur défini ; %1 session(s) de console terminée(s)</translation>
    </message>
    <message>
        <source>audit log damaged: %1</source>
        <translation>journal d&apos;audit endommagé : %1</translation>
    </message>
    <message>
        <source>cannot check the audit log: %1</source>
        <translation>impossible de vérifier le journal d&apos;audit : %1</translation>
    </message>
    <message>
        <source>unknown language &apos;%1&apos;; choose one of %2</source>
        <translation>langue inconnue &apos;%1&apos; ; choisissez parmi %2</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>option inconnue &apos;%1&apos;</translation>
    </message>
    <message>
        <source>status: unexpected argument &apos;%1&apos;</source>
        <translation>status : argument inattendu &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1 needs exactly one FILE</source>
        <translation>%1 demande exactement un FICHIER</translation>
    </message>
    <message>
        <source>polling every managed device now</source>
        <translation>interrogation de chaque appareil géré en cours</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>commande inconnue &apos;%1&apos;</translation>
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
        <translation>  tasks list [--limit N]              tâches de maintenance récentes du cloud, les plus récentes d&apos;abord (JSON)
  tasks write-credentials APPAREIL    définir les identifiants SNMP d&apos;écriture d&apos;un appareil (numéro de série ou MAC)
                                      ou &quot;default&quot; ; lit un objet JSON sur l&apos;entrée standard :
                                      {&quot;version&quot;:&quot;v2c&quot;,&quot;community&quot;:&quot;...&quot;} ou {&quot;version&quot;:&quot;v3&quot;,
                                      &quot;user&quot;:&quot;...&quot;,&quot;authProtocol&quot;:&quot;SHA-256&quot;,&quot;authPassphrase&quot;:&quot;...&quot;,
                                      &quot;privProtocol&quot;:&quot;AES&quot;,&quot;privPassphrase&quot;:&quot;...&quot;}
  tasks remove-write-credentials APPAREIL
</translation>
    </message>
    <message>
        <source>tasks list [--limit N]</source>
        <translation>tasks list [--limit N]</translation>
    </message>
    <message>
        <source>standard input must hold one JSON object: %1</source>
        <translation>l&apos;entrée standard doit contenir un objet JSON : %1</translation>
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
        <translation>  uplink status [--json]                       état de la liaison cloud
  uplink configure --origin https://HÔTE[:PORT] [--ca-file FICHIER] [--proxy HÔTE:PORT
         [--proxy-user UTILISATEUR]] [--mode monitor|manage [--manage-until DATE-ISO]]
         [--counters-per-day 1-4]              (mot de passe du proxy lu sur l&apos;entrée standard)
  uplink register [--user UTILISATEUR]         code d&apos;accès, puis mot de passe de l&apos;utilisateur,
                                               lus sur l&apos;entrée standard, un par ligne
  uplink sync                                  envoyer maintenant tout ce qui attend
</translation>
    </message>
    <message>
        <source>uplink %1: unexpected argument &apos;%2&apos;</source>
        <translation>uplink %1 : argument inattendu &apos;%2&apos;</translation>
    </message>
    <message>
        <source>uplink needs status, configure, register or sync</source>
        <translation>uplink attend status, configure, register ou sync</translation>
    </message>
    <message>
        <source>uplink %1: unknown option or missing value &apos;%2&apos;</source>
        <translation>uplink %1 : option inconnue ou valeur manquante &apos;%2&apos;</translation>
    </message>
    <message>
        <source>--proxy takes HOST:PORT</source>
        <translation>--proxy attend HÔTE:PORT</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1 community (stored encrypted)</source>
        <translation>communauté %1 (enregistrée chiffrée)</translation>
    </message>
    <message>
        <source>v3 user &apos;%1&apos; auth %2 priv %3</source>
        <translation>utilisateur v3 &apos;%1&apos; auth %2 priv %3</translation>
    </message>
    <message>
        <source> context &apos;%1&apos;</source>
        <translation> contexte &apos;%1&apos;</translation>
    </message>
    <message>
        <source>id:            %1</source>
        <translation>id :           %1</translation>
    </message>
    <message>
        <source>name:          %1</source>
        <translation>nom :          %1</translation>
    </message>
    <message>
        <source>targets:       %1</source>
        <translation>cibles :       %1</translation>
    </message>
    <message>
        <source>exclusions:    %1</source>
        <translation>exclusions :   %1</translation>
    </message>
    <message>
        <source>addresses:     %1</source>
        <translation>adresses :     %1</translation>
    </message>
    <message>
        <source>credential %1:  %2</source>
        <translation>identifiant %1 : %2</translation>
    </message>
    <message>
        <source>ws-discovery:  %1</source>
        <translation>ws-discovery : %1</translation>
    </message>
    <message>
        <source>on</source>
        <translation>activé</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>schedule:      %1</source>
        <translation>planification : %1</translation>
    </message>
    <message>
        <source>new devices:   %1</source>
        <translation>nouveaux appareils : %1</translation>
    </message>
    <message>
        <source>discovery add needs a NAME first</source>
        <translation>discovery add attend d&apos;abord un NOM</translation>
    </message>
    <message>
        <source>option %1 needs a value</source>
        <translation>l&apos;option %1 attend une valeur</translation>
    </message>
    <message>
        <source>%1 belongs to an SNMPv3 user: give --v3-user USER before it</source>
        <translation>%1 appartient à un utilisateur SNMPv3 : indiquez --v3-user UTILISATEUR avant</translation>
    </message>
    <message>
        <source>discovery add: unknown option &apos;%1&apos;</source>
        <translation>discovery add : option inconnue &apos;%1&apos;</translation>
    </message>
    <message>
        <source>discovery setting %1 added</source>
        <translation>paramètre de découverte %1 ajouté</translation>
    </message>
    <message>
        <source>discovery run needs the setting&apos;s ID or NAME</source>
        <translation>discovery run attend l&apos;ID ou le NOM du paramètre</translation>
    </message>
    <message>
        <source>discovery run: unknown option or missing number: &apos;%1&apos;</source>
        <translation>discovery run : option inconnue ou nombre manquant : &apos;%1&apos;</translation>
    </message>
    <message>
        <source>progress %1/%2 addresses, %3 found</source>
        <translation>progression %1/%2 adresses, %3 trouvés</translation>
    </message>
    <message>
        <source>%1: found %2, new %3, moved %4, unreachable %5, non-printers %6; authentication failures %7</source>
        <translation>%1 : trouvés %2, nouveaux %3, déplacés %4, injoignables %5, non-imprimantes %6 ; échecs d&apos;authentification %7</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>terminée</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>WS-Discovery: %1 device(s) answered in the ranges, %2 confirmed over SNMP</source>
        <translation>WS-Discovery : %1 appareil(s) ont répondu dans les plages, %2 confirmé(s) par SNMP</translation>
    </message>
    <message>
        <source>--missed-polls needs a number (1 to 100)</source>
        <translation>--missed-polls attend un nombre (de 1 à 100)</translation>
    </message>
    <message>
        <source>discovery recovery: unknown option &apos;%1&apos;; use --missed-polls N, --on or --off</source>
        <translation>discovery recovery : option inconnue &apos;%1&apos; ; utilisez --missed-polls N, --on ou --off</translation>
    </message>
    <message>
        <source>device recovery %1 after %2 missed polls</source>
        <translation>récupération des appareils %1 après %2 interrogations manquées</translation>
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
                      enregistrer un paramètre de découverte (cibles : a.b.c.d, a.b.c.d-e.f.g.h,
                      a.b.c.d/nn, a.b.c.d/m.m.m.m, noms d&apos;hôte, IPv6) ; les identifiants sont essayés dans l&apos;ordre
  discovery list [--json]         lister les paramètres de découverte
  discovery show ID|NAME [--json] afficher un paramètre (jamais ses secrets)
  discovery delete ID|NAME        supprimer un paramètre et ses secrets enregistrés
  discovery run ID|NAME [--rate N] [--timeout MS] [--retries N] [--port P] [--json]
        [--wsd-window MS] [--no-wsd-multicast]
                                  exécuter un paramètre maintenant dans le service, avec la progression en direct
                                  (avec --wsd, aussi WS-Discovery, fusionné par appareil)
  discovery recovery [--missed-polls N] [--on|--off] [--json]
                                  afficher ou modifier la récupération des appareils : après N interrogations manquées, un
                                  appareil géré est recherché par numéro de série/MAC dans les plages
  discovery cancel                annuler la découverte en cours
</translation>
    </message>
    <message>
        <source>discovery needs a subcommand: add, list, show or delete</source>
        <translation>discovery attend une sous-commande : add, list, show ou delete</translation>
    </message>
    <message>
        <source>no discovery is running</source>
        <translation>aucune découverte en cours</translation>
    </message>
    <message>
        <source>discovery list: unexpected argument &apos;%1&apos;</source>
        <translation>discovery list : argument inattendu &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no discovery settings</source>
        <translation>aucun paramètre de découverte</translation>
    </message>
    <message>
        <source>%1	%2	%3 target(s)	%4	%5</source>
        <translation>%1	%2	%3 cible(s)	%4	%5</translation>
    </message>
    <message>
        <source>discovery %1 needs exactly one ID or NAME</source>
        <translation>discovery %1 attend exactement un ID ou un NOM</translation>
    </message>
    <message>
        <source>discovery setting %1 deleted</source>
        <translation>paramètre de découverte %1 supprimé</translation>
    </message>
    <message>
        <source>unknown discovery subcommand &apos;%1&apos;: use add, list, show or delete</source>
        <translation>sous-commande de découverte inconnue &apos;%1&apos; : utilisez add, list, show ou delete</translation>
    </message>
    <message>
        <source>discovery cancelled</source>
        <translation>découverte annulée</translation>
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
        <translation>Usage : netgatewayctl discover CIBLE... [options]
  Parcourt des adresses directement par SNMP (le service n&apos;est pas nécessaire) et liste les imprimantes.
  CIBLE : 192.0.2.7, 192.0.2.10-192.0.2.99, 192.0.2.0/24, 192.0.2.0/255.255.255.0 ou un nom d&apos;hôte
          (au plus 65 536 adresses par entrée, 1 048 576 au total).
Options (les identifiants sont essayés dans l&apos;ordre donné jusqu&apos;à une réponse) :
  --community C        ajouter une communauté SNMP v1/v2c (par défaut si aucune : public)
  --snmp-version V     1 ou 2c pour les communautés (par défaut : 2c)
  --v3-user U          ajouter un utilisateur SNMPv3 ; les options suivantes s&apos;appliquent au dernier
  --auth-proto P       MD5, SHA, SHA-224, SHA-256, SHA-384 ou SHA-512
  --auth-pass X        phrase secrète d&apos;authentification (8 caractères ou plus)
  --priv-proto Q       DES, AES (=AES-128), AES-192, AES-256, AES-192-C ou AES-256-C
  --priv-pass Y        phrase secrète de chiffrement (8 caractères ou plus)
  --context N          nom de contexte SNMPv3
  --exclude E          exclure une adresse, une plage ou un sous-réseau (répétable)
  --port P             port UDP des agents (par défaut : 161)
  --rate N             sondes par seconde ; 0 = sans limite (par défaut : 1000)
  --timeout MS         délai par tentative en millisecondes (par défaut : 1000)
  --retries N          nouvelles tentatives pour les adresses muettes (par défaut : 1)
  --wsd                aussi WS-Discovery : Probe multicast et Probes dirigées vers les cibles ;
                       les appareils qui répondent aussi en SNMP sont listés une fois, via [snmp, wsd]
  --no-wsd-multicast   WS-Discovery par Probes dirigées seulement
  --wsd-interface IF   interface de la Probe multicast (répétable ; par défaut : toutes)
  --wsd-window MS      durée de collecte des réponses WS-Discovery (par défaut : 3000)
  --json               afficher un objet JSON
Codes de sortie : 0 succès, 2 erreur d&apos;usage, 1 autres erreurs.
</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 attend une valeur</translation>
    </message>
    <message>
        <source>%1 belongs to an SNMPv3 user: give --v3-user first</source>
        <translation>%1 appartient à un utilisateur SNMPv3 : indiquez d&apos;abord --v3-user</translation>
    </message>
    <message>
        <source>unknown authentication protocol &apos;%1&apos;</source>
        <translation>protocole d&apos;authentification inconnu &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unknown privacy protocol &apos;%1&apos;</source>
        <translation>protocole de chiffrement inconnu &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--wsd-window must be 100 to 60000 milliseconds</source>
        <translation>--wsd-window doit être entre 100 et 60000 millisecondes</translation>
    </message>
    <message>
        <source>--port must be 1 to 65535</source>
        <translation>--port doit être entre 1 et 65535</translation>
    </message>
    <message>
        <source>--rate must be 0 (unthrottled) to 1000000 probes per second</source>
        <translation>--rate doit être entre 0 (sans limite) et 1000000 sondes par seconde</translation>
    </message>
    <message>
        <source>--timeout must be 10 to 60000 milliseconds</source>
        <translation>--timeout doit être entre 10 et 60000 millisecondes</translation>
    </message>
    <message>
        <source>--retries must be 0 to 10</source>
        <translation>--retries doit être entre 0 et 10</translation>
    </message>
    <message>
        <source>discover: unknown option &apos;%1&apos;</source>
        <translation>discover : option inconnue &apos;%1&apos;</translation>
    </message>
    <message>
        <source>discover needs at least one TARGET</source>
        <translation>discover attend au moins une CIBLE</translation>
    </message>
    <message>
        <source>--snmp-version must be 1 or 2c (SNMPv3 is chosen by --v3-user)</source>
        <translation>--snmp-version doit être 1 ou 2c (SNMPv3 se choisit avec --v3-user)</translation>
    </message>
    <message>
        <source>scanned %1/%2, found %3</source>
        <translation>%1/%2 parcourues, %3 trouvées</translation>
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
        <translation>Usage : netgatewayctl probe ADRESSE[:PORT] [options]
  Lit une imprimante directement par SNMP (le service n&apos;est pas nécessaire).
  ADRESSE est une adresse IPv4, une adresse [IPv6] ou un nom d&apos;hôte ; PORT vaut 161 par défaut.
Options :
  --community C        communauté SNMPv2c (par défaut : public)
  --snmp-version V     1 ou 2c avec une communauté (par défaut : 2c)
  --v3-user U          utiliser SNMPv3 avec l&apos;utilisateur U
  --auth-proto P       MD5, SHA, SHA-224, SHA-256, SHA-384 ou SHA-512
  --auth-pass X        phrase secrète d&apos;authentification (8 caractères ou plus)
  --priv-proto Q       DES, AES (=AES-128), AES-192, AES-256, AES-192-C ou AES-256-C
  --priv-pass Y        phrase secrète de chiffrement (8 caractères ou plus)
  --context N          nom de contexte SNMPv3
  --timeout MS         délai par tentative en millisecondes (par défaut : 1000)
  --retries N          nouvelles tentatives après la première (par défaut : 1)
  --json               afficher un objet JSON
Codes de sortie : 0 succès, 2 erreur d&apos;usage, 3 délai dépassé ou injoignable,
            4 échec d&apos;authentification ou de chiffrement SNMPv3, 1 autres erreurs.
</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: missing &apos;]&apos; after the IPv6 address</source>
        <translation>&apos;%1&apos; : &apos;]&apos; manquant après l&apos;adresse IPv6</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: expected &apos;:PORT&apos; after &apos;]&apos;</source>
        <translation>&apos;%1&apos; : &apos;:PORT&apos; attendu après &apos;]&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an address</source>
        <translation>&apos;%1&apos; n&apos;est pas une adresse</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port number (1-65535)</source>
        <translation>&apos;%1&apos; n&apos;est pas un numéro de port (1-65535)</translation>
    </message>
    <message>
        <source>--timeout must be 10 to 600000 milliseconds</source>
        <translation>--timeout doit être entre 10 et 600000 millisecondes</translation>
    </message>
    <message>
        <source>--retries must be 0 to 20</source>
        <translation>--retries doit être entre 0 et 20</translation>
    </message>
    <message>
        <source>probe: unknown option &apos;%1&apos;</source>
        <translation>probe : option inconnue &apos;%1&apos;</translation>
    </message>
    <message>
        <source>probe: unexpected argument &apos;%1&apos;</source>
        <translation>probe : argument inattendu &apos;%1&apos;</translation>
    </message>
    <message>
        <source>probe needs an ADDRESS</source>
        <translation>probe attend une ADRESSE</translation>
    </message>
    <message>
        <source>use either --community or the --v3-* options, not both</source>
        <translation>utilisez soit --community soit les options --v3-*, pas les deux</translation>
    </message>
    <message>
        <source>SNMPv3 needs --v3-user</source>
        <translation>SNMPv3 demande --v3-user</translation>
    </message>
    <message>
        <source>cannot resolve &apos;%1&apos; within %2 ms</source>
        <translation>impossible de résoudre &apos;%1&apos; en %2 ms</translation>
    </message>
    <message>
        <source>cannot resolve &apos;%1&apos;: %2</source>
        <translation>impossible de résoudre &apos;%1&apos; : %2</translation>
    </message>
    <message>
        <source>scanned %1 addresses in %2 ms: %3 printers, %4 non-printers, %5 unreachable; authentication failures %6</source>
        <translation>%1 adresses parcourues en %2 ms : %3 imprimantes, %4 non-imprimantes, %5 injoignables ; échecs d&apos;authentification %6</translation>
    </message>
    <message>
        <source>host name did not resolve: %1</source>
        <translation>nom d&apos;hôte non résolu : %1</translation>
    </message>
    <message>
        <source>address:</source>
        <translation>adresse :</translation>
    </message>
    <message>
        <source>manufacturer:</source>
        <translation>fabricant :</translation>
    </message>
    <message>
        <source>model:</source>
        <translation>modèle :</translation>
    </message>
    <message>
        <source>serial:</source>
        <translation>n° de série :</translation>
    </message>
    <message>
        <source>MAC:</source>
        <translation>MAC :</translation>
    </message>
    <message>
        <source>name:</source>
        <translation>nom :</translation>
    </message>
    <message>
        <source>location:</source>
        <translation>emplacement :</translation>
    </message>
    <message>
        <source>firmware:</source>
        <translation>micrologiciel :</translation>
    </message>
    <message>
        <source>status:</source>
        <translation>état :</translation>
    </message>
    <message>
        <source>total:</source>
        <translation>total :</translation>
    </message>
</context>
</TS>
