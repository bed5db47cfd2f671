// What someone types becomes plain words, never search syntax; documents are cleaned and
// placed before they reach the index; news posts become documents.
#include <gtest/gtest.h>

#include "domain/search/model.hpp"
#include "domain/search/news_documents.hpp"
#include "domain/search/search_service.hpp"

namespace buurtplein::domain::search {
namespace {

using Words = std::vector<std::string>;

TEST(ParseQuery, SplitsOnEverythingButLettersAndDigits) {
  EXPECT_EQ(ParseQuery("bibliotheek"), Words({"bibliotheek"}));
  EXPECT_EQ(ParseQuery("  oud   papier "), Words({"oud", "papier"}));
  EXPECT_EQ(ParseQuery("café, ideeën!"), Words({"café", "ideeën"}));
  EXPECT_EQ(ParseQuery("koffie–ochtend…3e"), Words({"koffie", "ochtend", "3e"}));
  EXPECT_EQ(ParseQuery("Zaterdag Zaterdag"), Words({"Zaterdag"})) << "a word once";
}

TEST(ParseQuery, SearchSyntaxIsJustSeparators) {
  EXPECT_EQ(ParseQuery("\"oud papier\""), Words({"oud", "papier"}));
  EXPECT_EQ(ParseQuery("title:fiets* NOT (auto) ^start"), Words({"title", "fiets", "NOT", "auto", "start"}));
  EXPECT_EQ(ParseQuery("a & b | !c <-> d:*"), Words({"a", "b", "c", "d"}));
  EXPECT_EQ(ParseQuery("'; DROP TABLE search_documents; --"), Words({"DROP", "TABLE", "search", "documents"}));
  EXPECT_TRUE(ParseQuery("\"\" () * : ^ - + ~ \\ ' ` ").empty());
  EXPECT_TRUE(ParseQuery("").empty());
}

TEST(ParseQuery, IsBoundedAndDropsInvalidUtf8) {
  std::string many;
  for (int i = 0; i < 30; ++i) many += "woord" + std::to_string(i) + " ";
  EXPECT_EQ(ParseQuery(many).size(), kMaxTerms);
  EXPECT_EQ(ParseQuery(std::string(500, 'a')).front().size(), kMaxTermBytes);
  EXPECT_EQ(ParseQuery("fi\xff\xfets \xc3"), Words({"fi", "ts"}));
  EXPECT_EQ(ParseQuery("\xed\xa0\x80zon"), Words({"zon"})) << "a UTF-16 surrogate is not UTF-8";
  EXPECT_EQ(ParseQuery("\xc0\xafzon"), Words({"zon"})) << "overlong '/'";
}

TEST(WithoutStopWords, DropsDutchStopWordsUnlessNothingIsLeft) {
  EXPECT_EQ(WithoutStopWords(ParseQuery("Waar is de bibliotheek")), Words({"Waar", "bibliotheek"}));
  EXPECT_EQ(WithoutStopWords(ParseQuery("Wie heeft een ladder")), Words({"ladder"}));
  EXPECT_EQ(WithoutStopWords(ParseQuery("wie is er")), Words({"wie", "is", "er"}));
}

TEST(KindNames, RoundTrip) {
  for (Kind k : kAllKinds) EXPECT_EQ(KindFromName(KindName(k)), k);
  EXPECT_FALSE(KindFromName("nieuws"));
}

TEST(MarkdownWords, KeepsTheWordsOnly) {
  EXPECT_EQ(MarkdownWords("# Kop\n\nZaterdag halen we **oud papier** op. [Meer](https://example.nl/x) `code`"),
            "Kop Zaterdag halen we oud papier op. Meer code");
  EXPECT_EQ(MarkdownWords("<script>alert(1)</script> | a | b |"), "alert(1) a b");
  EXPECT_EQ(MarkdownWords("Aan het *Plein*. En **hier**, ja!"), "Aan het Plein. En hier, ja!");
}

TEST(NewsDocument, IsPlacedByItsSiteAndFoundFromItsPublication) {
  news::Post p;
  p.id = news::PostId{12};
  p.site = SiteId{3};
  p.author = UserId{7};
  p.title = "Bibliotheken open";
  p.body_markdown = "De **bibliotheek** is open.";
  p.visibility = news::Visibility::kMembers;
  p.published_at = 1'800'000'000;
  const Document d = NewsDocument(p);
  EXPECT_EQ(d.kind, Kind::kNews);
  EXPECT_EQ(d.item_id, 12);
  EXPECT_EQ(d.site, SiteId{3});
  EXPECT_EQ(d.city.value, 0) << "completed by the indexer";
  EXPECT_EQ(d.url, "nieuws/12");
  EXPECT_EQ(d.body, "De bibliotheek is open.");
  EXPECT_TRUE(d.members_only);
  EXPECT_EQ(d.visible_from, 1'800'000'000);
  EXPECT_EQ(d.owner, UserId{7});
}

// A repository that remembers what it was given, and can be made to fail.
class FakeRepository final : public SearchRepository {
 public:
  void Put(const Document& doc) override {
    if (fail) throw std::runtime_error("disk full");
    put.push_back(doc);
  }
  void Drop(Kind, std::int64_t item_id) override {
    if (fail) throw std::runtime_error("disk full");
    dropped.push_back(item_id);
  }
  void DropKind(Kind) override {}
  void EraseOwner(UserId, bool) override {}
  long CountDocuments() override { return static_cast<long>(put.size()); }
  HitPage SearchSite(SiteId, CityId, const SearchQuery& q, bool) override {
    last = q;
    return page;
  }
  HitPage SearchCity(CityId, const SearchQuery& q, const std::vector<SiteId>&) override {
    last = q;
    return page;
  }
  bool fail = false;
  std::vector<Document> put;
  std::vector<std::int64_t> dropped;
  SearchQuery last;
  HitPage page;
};

TEST(StoreIndexer, CompletesDocumentsThatNameOnlyTheirSite) {
  FakeRepository repo;
  StoreIndexer indexer(
      repo, [](SiteId id) -> std::optional<SitePlace> {
        if (id.value != 3) return std::nullopt;
        return SitePlace{CityId{1}, "/nijmegen/oost/"};
      },
      nullptr);
  Document d;
  d.item_id = 12;
  d.site = SiteId{3};
  d.url = "nieuws/12";
  d.title = std::string("Oud \x01papier\x02");
  indexer.Put(d);
  ASSERT_EQ(repo.put.size(), 1u);
  EXPECT_EQ(repo.put[0].city, CityId{1});
  EXPECT_EQ(repo.put[0].url, "/nijmegen/oost/nieuws/12");
  EXPECT_EQ(repo.put[0].title, "Oud  papier ") << "the snippet markers never reach the index";
}

TEST(StoreIndexer, NeverThrowsIntoTheWriterButReports) {
  FakeRepository repo;
  std::vector<std::string> reports;
  StoreIndexer indexer(repo, nullptr, [&](std::string_view what) { reports.emplace_back(what); });
  Document unplaced;
  unplaced.item_id = 1;
  unplaced.site = SiteId{9};
  unplaced.url = "nieuws/1";
  EXPECT_NO_THROW(indexer.Put(unplaced));
  repo.fail = true;
  Document placed;
  placed.item_id = 2;
  placed.city = CityId{1};
  placed.url = "/nijmegen/";
  EXPECT_NO_THROW(indexer.Put(placed));
  EXPECT_NO_THROW(indexer.Drop(Kind::kNews, 2));
  ASSERT_EQ(reports.size(), 3u);
  EXPECT_NE(reports[1].find("disk full"), std::string::npos);
}

TEST(SearchService, PagesAreBoundedAndCounted) {
  FakeRepository repo;
  ManualClock clock;
  SearchService service(repo, clock);
  for (int i = 0; i < SearchService::kPageSize + 1; ++i) repo.page.hits.push_back(Hit{});
  repo.page.total = 500;
  auto r = service.SearchSite(SiteId{1}, CityId{1}, false, {"bibliotheek", std::nullopt, 2});
  EXPECT_EQ(r.hits.size(), static_cast<std::size_t>(SearchService::kPageSize));
  EXPECT_TRUE(r.has_more);
  EXPECT_TRUE(r.total_capped);
  EXPECT_EQ(repo.last.limit, SearchService::kPageSize + 1);
  EXPECT_EQ(repo.last.offset, SearchService::kPageSize);
  EXPECT_EQ(repo.last.now, clock.Now());

  repo.last = {};
  auto empty = service.SearchCity(CityId{1}, {}, {"  \"  ", std::nullopt, 1});
  EXPECT_TRUE(empty.terms.empty());
  EXPECT_TRUE(repo.last.terms.empty()) << "nothing to search: the store is not asked";
  auto beyond = service.SearchCity(CityId{1}, {}, {"fiets", std::nullopt, SearchService::kMaxPage + 1});
  EXPECT_TRUE(beyond.hits.empty());
}

}  // namespace
}  // namespace buurtplein::domain::search
