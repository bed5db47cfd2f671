#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "mail/transport.hpp"

namespace buurtplein::mail {

/// How the connection to the SMTP server is protected.
enum class SmtpSecurity {
  kNone,      ///< plain text (a relay on localhost only)
  kStartTls,  ///< STARTTLS is required: the mail is not sent when the server does not offer it
  kTls,       ///< TLS from the first byte (smtps://, usually port 465)
};

/// "none", "starttls", "tls"; empty when the name is none of these.
std::optional<SmtpSecurity> SmtpSecurityFromName(std::string_view name);

struct SmtpOptions {
  std::string url = "smtp://localhost:25";  ///< smtp://host:port or smtps://host:port
  SmtpSecurity security = SmtpSecurity::kStartTls;
  std::string username;  ///< empty: no authentication
  std::string password;
  std::string helo_name;  ///< name in EHLO; empty: "localhost"
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds timeout{60};  ///< the whole conversation; keep it well below the sender's lease
};

/// Sends over SMTP with libcurl, one connection per message. libcurl does the dot-stuffing and
/// ends DATA with CRLF.CRLF. The certificate is always verified when TLS is used.
class SmtpTransport final : public Transport {
 public:
  explicit SmtpTransport(SmtpOptions options);
  std::optional<std::string> Send(const domain::mail::Message& message, const std::string& envelope_from,
                                  const std::string& rfc5322) override;

 private:
  SmtpOptions options_;
  std::string url_;  // the URL libcurl uses: scheme from the security setting, EHLO name as path
};

}  // namespace buurtplein::mail
