#include "mail/settings.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace buurtplein::mail {
namespace {

TEST(MailSettingsTest, DefaultsWriteFilesFromBuurtplein) {
  const auto s = ParseMailSettings({});
  EXPECT_EQ(s.transport, TransportKind::kFile);
  EXPECT_EQ(s.smtp.security, SmtpSecurity::kStartTls);
  EXPECT_EQ(s.mime.from_address, "buurtplein@localhost");
  EXPECT_EQ(s.smtp.helo_name, "localhost");
  EXPECT_EQ(s.base_url, "http://localhost:8080/");
}

TEST(MailSettingsTest, SmtpsUrlMeansTlsAndHeloIsTheSendersDomain) {
  MailConfig c;
  c.transport = "smtp";
  c.smtp_url = "smtps://mail.example.nl:465";
  c.smtp_security = "none";
  c.mail_from = "noreply@buurtplein.nl";
  const auto s = ParseMailSettings(c);
  EXPECT_EQ(s.transport, TransportKind::kSmtp);
  EXPECT_EQ(s.smtp.security, SmtpSecurity::kTls);
  EXPECT_EQ(s.smtp.helo_name, "buurtplein.nl");
}

TEST(MailSettingsTest, BadValuesStopTheStartWithOneSentence) {
  auto message = [](MailConfig c) {
    try {
      ParseMailSettings(c);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  MailConfig c;
  c.mail_from = "buurtplein";
  EXPECT_EQ(message(c),
            "The setting mail_from must be an e-mail address such as buurtplein@example.nl, not 'buurtplein'.");
  c = {};
  c.smtp_security = "ssl";
  EXPECT_EQ(message(c), "The setting smtp_security must be none, starttls or tls, not 'ssl'.");
  c = {};
  c.mail_from_name = "Buurt\r\nBcc: x@example.nl";
  EXPECT_EQ(message(c), "The setting mail_from_name must be a single line.");
  c = {};
  c.smtp_url = "http://mail.example.nl";
  EXPECT_EQ(message(c), "The setting smtp_url must start with smtp:// or smtps://, not 'http://mail.example.nl'.");
}

}  // namespace
}  // namespace buurtplein::mail
