<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>netgateway::desktop::CertificateProbe</name>
    <message>
        <source>the service presented no certificate</source>
        <translation>サービスが証明書を提示しませんでした</translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation>%1 秒以内に応答がありません</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::ConsoleModel</name>
    <message>
        <source>Not logged in. Log in with the administrator password.</source>
        <translation>ログインしていません。管理者パスワードでログインしてください。</translation>
    </message>
    <message>
        <source>Logging in...</source>
        <translation>ログインしています...</translation>
    </message>
    <message>
        <source>Logged in; reading the gateway&apos;s state...</source>
        <translation>ログインしました。ゲートウェイの状態を読み取っています...</translation>
    </message>
    <message>
        <source>Connected to the gateway service %1; last update %2.</source>
        <translation>ゲートウェイ サービス %1 に接続しました。最終更新 %2。</translation>
    </message>
    <message>
        <source>The gateway service is not running. Start it with the Start button (needs administrator rights).</source>
        <translation>ゲートウェイ サービスは実行されていません。[開始] ボタンで開始してください (管理者権限が必要です)。</translation>
    </message>
    <message>
        <source>Login failed: wrong user name or password.</source>
        <translation>ログインに失敗しました: ユーザー名またはパスワードが違います。</translation>
    </message>
    <message>
        <source>Login failed too often: logins from this computer are locked for a while. Try again later.</source>
        <translation>ログインの失敗が多すぎます。このコンピューターからのログインはしばらくロックされます。後でもう一度お試しください。</translation>
    </message>
    <message>
        <source>The administrator password is not set yet. Set it in the web console with the setup token, or with &apos;netgatewayctl admin set-password&apos;.</source>
        <translation>管理者パスワードがまだ設定されていません。Web コンソールでセットアップ トークンを使うか、&apos;netgatewayctl admin set-password&apos; で設定してください。</translation>
    </message>
    <message>
        <source>The session ended. Log in again.</source>
        <translation>セッションが終了しました。もう一度ログインしてください。</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate (%1) cannot be read, so the connection cannot be verified. Run the console as a user who may read the gateway&apos;s data directory.</source>
        <translation>ゲートウェイの証明書 (%1) を読み取れないため、接続を検証できません。ゲートウェイのデータ ディレクトリを読み取れるユーザーでコンソールを実行してください。</translation>
    </message>
    <message>
        <source>Certificate changed: %1. Not connected. If the certificate was replaced on purpose, log in again.</source>
        <translation>証明書が変更されました: %1。接続していません。証明書を意図的に置き換えた場合は、もう一度ログインしてください。</translation>
    </message>
    <message>
        <source>Cannot reach the gateway service: %1</source>
        <translation>ゲートウェイ サービスに接続できません: %1</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::HttpsConsoleApi</name>
    <message>
        <source>the service on %1 presents a certificate other than the one in %2</source>
        <translation>%1 のサービスが %2 とは異なる証明書を提示しています</translation>
    </message>
    <message>
        <source>the answer is larger than %1 bytes</source>
        <translation>応答が %1 バイトを超えています</translation>
    </message>
    <message>
        <source>the dashboard answer lacks fields or has values out of range</source>
        <translation>ダッシュボードの応答に項目が欠けているか、範囲外の値があります</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::LoginDialog</name>
    <message>
        <source>Log in to the gateway</source>
        <translation>ゲートウェイにログイン</translation>
    </message>
    <message>
        <source>The console shows the gateway service on this computer. Log in with the administrator account of the web console.</source>
        <translation>このコンソールには、このコンピューターのゲートウェイ サービスが表示されます。Web コンソールの管理者アカウントでログインしてください。</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>ユーザー名(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::MainWindow</name>
    <message>
        <source>Desktop console of the netgateway service</source>
        <translation>netgateway サービスのデスクトップ コンソール</translation>
    </message>
    <message>
        <source>Address of the gateway&apos;s console.</source>
        <translation>ゲートウェイのコンソールのアドレス。</translation>
    </message>
    <message>
        <source>The gateway&apos;s data directory (for its certificate).</source>
        <translation>ゲートウェイのデータ ディレクトリ (証明書の場所)。</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate file to pin.</source>
        <translation>固定するゲートウェイの証明書ファイル。</translation>
    </message>
    <message>
        <source>Language: en, de, fr, it, es or ja.</source>
        <translation>言語: en、de、fr、it、es、ja のいずれか。</translation>
    </message>
    <message>
        <source>--url must be an https:// address, such as https://localhost:9797</source>
        <translation>--url には https:// のアドレスを指定してください (例: https://localhost:9797)</translation>
    </message>
    <message>
        <source>netgateway console</source>
        <translation>netgateway コンソール</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>セッション(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Log in...</source>
        <translation>ログイン(&amp;L)...</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>ログアウト(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>Gateway service</source>
        <translation>ゲートウェイ サービス</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状態:</translation>
    </message>
    <message>
        <source>St&amp;art</source>
        <translation>開始(&amp;A)</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>停止(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>再起動(&amp;R)</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>合計:</translation>
    </message>
    <message>
        <source>Online:</source>
        <translation>オンライン:</translation>
    </message>
    <message>
        <source>Offline:</source>
        <translation>オフライン:</translation>
    </message>
    <message>
        <source>In error:</source>
        <translation>エラー:</translation>
    </message>
    <message>
        <source>Open alerts:</source>
        <translation>未解決のアラート:</translation>
    </message>
    <message>
        <source>Cloud uplink</source>
        <translation>クラウド アップリンク</translation>
    </message>
    <message>
        <source>Records waiting:</source>
        <translation>送信待ちのレコード:</translation>
    </message>
    <message>
        <source>Recent alerts</source>
        <translation>最近のアラート</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>発生日時</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>アラート</translation>
    </message>
    <message>
        <source>Open the &amp;web console</source>
        <translation>Web コンソールを開く(&amp;W)</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>重大</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>接続済み</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>障害あり</translation>
    </message>
    <message>
        <source>failing: %1</source>
        <translation>障害あり: %1</translation>
    </message>
    <message>
        <source>off (no cloud configured)</source>
        <translation>オフ (クラウド未設定)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>unknown (not connected)</source>
        <translation>不明 (未接続)</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>Unknown certificate</source>
        <translation>不明な証明書</translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate file %1 cannot be read, so the console cannot tell by itself that it talks to the gateway. The service on %2 presents a certificate with this SHA-256 fingerprint:

%3

Compare it with the fingerprint on the web console&apos;s certificate page, or with what &apos;openssl x509 -noout -fingerprint -sha256 -in %1&apos; shows when run as an administrator. Trust it only when they are the same.</source>
        <translation>ゲートウェイの証明書ファイル %1 を読み取れないため、コンソールは通信相手がゲートウェイであることを自分では確認できません。%2 のサービスは次の SHA-256 フィンガープリントの証明書を提示しています:

%3

Web コンソールの証明書ページのフィンガープリント、または管理者として実行した &apos;openssl x509 -noout -fingerprint -sha256 -in %1&apos; の出力と比較してください。一致する場合にのみ信頼してください。</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>この証明書を信頼する</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>netgateway::desktop::ServiceControl</name>
    <message>
        <source>Not permitted: starting and stopping the gateway service needs administrator rights. Run the console as an administrator, or run &apos;%1&apos; as one.</source>
        <translation>許可されていません: ゲートウェイ サービスの開始と停止には管理者権限が必要です。コンソールを管理者として実行するか、&apos;%1&apos; を管理者として実行してください。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; failed (exit code %2): %3</source>
        <translation>&apos;%1&apos; が失敗しました (終了コード %2): %3</translation>
    </message>
    <message>
        <source>The gateway service was started.</source>
        <translation>ゲートウェイ サービスを開始しました。</translation>
    </message>
    <message>
        <source>The gateway service was stopped.</source>
        <translation>ゲートウェイ サービスを停止しました。</translation>
    </message>
    <message>
        <source>The gateway service was restarted.</source>
        <translation>ゲートウェイ サービスを再起動しました。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be run: %2</source>
        <translation>&apos;%1&apos; を実行できません: %2</translation>
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
        <translation>使用法: netgatewayctl [--data-dir ディレクトリ] [--language コード] コマンド [引数]

コマンド:
  status [--json]     実行中のサービスの状態
  backup ファイル     データベースをオンラインでファイルにバックアップ
  restore ファイル    データベースをファイルで置き換え (サービス停止中に)
  version             バージョンを表示
  probe アドレス[:ポート] [オプション]  SNMP でプリンターを 1 台読み取る (probe --help)
  discover 対象... [オプション]         SNMP でプリンターを探す (discover --help)
  admin setup-token   最初のコンソール パスワードを設定するためのワンタイム トークンを表示
  admin set-password  コンソールの管理者パスワードを設定 (標準入力から読み取り)
  audit verify        監査ログのハッシュ チェーンを検査し、最初の不正なエントリを示す
  relay status        デバイス リレー: リスナー、制限、デバイスごとのカウンター
  polling poll-now    管理対象のすべてのデバイスを今すぐ読み取る (前回の再読み込み以降に
                      見つかったデバイスを含む)

データ ディレクトリの既定値は $NETGATEWAY_DATA_DIR または %1 です。
言語はシステムのロケールに従います。--language コード で %2 から選べます。
</translation>
    </message>
    <message>
        <source>Discovery:</source>
        <translation>検出:</translation>
    </message>
    <message>
        <source>Cloud uplink:</source>
        <translation>クラウド アップリンク:</translation>
    </message>
    <message>
        <source>Maintenance tasks:</source>
        <translation>メンテナンス タスク:</translation>
    </message>
    <message>
        <source>netgatewayd %1 running (pid %2), up %3 s</source>
        <translation>netgatewayd %1 実行中 (pid %2)、稼働 %3 秒</translation>
    </message>
    <message>
        <source>data directory: %1</source>
        <translation>データ ディレクトリ: %1</translation>
    </message>
    <message>
        <source>schema version: %1</source>
        <translation>スキーマ バージョン: %1</translation>
    </message>
    <message>
        <source>devices:        %1</source>
        <translation>デバイス:       %1</translation>
    </message>
    <message>
        <source>backup written to %1 (%2 bytes, schema version %3)</source>
        <translation>バックアップを %1 に書き込みました (%2 バイト、スキーマ バージョン %3)</translation>
    </message>
    <message>
        <source>secrets in it are encrypted: keep it together with a copy of %1, without which they cannot be read</source>
        <translation>中の機密情報は暗号化されています。%1 のコピーと一緒に保管してください。それがないと読み取れません</translation>
    </message>
    <message>
        <source>backup failed: %1</source>
        <translation>バックアップに失敗しました: %1</translation>
    </message>
    <message>
        <source>restore refused: %1. Stop the service first (systemctl stop netgateway).</source>
        <translation>復元を拒否しました: %1。先にサービスを停止してください (systemctl stop netgateway)。</translation>
    </message>
    <message>
        <source>database restored from %1 (schema version %2); the previous one is kept as %3</source>
        <translation>%1 からデータベースを復元しました (スキーマ バージョン %2)。以前のものは %3 として保存されています</translation>
    </message>
    <message>
        <source>restore failed, nothing was changed: %1</source>
        <translation>復元に失敗しました。何も変更されていません: %1</translation>
    </message>
    <message>
        <source>the administrator password is already set; there is no setup token. Use &apos;netgatewayctl admin set-password&apos; to reset it.</source>
        <translation>管理者パスワードは既に設定されているため、セットアップ トークンはありません。リセットするには &apos;netgatewayctl admin set-password&apos; を使ってください。</translation>
    </message>
    <message>
        <source>New administrator password: </source>
        <translation>新しい管理者パスワード: </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>パスワードをもう一度入力: </translation>
    </message>
    <message>
        <source>the two passwords differ; nothing was changed</source>
        <translation>2 つのパスワードが一致しません。何も変更されていません</translation>
    </message>
    <message>
        <source>password not changed: %1</source>
        <translation>パスワードは変更されていません: %1</translation>
    </message>
    <message>
        <source>administrator password set; %1 console session(s) ended</source>
        <translation>管理者パスワードを設定しました。コンソール セッションを %1 件終了しました</translation>
    </message>
    <message>
        <source>audit log damaged: %1</source>
        <translation>監査ログが破損しています: %1</translation>
    </message>
    <message>
        <source>cannot check the audit log: %1</source>
        <translation>監査ログを検査できません: %1</translation>
    </message>
    <message>
        <source>unknown language &apos;%1&apos;; choose one of %2</source>
        <translation>不明な言語 &apos;%1&apos; です。%2 から選んでください</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>不明なオプション &apos;%1&apos;</translation>
    </message>
    <message>
        <source>status: unexpected argument &apos;%1&apos;</source>
        <translation>status: 予期しない引数 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1 needs exactly one FILE</source>
        <translation>%1 にはファイルを 1 つだけ指定してください</translation>
    </message>
    <message>
        <source>polling every managed device now</source>
        <translation>管理対象のすべてのデバイスを今すぐポーリングしています</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>不明なコマンド &apos;%1&apos;</translation>
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
        <translation>  tasks list [--limit N]              クラウドからの最近のメンテナンス タスク (新しい順、JSON)
  tasks write-credentials デバイス    デバイス (シリアル番号または MAC) または &quot;default&quot; の SNMP 書き込み
                                      資格情報を設定。標準入力から JSON オブジェクトを読み取る:
                                      {&quot;version&quot;:&quot;v2c&quot;,&quot;community&quot;:&quot;...&quot;} または {&quot;version&quot;:&quot;v3&quot;,
                                      &quot;user&quot;:&quot;...&quot;,&quot;authProtocol&quot;:&quot;SHA-256&quot;,&quot;authPassphrase&quot;:&quot;...&quot;,
                                      &quot;privProtocol&quot;:&quot;AES&quot;,&quot;privPassphrase&quot;:&quot;...&quot;}
  tasks remove-write-credentials デバイス
</translation>
    </message>
    <message>
        <source>tasks list [--limit N]</source>
        <translation>tasks list [--limit N]</translation>
    </message>
    <message>
        <source>standard input must hold one JSON object: %1</source>
        <translation>標準入力には JSON オブジェクトを 1 つ指定してください: %1</translation>
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
        <translation>  uplink status [--json]                       クラウド アップリンクの状態
  uplink configure --origin https://ホスト[:ポート] [--ca-file ファイル] [--proxy ホスト:ポート
         [--proxy-user ユーザー]] [--mode monitor|manage [--manage-until ISO 日付]]
         [--counters-per-day 1-4]              (プロキシのパスワードは標準入力から読み取り)
  uplink register [--user ユーザー]            アクセス コード、続いてユーザーのパスワードを
                                               標準入力から 1 行ずつ読み取り
  uplink sync                                  待機中のものを今すぐすべてアップロード
</translation>
    </message>
    <message>
        <source>uplink %1: unexpected argument &apos;%2&apos;</source>
        <translation>uplink %1: 予期しない引数 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>uplink needs status, configure, register or sync</source>
        <translation>uplink には status、configure、register、sync のいずれかを指定してください</translation>
    </message>
    <message>
        <source>uplink %1: unknown option or missing value &apos;%2&apos;</source>
        <translation>uplink %1: 不明なオプションまたは値がありません &apos;%2&apos;</translation>
    </message>
    <message>
        <source>--proxy takes HOST:PORT</source>
        <translation>--proxy には ホスト:ポート を指定してください</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 を読み取れません: %2</translation>
    </message>
    <message>
        <source>%1 community (stored encrypted)</source>
        <translation>%1 コミュニティ (暗号化して保存)</translation>
    </message>
    <message>
        <source>v3 user &apos;%1&apos; auth %2 priv %3</source>
        <translation>v3 ユーザー &apos;%1&apos; 認証 %2 暗号化 %3</translation>
    </message>
    <message>
        <source> context &apos;%1&apos;</source>
        <translation> コンテキスト &apos;%1&apos;</translation>
    </message>
    <message>
        <source>id:            %1</source>
        <translation>ID:            %1</translation>
    </message>
    <message>
        <source>name:          %1</source>
        <translation>名前:          %1</translation>
    </message>
    <message>
        <source>targets:       %1</source>
        <translation>対象:          %1</translation>
    </message>
    <message>
        <source>exclusions:    %1</source>
        <translation>除外:          %1</translation>
    </message>
    <message>
        <source>addresses:     %1</source>
        <translation>アドレス数:    %1</translation>
    </message>
    <message>
        <source>credential %1:  %2</source>
        <translation>資格情報 %1: %2</translation>
    </message>
    <message>
        <source>ws-discovery:  %1</source>
        <translation>WS-Discovery:  %1</translation>
    </message>
    <message>
        <source>on</source>
        <translation>オン</translation>
    </message>
    <message>
        <source>off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>schedule:      %1</source>
        <translation>スケジュール:  %1</translation>
    </message>
    <message>
        <source>new devices:   %1</source>
        <translation>新しいデバイス: %1</translation>
    </message>
    <message>
        <source>discovery add needs a NAME first</source>
        <translation>discovery add には最初に名前を指定してください</translation>
    </message>
    <message>
        <source>option %1 needs a value</source>
        <translation>オプション %1 には値が必要です</translation>
    </message>
    <message>
        <source>%1 belongs to an SNMPv3 user: give --v3-user USER before it</source>
        <translation>%1 は SNMPv3 ユーザーの設定です。先に --v3-user ユーザー を指定してください</translation>
    </message>
    <message>
        <source>discovery add: unknown option &apos;%1&apos;</source>
        <translation>discovery add: 不明なオプション &apos;%1&apos;</translation>
    </message>
    <message>
        <source>discovery setting %1 added</source>
        <translation>検出設定 %1 を追加しました</translation>
    </message>
    <message>
        <source>discovery run needs the setting&apos;s ID or NAME</source>
        <translation>discovery run には設定の ID または名前を指定してください</translation>
    </message>
    <message>
        <source>discovery run: unknown option or missing number: &apos;%1&apos;</source>
        <translation>discovery run: 不明なオプションまたは数値がありません: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>progress %1/%2 addresses, %3 found</source>
        <translation>進行状況 %1/%2 アドレス、%3 件検出</translation>
    </message>
    <message>
        <source>%1: found %2, new %3, moved %4, unreachable %5, non-printers %6; authentication failures %7</source>
        <translation>%1: 検出 %2、新規 %3、移動 %4、応答なし %5、プリンター以外 %6、認証失敗 %7</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>取り消し</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>WS-Discovery: %1 device(s) answered in the ranges, %2 confirmed over SNMP</source>
        <translation>WS-Discovery: 範囲内で %1 台が応答し、%2 台を SNMP で確認</translation>
    </message>
    <message>
        <source>--missed-polls needs a number (1 to 100)</source>
        <translation>--missed-polls には数値 (1 から 100) を指定してください</translation>
    </message>
    <message>
        <source>discovery recovery: unknown option &apos;%1&apos;; use --missed-polls N, --on or --off</source>
        <translation>discovery recovery: 不明なオプション &apos;%1&apos;。--missed-polls N、--on、--off を使ってください</translation>
    </message>
    <message>
        <source>device recovery %1 after %2 missed polls</source>
        <translation>デバイス復旧 %1 (%2 回のポーリング失敗後)</translation>
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
                      検出設定を保存 (対象: a.b.c.d、a.b.c.d-e.f.g.h、
                      a.b.c.d/nn、a.b.c.d/m.m.m.m、ホスト名、IPv6)。資格情報は順に試行
  discovery list [--json]         検出設定を一覧表示
  discovery show ID|NAME [--json] 設定を 1 つ表示 (機密情報は表示しない)
  discovery delete ID|NAME        設定と保存された機密情報を削除
  discovery run ID|NAME [--rate N] [--timeout MS] [--retries N] [--port P] [--json]
        [--wsd-window MS] [--no-wsd-multicast]
                                  設定をサービスで今すぐ実行し、進行状況を表示
                                  (--wsd の設定では WS-Discovery も実行し、デバイスごとに統合)
  discovery recovery [--missed-polls N] [--on|--off] [--json]
                                  デバイス復旧を表示または変更: N 回ポーリングに失敗した
                                  管理対象デバイスを範囲内でシリアル番号/MAC により探す
  discovery cancel                実行中の検出を取り消す
</translation>
    </message>
    <message>
        <source>discovery needs a subcommand: add, list, show or delete</source>
        <translation>discovery にはサブコマンド (add、list、show、delete) を指定してください</translation>
    </message>
    <message>
        <source>no discovery is running</source>
        <translation>実行中の検出はありません</translation>
    </message>
    <message>
        <source>discovery list: unexpected argument &apos;%1&apos;</source>
        <translation>discovery list: 予期しない引数 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no discovery settings</source>
        <translation>検出設定はありません</translation>
    </message>
    <message>
        <source>%1	%2	%3 target(s)	%4	%5</source>
        <translation>%1	%2	対象 %3 件	%4	%5</translation>
    </message>
    <message>
        <source>discovery %1 needs exactly one ID or NAME</source>
        <translation>discovery %1 には ID または名前を 1 つだけ指定してください</translation>
    </message>
    <message>
        <source>discovery setting %1 deleted</source>
        <translation>検出設定 %1 を削除しました</translation>
    </message>
    <message>
        <source>unknown discovery subcommand &apos;%1&apos;: use add, list, show or delete</source>
        <translation>不明な検出サブコマンド &apos;%1&apos; です。add、list、show、delete を使ってください</translation>
    </message>
    <message>
        <source>discovery cancelled</source>
        <translation>検出を取り消しました</translation>
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
        <translation>使用法: netgatewayctl discover 対象... [オプション]
  SNMP でアドレスを直接走査し (サービスは不要)、プリンターを一覧表示します。
  対象: 192.0.2.7、192.0.2.10-192.0.2.99、192.0.2.0/24、192.0.2.0/255.255.255.0 またはホスト名
          (1 項目あたり最大 65,536 アドレス、合計 1,048,576)。
オプション (資格情報は応答があるまで指定順に試行):
  --community C        SNMP v1/v2c コミュニティを追加 (指定がなければ public)
  --snmp-version V     コミュニティの 1 または 2c (既定: 2c)
  --v3-user U          SNMPv3 ユーザーを追加 (以下のオプションは最後のユーザーに適用)
  --auth-proto P       MD5、SHA、SHA-224、SHA-256、SHA-384、SHA-512
  --auth-pass X        認証パスフレーズ (8 文字以上)
  --priv-proto Q       DES、AES (=AES-128)、AES-192、AES-256、AES-192-C、AES-256-C
  --priv-pass Y        暗号化パスフレーズ (8 文字以上)
  --context N          SNMPv3 コンテキスト名
  --exclude E          アドレス、範囲、サブネットを除外 (繰り返し可)
  --port P             エージェントの UDP ポート (既定: 161)
  --rate N             1 秒あたりのプローブ数。0 = 無制限 (既定: 1000)
  --timeout MS         試行ごとのタイムアウト (ミリ秒、既定: 1000)
  --retries N          応答しないアドレスの再試行回数 (既定: 1)
  --wsd                WS-Discovery も実行: マルチキャスト Probe と対象への個別 Probe。
                       SNMP にも応答するデバイスは via [snmp, wsd] として 1 回だけ表示
  --no-wsd-multicast   WS-Discovery を個別 Probe のみで実行
  --wsd-interface IF   マルチキャスト Probe のインターフェース (繰り返し可、既定: すべて)
  --wsd-window MS      WS-Discovery の応答を集める時間 (既定: 3000)
  --json               JSON オブジェクトを 1 つ出力
終了コード: 0 成功、2 使用法の誤り、1 その他のエラー。
</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 には値が必要です</translation>
    </message>
    <message>
        <source>%1 belongs to an SNMPv3 user: give --v3-user first</source>
        <translation>%1 は SNMPv3 ユーザーの設定です。先に --v3-user を指定してください</translation>
    </message>
    <message>
        <source>unknown authentication protocol &apos;%1&apos;</source>
        <translation>不明な認証プロトコル &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unknown privacy protocol &apos;%1&apos;</source>
        <translation>不明な暗号化プロトコル &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--wsd-window must be 100 to 60000 milliseconds</source>
        <translation>--wsd-window は 100 から 60000 ミリ秒にしてください</translation>
    </message>
    <message>
        <source>--port must be 1 to 65535</source>
        <translation>--port は 1 から 65535 にしてください</translation>
    </message>
    <message>
        <source>--rate must be 0 (unthrottled) to 1000000 probes per second</source>
        <translation>--rate は 0 (無制限) から毎秒 1000000 プローブにしてください</translation>
    </message>
    <message>
        <source>--timeout must be 10 to 60000 milliseconds</source>
        <translation>--timeout は 10 から 60000 ミリ秒にしてください</translation>
    </message>
    <message>
        <source>--retries must be 0 to 10</source>
        <translation>--retries は 0 から 10 にしてください</translation>
    </message>
    <message>
        <source>discover: unknown option &apos;%1&apos;</source>
        <translation>discover: 不明なオプション &apos;%1&apos;</translation>
    </message>
    <message>
        <source>discover needs at least one TARGET</source>
        <translation>discover には対象を 1 つ以上指定してください</translation>
    </message>
    <message>
        <source>--snmp-version must be 1 or 2c (SNMPv3 is chosen by --v3-user)</source>
        <translation>--snmp-version は 1 または 2c にしてください (SNMPv3 は --v3-user で選択)</translation>
    </message>
    <message>
        <source>scanned %1/%2, found %3</source>
        <translation>%1/%2 を走査、%3 件検出</translation>
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
        <translation>使用法: netgatewayctl probe アドレス[:ポート] [オプション]
  SNMP でプリンターを 1 台直接読み取ります (サービスは不要)。
  アドレスは IPv4 アドレス、[IPv6] アドレス、またはホスト名。ポートの既定値は 161。
オプション:
  --community C        SNMPv2c コミュニティ (既定: public)
  --snmp-version V     コミュニティ使用時は 1 または 2c (既定: 2c)
  --v3-user U          ユーザー U で SNMPv3 を使う
  --auth-proto P       MD5、SHA、SHA-224、SHA-256、SHA-384、SHA-512
  --auth-pass X        認証パスフレーズ (8 文字以上)
  --priv-proto Q       DES、AES (=AES-128)、AES-192、AES-256、AES-192-C、AES-256-C
  --priv-pass Y        暗号化パスフレーズ (8 文字以上)
  --context N          SNMPv3 コンテキスト名
  --timeout MS         試行ごとのタイムアウト (ミリ秒、既定: 1000)
  --retries N          最初の試行後の再試行回数 (既定: 1)
  --json               JSON オブジェクトを 1 つ出力
終了コード: 0 成功、2 使用法の誤り、3 タイムアウトまたは到達不能、
            4 SNMPv3 の認証または暗号化の失敗、1 その他のエラー。
</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: missing &apos;]&apos; after the IPv6 address</source>
        <translation>&apos;%1&apos;: IPv6 アドレスの後に &apos;]&apos; がありません</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: expected &apos;:PORT&apos; after &apos;]&apos;</source>
        <translation>&apos;%1&apos;: &apos;]&apos; の後に &apos;:ポート&apos; が必要です</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an address</source>
        <translation>&apos;%1&apos; はアドレスではありません</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port number (1-65535)</source>
        <translation>&apos;%1&apos; はポート番号 (1-65535) ではありません</translation>
    </message>
    <message>
        <source>--timeout must be 10 to 600000 milliseconds</source>
        <translation>--timeout は 10 から 600000 ミリ秒にしてください</translation>
    </message>
    <message>
        <source>--retries must be 0 to 20</source>
        <translation>--retries は 0 から 20 にしてください</translation>
    </message>
    <message>
        <source>probe: unknown option &apos;%1&apos;</source>
        <translation>probe: 不明なオプション &apos;%1&apos;</translation>
    </message>
    <message>
        <source>probe: unexpected argument &apos;%1&apos;</source>
        <translation>probe: 予期しない引数 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>probe needs an ADDRESS</source>
        <translation>probe にはアドレスを指定してください</translation>
    </message>
    <message>
        <source>use either --community or the --v3-* options, not both</source>
        <translation>--community と --v3-* オプションのどちらか一方だけを使ってください</translation>
    </message>
    <message>
        <source>SNMPv3 needs --v3-user</source>
        <translation>SNMPv3 には --v3-user が必要です</translation>
    </message>
    <message>
        <source>cannot resolve &apos;%1&apos; within %2 ms</source>
        <translation>&apos;%1&apos; を %2 ミリ秒以内に解決できません</translation>
    </message>
    <message>
        <source>cannot resolve &apos;%1&apos;: %2</source>
        <translation>&apos;%1&apos; を解決できません: %2</translation>
    </message>
    <message>
        <source>scanned %1 addresses in %2 ms: %3 printers, %4 non-printers, %5 unreachable; authentication failures %6</source>
        <translation>%1 アドレスを %2 ミリ秒で走査: プリンター %3、プリンター以外 %4、応答なし %5、認証失敗 %6</translation>
    </message>
    <message>
        <source>host name did not resolve: %1</source>
        <translation>ホスト名を解決できませんでした: %1</translation>
    </message>
    <message>
        <source>address:</source>
        <translation>アドレス:</translation>
    </message>
    <message>
        <source>manufacturer:</source>
        <translation>メーカー:</translation>
    </message>
    <message>
        <source>model:</source>
        <translation>モデル:</translation>
    </message>
    <message>
        <source>serial:</source>
        <translation>シリアル番号:</translation>
    </message>
    <message>
        <source>MAC:</source>
        <translation>MAC:</translation>
    </message>
    <message>
        <source>name:</source>
        <translation>名前:</translation>
    </message>
    <message>
        <source>location:</source>
        <translation>設置場所:</translation>
    </message>
    <message>
        <source>firmware:</source>
        <translation>ファームウェア:</translation>
    </message>
    <message>
        <source>status:</source>
        <translation>状態:</translation>
    </message>
    <message>
        <source>total:</source>
        <translation>合計:</translation>
    </message>
</context>
</TS>
