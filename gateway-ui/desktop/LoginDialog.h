#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace netgateway::desktop {

// Asks for the administrator's user name and password. The password is
// handed out once by takePassword() and the field is cleared: the console
// never stores it.
class LoginDialog : public QDialog {
    Q_OBJECT
public:
    explicit LoginDialog(QWidget *parent = nullptr);

    [[nodiscard]] QString user() const;
    [[nodiscard]] QString takePassword();
    // Shown above the fields, e.g. why the last attempt failed.
    void setMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_intro;
    QLabel *m_message;
    QLabel *m_userLabel;
    QLabel *m_passwordLabel;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QPushButton *m_logIn;
    QPushButton *m_cancel;
};

} // namespace netgateway::desktop
