#include "store/postgres/mail_repository.hpp"

#include <algorithm>
#include <tuple>

namespace buurtplein::store::postgres {

using domain::ErrorCode;
using domain::MakeError;
using namespace domain::mail;

namespace {

// Times travel as unix seconds, as on SQLite: to_timestamp() going in, extract(epoch) coming out.
constexpr const char* kInsert =
    "INSERT INTO mail_outbox (site_id, from_name, to_address, to_name, subject, text_body, html_body, status, "
    "created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', to_timestamp($8::bigint), "
    "to_timestamp($9::bigint)) RETURNING id";
// FOR UPDATE SKIP LOCKED: a second claimer passes over rows the first is claiming, and rows it
// locks after the first committed are re-checked against the lease, so no mail is claimed twice.
constexpr const char* kClaimDue =
    "UPDATE mail_outbox SET claimed_until = to_timestamp($2::bigint), attempts = attempts + 1 WHERE id IN ("
    "SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= to_timestamp($1::bigint) "
    "AND (claimed_until IS NULL OR claimed_until <= to_timestamp($1::bigint)) ORDER BY next_attempt_at, id "
    "LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING "
    "id, site_id, from_name, to_address, to_name, subject, text_body, html_body, status, "
    "extract(epoch FROM created_at)::bigint, attempts, extract(epoch FROM next_attempt_at)::bigint, "
    "extract(epoch FROM claimed_until)::bigint, extract(epoch FROM sent_at)::bigint, last_error";
constexpr const char* kRelease =
    "UPDATE mail_outbox SET claimed_until = NULL, attempts = greatest(attempts - 1, 0) "
    "WHERE id = $1 AND status = 'pending' AND claimed_until IS NOT NULL";
constexpr const char* kMarkSent =
    "UPDATE mail_outbox SET status = 'sent', sent_at = to_timestamp($2::bigint), claimed_until = NULL, "
    "last_error = '' WHERE id = $1 AND status = 'pending'";
constexpr const char* kMarkRetry =
    "UPDATE mail_outbox SET next_attempt_at = to_timestamp($3::bigint), claimed_until = NULL, last_error = $2 "
    "WHERE id = $1 AND status = 'pending'";
constexpr const char* kMarkDead =
    "UPDATE mail_outbox SET status = 'dead', claimed_until = NULL, last_error = $2 "
    "WHERE id = $1 AND status = 'pending'";
constexpr const char* kFind =
    "SELECT "
    "id, site_id, from_name, to_address, to_name, subject, text_body, html_body, status, "
    "extract(epoch FROM created_at)::bigint, attempts, extract(epoch FROM next_attempt_at)::bigint, "
    "extract(epoch FROM claimed_until)::bigint, extract(epoch FROM sent_at)::bigint, last_error "
    "FROM mail_outbox WHERE site_id = $1 AND id = $2";
constexpr const char* kListForSite =
    "SELECT "
    "id, site_id, from_name, to_address, to_name, subject, text_body, html_body, status, "
    "extract(epoch FROM created_at)::bigint, attempts, extract(epoch FROM next_attempt_at)::bigint, "
    "extract(epoch FROM claimed_until)::bigint, extract(epoch FROM sent_at)::bigint, last_error "
    "FROM mail_outbox WHERE site_id = $1 ORDER BY id DESC LIMIT $2";
constexpr const char* kListRecent =
    "SELECT "
    "id, site_id, from_name, to_address, to_name, subject, text_body, html_body, status, "
    "extract(epoch FROM created_at)::bigint, attempts, extract(epoch FROM next_attempt_at)::bigint, "
    "extract(epoch FROM claimed_until)::bigint, extract(epoch FROM sent_at)::bigint, last_error "
    "FROM mail_outbox ORDER BY id DESC LIMIT $1";

Time At(std::int64_t seconds) { return Time{std::chrono::seconds{seconds}}; }
std::int64_t Seconds(Time t) { return t.time_since_epoch().count(); }

Message ReadMessage(const Result& r, int row) {
  Message m;
  m.id = MessageId{r.Int(row, 0)};
  m.site = domain::SiteId{r.Int(row, 1)};
  m.from_name = r.Text(row, 2);
  m.to_address = r.Text(row, 3);
  m.to_name = r.Text(row, 4);
  m.subject = r.Text(row, 5);
  m.text_body = r.Text(row, 6);
  if (!r.IsNull(row, 7)) m.html_body = r.Text(row, 7);
  m.status = StatusFromName(r.Text(row, 8));
  m.created_at = At(r.Int(row, 9));
  m.attempts = static_cast<int>(r.Int(row, 10));
  m.next_attempt_at = At(r.Int(row, 11));
  if (!r.IsNull(row, 12)) m.claimed_until = At(r.Int(row, 12));
  if (!r.IsNull(row, 13)) m.sent_at = At(r.Int(row, 13));
  m.last_error = r.Text(row, 14);
  return m;
}

std::vector<Message> ReadAll(const Result& r) {
  std::vector<Message> out;
  out.reserve(r.Rows());
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadMessage(r, i));
  return out;
}

domain::Status Changed(const Result& r, std::string what) {
  if (r.Affected() == 0) return MakeError(ErrorCode::kNotFound, "This e-mail does not exist.", std::move(what));
  return domain::Ok{};
}

}  // namespace

domain::Result<Message> PostgresOutboxRepository::Enqueue(const Message& message) {
  Params p;
  p.Add(message.site.value).Add(message.from_name).Add(message.to_address).Add(message.to_name);
  p.Add(message.subject).Add(message.text_body).Add(message.html_body);
  p.Add(Seconds(message.created_at)).Add(Seconds(message.next_attempt_at));
  const Result r = pool_.Acquire()->Exec(kInsert, p);
  Message out = message;
  out.id = MessageId{r.Int(0, 0)};
  out.status = MessageStatus::kPending;
  out.attempts = 0;
  out.claimed_until.reset();
  out.sent_at.reset();
  out.last_error.clear();
  return out;
}

std::vector<Message> PostgresOutboxRepository::ClaimDue(Time now, int limit, Time lease_until) {
  auto out = ReadAll(
      pool_.Acquire()->Exec(kClaimDue, Params().Add(Seconds(now)).Add(Seconds(lease_until)).Add(limit)));
  // RETURNING gives no order: oldest due first, as chosen.
  std::sort(out.begin(), out.end(), [](const Message& a, const Message& b) {
    return std::tie(a.next_attempt_at, a.id.value) < std::tie(b.next_attempt_at, b.id.value);
  });
  return out;
}

domain::Status PostgresOutboxRepository::ReleaseClaim(MessageId id) {
  return Changed(pool_.Acquire()->Exec(kRelease, Params().Add(id.value)),
                 "release of mail " + std::to_string(id.value));
}

domain::Status PostgresOutboxRepository::MarkSent(MessageId id, Time now) {
  return Changed(pool_.Acquire()->Exec(kMarkSent, Params().Add(id.value).Add(Seconds(now))),
                 "mark sent of mail " + std::to_string(id.value));
}

domain::Status PostgresOutboxRepository::MarkFailed(MessageId id, std::string_view error,
                                                    std::optional<Time> next_attempt) {
  auto c = pool_.Acquire();
  const Result r = next_attempt
                       ? c->Exec(kMarkRetry, Params().Add(id.value).Add(error).Add(Seconds(*next_attempt)))
                       : c->Exec(kMarkDead, Params().Add(id.value).Add(error));
  return Changed(r, "mark failed of mail " + std::to_string(id.value));
}

std::optional<Message> PostgresOutboxRepository::FindMessage(domain::SiteId site, MessageId id) {
  const Result r = pool_.Acquire()->Exec(kFind, Params().Add(site.value).Add(id.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadMessage(r, 0);
}

std::vector<Message> PostgresOutboxRepository::ListForSite(domain::SiteId site, int limit) {
  return ReadAll(pool_.Acquire()->Exec(kListForSite, Params().Add(site.value).Add(limit)));
}

std::vector<Message> PostgresOutboxRepository::ListRecent(int limit) {
  return ReadAll(pool_.Acquire()->Exec(kListRecent, Params().Add(limit)));
}

}  // namespace buurtplein::store::postgres
