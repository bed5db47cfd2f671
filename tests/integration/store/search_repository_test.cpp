// The search index on both engines: Dutch stemming ("bibliotheek" finds "bibliotheken"),
// accents folded ("cafe" finds "café"), title matches ranked first, highlighted snippets,
// site and city scoping (site A's documents never found through site B), members-only and
// scheduled documents, kinds, pagination, replacing and dropping, and nasty input.
#include <algorithm>
#include <string>

#include "domain/search/model.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::CityId;
using domain::SiteId;
using domain::UserId;
using domain::search::Document;
using domain::search::Hit;
using domain::search::HitPage;
using domain::search::Kind;
using domain::search::ParseQuery;
using domain::search::SearchQuery;
using namespace domain::accounts;

constexpr std::int64_t kNow = 1'750'000'000;

class SearchRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    nijmegen_ = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    arnhem_ = store().cities().CreateCity(MakeCity("GM0202", "arnhem", "Arnhem"))->id;
    oost_ = store().sites().CreateSite(nijmegen_, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(nijmegen_, MakeDraft("zuid", "Zuid"))->id;
    presikhaaf_ = store().sites().CreateSite(arnhem_, MakeDraft("presikhaaf", "Presikhaaf"))->id;
    NewUser nu;
    nu.email = "anna@example.nl";
    nu.display_name = "Anna";
    nu.password_hash = "$argon2id$x";
    nu.created_at = kNow;
    auto u = store().users().CreateUser(nu);
    ASSERT_TRUE(u.ok());
    anna_ = u->id;
  }

  domain::search::SearchRepository& search() { return store().search(); }

  Document Doc(std::int64_t id, std::optional<SiteId> site, const std::string& title, const std::string& body,
               Kind kind = Kind::kNews) {
    Document d;
    d.kind = kind;
    d.item_id = id;
    d.city = site && *site == presikhaaf_ ? arnhem_ : nijmegen_;
    d.site = site;
    d.title = title;
    d.body = body;
    d.url = "/nijmegen/x/" + std::to_string(id);
    d.when = kNow - 100;
    return d;
  }

  static SearchQuery Query(const std::string& text, int limit = 10, int offset = 0) {
    SearchQuery q;
    q.terms = ParseQuery(text);
    q.now = kNow;
    q.limit = limit;
    q.offset = offset;
    return q;
  }

  static std::vector<std::int64_t> Ids(const HitPage& page) {
    std::vector<std::int64_t> out;
    for (const auto& h : page.hits) out.push_back(h.item_id);
    return out;
  }
  static std::vector<std::int64_t> Sorted(std::vector<std::int64_t> v) {
    std::sort(v.begin(), v.end());
    return v;
  }

  HitPage InOost(const std::string& text, bool member = false) {
    return search().SearchSite(oost_, nijmegen_, Query(text), member);
  }

  CityId nijmegen_, arnhem_;
  SiteId oost_, zuid_, presikhaaf_;
  UserId anna_;
};

using IdList = std::vector<std::int64_t>;

TEST_P(SearchRepositoryTest, StemmingFindsOtherFormsOfAWord) {
  search().Put(Doc(1, oost_, "Nieuwe bibliotheken in de wijk", "Twee vestigingen gaan open."));
  search().Put(Doc(2, oost_, "Straatfeest", "Muziek en eten op straat."));
  EXPECT_EQ(Ids(InOost("bibliotheek")), IdList({1}));
  EXPECT_EQ(Ids(InOost("BIBLIOTHEKEN")), IdList({1}));
  EXPECT_EQ(Ids(InOost("straten")), IdList({2}));
  EXPECT_TRUE(InOost("fietsenmaker").hits.empty());
}

TEST_P(SearchRepositoryTest, AccentsAreFoldedBothWays) {
  search().Put(Doc(1, oost_, "Koffie in het café", "Ideeën voor de buurt zijn welkom."));
  EXPECT_EQ(Ids(InOost("cafe")), IdList({1}));
  EXPECT_EQ(Ids(InOost("CAFÉ")), IdList({1}));
  EXPECT_EQ(Ids(InOost("ideeen")), IdList({1}));
}

TEST_P(SearchRepositoryTest, EveryWordMustMatchAndTitlesRankFirst) {
  search().Put(Doc(1, oost_, "Buurtmoestuin", "We zoeken vrijwilligers voor de moestuin en de tuin."));
  search().Put(Doc(2, oost_, "Vrijwilligers gezocht", "Voor de moestuin."));
  search().Put(Doc(3, oost_, "Vrijwilligers voor de speeltuin", "Help mee."));
  EXPECT_EQ(Ids(InOost("vrijwilligers moestuin")).size(), 2u);
  const auto ranked = InOost("vrijwilligers");
  ASSERT_EQ(ranked.hits.size(), 3u);
  EXPECT_NE(ranked.hits.back().item_id, 2) << "a title match ranks above a body-only match";
  EXPECT_EQ(ranked.hits.back().item_id, 1);
  EXPECT_EQ(ranked.total, 3);
}

TEST_P(SearchRepositoryTest, SnippetsMarkTheMatchedWords) {
  search().Put(Doc(1, oost_, "Nieuws", "Vanaf maandag zijn de bibliotheken in Oost weer open <b>voor</b> iedereen."));
  const auto r = InOost("bibliotheek");
  ASSERT_EQ(r.hits.size(), 1u);
  const std::string& s = r.hits[0].snippet;
  EXPECT_TRUE(Contains(s, "\x01" "bibliotheken\x02")) << s;
  EXPECT_TRUE(Contains(s, "voor")) << "plain text (PostgreSQL drops tags, SQLite keeps them: the view escapes it)";
  EXPECT_EQ(r.hits[0].title, "Nieuws");
  EXPECT_EQ(r.hits[0].url, "/nijmegen/x/1");
  EXPECT_EQ(r.hits[0].when, kNow - 100);
  EXPECT_EQ(r.hits[0].site, oost_);
  EXPECT_EQ(r.hits[0].kind, Kind::kNews);
}

TEST_P(SearchRepositoryTest, ASiteFindsItsOwnAndTheCityWideDocumentsOnly) {
  search().Put(Doc(1, oost_, "Fietsenstalling Oost", ""));
  search().Put(Doc(2, zuid_, "Fietsenstalling Zuid", ""));
  search().Put(Doc(3, std::nullopt, "Fietsenstalling van de gemeente", "", Kind::kService));
  search().Put(Doc(4, presikhaaf_, "Fietsenstalling Presikhaaf", ""));
  EXPECT_EQ(Sorted(Ids(InOost("fietsenstalling"))), IdList({1, 3}));
  EXPECT_EQ(Sorted(Ids(search().SearchSite(zuid_, nijmegen_, Query("fietsenstalling"), true))), IdList({2, 3}));
  // Site B's id with site A's city finds nothing of B; A's site with B's city finds nothing.
  EXPECT_EQ(Ids(search().SearchSite(presikhaaf_, nijmegen_, Query("fietsenstalling"), true)), IdList({3}));
  EXPECT_TRUE(search().SearchSite(oost_, arnhem_, Query("oost"), true).hits.empty());
  // The city finds every site of its own, nothing of another city.
  EXPECT_EQ(Sorted(Ids(search().SearchCity(nijmegen_, Query("fietsenstalling"), {}))), IdList({1, 2, 3}));
  EXPECT_EQ(Ids(search().SearchCity(arnhem_, Query("fietsenstalling"), {})), IdList({4}));
}

TEST_P(SearchRepositoryTest, MembersOnlyDocumentsOnlyForMembersOfTheirSite) {
  auto secret = Doc(1, oost_, "Sleutel van het buurthuis", "");
  secret.members_only = true;
  search().Put(secret);
  auto zuid_secret = Doc(2, zuid_, "Sleutel van de schuur", "");
  zuid_secret.members_only = true;
  search().Put(zuid_secret);
  EXPECT_TRUE(InOost("sleutel", false).hits.empty());
  EXPECT_EQ(Ids(InOost("sleutel", true)), IdList({1})) << "a member of Oost; Zuid's stays hidden";
  EXPECT_TRUE(search().SearchCity(nijmegen_, Query("sleutel"), {}).hits.empty());
  EXPECT_EQ(Ids(search().SearchCity(nijmegen_, Query("sleutel"), {zuid_})), IdList({2}));
  EXPECT_EQ(Sorted(Ids(search().SearchCity(nijmegen_, Query("sleutel"), {oost_, zuid_}))), IdList({1, 2}));
  EXPECT_EQ(search().SearchCity(nijmegen_, Query("sleutel"), {}).total, 0);
}

TEST_P(SearchRepositoryTest, ScheduledDocumentsAreFoundFromTheirTimeOn) {
  auto later = Doc(1, oost_, "Rommelmarkt", "");
  later.visible_from = kNow + 3600;
  search().Put(later);
  EXPECT_TRUE(InOost("rommelmarkt", true).hits.empty());
  auto q = Query("rommelmarkt");
  q.now = kNow + 3600;
  EXPECT_EQ(Ids(search().SearchSite(oost_, nijmegen_, q, false)), IdList({1})) << "no reindex needed";
  EXPECT_EQ(Ids(search().SearchCity(nijmegen_, q, {})), IdList({1}));
}

TEST_P(SearchRepositoryTest, FiltersByKind) {
  search().Put(Doc(1, oost_, "Buurtbarbecue", "", Kind::kNews));
  search().Put(Doc(1, oost_, "Buurtbarbecue", "", Kind::kEvent));
  auto q = Query("buurtbarbecue");
  EXPECT_EQ(search().SearchSite(oost_, nijmegen_, q, false).hits.size(), 2u);
  q.kind = Kind::kEvent;
  const auto events = search().SearchSite(oost_, nijmegen_, q, false);
  ASSERT_EQ(events.hits.size(), 1u);
  EXPECT_EQ(events.hits[0].kind, Kind::kEvent);
  EXPECT_EQ(events.total, 1);
  q.kind = Kind::kGroup;
  EXPECT_TRUE(search().SearchCity(nijmegen_, q, {}).hits.empty());
}

TEST_P(SearchRepositoryTest, PagesAreBoundedAndTheCountIsCapped) {
  for (int i = 1; i <= 25; ++i) search().Put(Doc(i, oost_, "Zwerfafval " + std::to_string(i), "opruimen"));
  std::vector<std::int64_t> seen;
  for (int offset = 0; offset < 30; offset += 10) {
    auto page = search().SearchSite(oost_, nijmegen_, Query("zwerfafval", 10, offset), false);
    EXPECT_LE(page.hits.size(), 10u);
    EXPECT_EQ(page.total, 25);
    for (auto id : Ids(page)) seen.push_back(id);
  }
  EXPECT_EQ(seen.size(), 25u);
  EXPECT_EQ(Sorted(seen).front(), 1);
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end()) << "no result on two pages";
  auto capped = Query("zwerfafval", 5);
  capped.count_cap = 11;
  EXPECT_EQ(search().SearchCity(nijmegen_, capped, {}).total, 11);
  EXPECT_EQ(search().SearchCity(nijmegen_, capped, {}).hits.size(), 5u);
}

TEST_P(SearchRepositoryTest, PutReplacesDropRemoves) {
  search().Put(Doc(1, oost_, "Oud papier", ""));
  search().Put(Doc(1, oost_, "Glasbak verplaatst", ""));
  EXPECT_TRUE(InOost("papier").hits.empty()) << "the old words are gone from the index";
  EXPECT_EQ(Ids(InOost("glasbak")), IdList({1}));
  EXPECT_EQ(search().CountDocuments(), 1);
  search().Drop(Kind::kEvent, 1);
  EXPECT_EQ(search().CountDocuments(), 1) << "another kind's item 1";
  search().Drop(Kind::kNews, 1);
  EXPECT_TRUE(InOost("glasbak").hits.empty());
  search().Put(Doc(2, oost_, "Glasbak", ""));
  search().Put(Doc(3, oost_, "Glasbak", "", Kind::kEvent));
  search().DropKind(Kind::kNews);
  EXPECT_EQ(Ids(InOost("glasbak")), IdList({3}));
}

TEST_P(SearchRepositoryTest, AnOwnersDocumentsGoOrStayWhenTheyLeave) {
  auto mine = Doc(1, oost_, "Fietsreparatie", "");
  mine.owner = anna_;
  search().Put(mine);
  search().Put(Doc(2, oost_, "Fietsreparatie", ""));
  search().EraseOwner(anna_, false);
  EXPECT_EQ(InOost("fietsreparatie").hits.size(), 2u);
  search().Put(mine);
  search().EraseOwner(anna_, true);
  EXPECT_EQ(Ids(InOost("fietsreparatie")), IdList({2}));
}

TEST_P(SearchRepositoryTest, DeletingASiteEmptiesItsPartOfTheIndex) {
  search().Put(Doc(1, oost_, "Speeltuin", ""));
  search().Put(Doc(2, zuid_, "Speeltuin", ""));
  db().Exec("DELETE FROM sites WHERE slug = 'oost'");
  EXPECT_EQ(Ids(search().SearchCity(nijmegen_, Query("speeltuin"), {})), IdList({2}));
}

// Whatever is typed, the search never fails with a syntax error.
TEST_P(SearchRepositoryTest, NastyInputNeverBreaksTheQuery) {
  search().Put(Doc(1, oost_, "Buurthuis \"De Klok\" open", "NOT closed; NEAR the park: title*"));
  const char* nasty[] = {"\"",       "\"De Klok",  "NOT",      "NEAR(a b)", "title:open", "open*",
                         "^open",    "a AND OR",   "(((",      "'",         "\\",         "-open",
                         "+",        "* * *",      "a:b:c",    "&|!<->",    ":*",         "''; DROP TABLE x; --",
                         "\xff\xfe", "ééé",        "open OR",  "{x}",       "[a]",        "%_"};
  for (const char* n : nasty) {
    SCOPED_TRACE(n);
    auto q = Query(n);
    if (q.terms.empty()) continue;
    EXPECT_NO_THROW(search().SearchSite(oost_, nijmegen_, q, true));
    EXPECT_NO_THROW(search().SearchCity(nijmegen_, q, {}));
  }
  EXPECT_EQ(Ids(InOost("\"De Klok\"")), IdList({1}));
  EXPECT_EQ(Ids(InOost("NOT closed")), IdList({1}));
}

INSTANTIATE_TEST_SUITE_P(Engines, SearchRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
