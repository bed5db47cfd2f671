// The search rebuild of ask & offer, groups and questions on both engines: every item of a site
// is put, walked in batches past the first one, with the document its service puts; only open
// listings; answers folded into their question; nothing of another site.
#include <map>
#include <string>

#include "domain/search/feature_documents.hpp"
#include "testlib/fake_indexer.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::SiteId;
using domain::UserId;
using domain::search::Document;
using domain::search::Kind;
using namespace domain::accounts;
namespace grp = domain::groups;
namespace mkt = domain::market;
namespace qst = domain::questions;

constexpr UnixTime kNow = 1'750'000'000;

class SearchReindexTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const auto nijmegen = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    oost_ = store().sites().CreateSite(nijmegen, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(nijmegen, MakeDraft("zuid", "Zuid"))->id;
    anna_ = store().users().CreateUser(NewUser{"anna@example.nl", "Anna", "$argon2id$x", kNow})->id;
  }

  // Every document of the kind the walk put.
  static std::vector<Document> OfKind(const FakeIndexer& indexer, Kind kind) {
    std::vector<Document> out;
    for (const auto& [key, doc] : indexer.docs) {
      if (key.first == kind) out.push_back(doc);
    }
    return out;
  }

  SiteId oost_, zuid_;
  UserId anna_;
};

TEST_P(SearchReindexTest, ListingsOnlyOpenOnesInBatchesPastTheFirst) {
  // More than one batch (200) of open listings, members-only ones among them.
  constexpr int kOpen = 205;
  for (int i = 0; i < kOpen; ++i) {
    mkt::ListingDraft d;
    d.title = "Ladder " + std::to_string(i);
    d.body_markdown = "Een **lange** ladder.";
    d.visibility = i % 2 ? mkt::Visibility::kMembers : mkt::Visibility::kPublic;
    ASSERT_TRUE(store().market().CreateListing(oost_, anna_, d, kNow - i, kNow + 86400).ok());
  }
  mkt::ListingDraft d;
  d.title = "Gesloten";
  auto closed = store().market().CreateListing(oost_, anna_, d, kNow, kNow + 86400);
  ASSERT_TRUE(closed.ok());
  ASSERT_TRUE(store().market().CloseListing(oost_, closed->id, kNow).ok());
  d.title = "Verlopen";
  ASSERT_TRUE(store().market().CreateListing(oost_, anna_, d, kNow - 90000, kNow - 1).ok());
  d.title = "Zuid";
  auto other = store().market().CreateListing(zuid_, anna_, d, kNow, kNow + 86400);
  ASSERT_TRUE(other.ok());

  FakeIndexer indexer;
  EXPECT_EQ(domain::search::ReindexSiteListings(store(), oost_, kNow, indexer), kOpen);
  const auto docs = OfKind(indexer, Kind::kListing);
  ASSERT_EQ(docs.size(), static_cast<std::size_t>(kOpen));
  int members_only = 0;
  for (const auto& doc : docs) {
    ASSERT_TRUE(doc.site);
    EXPECT_EQ(*doc.site, oost_);
    EXPECT_EQ(doc.url, "vraag-aanbod/" + std::to_string(doc.item_id));
    EXPECT_EQ(doc.body, "Een lange ladder.");
    ASSERT_TRUE(doc.owner);
    EXPECT_EQ(*doc.owner, anna_);
    EXPECT_NE(doc.item_id, closed->id.value);
    EXPECT_NE(doc.item_id, other->id.value) << "nothing of another site";
    if (doc.members_only) ++members_only;
  }
  EXPECT_EQ(members_only, kOpen / 2);
}

TEST_P(SearchReindexTest, GroupsEveryOneInBatchesPastTheFirst) {
  constexpr int kGroups = 203;
  for (int i = 0; i < kGroups; ++i) {
    grp::GroupDraft d;
    d.name = "Club " + std::to_string(i);
    d.description_markdown = "Samen *wandelen*.";
    d.meeting_place = "Buurthuis";
    d.visibility = i == 7 ? grp::Visibility::kMembers : grp::Visibility::kPublic;
    ASSERT_TRUE(store().groups().CreateGroup(oost_, anna_, d, kNow).ok());
  }
  grp::GroupDraft z;
  z.name = "Zuidclub";
  auto other = store().groups().CreateGroup(zuid_, anna_, z, kNow);
  ASSERT_TRUE(other.ok());

  FakeIndexer indexer;
  EXPECT_EQ(domain::search::ReindexSiteGroups(store(), oost_, indexer), kGroups);
  const auto docs = OfKind(indexer, Kind::kGroup);
  ASSERT_EQ(docs.size(), static_cast<std::size_t>(kGroups));
  int members_only = 0;
  for (const auto& doc : docs) {
    EXPECT_EQ(doc.url, "groepen/" + std::to_string(doc.item_id));
    EXPECT_EQ(doc.body, "Samen wandelen. Buurthuis");
    EXPECT_NE(doc.item_id, other->id.value) << "nothing of another site";
    if (doc.members_only) ++members_only;
  }
  EXPECT_EQ(members_only, 1);
}

TEST_P(SearchReindexTest, QuestionsAnsweredOrNotWithTheirAnswers) {
  auto open = store().questions().CreateQuestion(oost_, anna_, qst::QuestionDraft{"Waar is de bieb?", "Ik zoek boeken.", {}},
                                                 kNow);
  auto answered = store().questions().CreateQuestion(
      oost_, anna_, qst::QuestionDraft{"Wie heeft een ladder?", "Voor de dakgoot.", qst::Visibility::kMembers}, kNow);
  auto other = store().questions().CreateQuestion(zuid_, anna_, qst::QuestionDraft{"Zuid?", "", {}}, kNow);
  ASSERT_TRUE(open.ok() && answered.ok() && other.ok());
  ASSERT_TRUE(store().questions().CreateAnswer(oost_, answered->id, anna_, qst::AnswerDraft{"Bij de **buren**."}, kNow + 1).ok());
  ASSERT_TRUE(store().questions().CreateAnswer(oost_, answered->id, anna_, qst::AnswerDraft{"Of de bouwmarkt."}, kNow + 2).ok());

  FakeIndexer indexer;
  EXPECT_EQ(domain::search::ReindexSiteQuestions(store(), oost_, indexer), 2);
  ASSERT_EQ(indexer.docs.count({Kind::kQuestion, open->id.value}), 1u);
  ASSERT_EQ(indexer.docs.count({Kind::kQuestion, answered->id.value}), 1u);
  EXPECT_EQ(indexer.docs.count({Kind::kQuestion, other->id.value}), 0u) << "nothing of another site";
  const Document& a = indexer.docs.at({Kind::kQuestion, answered->id.value});
  EXPECT_EQ(a.title, "Wie heeft een ladder?");
  EXPECT_EQ(a.body, "Voor de dakgoot. Bij de buren. Of de bouwmarkt.");
  EXPECT_EQ(a.url, "vragen/" + std::to_string(answered->id.value));
  EXPECT_TRUE(a.members_only);
  ASSERT_TRUE(a.owner);
  EXPECT_EQ(*a.owner, anna_);
  EXPECT_FALSE(indexer.docs.at({Kind::kQuestion, open->id.value}).members_only);
}

INSTANTIATE_TEST_SUITE_P(Engines, SearchReindexTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
