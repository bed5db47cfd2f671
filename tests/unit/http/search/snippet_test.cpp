// Snippets from the index become HTML safely: text is escaped, only our markers become <mark>.
#include <gtest/gtest.h>

#include "http/handlers/search/snippet.hpp"

namespace buurtplein::http::handlers::search {
namespace {

TEST(SnippetHtml, EscapesTextAndMarksMatches) {
  EXPECT_EQ(SnippetHtml("naar de \x01" "bibliotheken\x02 & <b>meer</b>"),
            "naar de <mark>bibliotheken</mark> &amp; &lt;b&gt;meer&lt;/b&gt;");
  EXPECT_EQ(SnippetHtml("<mark>nep</mark>"), "&lt;mark&gt;nep&lt;/mark&gt;");
}

TEST(SnippetHtml, MarksAreAlwaysBalanced) {
  EXPECT_EQ(SnippetHtml("\x02open\x01" "half"), "open<mark>half</mark>");
  EXPECT_EQ(SnippetHtml("\x01\x01" "a\x02\x02"), "<mark>a</mark>");
  EXPECT_EQ(SnippetHtml(""), "");
}

}  // namespace
}  // namespace buurtplein::http::handlers::search
