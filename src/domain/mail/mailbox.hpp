#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace buurtplein::domain::mail {

/// One delivered mail as the development mail page lists it.
struct StoredMail {
  std::string file_name;  ///< "20261203T100000Z-42.eml": the mail's name on the page and in its URL
  std::string date;       ///< the Date header as written
  std::string from;
  std::string to;
  std::string subject;    ///< decoded
  std::string text;       ///< the decoded text/plain part (only filled by Read)
};

/// The mails the development transport wrote (`make run`: var/mail/*.eml), read back for the
/// page /dev/mail. Implemented in src/mail; the HTTP layer sees only this interface.
class Mailbox {
 public:
  virtual ~Mailbox() = default;
  /// The newest `limit` mails, newest first (without their text).
  virtual std::vector<StoredMail> List(int limit) const = 0;
  /// One mail with its text; nullopt when the name is not a mail file's name or there is none.
  virtual std::optional<StoredMail> Read(std::string_view file_name) const = 0;
};

}  // namespace buurtplein::domain::mail
