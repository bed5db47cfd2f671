#include "mail/settings.hpp"

#include <filesystem>
#include <stdexcept>

#include "domain/mail/mail_service.hpp"

#include "mail/eml_directory_transport.hpp"

namespace buurtplein::mail {

MailSettings ParseMailSettings(const MailConfig& config) {
  MailSettings s;
  if (config.transport != "file" && config.transport != "smtp") {
    throw std::runtime_error("The setting mail_transport must be file or smtp, not '" + config.transport + "'.");
  }
  s.transport = config.transport == "smtp" ? TransportKind::kSmtp : TransportKind::kFile;
  const bool smtps = config.smtp_url.rfind("smtps://", 0) == 0;
  if (!smtps && config.smtp_url.rfind("smtp://", 0) != 0) {
    throw std::runtime_error("The setting smtp_url must start with smtp:// or smtps://, not '" + config.smtp_url + "'.");
  }
  s.smtp.url = config.smtp_url;
  const auto security = SmtpSecurityFromName(config.smtp_security);
  if (!security) {
    throw std::runtime_error("The setting smtp_security must be none, starttls or tls, not '" + config.smtp_security +
                             "'.");
  }
  s.smtp.security = smtps ? SmtpSecurity::kTls : *security;
  s.smtp.username = config.smtp_username;
  s.smtp.password = config.smtp_password;
  // user@localhost is fine as a sender on a development machine; recipients need a real domain.
  const bool local = config.mail_from.ends_with("@localhost") &&
                     domain::mail::IsValidAddress(config.mail_from.substr(0, config.mail_from.size() - 10) + "@x.nl");
  if (!local && !domain::mail::IsValidAddress(config.mail_from)) {
    throw std::runtime_error("The setting mail_from must be an e-mail address such as buurtplein@example.nl, not '" +
                             config.mail_from + "'.");
  }
  if (domain::mail::HasControlCharacter(config.mail_from_name)) {
    throw std::runtime_error("The setting mail_from_name must be a single line.");
  }
  s.mime.from_address = config.mail_from;
  s.mime.from_name = config.mail_from_name;
  // EHLO with our own domain: some servers refuse "localhost".
  s.smtp.helo_name = config.mail_from.substr(config.mail_from.rfind('@') + 1);
  if (config.public_url.rfind("http://", 0) != 0 && config.public_url.rfind("https://", 0) != 0) {
    throw std::runtime_error("The setting public_url must start with http:// or https://, not '" + config.public_url +
                             "'.");
  }
  s.base_url = config.public_url;
  return s;
}

std::unique_ptr<Transport> MakeTransport(const MailSettings& settings, const std::string& data_dir) {
  if (settings.transport == TransportKind::kSmtp) return std::make_unique<SmtpTransport>(settings.smtp);
  return std::make_unique<EmlDirectoryTransport>(std::filesystem::path(data_dir) / "mail");
}

}  // namespace buurtplein::mail
