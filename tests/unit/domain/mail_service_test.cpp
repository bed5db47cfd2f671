#include "domain/mail/mail_service.hpp"

#include <gtest/gtest.h>

#include "domain/mail/retry.hpp"

namespace buurtplein::domain::mail {
namespace {

using namespace std::chrono_literals;

constexpr Time kNow = std::chrono::sys_days{std::chrono::year{2026} / 12 / 3} + 10h;
constexpr const char* kBadAddress = "This e-mail address is not valid.";
constexpr const char* kLineBreak = "A name or subject of an e-mail may not contain a line break.";
constexpr const char* kEmpty = "An e-mail needs a subject and a plain-text body.";

Draft MakeDraft() {
  Draft d;
  d.site = SiteId{3};
  d.to_address = "anne@example.nl";
  d.to_name = "Anne";
  d.subject = "Welkom";
  d.text_body = "Hallo";
  return d;
}

TEST(MailAddressTest, AcceptsOrdinaryAddresses) {
  for (const char* a : {"anne@example.nl", "a.de.vries+buurt@mail.nijmegen.nl", "x_y-z@sub-domain.example.org"}) {
    EXPECT_TRUE(IsValidAddress(a)) << a;
  }
}

TEST(MailAddressTest, RefusesMalformedAndDangerousAddresses) {
  for (const char* a : {"", "anne", "anne@", "@example.nl", "anne@localhost", "an ne@example.nl", "anne@@example.nl",
                        "anne@exa mple.nl", ".anne@example.nl", "an..ne@example.nl", "anne@-example.nl",
                        "anne@example.nl\r\nBcc: x@evil.nl", "anne@example.nl>", "<anne@example.nl>",
                        "\"anne\"@example.nl", "zoë@example.nl", "anne@example..nl"}) {
    EXPECT_FALSE(IsValidAddress(a)) << a;
  }
  EXPECT_FALSE(IsValidAddress(std::string(65, 'a') + "@example.nl"));
}

TEST(BuildMessageTest, MakesAPendingMessageDueNow) {
  auto r = BuildMessage(MakeDraft(), kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->site, SiteId{3});
  EXPECT_EQ(r->status, MessageStatus::kPending);
  EXPECT_EQ(r->created_at, kNow);
  EXPECT_EQ(r->next_attempt_at, kNow);
  EXPECT_EQ(r->attempts, 0);
}

TEST(BuildMessageTest, RefusesHeaderInjection) {
  for (auto change : std::vector<std::function<void(Draft&)>>{
           [](Draft& d) { d.subject = "Hallo\r\nBcc: victim@example.nl"; },
           [](Draft& d) { d.subject = "Hallo\nX-Spam: yes"; },
           [](Draft& d) { d.to_name = "Anne\r\nBcc: victim@example.nl"; },
           [](Draft& d) { d.from_name = "Buurt\rplein"; },
           [](Draft& d) { d.subject = std::string("nul\0byte", 8); }}) {
    Draft d = MakeDraft();
    change(d);
    auto r = BuildMessage(d, kNow);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kValidation);
    EXPECT_EQ(r.error().public_message, kLineBreak);
  }
  Draft d = MakeDraft();
  d.to_address = "anne@example.nl\r\nBcc: victim@example.nl";
  auto r = BuildMessage(d, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().public_message, kBadAddress);
}

TEST(BuildMessageTest, NeedsSubjectAndPlainText) {
  Draft d = MakeDraft();
  d.text_body.clear();
  d.html_body = "<p>Alleen HTML</p>";
  auto r = BuildMessage(d, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().public_message, kEmpty);
  d = MakeDraft();
  d.subject.clear();
  EXPECT_EQ(BuildMessage(d, kNow).error().public_message, kEmpty);
}

TEST(LinkTest, JoinsBaseAndPathWithOneSlash) {
  EXPECT_EQ(Link("https://oost.example.nl/", "/nieuws/3"), "https://oost.example.nl/nieuws/3");
  EXPECT_EQ(Link("https://buurtplein.nl/nijmegen/oost/", "nieuws/3"), "https://buurtplein.nl/nijmegen/oost/nieuws/3");
  EXPECT_EQ(Link("http://localhost:8080", "/"), "http://localhost:8080/");
}

TEST(LinkTest, SiteBaseUrlPrefersTheSitesOwnHost) {
  sites::City city;
  city.slug = "nijmegen";
  sites::Site site;
  site.slug = "oost";
  EXPECT_EQ(SiteBaseUrl("https://buurtplein.nl/", city, site), "https://buurtplein.nl/nijmegen/oost/");
  site.hosts = {"oost.example.nl"};
  EXPECT_EQ(SiteBaseUrl("https://buurtplein.nl", city, site), "https://oost.example.nl/");
  EXPECT_EQ(SiteBaseUrl("http://localhost:8080", city, site), "http://oost.example.nl/");
}

TEST(RetryTest, DoublesFromOneMinuteUpToSixHours) {
  RetryPolicy policy;
  Message m;
  m.created_at = kNow;
  std::vector<long> delays;
  for (int attempt = 1; attempt <= 12; ++attempt) {
    m.attempts = attempt;
    auto next = NextAttempt(policy, m, kNow);
    ASSERT_TRUE(next);
    delays.push_back((*next - kNow).count());
  }
  EXPECT_EQ(delays, (std::vector<long>{60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 21600, 21600, 21600}));
  m.attempts = 1000;  // no overflow, and the attempt limit gives up
  EXPECT_FALSE(NextAttempt(policy, m, kNow));
}

TEST(RetryTest, GivesUpAfterThreeDays) {
  RetryPolicy policy;
  Message m;
  m.created_at = kNow;
  m.attempts = 15;
  EXPECT_TRUE(NextAttempt(policy, m, kNow + 60h));
  EXPECT_FALSE(NextAttempt(policy, m, kNow + 70h));  // the next try would be past 72 h
  // The default policy runs through about 20 attempts before it gives up.
  Time now = kNow;
  int attempts = 0;
  for (;;) {
    m.attempts = ++attempts;
    auto next = NextAttempt(policy, m, now);
    if (!next) break;
    now = *next;
  }
  EXPECT_GE(attempts, 18);
  EXPECT_LE(attempts, 22);
  EXPECT_LE(now - kNow, 72h);
}

class FakeOutbox : public OutboxRepository {
 public:
  Result<Message> Enqueue(const Message& message) override {
    stored.push_back(message);
    stored.back().id = MessageId{static_cast<std::int64_t>(stored.size())};
    return stored.back();
  }
  std::vector<Message> ClaimDue(Time, int, Time) override { return {}; }
  Status ReleaseClaim(MessageId) override { return Ok{}; }
  Status MarkSent(MessageId, Time) override { return Ok{}; }
  Status MarkFailed(MessageId, std::string_view, std::optional<Time>) override { return Ok{}; }
  std::optional<Message> FindMessage(SiteId, MessageId) override { return std::nullopt; }
  std::vector<Message> ListForSite(SiteId, int) override { return {}; }
  std::vector<Message> ListRecent(int) override { return {}; }
  std::vector<Message> stored;
};

TEST(MailServiceTest, EnqueuesValidMailAndWakesTheSender) {
  FakeOutbox outbox;
  MailService service(outbox, [] { return kNow; });
  int woken = 0;
  service.SetEnqueueListener([&] { ++woken; });
  auto sent = service.Send(MakeDraft());
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent->id, MessageId{1});
  EXPECT_EQ(outbox.stored.size(), 1u);
  EXPECT_EQ(woken, 1);

  Draft bad = MakeDraft();
  bad.subject = "a\nb";
  EXPECT_FALSE(service.Send(bad).ok());
  EXPECT_EQ(outbox.stored.size(), 1u);
  EXPECT_EQ(woken, 1);
}

}  // namespace
}  // namespace buurtplein::domain::mail
