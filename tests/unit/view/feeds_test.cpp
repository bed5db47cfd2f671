// The Atom writer: XML escaping of every text, characters XML 1.0 forbids dropped, RFC 3339
// dates in UTC, the elements RFC 4287 requires.
#include "view/feeds.hpp"

#include <gtest/gtest.h>

namespace buurtplein::view {
namespace {

TEST(XmlEscape, EscapesMarkupAndQuotes) {
  EXPECT_EQ(XmlEscape("a < b & c > d \"e\" 'f'"), "a &lt; b &amp; c &gt; d &quot;e&quot; &apos;f&apos;");
  EXPECT_EQ(XmlEscape("]]>"), "]]&gt;");
}

TEST(XmlEscape, KeepsUnicodeAndDropsWhatXmlForbids) {
  EXPECT_EQ(XmlEscape("ideeën 😀 – €"), "ideeën 😀 – €");
  EXPECT_EQ(XmlEscape(std::string("a\x01" "b\x1F" "c\x7F" "d", 7)), "abcd");
  EXPECT_EQ(XmlEscape(std::string("nul\0!", 5)), "nul!");
  EXPECT_EQ(XmlEscape("tab\tnl\n"), "tab\tnl\n");
  EXPECT_EQ(XmlEscape("cr\r"), "cr&#13;");
  EXPECT_EQ(XmlEscape("bad \xC3 utf8 \xFF\xFE"), "bad  utf8 ") << "invalid UTF-8 is dropped";
  EXPECT_EQ(XmlEscape("over\xC0\xAFlong"), "overlong");
  EXPECT_EQ(XmlEscape("surrogate \xED\xA0\x80!"), "surrogate !");
  EXPECT_EQ(XmlEscape("nonchar \xEF\xBF\xBE!"), "nonchar !");
}

TEST(Rfc3339Utc, FormatsInUtc) {
  EXPECT_EQ(Rfc3339Utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(Rfc3339Utc(1'800'000'000), "2027-01-15T08:00:00Z");
}

TEST(WriteAtom, WritesTheRequiredElementsEscaped) {
  AtomFeed feed;
  feed.lang = "nl";
  feed.id = "http://x.nl/nijmegen/oost/nieuws.atom";
  feed.self_url = feed.id;
  feed.html_url = "http://x.nl/nijmegen/oost/nieuws/";
  feed.title = "Nieuws – Oost & Co";
  feed.author_name = "Buurtplein Oost";
  feed.updated = 1'800'000'000;
  AtomEntry e;
  e.id = e.link = "http://x.nl/nijmegen/oost/nieuws/1?a=1&b=2";
  e.title = "<script>alert(1)</script>";
  e.published = e.updated = 1'800'000'000;
  e.content_html = "<p>Hallo &amp; welkom</p>";
  e.summary = "Hallo & welkom";
  feed.entries.push_back(e);
  const std::string xml = WriteAtom(feed);
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
                      "xml:lang=\"nl\">",
                      0),
            0u);
  EXPECT_NE(xml.find("<title>Nieuws – Oost &amp; Co</title>"), std::string::npos);
  EXPECT_NE(xml.find("<updated>2027-01-15T08:00:00Z</updated>"), std::string::npos);
  EXPECT_NE(xml.find("<link rel=\"self\" type=\"application/atom+xml\" href=\"http://x.nl/nijmegen/oost/nieuws.atom\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"), std::string::npos);
  EXPECT_NE(xml.find("href=\"http://x.nl/nijmegen/oost/nieuws/1?a=1&amp;b=2\""), std::string::npos);
  EXPECT_NE(xml.find("<content type=\"html\">&lt;p&gt;Hallo &amp;amp; welkom&lt;/p&gt;</content>"), std::string::npos);
  const std::string author = "<author><name>Buurtplein Oost</name></author>";
  const auto first = xml.find(author);
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(xml.find(author, first + 1), std::string::npos) << "an entry without an author gets the feed's";
  EXPECT_EQ(xml.find("<script"), std::string::npos);
  EXPECT_EQ(xml.substr(xml.size() - 8), "</feed>\n");
}

}  // namespace
}  // namespace buurtplein::view
