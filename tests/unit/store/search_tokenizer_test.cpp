// The SQLite search tokenizer: lower case, accents folded (UTF-8 aware), Dutch Snowball stems;
// and the FTS5 query that user words become.
#include <gtest/gtest.h>

#include "store/sqlite/search_repository.hpp"
#include "store/sqlite/search_tokenizer.hpp"

namespace buurtplein::store::sqlite {
namespace {

using Words = std::vector<std::string>;

TEST(FoldWord, LowersAndFoldsAccents) {
  EXPECT_EQ(FoldWord("Café"), "cafe");
  EXPECT_EQ(FoldWord("IDEEËN"), "ideeen");
  EXPECT_EQ(FoldWord("ĳsbaan"), "ijsbaan");
  EXPECT_EQ(FoldWord("Ĳs"), "ijs");
  EXPECT_EQ(FoldWord("Straße"), "strasse");
  EXPECT_EQ(FoldWord("Œuvre"), "oeuvre");
  EXPECT_EQ(FoldWord("çà"), "ca");
  EXPECT_EQ(FoldWord("cafe\xcc\x81"), "cafe") << "e + combining acute";
  EXPECT_EQ(FoldWord("Ωμέγα"), "ωμέγα") << "outside Latin: lower case, kept";
}

TEST(SearchTokens, StemsDutchSoWordFormsMeet) {
  EXPECT_EQ(SearchTokens("bibliotheek"), SearchTokens("bibliotheken"));
  EXPECT_EQ(SearchTokens("Bibliotheken"), Words({"bibliothek"}));
  EXPECT_EQ(SearchTokens("café"), SearchTokens("cafe"));
  EXPECT_EQ(SearchTokens("straten"), SearchTokens("straat"));
  EXPECT_EQ(SearchTokens("De buurt-bibliotheek, café!").size(), 4u);
}

TEST(SearchTokens, SurvivesAnything) {
  EXPECT_TRUE(SearchTokens("").empty());
  EXPECT_TRUE(SearchTokens("... --- !!!").empty());
  EXPECT_EQ(SearchTokens("\xff\xfe" "fiets\xc3").size(), 1u);
  EXPECT_EQ(SearchTokens(std::string(10000, 'a')).size(), 1u) << "a very long word is indexed unstemmed";
  EXPECT_TRUE(SearchTokens("\xcc\x81\xcc\x81").empty()) << "only combining marks";
}

TEST(Fts5Match, QuotesEveryWord) {
  EXPECT_EQ(Fts5Match({"oud", "papier"}), "\"oud\" \"papier\"");
  EXPECT_EQ(Fts5Match({"NOT", "NEAR"}), "\"NOT\" \"NEAR\"") << "operators become plain words";
  EXPECT_EQ(Fts5Match({"a\"b"}), "\"a\"\"b\"");
}

}  // namespace
}  // namespace buurtplein::store::sqlite
