#pragma once
#include <memory>
#include <string>

#include "mail/mime.hpp"
#include "mail/smtp_transport.hpp"
#include "mail/transport.hpp"

namespace buurtplein::mail {

enum class TransportKind {
  kFile,  ///< .eml files under <data_dir>/mail/ (development, the default)
  kSmtp,  ///< a real SMTP server
};

/// The mail settings, checked (ParseMailSettings).
struct MailSettings {
  TransportKind transport = TransportKind::kFile;
  SmtpOptions smtp;
  MimeOptions mime;
  std::string base_url = "http://localhost:8080/";  ///< the platform's public address (public_url), for links
};

/// The configuration's mail strings (app::Config: mail_transport, smtp_url, smtp_security,
/// smtp_username, smtp_password, mail_from, mail_from_name, public_url).
struct MailConfig {
  std::string transport = "file";        ///< file | smtp
  std::string smtp_url = "smtp://localhost:25";
  std::string smtp_security = "starttls";  ///< none | starttls | tls; an smtps:// URL is always tls
  std::string smtp_username;
  std::string smtp_password;
  std::string mail_from = "buurtplein@localhost";
  std::string mail_from_name = "Buurtplein";
  std::string public_url = "http://localhost:8080/";
};

/// Checks the strings and makes the settings; the EHLO name is mail_from's domain. Throws
/// std::runtime_error with one sentence naming the setting when a value is not acceptable.
MailSettings ParseMailSettings(const MailConfig& config);

/// The transport the settings ask for; the file transport writes to `<data_dir>/mail`. Throws
/// std::runtime_error when the mail directory cannot be created.
std::unique_ptr<Transport> MakeTransport(const MailSettings& settings, const std::string& data_dir);

}  // namespace buurtplein::mail
