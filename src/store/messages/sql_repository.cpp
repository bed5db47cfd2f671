#include "store/messages/sql_repository.hpp"

#include <algorithm>

namespace buurtplein::store::messages {

using domain::ErrorCode;
using domain::MakeError;
using domain::SiteId;
using domain::UserId;
using domain::market::ListingId;
using namespace domain::messages;
using sql::FirstInt;
using sql::V;

namespace {

// Every statement names the site, and every read of a conversation names the member reading it:
// nobody else's conversation is ever returned. Never an e-mail address. Parameters are cast
// where PostgreSQL could not infer their type.
constexpr const char* kFindBetween =
    "SELECT c.id FROM conversations c "
    "JOIN conversation_members ma ON ma.conversation_id = c.id AND ma.user_id = ?2 "
    "JOIN conversation_members mb ON mb.conversation_id = c.id AND mb.user_id = ?3 "
    "WHERE c.site_id = ?1 AND ((CAST(?4 AS BIGINT) = 0 AND c.listing_id IS NULL) OR c.listing_id = ?4) "
    "ORDER BY c.id LIMIT 1";
constexpr const char* kCountStarted =
    "SELECT count(*), coalesce(min(created_at), 0) FROM conversations WHERE starter_id = ?1 AND created_at > ?2";
// PostgreSQL only: serialises the conversation starts of one person, so the daily limit holds
// under concurrency. SQLite needs no lock: BEGIN IMMEDIATE already lets one writer in at a time.
constexpr const char* kLockStarterPostgres = "SELECT id FROM users WHERE id = ?1 FOR UPDATE";
constexpr const char* kInsertConversation =
    "INSERT INTO conversations (site_id, listing_id, starter_id, created_at, last_message_at) "
    "VALUES (?1, ?2, ?3, ?4, ?4) RETURNING id";
constexpr const char* kInsertMember =
    "INSERT INTO conversation_members (conversation_id, user_id, site_id, last_read_id) VALUES (?1, ?2, ?3, 0)";
constexpr const char* kInsertMessage =
    "INSERT INTO messages (conversation_id, site_id, sender_id, body, created_at) "
    "SELECT c.id, c.site_id, CAST(?3 AS BIGINT), CAST(?4 AS TEXT), CAST(?5 AS BIGINT) FROM conversations c "
    "JOIN conversation_members cm ON cm.conversation_id = c.id AND cm.user_id = ?3 "
    "WHERE c.site_id = ?1 AND c.id = ?2 RETURNING id";
constexpr const char* kTouchConversation =
    "UPDATE conversations SET last_message_at = ?3 WHERE site_id = ?1 AND id = ?2";
// max(a, b) is SQLite's, GREATEST(a, b) PostgreSQL's: CASE is both.
constexpr const char* kMarkRead =
    "UPDATE conversation_members SET last_read_id = CASE WHEN last_read_id > CAST(?4 AS BIGINT) THEN last_read_id "
    "ELSE CAST(?4 AS BIGINT) END WHERE site_id = ?1 AND conversation_id = ?2 AND user_id = ?3";
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
    "SELECT m.site_id, m.id, CAST(?3 AS BIGINT), CAST(?4 AS TEXT), CAST(?5 AS BIGINT) FROM messages m "
    "WHERE m.site_id = ?1 AND m.id = ?2 RETURNING id";
constexpr const char* kListReports =
    "SELECT id, site_id, message_id, reporter_id, reason, created_at FROM message_reports WHERE site_id = ?1 "
    "ORDER BY created_at DESC, id DESC LIMIT ?2 OFFSET ?3";
constexpr const char* kDeleteMessagesOf = "DELETE FROM messages WHERE sender_id = ?1";
constexpr const char* kUnlinkMessagesOf = "UPDATE messages SET sender_id = NULL WHERE sender_id = ?1";
constexpr const char* kLeaveConversations = "DELETE FROM conversation_members WHERE user_id = ?1";

constexpr const char* kNoConversation = "This conversation does not exist, or you cannot see it.";
constexpr const char* kTooMany = "You have started enough new conversations for today. Try again tomorrow.";

Conversation ReadConversation(const sql::Row& r) {
  Conversation c;
  c.id = ConversationId{r.Int(0)};
  c.site = SiteId{r.Int(1)};
  c.listing = r.OptId<ListingId>(2);
  c.listing_title = r.Text(3);
  if (auto other = r.OptId<UserId>(4)) c.other = *other;
  c.other_name = r.Text(5);
  c.created_at = r.Int(6);
  c.last_message_at = r.Int(7);
  c.unread = r.Int(8);
  return c;
}

Message ReadMessage(const sql::Row& r) {
  Message m;
  m.id = MessageId{r.Int(0)};
  m.conversation = ConversationId{r.Int(1)};
  m.site = SiteId{r.Int(2)};
  if (auto sender = r.OptId<UserId>(3)) m.sender = *sender;
  m.sender_name = r.Text(4);
  m.body = r.Text(5);
  m.created_at = r.Int(6);
  return m;
}

}  // namespace

// Adds a message inside the caller's transaction; 0 when the sender is not a member.
std::int64_t SqlMessagesRepository::InsertMessage(SiteId site, ConversationId id, UserId sender,
                                                  const std::string& body, std::int64_t at) {
  const std::int64_t message =
      sql_.One(kInsertMessage, {V(site), V(id), V(sender), V(body), V(at)}, FirstInt).value_or(0);
  if (message == 0) return 0;
  sql_.Exec(kTouchConversation, {V(site), V(id), V(at)});
  // The sender has read their own message.
  sql_.Exec(kMarkRead, {V(site), V(id), V(sender), V(message)});
  return message;
}

std::optional<ConversationId> SqlMessagesRepository::FindBetween(SiteId site, UserId a, UserId b,
                                                                 std::optional<ListingId> listing) {
  auto id = sql_.One(kFindBetween, {V(site), V(a), V(b), V(listing ? listing->value : std::int64_t{0})}, FirstInt);
  if (!id) return std::nullopt;
  return ConversationId{*id};
}

domain::Result<ConversationId> SqlMessagesRepository::StartConversation(SiteId site, const NewConversation& nc) {
  domain::Result<ConversationId> out = MakeError(ErrorCode::kInternal, kNoConversation, "not started");
  // One transaction (on SQLite BEGIN IMMEDIATE): the count and the insert cannot interleave with
  // another start.
  sql_.Transact([&] {
    if (nc.max_started > 0) {
      if (sql_.engine() == sql::Engine::kPostgres) sql_.Exec(kLockStarterPostgres, {V(nc.starter)});
      std::int64_t started = 0;
      std::int64_t first = 0;
      sql_.Each(kCountStarted, {V(nc.starter), V(nc.limit_since)}, [&](const sql::Row& r) {
        started = r.Int(0);
        first = r.Int(1);
      });
      if (started >= nc.max_started) {
        auto e = MakeError(ErrorCode::kRateLimited, kTooMany);
        e.retry_after_seconds = std::max<std::int64_t>(60, first - nc.limit_since);
        out = e;
        return false;
      }
    }
    std::int64_t id = 0;
    try {
      id = sql_.One(kInsertConversation, {V(site), V(nc.listing), V(nc.starter), V(nc.at)}, FirstInt).value_or(0);
      for (UserId u : {nc.starter, nc.other}) sql_.Exec(kInsertMember, {V(id), V(u), V(site)});
    } catch (const sql::ConstraintViolation& e) {
      out = MakeError(ErrorCode::kNotFound, kNoConversation, e.what());
      return false;
    }
    if (InsertMessage(site, ConversationId{id}, nc.starter, nc.body, nc.at) == 0) {
      out = MakeError(ErrorCode::kInternal, kNoConversation, "first message not stored");
      return false;
    }
    out = ConversationId{id};
    return true;
  });
  return out;
}

std::optional<Conversation> SqlMessagesRepository::FindConversation(SiteId site, ConversationId id, UserId viewer) {
  return sql_.One(kFindConversation, {V(site), V(viewer), V(id)}, ReadConversation);
}

std::vector<Conversation> SqlMessagesRepository::ListConversations(SiteId site, UserId viewer, int limit,
                                                                   int offset) {
  return sql_.List(kListConversations, {V(site), V(viewer), V(std::max(0, limit)), V(std::max(0, offset))},
                   ReadConversation);
}

domain::Result<Message> SqlMessagesRepository::AddMessage(SiteId site, ConversationId id, UserId sender,
                                                          const std::string& body, std::int64_t at) {
  std::int64_t message = 0;
  sql_.Transact([&] {
    message = InsertMessage(site, id, sender, body, at);
    return message != 0;
  });
  if (message == 0) return MakeError(ErrorCode::kNotFound, kNoConversation);
  auto m = FindMessage(site, id, MessageId{message});
  if (!m) return MakeError(ErrorCode::kInternal, kNoConversation, "message vanished after insert");
  return *m;
}

std::vector<Message> SqlMessagesRepository::ListMessages(SiteId site, ConversationId id, int limit, int offset) {
  return sql_.List(kListMessages, {V(site), V(id), V(std::max(0, limit)), V(std::max(0, offset))}, ReadMessage);
}

domain::Status SqlMessagesRepository::MarkRead(SiteId site, ConversationId id, UserId viewer, MessageId upto) {
  sql_.Exec(kMarkRead, {V(site), V(id), V(viewer), V(upto)});
  return domain::Ok{};
}

std::int64_t SqlMessagesRepository::CountUnread(SiteId site, UserId viewer) {
  return sql_.One(kCountUnread, {V(site), V(viewer)}, FirstInt).value_or(0);
}

std::optional<Message> SqlMessagesRepository::FindMessage(SiteId site, ConversationId id, MessageId message) {
  return sql_.One(kFindMessage, {V(site), V(id), V(message)}, ReadMessage);
}

domain::Status SqlMessagesRepository::AddReport(SiteId site, MessageId message, UserId reporter,
                                                const std::string& reason, std::int64_t at) {
  if (sql_.Exec(kInsertReport, {V(site), V(message), V(reporter), V(reason), V(at)}) == 0) {
    return MakeError(ErrorCode::kNotFound, "This message does not exist, or you cannot see it.");
  }
  return domain::Ok{};
}

std::vector<Report> SqlMessagesRepository::ListReports(SiteId site, int limit, int offset) {
  return sql_.List(kListReports, {V(site), V(std::max(0, limit)), V(std::max(0, offset))}, [](const sql::Row& r) {
    Report rep;
    rep.id = r.Int(0);
    rep.site = SiteId{r.Int(1)};
    rep.message = MessageId{r.Int(2)};
    if (auto reporter = r.OptId<UserId>(3)) rep.reporter = *reporter;
    rep.reason = r.Text(4);
    rep.created_at = r.Int(5);
    return rep;
  });
}

void SqlMessagesRepository::EraseUser(UserId user, bool remove) {
  sql_.Transact([&] {
    sql_.Exec(remove ? kDeleteMessagesOf : kUnlinkMessagesOf, {V(user)});
    sql_.Exec(kLeaveConversations, {V(user)});
    return true;
  });
}

}  // namespace buurtplein::store::messages
