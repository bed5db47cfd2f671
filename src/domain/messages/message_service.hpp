#pragma once
#include <functional>
#include <optional>
#include <string>

#include "domain/accounts/privacy_service.hpp"
#include "domain/common/app_error.hpp"
#include "domain/common/clock.hpp"
#include "domain/market/model.hpp"
#include "domain/messages/model.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::messages {

using market::Viewer;

/// Private messages (issue 4 §7): one-to-one conversations between two verified members of a
/// site, started from a profile or about an ask or offer. Only the two members ever see a
/// conversation (anyone else: not found). New members — verified less than kNewMemberSeconds
/// ago — start at most kNewMemberDailyStarts conversations a day, counted in the database. Any
/// message can be reported; the report waits for moderation, the message stays.
class MessageService final : public accounts::ContentEraser {
 public:
  MessageService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  static constexpr int kConversationsPerPage = 20;
  static constexpr int kMessagesPerPage = 30;
  static constexpr int kMaxPage = 500;
  static constexpr std::int64_t kNewMemberSeconds = 7 * 24 * 3600;
  static constexpr int kNewMemberDailyStarts = 3;

  /// Opens a conversation with `other` (a verified member of the site) with a first message, or
  /// adds the message to the conversation the two already have (about the same listing).
  /// kRateLimited for a new member over the daily limit.
  Result<ConversationId> Start(SiteId site, const Viewer& viewer, UserId other,
                               std::optional<market::ListingId> listing, const std::string& body);
  /// The conversation when the viewer is one of its two members; kNotFound otherwise.
  Result<Conversation> Find(SiteId site, ConversationId id, const Viewer& viewer);
  /// A page of its messages (page 1: the newest, oldest first within the page). Showing page 1
  /// marks everything as read.
  Result<MessagePage> Messages(SiteId site, ConversationId id, const Viewer& viewer, int page);
  /// The viewer answers in the conversation.
  Result<Message> Reply(SiteId site, ConversationId id, const Viewer& viewer, const std::string& body);
  /// The viewer's conversations, latest first, with unread counts.
  ConversationPage List(SiteId site, const Viewer& viewer, int page);
  /// Unread messages of the viewer on the site.
  std::int64_t Unread(SiteId site, const Viewer& viewer);
  /// The viewer reports a message of one of their conversations.
  Status Report(SiteId site, ConversationId id, MessageId message, const Viewer& viewer, const std::string& reason);
  /// The message, when the viewer is a member of its conversation.
  Result<Message> FindMessage(SiteId site, ConversationId id, MessageId message, const Viewer& viewer);

  /// Who besides verified members may take part in the site's conversations: a professional
  /// working in the site (issue 5 §6), decided by the policy through this check (runtime).
  void SetParticipantCheck(std::function<bool(SiteId, UserId)> check) { participant_ = std::move(check); }
  /// True when `user` may receive and send messages in the site: a verified member, or someone
  /// the participant check admits.
  bool MayTakePart(SiteId site, UserId user);

  /// Account deletion: the person's messages are removed or stay without their name.
  Status EraseContent(UserId user, accounts::ContentChoice choice) override;

  /// Checks and cleans a message text.
  static Result<std::string> CleanBody(const std::string& body);

 private:
  Store& store_;
  const Clock& clock_;
  std::function<bool(SiteId, UserId)> participant_;
};

}  // namespace buurtplein::domain::messages
