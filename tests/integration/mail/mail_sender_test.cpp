#include "mail/mail_sender.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <unistd.h>

#include "domain/mail/mail_service.hpp"
#include "mail/eml_directory_transport.hpp"
#include "mail/mime.hpp"
#include "mail/smtp_transport.hpp"
#include "testlib/smtp_server.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using namespace std::chrono_literals;
using domain::SiteId;
using domain::mail::Draft;
using domain::mail::MessageStatus;
using domain::mail::Time;

constexpr Time kStart = std::chrono::sys_days{std::chrono::year{2026} / 12 / 3} + 10h;

/// Time that only moves when the test moves it.
class FakeClock {
 public:
  Time Now() const { return Time{std::chrono::seconds{seconds_.load()}}; }
  void Advance(std::chrono::seconds s) { seconds_ += s.count(); }
  mail::MailSender::Clock AsFunction() {
    return [this] { return Now(); };
  }

 private:
  std::atomic<std::int64_t> seconds_{kStart.time_since_epoch().count()};
};

class MailSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<ScratchDatabase>("sqlite", "");
    store_ = db_->Open();
    store_->Migrate();
    mime_.from_address = "noreply@buurtplein.nl";
    mime_.from_name = "Buurtplein";
    mail::SmtpOptions smtp;
    smtp.url = server_.url();
    smtp.security = mail::SmtpSecurity::kNone;  // the test server speaks no TLS
    smtp.helo_name = "buurtplein.nl";
    smtp.timeout = 10s;
    transport_ = std::make_unique<mail::SmtpTransport>(smtp);
    service_ = std::make_unique<domain::mail::MailService>(store_->mail(), [this] { return clock_.Now(); });
  }

  std::unique_ptr<mail::MailSender> MakeSender(mail::SenderOptions options = {}) {
    options.poll_interval = 10s;  // the tests wake the sender themselves
    return std::make_unique<mail::MailSender>(store_->mail(), *transport_, mime_, options, clock_.AsFunction());
  }

  domain::mail::Message Send(Draft draft) {
    auto r = service_->Send(draft);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().internal_detail);
    return r.ok() ? *r : domain::mail::Message{};
  }

  static Draft Welcome(std::string to = "anne@example.nl") {
    Draft d;
    d.site = SiteId{3};
    d.from_name = "Buurtplein Oost";
    d.to_address = std::move(to);
    d.to_name = "Zoë de Vries";
    d.subject = "Welkom bij Buurtplein Oost: ideeën voor het café";
    d.text_body = "Hallo Zoë,\n\nWelkom! Bevestig je adres:\n" +
                  domain::mail::Link("https://oost.example.nl/", "/account/bevestig?code=abc") +
                  "\n.\n..twee punten\n.een punt aan het begin\n\nGroeten, één buurt\n";
    return d;
  }

  /// The text/plain part of a received message, decoded.
  static std::string PlainText(const std::string& data) {
    const std::string marker = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
    const auto start = data.find(marker);
    if (start == std::string::npos) return {};
    std::string body = data.substr(start + marker.size());
    const auto boundary = body.find("\r\n--=_bp_");
    if (boundary != std::string::npos) body.resize(boundary + 2);
    return mail::DecodeQuotedPrintable(body);
  }

  SmtpTestServer server_;
  FakeClock clock_;
  std::unique_ptr<ScratchDatabase> db_;
  std::unique_ptr<domain::Store> store_;
  mail::MimeOptions mime_;
  std::unique_ptr<mail::SmtpTransport> transport_;
  std::unique_ptr<domain::mail::MailService> service_;
};

TEST_F(MailSenderTest, DeliversOverSmtpWithCorrectHeadersAndUtf8Text) {
  auto sender = MakeSender();
  service_->SetEnqueueListener([&] { sender->Wake(); });
  sender->Start();
  const auto message = Send(Welcome());
  ASSERT_TRUE(server_.WaitFor(1));
  sender->Stop();

  const auto got = server_.received().at(0);
  EXPECT_EQ(got.helo, "buurtplein.nl");
  EXPECT_EQ(got.mail_from, "noreply@buurtplein.nl");
  EXPECT_EQ(got.rcpt_to, std::vector<std::string>{"anne@example.nl"});
  EXPECT_GE(got.stuffed_lines, 3) << "libcurl dot-stuffs lines that start with a dot";

  EXPECT_EQ(mail::HeaderValue(got.data, "From"), "Buurtplein Oost <noreply@buurtplein.nl>");
  EXPECT_EQ(mail::HeaderValue(got.data, "To"), "Zoë de Vries <anne@example.nl>");
  EXPECT_EQ(mail::HeaderValue(got.data, "Subject"), "Welkom bij Buurtplein Oost: ideeën voor het café");
  EXPECT_TRUE(Contains(got.data, "\r\nSubject: =?UTF-8?B?"));
  EXPECT_EQ(mail::HeaderValue(got.data, "Date"), "Thu, 03 Dec 2026 10:00:00 +0000");
  EXPECT_EQ(mail::HeaderValue(got.data, "Message-ID"),
            "<bp." + std::to_string(message.id.value) + ".1796292000@buurtplein.nl>");
  EXPECT_EQ(mail::HeaderValue(got.data, "MIME-Version"), "1.0");
  EXPECT_EQ(mail::HeaderValue(got.data, "Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(mail::HeaderValue(got.data, "Content-Transfer-Encoding"), "quoted-printable");

  EXPECT_EQ(PlainText(got.data),
            "Hallo Zoë,\r\n\r\nWelkom! Bevestig je adres:\r\nhttps://oost.example.nl/account/bevestig?code=abc\r\n"
            ".\r\n..twee punten\r\n.een punt aan het begin\r\n\r\nGroeten, één buurt\r\n");

  auto stored = store_->mail().FindMessage(SiteId{3}, message.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->status, MessageStatus::kSent);
  EXPECT_EQ(stored->sent_at, std::optional<Time>(kStart));
  EXPECT_EQ(stored->attempts, 1);
  EXPECT_EQ(sender->sent(), 1);
}

TEST_F(MailSenderTest, HtmlMailArrivesAsMultipartWithThePlainTextPart) {
  Draft d = Welcome();
  d.html_body = "<p>Hallo Zoë, <a href=\"https://oost.example.nl/account/bevestig?code=abc\">bevestig</a></p>";
  Send(d);
  auto sender = MakeSender();
  EXPECT_EQ(sender->RunOnce(), 1);
  ASSERT_TRUE(server_.WaitFor(1));
  const auto data = server_.received().at(0).data;
  EXPECT_TRUE(Contains(mail::HeaderValue(data, "Content-Type"), "multipart/alternative; boundary="));
  EXPECT_TRUE(Contains(PlainText(data), "Hallo Zoë,"));
  EXPECT_TRUE(Contains(data, "Content-Type: text/html; charset=utf-8"));
}

TEST_F(MailSenderTest, TemporaryRefusalIsRetriedWithBackoffAndThenDelivered) {
  server_.RefuseNext(2, "451 4.3.0 Mailbox temporarily unavailable");
  const auto message = Send(Welcome());
  auto sender = MakeSender();

  EXPECT_EQ(sender->RunOnce(), 1);
  auto stored = store_->mail().FindMessage(SiteId{3}, message.id);
  EXPECT_EQ(stored->status, MessageStatus::kPending);
  EXPECT_EQ(stored->next_attempt_at, kStart + 60s);
  EXPECT_TRUE(Contains(stored->last_error, "451 4.3.0 Mailbox temporarily unavailable")) << stored->last_error;
  EXPECT_EQ(sender->failed(), 1);

  EXPECT_EQ(sender->RunOnce(), 0) << "not before its backoff";
  clock_.Advance(60s);
  EXPECT_EQ(sender->RunOnce(), 1);
  stored = store_->mail().FindMessage(SiteId{3}, message.id);
  EXPECT_EQ(stored->next_attempt_at, kStart + 60s + 120s) << "the second wait is twice the first";

  clock_.Advance(119s);
  EXPECT_EQ(sender->RunOnce(), 0);
  clock_.Advance(1s);
  // Now through the background thread, woken as after an enqueue.
  sender->Start();
  sender->Wake();
  ASSERT_TRUE(server_.WaitFor(1));
  sender->Stop();
  EXPECT_EQ(server_.refused(), 2);
  stored = store_->mail().FindMessage(SiteId{3}, message.id);
  EXPECT_EQ(stored->status, MessageStatus::kSent);
  EXPECT_EQ(stored->attempts, 3);
  EXPECT_EQ(stored->last_error, "");
  EXPECT_EQ(server_.received().size(), 1u);
}

TEST_F(MailSenderTest, PermanentlyUnreachableServerEndsDeadAfterThePolicy) {
  mail::SmtpOptions nowhere;
  {
    SmtpTestServer closed;  // a port that was just free: nobody listens after this
    nowhere.url = closed.url();
  }
  nowhere.security = mail::SmtpSecurity::kNone;
  nowhere.connect_timeout = 2s;
  mail::SmtpTransport unreachable(nowhere);
  mail::SenderOptions options;
  options.retry.max_attempts = 2;
  mail::MailSender sender(store_->mail(), unreachable, mime_, options, clock_.AsFunction());
  const auto message = Send(Welcome());
  EXPECT_EQ(sender.RunOnce(), 1);
  clock_.Advance(60s);
  EXPECT_EQ(sender.RunOnce(), 1);
  auto stored = store_->mail().FindMessage(SiteId{3}, message.id);
  EXPECT_EQ(stored->status, MessageStatus::kDead);
  EXPECT_FALSE(stored->last_error.empty());
  EXPECT_EQ(sender.dead(), 1);
}

TEST_F(MailSenderTest, StarttlsIsRequiredNeverSilentlyDropped) {
  mail::SmtpOptions smtp;
  smtp.url = server_.url();
  smtp.security = mail::SmtpSecurity::kStartTls;  // the test server does not offer STARTTLS
  mail::SmtpTransport strict(smtp);
  const auto message = Send(Welcome());
  mail::MailSender sender(store_->mail(), strict, mime_, {}, clock_.AsFunction());
  EXPECT_EQ(sender.RunOnce(), 1);
  EXPECT_TRUE(server_.received().empty());
  auto stored = store_->mail().FindMessage(SiteId{3}, message.id);
  EXPECT_EQ(stored->status, MessageStatus::kPending);
  EXPECT_TRUE(Contains(stored->last_error, "STARTTLS")) << stored->last_error;
}

TEST_F(MailSenderTest, NothingIsLostWhenTheSenderStopsMidway) {
  constexpr int kMails = 5;
  for (int i = 0; i < kMails; ++i) Send(Welcome("m" + std::to_string(i) + "@example.nl"));
  auto sender = MakeSender();
  // Stop is asked while the first mail is on the wire: that one completes, the rest is given back.
  server_.OnMessage([&](const ReceivedMail&) { sender->RequestStop(); });
  sender->Start();
  sender->Wake();
  ASSERT_TRUE(server_.WaitFor(1));
  sender->Stop();
  server_.OnMessage(nullptr);
  EXPECT_EQ(server_.received().size(), 1u);
  EXPECT_EQ(sender->sent(), 1);

  int pending = 0;
  for (const auto& m : store_->mail().ListRecent(10)) {
    if (m.status == MessageStatus::kPending) {
      ++pending;
      EXPECT_FALSE(m.claimed_until) << "given back, not left under a lease";
      EXPECT_EQ(m.attempts, 0);
    }
  }
  EXPECT_EQ(pending, kMails - 1);

  auto next = MakeSender();
  next->Start();
  next->Wake();
  ASSERT_TRUE(server_.WaitFor(kMails));
  next->Stop();
  std::set<std::string> recipients;
  for (const auto& got : server_.received()) recipients.insert(got.rcpt_to.at(0));
  EXPECT_EQ(recipients.size(), static_cast<std::size_t>(kMails)) << "every mail exactly once";
  EXPECT_EQ(server_.received().size(), static_cast<std::size_t>(kMails));
}

TEST_F(MailSenderTest, MailClaimedByACrashedSenderIsSentAfterItsLease) {
  const auto message = Send(Welcome());
  // A sender claimed it and died before sending.
  ASSERT_EQ(store_->mail().ClaimDue(clock_.Now(), 10, clock_.Now() + 300s).size(), 1u);
  auto sender = MakeSender();
  EXPECT_EQ(sender->RunOnce(), 0);
  clock_.Advance(300s);
  EXPECT_EQ(sender->RunOnce(), 1);
  ASSERT_TRUE(server_.WaitFor(1));
  EXPECT_EQ(store_->mail().FindMessage(SiteId{3}, message.id)->status, MessageStatus::kSent);
}

class EmlDirectoryTest : public MailSenderTest {};

TEST_F(EmlDirectoryTest, WritesAParseableEmlFileAtomically) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / ("eml_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  mail::EmlDirectoryTransport files(dir / "mail");
  mail::MailSender sender(store_->mail(), files, mime_, {}, clock_.AsFunction());
  const auto first = Send(Welcome());
  Draft second_draft = Welcome("piet@example.nl");
  second_draft.subject = "Tweede bericht";
  const auto second = Send(second_draft);
  EXPECT_EQ(sender.RunOnce(), 2);

  const auto listed = mail::ListEmlFiles(dir / "mail", 10);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].file_name, "20261203T100000Z-" + std::to_string(second.id.value) + ".eml");
  EXPECT_EQ(listed[0].outbox_id, second.id.value);
  EXPECT_EQ(listed[0].subject, "Tweede bericht");
  EXPECT_EQ(listed[1].outbox_id, first.id.value);
  EXPECT_EQ(listed[1].subject, "Welkom bij Buurtplein Oost: ideeën voor het café");
  EXPECT_EQ(listed[1].to, "Zoë de Vries <anne@example.nl>");
  EXPECT_EQ(listed[1].date, "Thu, 03 Dec 2026 10:00:00 +0000");
  EXPECT_EQ(mail::ListEmlFiles(dir / "mail", 1).size(), 1u);

  std::ifstream in(listed[1].path, std::ios::binary);
  std::stringstream raw;
  raw << in.rdbuf();
  const std::string eml = raw.str();
  EXPECT_EQ(mail::HeaderValue(eml, "MIME-Version"), "1.0");
  EXPECT_EQ(eml.find("\n"), eml.find("\r\n") + 1) << "CRLF line endings";
  EXPECT_TRUE(Contains(PlainText(eml), "\r\n.een punt aan het begin\r\n")) << "no dot-stuffing in a file";
  for (const auto& entry : std::filesystem::directory_iterator(dir / "mail")) {
    EXPECT_EQ(entry.path().extension(), ".eml") << "no temporary file left: " << entry.path();
  }
  EXPECT_TRUE(mail::ListEmlFiles(dir / "missing", 10).empty());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace buurtplein::testlib
