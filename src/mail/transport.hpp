#pragma once
#include <optional>
#include <string>

#include "domain/mail/model.hpp"

namespace buurtplein::mail {

/// Delivers one finished message. Implementations: SmtpTransport (production) and
/// EmlDirectoryTransport (development: files under var/mail/).
class Transport {
 public:
  virtual ~Transport() = default;
  /// Delivers `rfc5322` (the whole message, CRLF line endings) from `envelope_from` to
  /// message.to_address. Returns nothing on success, else the error text (for last_error and the log).
  virtual std::optional<std::string> Send(const domain::mail::Message& message, const std::string& envelope_from,
                                          const std::string& rfc5322) = 0;
};

}  // namespace buurtplein::mail
