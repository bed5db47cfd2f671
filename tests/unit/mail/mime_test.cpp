#include "mail/mime.hpp"

#include <gtest/gtest.h>

#include "mail/eml_directory_transport.hpp"

namespace buurtplein::mail {
namespace {

using namespace std::chrono_literals;
using domain::mail::Message;
using domain::mail::Time;

constexpr Time kCreated = std::chrono::sys_days{std::chrono::year{2026} / 12 / 3} + 10h;

Message MakeMessage() {
  Message m;
  m.id = domain::mail::MessageId{42};
  m.site = domain::SiteId{7};
  m.from_name = "Buurtplein Oost";
  m.to_address = "anne@example.nl";
  m.to_name = "Anne de Vries";
  m.subject = "Welkom op Buurtplein";
  m.text_body = "Hallo Anne,\n\nWelkom!\n";
  m.created_at = kCreated;
  return m;
}

MimeOptions Options() {
  MimeOptions o;
  o.from_address = "noreply@buurtplein.nl";
  o.from_name = "Buurtplein";
  return o;
}

// Every line ends in CRLF and none is longer than 998 characters (RFC 5322 §2.1.1).
void ExpectCrlfOnly(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n') {
      ASSERT_TRUE(i > 0 && s[i - 1] == '\r') << "bare LF at " << i;
    }
    if (s[i] == '\r') {
      ASSERT_TRUE(i + 1 < s.size() && s[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  std::size_t start = 0;
  while (start < s.size()) {
    const auto end = s.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 998u);
    start = end + 2;
  }
}

TEST(MimeTest, PlainTextMessageHasEveryHeader) {
  const std::string mime = BuildMime(MakeMessage(), Options());
  EXPECT_EQ(mime,
            "Date: Thu, 03 Dec 2026 10:00:00 +0000\r\n"
            "From: Buurtplein Oost <noreply@buurtplein.nl>\r\n"
            "To: Anne de Vries <anne@example.nl>\r\n"
            "Subject: Welkom op Buurtplein\r\n"
            "Message-ID: <bp.42.1796292000@buurtplein.nl>\r\n"
            "MIME-Version: 1.0\r\n"
            "Auto-Submitted: auto-generated\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            "\r\n"
            "Hallo Anne,\r\n"
            "\r\n"
            "Welkom!\r\n");
  ExpectCrlfOnly(mime);
}

TEST(MimeTest, ConfiguredNameWhenTheMessageHasNoneAndMessageIdDomain) {
  auto m = MakeMessage();
  m.from_name.clear();
  m.to_name.clear();
  auto options = Options();
  options.message_id_domain = "mail.buurtplein.nl";
  const std::string mime = BuildMime(m, options);
  EXPECT_NE(mime.find("From: Buurtplein <noreply@buurtplein.nl>\r\n"), std::string::npos);
  EXPECT_NE(mime.find("To: anne@example.nl\r\n"), std::string::npos);
  EXPECT_NE(mime.find("Message-ID: <bp.42.1796292000@mail.buurtplein.nl>\r\n"), std::string::npos);
}

TEST(MimeTest, NonAsciiSubjectAndNamesAreEncodedWords) {
  auto m = MakeMessage();
  m.subject = "Ideeën voor het café";
  m.to_name = "Zoë Jansen";
  const std::string mime = BuildMime(m, Options());
  EXPECT_NE(mime.find("Subject: =?UTF-8?B?SWRlZcOrbiB2b29yIGhldCBjYWbDqQ==?=\r\n"), std::string::npos) << mime;
  EXPECT_NE(mime.find("To: =?UTF-8?B?Wm/DqyBKYW5zZW4=?= <anne@example.nl>\r\n"), std::string::npos) << mime;
  EXPECT_EQ(HeaderValue(mime, "subject"), "Ideeën voor het café");
  EXPECT_EQ(HeaderValue(mime, "To"), "Zoë Jansen <anne@example.nl>");
}

TEST(MimeTest, LongNonAsciiSubjectIsSplitOnCharactersAndFolded) {
  std::string subject;
  for (int i = 0; i < 30; ++i) subject += "ë€";  // 2- and 3-byte characters
  const std::string encoded = EncodeHeaderText(subject);
  EXPECT_NE(encoded.find("\r\n "), std::string::npos);
  std::size_t start = 0;
  while (start < encoded.size()) {
    auto end = encoded.find("\r\n", start);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - start, 75u);
    start = end + 2;
  }
  EXPECT_EQ(DecodeHeaderText(encoded), subject);
}

TEST(MimeTest, AsciiThatLooksEncodedIsEncodedAndSpecialsAreQuoted) {
  EXPECT_EQ(DecodeHeaderText(EncodeHeaderText("=?UTF-8?B?eA==?=")), "=?UTF-8?B?eA==?=");
  EXPECT_NE(EncodeHeaderText("=?x?="), "=?x?=");
  EXPECT_EQ(FormatMailbox("Vries, Anne \"de\"", "anne@example.nl"), "\"Vries, Anne \\\"de\\\"\" <anne@example.nl>");
  EXPECT_EQ(FormatMailbox("", "anne@example.nl"), "anne@example.nl");
}

TEST(MimeTest, LongAsciiSubjectIsFoldedAtSpaces) {
  std::string subject;
  for (int i = 0; i < 20; ++i) subject += "buurtnieuws ";
  subject += "einde";
  const std::string folded = EncodeHeaderText(subject);
  EXPECT_NE(folded.find("\r\n "), std::string::npos);
  EXPECT_EQ(DecodeHeaderText(folded), subject);
}

TEST(MimeTest, QuotedPrintableKeepsUtf8LongLinesAndTrailingSpace) {
  const std::string text = "Café één\nregel met spatie aan het eind \n" + std::string(200, 'x') + "\n=gelijk\n.punt";
  const std::string qp = EncodeQuotedPrintable(text);
  ExpectCrlfOnly(qp);
  std::size_t start = 0;
  while (start < qp.size()) {
    const auto end = qp.find("\r\n", start);
    EXPECT_LE(end - start, 76u);
    start = end + 2;
  }
  EXPECT_NE(qp.find("Caf=C3=A9 =C3=A9=C3=A9n\r\n"), std::string::npos) << qp;
  EXPECT_NE(qp.find("eind=20\r\n"), std::string::npos) << qp;
  EXPECT_NE(qp.find("=3Dgelijk\r\n"), std::string::npos) << qp;
  EXPECT_NE(qp.find("\r\n.punt\r\n"), std::string::npos) << "a leading dot is left for SMTP dot-stuffing";
  std::string crlf_text = text;
  for (std::size_t p = 0; (p = crlf_text.find('\n', p)) != std::string::npos; p += 2) crlf_text.insert(p, "\r");
  EXPECT_EQ(DecodeQuotedPrintable(qp), crlf_text + "\r\n");
}

TEST(MimeTest, HtmlMakesMultipartAlternativeWithPlainTextFirst) {
  auto m = MakeMessage();
  m.html_body = "<p>Hallo <b>Anne</b></p>";
  const std::string mime = BuildMime(m, Options());
  ExpectCrlfOnly(mime);
  EXPECT_NE(mime.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(mime.find("Content-Type: multipart/alternative; boundary=\"=_bp_42_alt\"\r\n\r\n"), std::string::npos);
  const auto plain = mime.find("--=_bp_42_alt\r\nContent-Type: text/plain; charset=utf-8\r\n"
                               "Content-Transfer-Encoding: quoted-printable\r\n\r\nHallo Anne,");
  const auto html = mime.find("--=_bp_42_alt\r\nContent-Type: text/html; charset=utf-8\r\n"
                              "Content-Transfer-Encoding: quoted-printable\r\n\r\n<p>Hallo <b>Anne</b></p>\r\n");
  ASSERT_NE(plain, std::string::npos) << mime;
  ASSERT_NE(html, std::string::npos) << mime;
  EXPECT_LT(plain, html);
  EXPECT_TRUE(mime.ends_with("--=_bp_42_alt--\r\n"));
}

TEST(MimeTest, DateIsRfc5322InUtc) {
  EXPECT_EQ(FormatDate(Time{}), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(FormatDate(kCreated + 86400s * 30 + 5s), "Sat, 02 Jan 2027 10:00:05 +0000");
}

// A mail server's reply quoted in a log line never shows the recipient's address.
TEST(RedactAddressesTest, HidesTheLocalPartOfEveryAddress) {
  EXPECT_EQ(RedactAddresses("550 5.1.1 <anna.de-vries+buurt@example.nl>: Recipient address rejected"),
            "550 5.1.1 <***@example.nl>: Recipient address rejected");
  EXPECT_EQ(RedactAddresses("a@b.nl and c_d@e.nl"), "***@b.nl and ***@e.nl");
  EXPECT_EQ(RedactAddresses("no address @ here, @start"), "no address @ here, @start");
  EXPECT_EQ(RedactAddresses(""), "");
}

}  // namespace
}  // namespace buurtplein::mail
