#pragma once
#include "domain/accounts/account_service.hpp"
#include "domain/mail/mail_service.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http {

/// The account mails, as plain text in Dutch followed by English (we do not know the reader's
/// language when a mail goes out), put in the outbox through the mail service.
class AccountMailer final : public domain::accounts::AccountMailer {
 public:
  AccountMailer(domain::mail::MailService& mail, const view::Catalogs& catalogs)
      : mail_(mail), catalogs_(catalogs) {}

  void SendVerification(const domain::accounts::User& user, const std::string& link) override;
  void SendAlreadyRegistered(std::string_view email, const std::string& login_link,
                             const std::string& reset_link) override;
  void SendPasswordReset(const domain::accounts::User& user, const std::string& link) override;
  void SendPasswordChanged(const domain::accounts::User& user) override;
  void SendEmailChange(const domain::accounts::User& user, std::string_view new_email,
                       const std::string& link) override;
  void SendEmailChangeNotice(const domain::accounts::User& user) override;

 private:
  /// "Dutch text\n\n--- English ---\n\nEnglish text" for a list of msgids and literal lines.
  std::string Bilingual(const std::vector<std::string>& lines) const;
  void Send(std::string_view to, std::string_view to_name, const std::string& subject_msgid,
            const std::vector<std::string>& lines);

  domain::mail::MailService& mail_;
  const view::Catalogs& catalogs_;
};

}  // namespace buurtplein::http
