#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/common/ids.hpp"
#include "domain/market/model.hpp"

namespace buurtplein::domain::messages {

using ConversationId = Id<struct ConversationTag>;
using MessageId = Id<struct MessageTag>;

/// A private one-to-one conversation between two verified members of a site, started from a
/// profile or about a listing (issue 4 §7).
struct Conversation {
  ConversationId id;
  SiteId site;
  std::optional<market::ListingId> listing;  ///< the ask or offer it is about, if any
  std::string listing_title;
  std::optional<UserId> other;   ///< the other member, as seen by the viewer (nullopt: left)
  std::string other_name;
  std::int64_t created_at = 0;
  std::int64_t last_message_at = 0;
  std::int64_t unread = 0;       ///< messages from the other member the viewer has not seen
};

/// One message in a conversation. Its text is personal data of its sender.
struct Message {
  MessageId id;
  ConversationId conversation;
  SiteId site;
  std::optional<UserId> sender;  ///< nullopt once the sender deleted their account
  std::string sender_name;
  std::string body;              ///< plain text, at most kMaxBodyLength code points
  std::int64_t created_at = 0;
};

/// A report of a message, waiting for the moderation queue (a later issue).
struct Report {
  std::int64_t id = 0;
  SiteId site;
  MessageId message;
  std::optional<UserId> reporter;
  std::string reason;
  std::int64_t created_at = 0;
};

/// A new conversation with its first message.
struct NewConversation {
  UserId starter;
  UserId other;
  std::optional<market::ListingId> listing;
  std::string body;
  std::int64_t at = 0;
  /// The starter may have started at most `max_started` conversations since `limit_since`
  /// (0: no limit); checked in the same transaction as the insert.
  int max_started = 0;
  std::int64_t limit_since = 0;
};

inline constexpr std::size_t kMaxBodyLength = 5000;
inline constexpr std::size_t kMaxReasonLength = 1000;

/// One page of a list.
struct ConversationPage {
  std::vector<Conversation> conversations;
  int page = 1;
  bool has_more = false;
};
struct MessagePage {
  std::vector<Message> messages;  ///< oldest first (the newest at the bottom)
  int page = 1;                   ///< 1: the newest messages; higher: older
  bool has_older = false;
};

}  // namespace buurtplein::domain::messages
