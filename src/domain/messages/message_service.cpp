#include "domain/messages/message_service.hpp"

#include <algorithm>

#include "domain/common/text.hpp"

namespace buurtplein::domain::messages {

namespace {

AppError NoConversation() {
  return MakeError(ErrorCode::kNotFound, "This conversation does not exist, or you cannot see it.");
}

AppError MembersOnly() {
  return MakeError(ErrorCode::kForbidden, "Only verified members of this neighbourhood can send messages.");
}

}  // namespace

Result<std::string> MessageService::CleanBody(const std::string& body) {
  std::string out;
  std::size_t n = 0;
  if (!CopyCleanText(TrimView(body), true, out, n)) {
    auto e = MakeError(ErrorCode::kValidation, "The message contains characters we cannot use.");
    e.field = "body";
    return e;
  }
  if (n == 0) {
    auto e = MakeError(ErrorCode::kValidation, "Write a message.");
    e.field = "body";
    return e;
  }
  if (n > kMaxBodyLength) {
    auto e = MakeError(ErrorCode::kValidation, "The message is longer than 5,000 characters.");
    e.field = "body";
    return e;
  }
  return out;
}

bool MessageService::MayTakePart(SiteId site, UserId user) {
  auto membership = store_.memberships().FindMembership(site, user);
  if (membership && membership->status == accounts::MemberStatus::kVerified) return true;
  return participant_ && participant_(site, user);
}

Result<ConversationId> MessageService::Start(SiteId site, const Viewer& viewer, UserId other,
                                             std::optional<market::ListingId> listing, const std::string& body) {
  if (!viewer.user || !viewer.member) return MembersOnly();
  if (other == *viewer.user) {
    auto e = MakeError(ErrorCode::kValidation, "You cannot send a message to yourself.");
    e.field = "body";
    return e;
  }
  if (!MayTakePart(site, other)) {
    return MakeError(ErrorCode::kNotFound, "This neighbour cannot receive messages here.");
  }
  auto clean = CleanBody(body);
  if (!clean) return clean.error();
  const std::int64_t now = clock_.Now();
  if (auto existing = store_.messages().FindBetween(site, *viewer.user, other, listing)) {
    auto added = store_.messages().AddMessage(site, *existing, *viewer.user, *clean, now);
    if (!added) return added.error();
    return *existing;
  }
  NewConversation c;
  c.starter = *viewer.user;
  c.other = other;
  c.listing = listing;
  c.body = *clean;
  c.at = now;
  // Against spam: a new member starts only a few conversations a day (counted in the database,
  // so every server and every restart sees the same count).
  if (!viewer.verified_at || *viewer.verified_at > now - kNewMemberSeconds) {
    c.max_started = kNewMemberDailyStarts;
    c.limit_since = now - 24 * 3600;
  }
  auto started = store_.messages().StartConversation(site, c);
  if (!started && started.error().code == ErrorCode::kRateLimited) {
    auto e = MakeError(ErrorCode::kRateLimited,
                       "You have started enough new conversations for today. Try again tomorrow.");
    e.retry_after_seconds = started.error().retry_after_seconds;
    return e;
  }
  return started;
}

Result<Conversation> MessageService::Find(SiteId site, ConversationId id, const Viewer& viewer) {
  if (!viewer.user || !viewer.member) return NoConversation();
  auto c = store_.messages().FindConversation(site, id, *viewer.user);
  if (!c) return NoConversation();
  return *c;
}

Result<MessagePage> MessageService::Messages(SiteId site, ConversationId id, const Viewer& viewer, int page) {
  auto c = Find(site, id, viewer);
  if (!c) return c.error();
  MessagePage out;
  out.page = std::max(1, page);
  if (out.page > kMaxPage) return out;
  auto list = store_.messages().ListMessages(site, id, kMessagesPerPage + 1, (out.page - 1) * kMessagesPerPage);
  if (list.size() > static_cast<std::size_t>(kMessagesPerPage)) {
    out.has_older = out.page < kMaxPage;
    list.resize(kMessagesPerPage);
  }
  if (out.page == 1 && !list.empty()) store_.messages().MarkRead(site, id, *viewer.user, list.front().id);
  std::reverse(list.begin(), list.end());
  out.messages = std::move(list);
  return out;
}

Result<Message> MessageService::Reply(SiteId site, ConversationId id, const Viewer& viewer, const std::string& body) {
  auto c = Find(site, id, viewer);
  if (!c) return c.error();
  auto clean = CleanBody(body);
  if (!clean) return clean.error();
  return store_.messages().AddMessage(site, id, *viewer.user, *clean, clock_.Now());
}

ConversationPage MessageService::List(SiteId site, const Viewer& viewer, int page) {
  ConversationPage out;
  out.page = std::max(1, page);
  if (!viewer.user || !viewer.member || out.page > kMaxPage) return out;
  out.conversations = store_.messages().ListConversations(site, *viewer.user, kConversationsPerPage + 1,
                                                          (out.page - 1) * kConversationsPerPage);
  if (out.conversations.size() > static_cast<std::size_t>(kConversationsPerPage)) {
    out.has_more = out.page < kMaxPage;
    out.conversations.resize(kConversationsPerPage);
  }
  return out;
}

std::int64_t MessageService::Unread(SiteId site, const Viewer& viewer) {
  if (!viewer.user || !viewer.member) return 0;
  return store_.messages().CountUnread(site, *viewer.user);
}

Result<Message> MessageService::FindMessage(SiteId site, ConversationId id, MessageId message, const Viewer& viewer) {
  auto c = Find(site, id, viewer);
  if (!c) return c.error();
  auto m = store_.messages().FindMessage(site, id, message);
  if (!m) return MakeError(ErrorCode::kNotFound, "This message does not exist, or you cannot see it.");
  return *m;
}

Status MessageService::Report(SiteId site, ConversationId id, MessageId message, const Viewer& viewer,
                              const std::string& reason) {
  auto m = FindMessage(site, id, message, viewer);
  if (!m) return m.error();
  std::string clean;
  std::size_t n = 0;
  if (!CopyCleanText(TrimView(reason), true, clean, n) || n == 0 || n > kMaxReasonLength) {
    auto e = MakeError(ErrorCode::kValidation, "Tell us in at most 1,000 characters why you report this message.");
    e.field = "reason";
    return e;
  }
  return store_.messages().AddReport(site, message, *viewer.user, clean, clock_.Now());
}

Status MessageService::EraseContent(UserId user, accounts::ContentChoice choice) {
  store_.messages().EraseUser(user, choice == accounts::ContentChoice::kRemove);
  return Ok{};
}

}  // namespace buurtplein::domain::messages
