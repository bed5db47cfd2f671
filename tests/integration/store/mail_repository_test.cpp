#include <algorithm>
#include <set>
#include <thread>

#include "domain/mail/retry.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using namespace std::chrono_literals;
using domain::ErrorCode;
using domain::SiteId;
using domain::mail::Message;
using domain::mail::MessageId;
using domain::mail::MessageStatus;
using domain::mail::Time;

constexpr Time kNow = std::chrono::sys_days{std::chrono::year{2026} / 12 / 3} + 10h;

class MailRepositoryTest : public StoreTest {
 protected:
  Message Enqueue(SiteId site, std::string to, Time at = kNow) {
    Message m;
    m.site = site;
    m.from_name = "Buurtplein Oost";
    m.to_address = std::move(to);
    m.to_name = "Zoë";
    m.subject = "Ideeën voor het café";
    m.text_body = "Regel één\r\n.punt\r\n";
    m.created_at = at;
    m.next_attempt_at = at;
    auto r = store().mail().Enqueue(m);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : Message{};
  }
  domain::mail::OutboxRepository& outbox() { return store().mail(); }
};

TEST_P(MailRepositoryTest, EnqueueStoresEveryField) {
  Message m;
  m.site = SiteId{5};
  m.to_address = "anne@example.nl";
  m.subject = "Welkom";
  m.text_body = "Hallo";
  m.html_body = "<p>Hallo</p>";
  m.created_at = kNow;
  m.next_attempt_at = kNow + 30s;
  auto stored = outbox().Enqueue(m);
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(stored->id);

  auto found = outbox().FindMessage(SiteId{5}, stored->id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->site, SiteId{5});
  EXPECT_EQ(found->to_address, "anne@example.nl");
  EXPECT_EQ(found->to_name, "");
  EXPECT_EQ(found->subject, "Welkom");
  EXPECT_EQ(found->text_body, "Hallo");
  EXPECT_EQ(found->html_body, std::optional<std::string>("<p>Hallo</p>"));
  EXPECT_EQ(found->status, MessageStatus::kPending);
  EXPECT_EQ(found->created_at, kNow);
  EXPECT_EQ(found->next_attempt_at, kNow + 30s);
  EXPECT_EQ(found->attempts, 0);
  EXPECT_FALSE(found->claimed_until);
  EXPECT_FALSE(found->sent_at);
  EXPECT_EQ(found->last_error, "");

  const Message utf8 = Enqueue(SiteId{5}, "zoe@example.nl");
  auto again = outbox().FindMessage(SiteId{5}, utf8.id);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->subject, "Ideeën voor het café");
  EXPECT_EQ(again->to_name, "Zoë");
  EXPECT_EQ(again->text_body, "Regel één\r\n.punt\r\n");
  EXPECT_FALSE(again->html_body);
}

TEST_P(MailRepositoryTest, ClaimTakesDueMailOldestFirstUnderALease) {
  const Message early = Enqueue(SiteId{1}, "a@example.nl", kNow - 10s);
  const Message now = Enqueue(SiteId{2}, "b@example.nl", kNow);
  Enqueue(SiteId{1}, "later@example.nl", kNow + 60s);

  auto claimed = outbox().ClaimDue(kNow, 10, kNow + 300s);
  ASSERT_EQ(claimed.size(), 2u);
  EXPECT_EQ(claimed[0].id, early.id);
  EXPECT_EQ(claimed[1].id, now.id);
  EXPECT_EQ(claimed[0].attempts, 1);
  EXPECT_EQ(claimed[0].claimed_until, std::optional<Time>(kNow + 300s));

  // Under the lease nobody else gets them; the future one is not due yet.
  EXPECT_TRUE(outbox().ClaimDue(kNow + 10s, 10, kNow + 310s).empty());
  // The limit is honoured.
  auto one = outbox().ClaimDue(kNow + 60s, 1, kNow + 360s);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].to_address, "later@example.nl");
}

TEST_P(MailRepositoryTest, ExpiredLeaseMakesMailDueAgain) {
  const Message m = Enqueue(SiteId{0}, "a@example.nl");
  ASSERT_EQ(outbox().ClaimDue(kNow, 10, kNow + 300s).size(), 1u);
  // The sender died: nothing happens until the lease runs out, then it is claimed again.
  EXPECT_TRUE(outbox().ClaimDue(kNow + 299s, 10, kNow + 600s).empty());
  auto again = outbox().ClaimDue(kNow + 300s, 10, kNow + 600s);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].id, m.id);
  EXPECT_EQ(again[0].attempts, 2);
}

TEST_P(MailRepositoryTest, ReleaseGivesTheClaimAndTheAttemptBack) {
  const Message m = Enqueue(SiteId{0}, "a@example.nl");
  ASSERT_EQ(outbox().ClaimDue(kNow, 10, kNow + 300s).size(), 1u);
  ASSERT_TRUE(outbox().ReleaseClaim(m.id).ok());
  auto again = outbox().ClaimDue(kNow, 10, kNow + 300s);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 1);
  ASSERT_TRUE(outbox().MarkSent(m.id, kNow).ok());
  EXPECT_EQ(outbox().ReleaseClaim(m.id).error().code, ErrorCode::kNotFound);
}

TEST_P(MailRepositoryTest, TwoConcurrentClaimersNeverGetTheSameMail) {
  constexpr int kMails = 60;
  for (int i = 0; i < kMails; ++i) Enqueue(SiteId{1}, "m" + std::to_string(i) + "@example.nl");
  // A second store: its own connections, as a second server would have.
  auto other = db().Open();
  std::vector<Message> a, b;
  auto claim_all = [](domain::mail::OutboxRepository& repo, std::vector<Message>& out) {
    for (;;) {
      auto batch = repo.ClaimDue(kNow, 3, kNow + 300s);
      if (batch.empty()) return;
      out.insert(out.end(), batch.begin(), batch.end());
    }
  };
  std::thread first([&] { claim_all(outbox(), a); });
  std::thread second([&] { claim_all(other->mail(), b); });
  first.join();
  second.join();
  std::set<std::int64_t> ids;
  for (const auto& m : a) ids.insert(m.id.value);
  for (const auto& m : b) EXPECT_TRUE(ids.insert(m.id.value).second) << "mail " << m.id.value << " claimed twice";
  EXPECT_EQ(a.size() + b.size(), static_cast<std::size_t>(kMails));
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kMails));
}

TEST_P(MailRepositoryTest, MarkSentRecordsTheMomentAndIsFinal) {
  const Message m = Enqueue(SiteId{1}, "a@example.nl");
  outbox().ClaimDue(kNow, 10, kNow + 300s);
  ASSERT_TRUE(outbox().MarkSent(m.id, kNow + 2s).ok());
  auto found = outbox().FindMessage(SiteId{1}, m.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, MessageStatus::kSent);
  EXPECT_EQ(found->sent_at, std::optional<Time>(kNow + 2s));
  EXPECT_FALSE(found->claimed_until);
  EXPECT_TRUE(outbox().ClaimDue(kNow + 1000h, 10, kNow + 1001h).empty());
  EXPECT_EQ(outbox().MarkSent(m.id, kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(outbox().MarkSent(MessageId{m.id.value + 100}, kNow).error().public_message,
            "This e-mail does not exist.");
}

TEST_P(MailRepositoryTest, FailedMailWaitsForItsBackoff) {
  const Message m = Enqueue(SiteId{1}, "a@example.nl");
  auto claimed = outbox().ClaimDue(kNow, 10, kNow + 300s);
  ASSERT_EQ(claimed.size(), 1u);
  const auto next = domain::mail::NextAttempt({}, claimed[0], kNow + 1s);
  ASSERT_EQ(next, std::optional<Time>(kNow + 61s));
  ASSERT_TRUE(outbox().MarkFailed(m.id, "SMTP 451: try again later", next).ok());

  auto found = outbox().FindMessage(SiteId{1}, m.id);
  EXPECT_EQ(found->status, MessageStatus::kPending);
  EXPECT_EQ(found->last_error, "SMTP 451: try again later");
  EXPECT_EQ(found->next_attempt_at, kNow + 61s);
  EXPECT_FALSE(found->claimed_until);
  EXPECT_TRUE(outbox().ClaimDue(kNow + 60s, 10, kNow + 360s).empty());
  auto retry = outbox().ClaimDue(kNow + 61s, 10, kNow + 361s);
  ASSERT_EQ(retry.size(), 1u);
  EXPECT_EQ(retry[0].attempts, 2);
  ASSERT_TRUE(outbox().MarkSent(m.id, kNow + 62s).ok());
  EXPECT_EQ(outbox().FindMessage(SiteId{1}, m.id)->last_error, "");
}

TEST_P(MailRepositoryTest, DeadAfterTheRetryPolicyRunsOutButNeverDeleted) {
  domain::mail::RetryPolicy policy;
  policy.max_attempts = 3;
  const Message m = Enqueue(SiteId{1}, "a@example.nl");
  Time now = kNow;
  int rounds = 0;
  for (;;) {
    auto claimed = outbox().ClaimDue(now, 10, now + 300s);
    if (claimed.empty()) break;
    ++rounds;
    const auto next = domain::mail::NextAttempt(policy, claimed[0], now);
    ASSERT_TRUE(outbox().MarkFailed(m.id, "SMTP 451: attempt " + std::to_string(rounds), next).ok());
    if (!next) break;
    now = *next;
  }
  EXPECT_EQ(rounds, 3);
  auto found = outbox().FindMessage(SiteId{1}, m.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, MessageStatus::kDead);
  EXPECT_EQ(found->attempts, 3);
  EXPECT_EQ(found->last_error, "SMTP 451: attempt 3");
  EXPECT_TRUE(outbox().ClaimDue(now + 1000h, 10, now + 1001h).empty());
  EXPECT_EQ(outbox().ListRecent(10).size(), 1u);
}

TEST_P(MailRepositoryTest, SitesSeeOnlyTheirOwnMail) {
  const Message oost = Enqueue(SiteId{1}, "oost@example.nl");
  const Message west = Enqueue(SiteId{2}, "west@example.nl");
  const Message platform = Enqueue(SiteId{0}, "platform@example.nl");

  EXPECT_TRUE(outbox().FindMessage(SiteId{1}, oost.id));
  EXPECT_FALSE(outbox().FindMessage(SiteId{2}, oost.id));
  EXPECT_FALSE(outbox().FindMessage(SiteId{1}, platform.id));
  EXPECT_TRUE(outbox().FindMessage(SiteId{0}, platform.id));

  auto list = outbox().ListForSite(SiteId{2}, 10);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, west.id);
  auto recent = outbox().ListRecent(2);
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0].id, platform.id);  // newest first
  EXPECT_EQ(recent[1].id, west.id);
}

INSTANTIATE_TEST_SUITE_P(Engines, MailRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
