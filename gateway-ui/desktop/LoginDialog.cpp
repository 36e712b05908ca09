#include "LoginDialog.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace netgateway::desktop {

LoginDialog::LoginDialog(QWidget *parent)
    : QDialog(parent), m_intro(new QLabel(this)), m_message(new QLabel(this)), m_userLabel(new QLabel(this)),
      m_passwordLabel(new QLabel(this)), m_user(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_logIn(new QPushButton(this)), m_cancel(new QPushButton(this))
{
    m_user->setObjectName(QStringLiteral("user"));
    m_user->setText(QStringLiteral("admin"));
    m_user->setMaxLength(64);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMaxLength(1024);
    m_message->setObjectName(QStringLiteral("loginMessage"));
    m_message->setWordWrap(true);
    m_intro->setWordWrap(true);
    m_logIn->setObjectName(QStringLiteral("logIn"));
    m_logIn->setDefault(true);
    m_userLabel->setBuddy(m_user);
    m_passwordLabel->setBuddy(m_password);

    auto *fields = new QGridLayout;
    fields->addWidget(m_userLabel, 0, 0);
    fields->addWidget(m_user, 0, 1);
    fields->addWidget(m_passwordLabel, 1, 0);
    fields->addWidget(m_password, 1, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_logIn);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_message);
    layout->addLayout(fields);
    layout->addLayout(buttons);

    connect(m_logIn, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    m_password->setFocus();
    retranslate();
}

QString LoginDialog::user() const
{
    return m_user->text().trimmed();
}

QString LoginDialog::takePassword()
{
    const QString password = m_password->text();
    m_password->clear();
    return password;
}

void LoginDialog::setMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void LoginDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QDialog::changeEvent(event);
}

void LoginDialog::retranslate()
{
    setWindowTitle(tr("Log in to the gateway"));
    m_intro->setText(tr("The console shows the gateway service on this computer. Log in with the administrator "
                        "account of the web console."));
    m_userLabel->setText(tr("&User name:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_logIn->setText(tr("Log in"));
    m_cancel->setText(tr("Cancel"));
}

} // namespace netgateway::desktop
