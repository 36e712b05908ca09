// sign-manifest: creates Ed25519 key pairs and signs upgrade manifests for the
// gateway's auto-upgrade. Release-side only; the gateway never signs.
#include <netgateway/upgrade/ManifestSigner.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QStringList>

#include <cstdio>

using namespace netgateway;

namespace {

const char kUsage[] = "Usage:\n"
                      "  sign-manifest genkey KEY.pem\n"
                      "      create a new private key (mode 0600) and print its trusted-keys line\n"
                      "  sign-manifest pubkey KEY.pem\n"
                      "      print the trusted-keys line (key id and public key) of KEY.pem\n"
                      "  sign-manifest sign KEY.pem --version X.Y.Z --expires 2026-12-31T00:00:00Z\n"
                      "                --platform linux-amd64 --path /packages/NAME --package FILE [--out FILE]\n"
                      "      sign a manifest for FILE (its size and SHA-256 are computed)\n";

int fail(const QString &message)
{
    std::fprintf(stderr, "sign-manifest: %s\n", qPrintable(message));
    return 1;
}

bool readKey(const QString &path, upgrade::SigningKey &key, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    key = upgrade::SigningKey::fromPem(file.read(16 * 1024), error);
    if (key.isNull()) {
        error = QStringLiteral("%1: %2").arg(path, error);
        return false;
    }
    return true;
}

void printKeyLine(const upgrade::SigningKey &key)
{
    std::printf("%s %s\n", qPrintable(key.keyId), key.publicKey.toBase64().constData());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.size() < 2) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    const QString command = args.takeFirst();
    const QString keyPath = args.takeFirst();
    QString error;

    if (command == QLatin1String("genkey")) {
        if (QFile::exists(keyPath)) {
            return fail(QStringLiteral("%1 exists; choose a new file name").arg(keyPath));
        }
        const upgrade::SigningKey key = upgrade::SigningKey::generate();
        QFile file(keyPath);
        if (key.isNull() || !file.open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
            !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || file.write(key.toPem()) <= 0 ||
            !file.flush()) {
            return fail(QStringLiteral("cannot write %1: %2").arg(keyPath, file.errorString()));
        }
        printKeyLine(key);
        return 0;
    }
    upgrade::SigningKey key;
    if (command == QLatin1String("pubkey")) {
        if (!readKey(keyPath, key, error)) {
            return fail(error);
        }
        printKeyLine(key);
        return 0;
    }
    if (command != QLatin1String("sign")) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    if (!readKey(keyPath, key, error)) {
        return fail(error);
    }
    upgrade::ManifestContent content;
    QString packageFile;
    QString outFile;
    for (qsizetype i = 0; i + 1 < args.size(); i += 2) {
        const QString &name = args.at(i);
        const QString &value = args.at(i + 1);
        if (name == QLatin1String("--version")) {
            content.version = value;
        } else if (name == QLatin1String("--expires")) {
            content.expires = value;
        } else if (name == QLatin1String("--platform")) {
            content.platform = value;
        } else if (name == QLatin1String("--path")) {
            content.packagePath = value;
        } else if (name == QLatin1String("--package")) {
            packageFile = value;
        } else if (name == QLatin1String("--out")) {
            outFile = value;
        } else {
            return fail(QStringLiteral("unknown option '%1'").arg(name));
        }
    }
    if (args.size() % 2 != 0) {
        return fail(QStringLiteral("option '%1' needs a value").arg(args.last()));
    }
    if (!upgrade::Version::parse(content.version) || content.expires.isEmpty() || content.platform.isEmpty() ||
        !content.packagePath.startsWith(QLatin1Char('/')) || packageFile.isEmpty()) {
        return fail(QStringLiteral("sign needs --version X.Y.Z, --expires, --platform, --path /... and --package"));
    }
    QFile package(packageFile);
    if (!package.open(QIODevice::ReadOnly)) {
        return fail(QStringLiteral("cannot read %1: %2").arg(packageFile, package.errorString()));
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&package)) {
        return fail(QStringLiteral("cannot read %1: %2").arg(packageFile, package.errorString()));
    }
    content.packageSha256Hex = QString::fromLatin1(hash.result().toHex());
    content.packageSize = package.size();
    const QByteArray manifest = upgrade::signManifest(content, key);
    if (manifest.isEmpty()) {
        return fail(QStringLiteral("signing failed"));
    }
    if (outFile.isEmpty()) {
        std::fwrite(manifest.constData(), 1, static_cast<size_t>(manifest.size()), stdout);
        return 0;
    }
    QFile out(outFile);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(manifest) != manifest.size()) {
        return fail(QStringLiteral("cannot write %1: %2").arg(outFile, out.errorString()));
    }
    return 0;
}
