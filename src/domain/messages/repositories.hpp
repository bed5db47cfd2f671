#pragma once
#include <optional>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/messages/model.hpp"

namespace buurtplein::domain::messages {

/// Conversations, their messages and reports. Every method takes the site first; a
/// conversation is only ever read through one of its two members.
class MessagesRepository {
 public:
  virtual ~MessagesRepository() = default;
  /// The existing conversation between `a` and `b` on the site about `listing` (nullopt: not
  /// about a listing), if any.
  virtual std::optional<ConversationId> FindBetween(SiteId site, UserId a, UserId b,
                                                    std::optional<market::ListingId> listing) = 0;
  /// Creates the conversation with both members and the first message, in one transaction.
  /// kRateLimited when the starter already started `max_started` since `limit_since`.
  virtual Result<ConversationId> StartConversation(SiteId site, const NewConversation& c) = 0;
  /// The conversation as `viewer` sees it; nullopt unless it is on this site and `viewer` is
  /// one of its members.
  virtual std::optional<Conversation> FindConversation(SiteId site, ConversationId id, UserId viewer) = 0;
  /// The viewer's conversations on the site, latest message first.
  virtual std::vector<Conversation> ListConversations(SiteId site, UserId viewer, int limit, int offset) = 0;
  /// Adds a message; kNotFound unless the conversation is on this site and `sender` is a member.
  virtual Result<Message> AddMessage(SiteId site, ConversationId id, UserId sender, const std::string& body,
                                     std::int64_t at) = 0;
  /// Messages newest first, at most `limit` (the caller turns a page around).
  virtual std::vector<Message> ListMessages(SiteId site, ConversationId id, int limit, int offset) = 0;
  /// The viewer has seen every message up to `upto`.
  virtual Status MarkRead(SiteId site, ConversationId id, UserId viewer, MessageId upto) = 0;
  /// Unread messages of the viewer on the site.
  virtual std::int64_t CountUnread(SiteId site, UserId viewer) = 0;
  /// A message of a conversation of this site; nullopt otherwise.
  virtual std::optional<Message> FindMessage(SiteId site, ConversationId id, MessageId message) = 0;
  /// Stores a report (kNotFound when the message is not on this site).
  virtual Status AddReport(SiteId site, MessageId message, UserId reporter, const std::string& reason,
                           std::int64_t at) = 0;
  /// Reports of the site, newest first (for the moderation queue and tests).
  virtual std::vector<Report> ListReports(SiteId site, int limit, int offset) = 0;

  /// Account deletion (every site): removes the person's messages (`remove`) or keeps them
  /// without sender; they leave their conversations.
  virtual void EraseUser(UserId user, bool remove) = 0;
};

}  // namespace buurtplein::domain::messages
