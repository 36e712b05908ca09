#pragma once

#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace fleetcloud {

// A throw-away certificate authority made at start-up: a CA certificate the
// gateway is told to trust, and a server certificate for 127.0.0.1 and
// localhost signed by it. Nothing is reused between runs.
struct TestAuthority {
    QSslCertificate caCertificate;
    QSslCertificate serverCertificate;
    QSslKey serverKey;

    // Returns false and a message when OpenSSL fails.
    static bool generate(TestAuthority &out, QString &error);
};

} // namespace fleetcloud
