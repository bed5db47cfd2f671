#include "store/sqlite/messages_repository.hpp"

#include <algorithm>

namespace buurtplein::store::sqlite {

using domain::ErrorCode;
using domain::MakeError;
using domain::SiteId;
using domain::UserId;
using domain::market::ListingId;
using namespace domain::messages;

namespace {

// Every statement names the site, and every read of a conversation names the member reading it:
// nobody else's conversation is ever returned. Never an e-mail address.
constexpr const char* kFindBetween =
    "SELECT c.id FROM conversations c "
    "JOIN conversation_members ma ON ma.conversation_id = c.id AND ma.user_id = ?2 "
    "JOIN conversation_members mb ON mb.conversation_id = c.id AND mb.user_id = ?3 "
    "WHERE c.site_id = ?1 AND ((?4 = 0 AND c.listing_id IS NULL) OR c.listing_id = ?4) ORDER BY c.id LIMIT 1";
constexpr const char* kCountStarted =
    "SELECT count(*), coalesce(min(created_at), 0) FROM conversations WHERE starter_id = ?1 AND created_at > ?2";
constexpr const char* kInsertConversation =
    "INSERT INTO conversations (site_id, listing_id, starter_id, created_at, last_message_at) "
    "VALUES (?1, ?2, ?3, ?4, ?4) RETURNING id";
constexpr const char* kInsertMember =
    "INSERT INTO conversation_members (conversation_id, user_id, site_id, last_read_id) VALUES (?1, ?2, ?3, 0)";
constexpr const char* kInsertMessage =
    "INSERT INTO messages (conversation_id, site_id, sender_id, body, created_at) "
    "SELECT c.id, c.site_id, ?3, ?4, ?5 FROM conversations c "
    "JOIN conversation_members cm ON cm.conversation_id = c.id AND cm.user_id = ?3 "
    "WHERE c.site_id = ?1 AND c.id = ?2 RETURNING id";
constexpr const char* kTouchConversation =
    "UPDATE conversations SET last_message_at = ?3 WHERE site_id = ?1 AND id = ?2";
constexpr const char* kMarkRead =
    "UPDATE conversation_members SET last_read_id = max(last_read_id, ?4) "
    "WHERE site_id = ?1 AND conversation_id = ?2 AND user_id = ?3";
#define BP_CONVERSATION_SELECT                                                                                     \
  "SELECT c.id, c.site_id, c.listing_id, coalesce(l.title, ''), o.user_id, coalesce(ou.display_name, ''), "      \
  "c.created_at, c.last_message_at, (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id "            \
  "AND m.id > me.last_read_id AND (m.sender_id IS NULL OR m.sender_id <> me.user_id)) "                          \
  "FROM conversations c JOIN conversation_members me ON me.conversation_id = c.id AND me.user_id = ?2 "          \
  "LEFT JOIN conversation_members o ON o.conversation_id = c.id AND o.user_id <> ?2 "                           \
  "LEFT JOIN users ou ON ou.id = o.user_id LEFT JOIN market_listings l ON l.id = c.listing_id "
constexpr const char* kFindConversation = BP_CONVERSATION_SELECT "WHERE c.site_id = ?1 AND c.id = ?3";
constexpr const char* kListConversations =
    BP_CONVERSATION_SELECT "WHERE c.site_id = ?1 ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?3 OFFSET ?4";
#undef BP_CONVERSATION_SELECT
#define BP_MESSAGE_SELECT                                                                                  \
  "SELECT m.id, m.conversation_id, m.site_id, m.sender_id, coalesce(u.display_name, ''), m.body, "        \
  "m.created_at FROM messages m LEFT JOIN users u ON u.id = m.sender_id "
constexpr const char* kListMessages =
    BP_MESSAGE_SELECT "WHERE m.site_id = ?1 AND m.conversation_id = ?2 ORDER BY m.id DESC LIMIT ?3 OFFSET ?4";
constexpr const char* kFindMessage = BP_MESSAGE_SELECT "WHERE m.site_id = ?1 AND m.conversation_id = ?2 AND m.id = ?3";
#undef BP_MESSAGE_SELECT
constexpr const char* kCountUnread =
    "SELECT count(*) FROM conversation_members me JOIN messages m ON m.conversation_id = me.conversation_id "
    "AND m.id > me.last_read_id AND (m.sender_id IS NULL OR m.sender_id <> me.user_id) "
    "WHERE me.site_id = ?1 AND me.user_id = ?2";
constexpr const char* kInsertReport =
    "INSERT INTO message_reports (site_id, message_id, reporter_id, reason, created_at) "
    "SELECT m.site_id, m.id, ?3, ?4, ?5 FROM messages m WHERE m.site_id = ?1 AND m.id = ?2 RETURNING id";
constexpr const char* kListReports =
    "SELECT id, site_id, message_id, reporter_id, reason, created_at FROM message_reports WHERE site_id = ?1 "
    "ORDER BY created_at DESC, id DESC LIMIT ?2 OFFSET ?3";
constexpr const char* kDeleteMessagesOf = "DELETE FROM messages WHERE sender_id = ?1";
constexpr const char* kUnlinkMessagesOf = "UPDATE messages SET sender_id = NULL WHERE sender_id = ?1";
constexpr const char* kLeaveConversations = "DELETE FROM conversation_members WHERE user_id = ?1";

constexpr const char* kNoConversation = "This conversation does not exist, or you cannot see it.";
constexpr const char* kTooMany = "You have started enough new conversations for today. Try again tomorrow.";

Conversation ReadConversation(const Stmt& s) {
  Conversation c;
  c.id = ConversationId{s.Int(0)};
  c.site = SiteId{s.Int(1)};
  if (!s.IsNull(2)) c.listing = ListingId{s.Int(2)};
  c.listing_title = s.Text(3);
  if (!s.IsNull(4)) c.other = UserId{s.Int(4)};
  c.other_name = s.Text(5);
  c.created_at = s.Int(6);
  c.last_message_at = s.Int(7);
  c.unread = s.Int(8);
  return c;
}

Message ReadMessage(const Stmt& s) {
  Message m;
  m.id = MessageId{s.Int(0)};
  m.conversation = ConversationId{s.Int(1)};
  m.site = SiteId{s.Int(2)};
  if (!s.IsNull(3)) m.sender = UserId{s.Int(3)};
  m.sender_name = s.Text(4);
  m.body = s.Text(5);
  m.created_at = s.Int(6);
  return m;
}

// Adds a message inside the caller's transaction; 0 when the sender is not a member.
std::int64_t InsertMessage(Connection& c, SiteId site, ConversationId id, UserId sender, const std::string& body,
                           std::int64_t at) {
  std::int64_t message = 0;
  {
    auto s = c.Prepare(kInsertMessage);
    s.Bind(1, site.value).Bind(2, id.value).Bind(3, sender.value).Bind(4, body).Bind(5, at);
    if (s.Step()) {
      message = s.Int(0);
      s.Exec();
    }
  }
  if (message == 0) return 0;
  {
    auto s = c.Prepare(kTouchConversation);
    s.Bind(1, site.value).Bind(2, id.value).Bind(3, at);
    s.Exec();
  }
  {
    // The sender has read their own message.
    auto s = c.Prepare(kMarkRead);
    s.Bind(1, site.value).Bind(2, id.value).Bind(3, sender.value).Bind(4, message);
    s.Exec();
  }
  return message;
}

}  // namespace

std::optional<ConversationId> SqliteMessagesRepository::FindBetween(SiteId site, UserId a, UserId b,
                                                                    std::optional<ListingId> listing) {
  auto s = db_.Conn().Prepare(kFindBetween);
  s.Bind(1, site.value).Bind(2, a.value).Bind(3, b.value).Bind(4, listing ? listing->value : 0);
  if (!s.Step()) return std::nullopt;
  return ConversationId{s.Int(0)};
}

domain::Result<ConversationId> SqliteMessagesRepository::StartConversation(SiteId site, const NewConversation& nc) {
  auto& c = db_.Conn();
  Transaction tx(c);  // BEGIN IMMEDIATE: the count and the insert cannot interleave with another start
  if (nc.max_started > 0) {
    auto s = c.Prepare(kCountStarted);
    s.Bind(1, nc.starter.value).Bind(2, nc.limit_since);
    s.Step();
    if (s.Int(0) >= nc.max_started) {
      auto e = MakeError(ErrorCode::kRateLimited, kTooMany);
      e.retry_after_seconds = std::max<std::int64_t>(60, s.Int(1) - nc.limit_since);
      return e;
    }
  }
  std::int64_t id = 0;
  try {
    {
      auto s = c.Prepare(kInsertConversation);
      s.Bind(1, site.value)
          .Bind(2, nc.listing ? std::optional<std::int64_t>(nc.listing->value) : std::nullopt)
          .Bind(3, nc.starter.value)
          .Bind(4, nc.at);
      if (s.Step()) {
        id = s.Int(0);
        s.Exec();
      }
    }
    for (UserId u : {nc.starter, nc.other}) {
      auto s = c.Prepare(kInsertMember);
      s.Bind(1, id).Bind(2, u.value).Bind(3, site.value);
      s.Exec();
    }
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoConversation, e.what());
    throw;
  }
  if (InsertMessage(c, site, ConversationId{id}, nc.starter, nc.body, nc.at) == 0) {
    return MakeError(ErrorCode::kInternal, kNoConversation, "first message not stored");
  }
  tx.Commit();
  return ConversationId{id};
}

std::optional<Conversation> SqliteMessagesRepository::FindConversation(SiteId site, ConversationId id,
                                                                       UserId viewer) {
  auto s = db_.Conn().Prepare(kFindConversation);
  s.Bind(1, site.value).Bind(2, viewer.value).Bind(3, id.value);
  if (!s.Step()) return std::nullopt;
  return ReadConversation(s);
}

std::vector<Conversation> SqliteMessagesRepository::ListConversations(SiteId site, UserId viewer, int limit,
                                                                      int offset) {
  auto s = db_.Conn().Prepare(kListConversations);
  s.Bind(1, site.value).Bind(2, viewer.value).Bind(3, std::max(0, limit)).Bind(4, std::max(0, offset));
  std::vector<Conversation> out;
  while (s.Step()) out.push_back(ReadConversation(s));
  return out;
}

domain::Result<Message> SqliteMessagesRepository::AddMessage(SiteId site, ConversationId id, UserId sender,
                                                             const std::string& body, std::int64_t at) {
  auto& c = db_.Conn();
  Transaction tx(c);
  const std::int64_t message = InsertMessage(c, site, id, sender, body, at);
  if (message == 0) return MakeError(ErrorCode::kNotFound, kNoConversation);
  tx.Commit();
  auto m = FindMessage(site, id, MessageId{message});
  if (!m) return MakeError(ErrorCode::kInternal, kNoConversation, "message vanished after insert");
  return *m;
}

std::vector<Message> SqliteMessagesRepository::ListMessages(SiteId site, ConversationId id, int limit, int offset) {
  auto s = db_.Conn().Prepare(kListMessages);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, std::max(0, limit)).Bind(4, std::max(0, offset));
  std::vector<Message> out;
  while (s.Step()) out.push_back(ReadMessage(s));
  return out;
}

domain::Status SqliteMessagesRepository::MarkRead(SiteId site, ConversationId id, UserId viewer, MessageId upto) {
  auto s = db_.Conn().Prepare(kMarkRead);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, viewer.value).Bind(4, upto.value);
  s.Exec();
  return domain::Ok{};
}

std::int64_t SqliteMessagesRepository::CountUnread(SiteId site, UserId viewer) {
  auto s = db_.Conn().Prepare(kCountUnread);
  s.Bind(1, site.value).Bind(2, viewer.value);
  return s.Step() ? s.Int(0) : 0;
}

std::optional<Message> SqliteMessagesRepository::FindMessage(SiteId site, ConversationId id, MessageId message) {
  auto s = db_.Conn().Prepare(kFindMessage);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, message.value);
  if (!s.Step()) return std::nullopt;
  return ReadMessage(s);
}

domain::Status SqliteMessagesRepository::AddReport(SiteId site, MessageId message, UserId reporter,
                                                   const std::string& reason, std::int64_t at) {
  auto s = db_.Conn().Prepare(kInsertReport);
  s.Bind(1, site.value).Bind(2, message.value).Bind(3, reporter.value).Bind(4, reason).Bind(5, at);
  const bool found = s.Step();
  if (found) s.Exec();
  if (!found) return MakeError(ErrorCode::kNotFound, "This message does not exist, or you cannot see it.");
  return domain::Ok{};
}

std::vector<Report> SqliteMessagesRepository::ListReports(SiteId site, int limit, int offset) {
  auto s = db_.Conn().Prepare(kListReports);
  s.Bind(1, site.value).Bind(2, std::max(0, limit)).Bind(3, std::max(0, offset));
  std::vector<Report> out;
  while (s.Step()) {
    Report r;
    r.id = s.Int(0);
    r.site = SiteId{s.Int(1)};
    r.message = MessageId{s.Int(2)};
    if (!s.IsNull(3)) r.reporter = UserId{s.Int(3)};
    r.reason = s.Text(4);
    r.created_at = s.Int(5);
    out.push_back(std::move(r));
  }
  return out;
}

void SqliteMessagesRepository::EraseUser(UserId user, bool remove) {
  auto& c = db_.Conn();
  Transaction tx(c);
  {
    auto s = c.Prepare(remove ? kDeleteMessagesOf : kUnlinkMessagesOf);
    s.Bind(1, user.value);
    s.Exec();
  }
  {
    auto s = c.Prepare(kLeaveConversations);
    s.Bind(1, user.value);
    s.Exec();
  }
  tx.Commit();
}

}  // namespace buurtplein::store::sqlite
