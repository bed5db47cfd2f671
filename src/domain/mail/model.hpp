#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/common/ids.hpp"

namespace buurtplein::domain::mail {

using MessageId = Id<struct MailMessageTag>;
/// Times in the outbox, to the second (stored as such on both engines).
using Time = std::chrono::sys_seconds;

/// Where a message is in its life. Rows are never deleted: a sent or dead mail stays as a record.
enum class MessageStatus {
  kPending,  ///< waiting for its next attempt (or being sent, while claimed)
  kSent,     ///< the SMTP server (or the .eml directory) accepted it
  kDead,     ///< given up after the retry policy ran out; kept for inspection
};

std::string_view StatusName(MessageStatus status);
/// The status for a name from the database; kPending for anything unknown.
MessageStatus StatusFromName(std::string_view name);

/// One e-mail in the outbox.
struct Message {
  MessageId id;
  SiteId site;                ///< the site it is sent for; 0 = the platform itself
  std::string from_name;      ///< display name of the sender (e.g. the site's name); empty: the configured one
  std::string to_address;     ///< one recipient, "name@example.nl"
  std::string to_name;        ///< display name of the recipient, may be empty
  std::string subject;        ///< UTF-8, one line
  std::string text_body;      ///< UTF-8 plain text, always present
  std::optional<std::string> html_body;  ///< UTF-8 HTML alternative, when there is one
  MessageStatus status = MessageStatus::kPending;
  Time created_at{};
  int attempts = 0;           ///< attempts started (counted when a sender claims the mail)
  Time next_attempt_at{};     ///< not sent before this moment
  std::optional<Time> claimed_until;  ///< a sender's lease; after it the mail may be claimed again
  std::optional<Time> sent_at;
  std::string last_error;     ///< the last transport error, empty when none
};

/// What a caller supplies to send a mail; MailService validates it into a Message.
struct Draft {
  SiteId site;                ///< 0 = the platform
  std::string from_name;      ///< optional sender display name
  std::string to_address;
  std::string to_name;
  std::string subject;
  std::string text_body;
  std::optional<std::string> html_body;
};

}  // namespace buurtplein::domain::mail
