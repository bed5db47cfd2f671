#include "store/sqlite/mail_repository.hpp"

#include <algorithm>
#include <tuple>

namespace buurtplein::store::sqlite {

using domain::ErrorCode;
using domain::MakeError;
using namespace domain::mail;

namespace {

constexpr const char* kInsert =
    "INSERT INTO mail_outbox (site_id, from_name, to_address, to_name, subject, text_body, html_body, status, "
    "created_at, next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8, ?9) RETURNING id";
// Under BEGIN IMMEDIATE the write lock is taken before the rows are chosen, so a second claimer
// waits and then no longer sees them as due.
constexpr const char* kClaimDue =
    "UPDATE mail_outbox SET claimed_until = ?2, attempts = attempts + 1 WHERE id IN ("
    "SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= ?1 "
    "AND (claimed_until IS NULL OR claimed_until <= ?1) ORDER BY next_attempt_at, id LIMIT ?3) "
    "RETURNING id, site_id, from_name, to_address, to_name, subject, text_body, html_body, status, created_at, "
    "attempts, next_attempt_at, claimed_until, sent_at, last_error";
constexpr const char* kRelease =
    "UPDATE mail_outbox SET claimed_until = NULL, attempts = max(attempts - 1, 0) "
    "WHERE id = ?1 AND status = 'pending' AND claimed_until IS NOT NULL";
constexpr const char* kMarkSent =
    "UPDATE mail_outbox SET status = 'sent', sent_at = ?2, claimed_until = NULL, last_error = '' "
    "WHERE id = ?1 AND status = 'pending'";
constexpr const char* kMarkRetry =
    "UPDATE mail_outbox SET next_attempt_at = ?3, claimed_until = NULL, last_error = ?2 "
    "WHERE id = ?1 AND status = 'pending'";
constexpr const char* kMarkDead =
    "UPDATE mail_outbox SET status = 'dead', claimed_until = NULL, last_error = ?2 "
    "WHERE id = ?1 AND status = 'pending'";
constexpr const char* kFind =
    "SELECT id, site_id, from_name, to_address, to_name, subject, text_body, html_body, status, created_at, "
    "attempts, next_attempt_at, claimed_until, sent_at, last_error FROM mail_outbox WHERE site_id = ?1 AND id = ?2";
constexpr const char* kListForSite =
    "SELECT id, site_id, from_name, to_address, to_name, subject, text_body, html_body, status, created_at, "
    "attempts, next_attempt_at, claimed_until, sent_at, last_error FROM mail_outbox WHERE site_id = ?1 "
    "ORDER BY id DESC LIMIT ?2";
constexpr const char* kListRecent =
    "SELECT id, site_id, from_name, to_address, to_name, subject, text_body, html_body, status, created_at, "
    "attempts, next_attempt_at, claimed_until, sent_at, last_error FROM mail_outbox ORDER BY id DESC LIMIT ?1";

Time At(std::int64_t seconds) { return Time{std::chrono::seconds{seconds}}; }
std::int64_t Seconds(Time t) { return t.time_since_epoch().count(); }

Message ReadMessage(const Stmt& s) {
  Message m;
  m.id = MessageId{s.Int(0)};
  m.site = domain::SiteId{s.Int(1)};
  m.from_name = s.Text(2);
  m.to_address = s.Text(3);
  m.to_name = s.Text(4);
  m.subject = s.Text(5);
  m.text_body = s.Text(6);
  if (!s.IsNull(7)) m.html_body = s.Text(7);
  m.status = StatusFromName(s.Text(8));
  m.created_at = At(s.Int(9));
  m.attempts = static_cast<int>(s.Int(10));
  m.next_attempt_at = At(s.Int(11));
  if (!s.IsNull(12)) m.claimed_until = At(s.Int(12));
  if (!s.IsNull(13)) m.sent_at = At(s.Int(13));
  m.last_error = s.Text(14);
  return m;
}

domain::Status Changed(Connection& c, std::string_view what) {
  if (sqlite3_changes(c.raw()) == 0) return MakeError(ErrorCode::kNotFound, "This e-mail does not exist.", std::string(what));
  return domain::Ok{};
}

}  // namespace

domain::Result<Message> SqliteOutboxRepository::Enqueue(const Message& message) {
  auto s = db_.Conn().Prepare(kInsert);
  s.Bind(1, message.site.value).Bind(2, message.from_name).Bind(3, message.to_address).Bind(4, message.to_name);
  s.Bind(5, message.subject).Bind(6, message.text_body).Bind(7, message.html_body);
  s.Bind(8, Seconds(message.created_at)).Bind(9, Seconds(message.next_attempt_at));
  s.Step();
  Message out = message;
  out.id = MessageId{s.Int(0)};
  out.status = MessageStatus::kPending;
  out.attempts = 0;
  out.claimed_until.reset();
  out.sent_at.reset();
  out.last_error.clear();
  return out;
}

std::vector<Message> SqliteOutboxRepository::ClaimDue(Time now, int limit, Time lease_until) {
  auto& c = db_.Conn();
  std::vector<Message> out;
  Transaction tx(c);
  {
    auto s = c.Prepare(kClaimDue);
    s.Bind(1, Seconds(now)).Bind(2, Seconds(lease_until)).Bind(3, limit);
    while (s.Step()) out.push_back(ReadMessage(s));
  }
  tx.Commit();
  // RETURNING gives no order: oldest due first, as chosen.
  std::sort(out.begin(), out.end(), [](const Message& a, const Message& b) {
    return std::tie(a.next_attempt_at, a.id.value) < std::tie(b.next_attempt_at, b.id.value);
  });
  return out;
}

domain::Status SqliteOutboxRepository::ReleaseClaim(MessageId id) {
  auto& c = db_.Conn();
  c.Prepare(kRelease).Bind(1, id.value).Exec();
  return Changed(c, "release of mail " + std::to_string(id.value));
}

domain::Status SqliteOutboxRepository::MarkSent(MessageId id, Time now) {
  auto& c = db_.Conn();
  c.Prepare(kMarkSent).Bind(1, id.value).Bind(2, Seconds(now)).Exec();
  return Changed(c, "mark sent of mail " + std::to_string(id.value));
}

domain::Status SqliteOutboxRepository::MarkFailed(MessageId id, std::string_view error,
                                                  std::optional<Time> next_attempt) {
  auto& c = db_.Conn();
  if (next_attempt) {
    c.Prepare(kMarkRetry).Bind(1, id.value).Bind(2, error).Bind(3, Seconds(*next_attempt)).Exec();
  } else {
    c.Prepare(kMarkDead).Bind(1, id.value).Bind(2, error).Exec();
  }
  return Changed(c, "mark failed of mail " + std::to_string(id.value));
}

std::optional<Message> SqliteOutboxRepository::FindMessage(domain::SiteId site, MessageId id) {
  auto s = db_.Conn().Prepare(kFind);
  s.Bind(1, site.value).Bind(2, id.value);
  if (!s.Step()) return std::nullopt;
  return ReadMessage(s);
}

std::vector<Message> SqliteOutboxRepository::ListForSite(domain::SiteId site, int limit) {
  auto s = db_.Conn().Prepare(kListForSite);
  s.Bind(1, site.value).Bind(2, limit);
  std::vector<Message> out;
  while (s.Step()) out.push_back(ReadMessage(s));
  return out;
}

std::vector<Message> SqliteOutboxRepository::ListRecent(int limit) {
  auto s = db_.Conn().Prepare(kListRecent);
  s.Bind(1, limit);
  std::vector<Message> out;
  while (s.Step()) out.push_back(ReadMessage(s));
  return out;
}

}  // namespace buurtplein::store::sqlite
