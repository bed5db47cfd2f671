#include "store/postgres/messages_repository.hpp"

#include <algorithm>

namespace buurtplein::store::postgres {

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
    "JOIN conversation_members ma ON ma.conversation_id = c.id AND ma.user_id = $2 "
    "JOIN conversation_members mb ON mb.conversation_id = c.id AND mb.user_id = $3 "
    "WHERE c.site_id = $1 AND (($4 = 0 AND c.listing_id IS NULL) OR c.listing_id = $4) ORDER BY c.id LIMIT 1";
constexpr const char* kCountStarted =
    "SELECT count(*), coalesce(min(created_at), 0) FROM conversations WHERE starter_id = $1 AND created_at > $2";
constexpr const char* kInsertConversation =
    "INSERT INTO conversations (site_id, listing_id, starter_id, created_at, last_message_at) "
    "VALUES ($1, $2, $3, $4, $4) RETURNING id";
constexpr const char* kInsertMember =
    "INSERT INTO conversation_members (conversation_id, user_id, site_id, last_read_id) VALUES ($1, $2, $3, 0)";
constexpr const char* kInsertMessage =
    "INSERT INTO messages (conversation_id, site_id, sender_id, body, created_at) "
    "SELECT c.id, c.site_id, $3::bigint, $4::text, $5::bigint FROM conversations c "
    "JOIN conversation_members cm ON cm.conversation_id = c.id AND cm.user_id = $3 "
    "WHERE c.site_id = $1 AND c.id = $2 RETURNING id";
constexpr const char* kTouchConversation =
    "UPDATE conversations SET last_message_at = $3 WHERE site_id = $1 AND id = $2";
constexpr const char* kMarkRead =
    "UPDATE conversation_members SET last_read_id = GREATEST(last_read_id, $4::bigint) "
    "WHERE site_id = $1 AND conversation_id = $2 AND user_id = $3";
#define BP_CONVERSATION_SELECT                                                                                     \
  "SELECT c.id, c.site_id, c.listing_id, coalesce(l.title, ''), o.user_id, coalesce(ou.display_name, ''), "      \
  "c.created_at, c.last_message_at, (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id "            \
  "AND m.id > me.last_read_id AND (m.sender_id IS NULL OR m.sender_id <> me.user_id)) "                          \
  "FROM conversations c JOIN conversation_members me ON me.conversation_id = c.id AND me.user_id = $2 "          \
  "LEFT JOIN conversation_members o ON o.conversation_id = c.id AND o.user_id <> $2 "                           \
  "LEFT JOIN users ou ON ou.id = o.user_id LEFT JOIN market_listings l ON l.id = c.listing_id "
constexpr const char* kFindConversation = BP_CONVERSATION_SELECT "WHERE c.site_id = $1 AND c.id = $3";
constexpr const char* kListConversations =
    BP_CONVERSATION_SELECT "WHERE c.site_id = $1 ORDER BY c.last_message_at DESC, c.id DESC LIMIT $3 OFFSET $4";
#undef BP_CONVERSATION_SELECT
#define BP_MESSAGE_SELECT                                                                                  \
  "SELECT m.id, m.conversation_id, m.site_id, m.sender_id, coalesce(u.display_name, ''), m.body, "        \
  "m.created_at FROM messages m LEFT JOIN users u ON u.id = m.sender_id "
constexpr const char* kListMessages =
    BP_MESSAGE_SELECT "WHERE m.site_id = $1 AND m.conversation_id = $2 ORDER BY m.id DESC LIMIT $3 OFFSET $4";
constexpr const char* kFindMessage = BP_MESSAGE_SELECT "WHERE m.site_id = $1 AND m.conversation_id = $2 AND m.id = $3";
#undef BP_MESSAGE_SELECT
constexpr const char* kCountUnread =
    "SELECT count(*) FROM conversation_members me JOIN messages m ON m.conversation_id = me.conversation_id "
    "AND m.id > me.last_read_id AND (m.sender_id IS NULL OR m.sender_id <> me.user_id) "
    "WHERE me.site_id = $1 AND me.user_id = $2";
constexpr const char* kInsertReport =
    "INSERT INTO message_reports (site_id, message_id, reporter_id, reason, created_at) "
    "SELECT m.site_id, m.id, $3::bigint, $4::text, $5::bigint FROM messages m WHERE m.site_id = $1 AND m.id = $2 RETURNING id";
constexpr const char* kListReports =
    "SELECT id, site_id, message_id, reporter_id, reason, created_at FROM message_reports WHERE site_id = $1 "
    "ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3";
constexpr const char* kDeleteMessagesOf = "DELETE FROM messages WHERE sender_id = $1";
constexpr const char* kUnlinkMessagesOf = "UPDATE messages SET sender_id = NULL WHERE sender_id = $1";
constexpr const char* kLeaveConversations = "DELETE FROM conversation_members WHERE user_id = $1";

// Serialises the conversation starts of one person, so the daily limit holds under concurrency.
constexpr const char* kLockStarter = "SELECT id FROM users WHERE id = $1 FOR UPDATE";

constexpr const char* kNoConversation = "This conversation does not exist, or you cannot see it.";
constexpr const char* kTooMany = "You have started enough new conversations for today. Try again tomorrow.";

Conversation ReadConversation(const Result& r, int row) {
  Conversation c;
  c.id = ConversationId{r.Int(row, 0)};
  c.site = SiteId{r.Int(row, 1)};
  if (!r.IsNull(row, 2)) c.listing = ListingId{r.Int(row, 2)};
  c.listing_title = r.Text(row, 3);
  if (!r.IsNull(row, 4)) c.other = UserId{r.Int(row, 4)};
  c.other_name = r.Text(row, 5);
  c.created_at = r.Int(row, 6);
  c.last_message_at = r.Int(row, 7);
  c.unread = r.Int(row, 8);
  return c;
}

Message ReadMessage(const Result& r, int row) {
  Message m;
  m.id = MessageId{r.Int(row, 0)};
  m.conversation = ConversationId{r.Int(row, 1)};
  m.site = SiteId{r.Int(row, 2)};
  if (!r.IsNull(row, 3)) m.sender = UserId{r.Int(row, 3)};
  m.sender_name = r.Text(row, 4);
  m.body = r.Text(row, 5);
  m.created_at = r.Int(row, 6);
  return m;
}

// Adds a message inside the caller's transaction; 0 when the sender is not a member.
std::int64_t InsertMessage(Connection& c, SiteId site, ConversationId id, UserId sender, const std::string& body,
                           std::int64_t at) {
  const Result r =
      c.Exec(kInsertMessage, Params().Add(site.value).Add(id.value).Add(sender.value).Add(body).Add(at));
  if (r.Rows() == 0) return 0;
  const std::int64_t message = r.Int(0, 0);
  c.Exec(kTouchConversation, Params().Add(site.value).Add(id.value).Add(at));
  // The sender has read their own message.
  c.Exec(kMarkRead, Params().Add(site.value).Add(id.value).Add(sender.value).Add(message));
  return message;
}

}  // namespace

std::optional<ConversationId> PostgresMessagesRepository::FindBetween(SiteId site, UserId a, UserId b,
                                                                      std::optional<ListingId> listing) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(
      kFindBetween, Params().Add(site.value).Add(a.value).Add(b.value).Add(listing ? listing->value : std::int64_t{0}));
  if (r.Rows() == 0) return std::nullopt;
  return ConversationId{r.Int(0, 0)};
}

domain::Result<ConversationId> PostgresMessagesRepository::StartConversation(SiteId site,
                                                                             const NewConversation& nc) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  std::int64_t id = 0;
  try {
    if (nc.max_started > 0) {
      c->Exec(kLockStarter, Params().Add(nc.starter.value));
      const Result r = c->Exec(kCountStarted, Params().Add(nc.starter.value).Add(nc.limit_since));
      if (r.Int(0, 0) >= nc.max_started) {
        auto e = MakeError(ErrorCode::kRateLimited, kTooMany);
        e.retry_after_seconds = std::max<std::int64_t>(60, r.Int(0, 1) - nc.limit_since);
        return e;
      }
    }
    Params p;
    p.Add(site.value);
    if (nc.listing) {
      p.Add(nc.listing->value);
    } else {
      p.AddNull();
    }
    p.Add(nc.starter.value).Add(nc.at);
    id = c->Exec(kInsertConversation, p).Int(0, 0);
    for (UserId u : {nc.starter, nc.other}) c->Exec(kInsertMember, Params().Add(id).Add(u.value).Add(site.value));
  } catch (const PostgresError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoConversation, e.what());
    throw;
  }
  if (InsertMessage(*c, site, ConversationId{id}, nc.starter, nc.body, nc.at) == 0) {
    return MakeError(ErrorCode::kInternal, kNoConversation, "first message not stored");
  }
  tx.Commit();
  return ConversationId{id};
}

std::optional<Conversation> PostgresMessagesRepository::FindConversation(SiteId site, ConversationId id,
                                                                         UserId viewer) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindConversation, Params().Add(site.value).Add(viewer.value).Add(id.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadConversation(r, 0);
}

std::vector<Conversation> PostgresMessagesRepository::ListConversations(SiteId site, UserId viewer, int limit,
                                                                        int offset) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kListConversations, Params()
                                                   .Add(site.value)
                                                   .Add(viewer.value)
                                                   .Add(std::max(0, limit))
                                                   .Add(std::max(0, offset)));
  std::vector<Conversation> out;
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadConversation(r, i));
  return out;
}

domain::Result<Message> PostgresMessagesRepository::AddMessage(SiteId site, ConversationId id, UserId sender,
                                                               const std::string& body, std::int64_t at) {
  std::int64_t message = 0;
  {
    auto c = pool_.Acquire();
    Transaction tx(*c);
    message = InsertMessage(*c, site, id, sender, body, at);
    if (message == 0) return MakeError(ErrorCode::kNotFound, kNoConversation);
    tx.Commit();
  }
  auto m = FindMessage(site, id, MessageId{message});
  if (!m) return MakeError(ErrorCode::kInternal, kNoConversation, "message vanished after insert");
  return *m;
}

std::vector<Message> PostgresMessagesRepository::ListMessages(SiteId site, ConversationId id, int limit,
                                                              int offset) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(
      kListMessages, Params().Add(site.value).Add(id.value).Add(std::max(0, limit)).Add(std::max(0, offset)));
  std::vector<Message> out;
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadMessage(r, i));
  return out;
}

domain::Status PostgresMessagesRepository::MarkRead(SiteId site, ConversationId id, UserId viewer, MessageId upto) {
  auto c = pool_.Acquire();
  c->Exec(kMarkRead, Params().Add(site.value).Add(id.value).Add(viewer.value).Add(upto.value));
  return domain::Ok{};
}

std::int64_t PostgresMessagesRepository::CountUnread(SiteId site, UserId viewer) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kCountUnread, Params().Add(site.value).Add(viewer.value));
  return r.Rows() ? r.Int(0, 0) : 0;
}

std::optional<Message> PostgresMessagesRepository::FindMessage(SiteId site, ConversationId id, MessageId message) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindMessage, Params().Add(site.value).Add(id.value).Add(message.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadMessage(r, 0);
}

domain::Status PostgresMessagesRepository::AddReport(SiteId site, MessageId message, UserId reporter,
                                                     const std::string& reason, std::int64_t at) {
  auto c = pool_.Acquire();
  const Result r =
      c->Exec(kInsertReport, Params().Add(site.value).Add(message.value).Add(reporter.value).Add(reason).Add(at));
  if (r.Rows() == 0) return MakeError(ErrorCode::kNotFound, "This message does not exist, or you cannot see it.");
  return domain::Ok{};
}

std::vector<Report> PostgresMessagesRepository::ListReports(SiteId site, int limit, int offset) {
  auto c = pool_.Acquire();
  const Result r =
      c->Exec(kListReports, Params().Add(site.value).Add(std::max(0, limit)).Add(std::max(0, offset)));
  std::vector<Report> out;
  for (int i = 0; i < r.Rows(); ++i) {
    Report rep;
    rep.id = r.Int(i, 0);
    rep.site = SiteId{r.Int(i, 1)};
    rep.message = MessageId{r.Int(i, 2)};
    if (!r.IsNull(i, 3)) rep.reporter = UserId{r.Int(i, 3)};
    rep.reason = r.Text(i, 4);
    rep.created_at = r.Int(i, 5);
    out.push_back(std::move(rep));
  }
  return out;
}

void PostgresMessagesRepository::EraseUser(UserId user, bool remove) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  c->Exec(remove ? kDeleteMessagesOf : kUnlinkMessagesOf, Params().Add(user.value));
  c->Exec(kLeaveConversations, Params().Add(user.value));
  tx.Commit();
}

}  // namespace buurtplein::store::postgres
