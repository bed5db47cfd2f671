#include "view/markdown.hpp"

#include <gtest/gtest.h>

namespace buurtplein::view {
namespace {

TEST(Markdown, RendersParagraphsAndEmphasis) {
  EXPECT_EQ(MarkdownToHtml("Hallo *buurt*"), "<p>Hallo <em>buurt</em></p>\n");
}

TEST(Markdown, DropsScriptTags) {
  const auto html = MarkdownToHtml("Voor\n\n<script>alert(1)</script>\n\nNa <img src=x onerror=alert(1)>");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img"), std::string::npos) << html;
  EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
  EXPECT_NE(html.find("<p>Voor</p>"), std::string::npos) << html;
}

TEST(Markdown, DropsJavascriptLinks) {
  const auto html = MarkdownToHtml("[klik](javascript:alert(1)) en [ok](https://example.org/)");
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"\">klik</a>"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"https://example.org/\">ok</a>"), std::string::npos) << html;
}

TEST(Markdown, RendersTables) {
  const auto html = MarkdownToHtml("| Dag | Tijd |\n|---|---|\n| maandag | 10:00 |\n");
  EXPECT_NE(html.find("<table>"), std::string::npos) << html;
  EXPECT_NE(html.find("<th>Dag</th>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td>maandag</td>"), std::string::npos) << html;
}

TEST(Markdown, AutolinksBareUrls) {
  const auto html = MarkdownToHtml("Zie www.nijmegen.nl en https://buurt.example/nieuws");
  EXPECT_NE(html.find("<a href=\"http://www.nijmegen.nl\">www.nijmegen.nl</a>"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"https://buurt.example/nieuws\">https://buurt.example/nieuws</a>"),
            std::string::npos)
      << html;
}

TEST(Markdown, Strikethrough) {
  EXPECT_NE(MarkdownToHtml("~~oud~~ nieuw").find("<del>oud</del>"), std::string::npos);
}

TEST(Markdown, SummaryIsPlainTextShortenedAtAWord) {
  EXPECT_EQ(MarkdownSummary("# Kop\n\nEen **vette** zin.", 100), "Kop Een vette zin.");
  EXPECT_EQ(MarkdownSummary("één twee drie vier", 12), "één twee…");
  EXPECT_EQ(MarkdownSummary("<script>x</script>", 100), "");
}

}  // namespace
}  // namespace buurtplein::view

namespace buurtplein::view {
namespace {

// Summaries are cached by text and length: the same answer again, a new one for an edited text
// or another length.
TEST(MarkdownSummaryCache, AnswersByTextAndLength) {
  const std::string text = "Een *lange* zin over de buurt en het buurthuis.";
  const std::string first = MarkdownSummary(text, 20);
  EXPECT_EQ(first, "Een lange zin over…");
  EXPECT_EQ(MarkdownSummary(text, 20), first);
  EXPECT_EQ(MarkdownSummary(text, 200), "Een lange zin over de buurt en het buurthuis.");
  EXPECT_EQ(MarkdownSummary("Een *korte* zin.", 20), "Een korte zin.");
  EXPECT_EQ(MarkdownSummary(text, 20), first);
  // Long texts are summarised without the cache, with the same result.
  std::string lang(20000, 'a');
  lang = "Begin " + lang;
  EXPECT_EQ(MarkdownSummary(lang, 10), "Begin aaaa…");
}

}  // namespace
}  // namespace buurtplein::view

namespace buurtplein::view {
namespace {

TEST(MarkdownToHtmlCache, AnswersByText) {
  EXPECT_EQ(MarkdownToHtml("Hallo *buurt*"), "<p>Hallo <em>buurt</em></p>\n");
  EXPECT_EQ(MarkdownToHtml("Hallo *buurt*"), "<p>Hallo <em>buurt</em></p>\n");
  EXPECT_EQ(MarkdownToHtml("Hallo **buurt**"), "<p>Hallo <strong>buurt</strong></p>\n");
  // A summary of the same text is another entry.
  EXPECT_EQ(MarkdownSummary("Hallo *buurt*", 100), "Hallo buurt");
  EXPECT_EQ(MarkdownToHtml("Hallo *buurt*"), "<p>Hallo <em>buurt</em></p>\n");
}

}  // namespace
}  // namespace buurtplein::view
