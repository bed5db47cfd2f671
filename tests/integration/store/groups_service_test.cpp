// The group and question services on both engines, for what the HTTP tests cannot see: every
// change reaches the search indexer (groups as kGroup, questions as kQuestion with their
// answers' text folded in), drops reach it on delete and on account deletion, the change
// listener hears the site, and the integration point for news and the agenda.
#include <map>
#include <string>

#include "domain/groups/group_service.hpp"
#include "domain/questions/question_service.hpp"
#include "testlib/fake_indexer.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;
using domain::SiteId;
using domain::UserId;
using domain::search::Document;
using domain::search::Kind;
using namespace domain::accounts;
namespace grp = domain::groups;
namespace qst = domain::questions;

class GroupServiceTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const auto nijmegen = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    oost_ = store().sites().CreateSite(nijmegen, MakeDraft("oost", "Oost"))->id;
    anna_ = Member("anna@example.nl", "Anna");
    bert_ = Member("bert@example.nl", "Bert");
    groups_ = std::make_unique<grp::GroupService>(store(), clock_);
    groups_->SetIndexer(&indexer_);
    groups_->SetChangeListener([this](SiteId s) { changed_.push_back(s); });
    questions_ = std::make_unique<qst::QuestionService>(store(), clock_);
    questions_->SetIndexer(&indexer_);
    questions_->SetChangeListener([this](SiteId s) { changed_.push_back(s); });
  }

  UserId Member(const std::string& email, const std::string& name) {
    auto u = store().users().CreateUser(NewUser{email, name, "$argon2id$x", clock_.Now()});
    EXPECT_TRUE(u.ok());
    Membership m;
    m.user = u->id;
    m.status = MemberStatus::kVerified;
    EXPECT_TRUE(store().memberships().CreateMembership(oost_, m).ok());
    return u->id;
  }

  grp::Viewer As(UserId user) { return grp::Viewer::Of(user, store().memberships().FindMembership(oost_, user)); }

  domain::ManualClock clock_;
  FakeIndexer indexer_;
  std::vector<SiteId> changed_;
  std::unique_ptr<grp::GroupService> groups_;
  std::unique_ptr<qst::QuestionService> questions_;
  SiteId oost_;
  UserId anna_, bert_;
};

TEST_P(GroupServiceTest, GroupsReachTheSearchIndexOnEveryChange) {
  auto g = groups_->Create(oost_, As(anna_), grp::GroupDraft{"Moestuin", "Samen **groente** kweken.", "Achtertuin",
                                                            true, grp::Visibility::kMembers});
  ASSERT_TRUE(g.ok());
  ASSERT_EQ(indexer_.docs.count({Kind::kGroup, g->id.value}), 1u);
  const Document& doc = indexer_.docs.at({Kind::kGroup, g->id.value});
  EXPECT_EQ(doc.title, "Moestuin");
  EXPECT_EQ(doc.body, "Samen groente kweken. Achtertuin");
  EXPECT_EQ(doc.url, "groepen/" + std::to_string(g->id.value)) << "placed by its site";
  EXPECT_TRUE(doc.members_only);
  ASSERT_TRUE(doc.site);
  EXPECT_EQ(*doc.site, oost_);
  EXPECT_EQ(changed_, std::vector<SiteId>{oost_});

  ASSERT_TRUE(groups_->Edit(oost_, g->id, As(anna_), grp::GroupDraft{"Moestuin Oost", "Tekst", "", true,
                                                                      grp::Visibility::kPublic})
                  .ok());
  EXPECT_EQ(indexer_.docs.at({Kind::kGroup, g->id.value}).title, "Moestuin Oost");
  EXPECT_FALSE(indexer_.docs.at({Kind::kGroup, g->id.value}).members_only);
  EXPECT_EQ(groups_->Edit(oost_, g->id, As(bert_), grp::GroupDraft{"Gekaapt", "x", "", true,
                                                                    grp::Visibility::kPublic})
                .error()
                .code,
            ErrorCode::kForbidden);
  ASSERT_TRUE(groups_->Delete(oost_, g->id, As(anna_)).ok());
  EXPECT_EQ(indexer_.docs.count({Kind::kGroup, g->id.value}), 0u);
}

TEST_P(GroupServiceTest, TheGroupsAUserAdministersForNewsAndTheAgenda) {
  auto a = groups_->Create(oost_, As(anna_), grp::GroupDraft{"Repair Café", "Repareren", "", false, {}});
  auto b = groups_->Create(oost_, As(bert_), grp::GroupDraft{"Koor", "Zingen", "", true, {}});
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(groups_->Join(oost_, b->id, As(anna_)).value(), grp::MemberStatus::kActive);
  ASSERT_EQ(groups_->Join(oost_, a->id, As(bert_)).value(), grp::MemberStatus::kPending);
  EXPECT_EQ(groups_->AdministeredBy(oost_, anna_).size(), 1u);
  EXPECT_TRUE(groups_->IsAdmin(oost_, a->id, anna_));
  EXPECT_FALSE(groups_->IsAdmin(oost_, b->id, anna_));
  EXPECT_FALSE(groups_->IsAdmin(oost_, a->id, bert_)) << "a request is not a membership";
  ASSERT_TRUE(groups_->MakeAdmin(oost_, b->id, As(bert_), anna_).ok());
  EXPECT_EQ(groups_->AdministeredBy(oost_, anna_).size(), 2u);
}

TEST_P(GroupServiceTest, QuestionsReachTheSearchIndexWithTheirAnswers) {
  auto q = questions_->Ask(oost_, As(anna_), qst::QuestionDraft{"Waar is de bibliotheek?", "", {}});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(indexer_.docs.at({Kind::kQuestion, q->id.value}).url,
            "vragen/" + std::to_string(q->id.value));
  auto a = questions_->AnswerQuestion(oost_, q->id, As(bert_), "Aan het *Plein*.");
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->is_professional) << "no professional role yet";
  EXPECT_EQ(indexer_.docs.at({Kind::kQuestion, q->id.value}).body, "Aan het Plein.");
  EXPECT_EQ(questions_->MarkHelpful(oost_, q->id, As(bert_), a->id).error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(questions_->MarkHelpful(oost_, q->id, As(anna_), a->id).ok());
  ASSERT_TRUE(questions_->DeleteAnswer(oost_, q->id, a->id, As(bert_)).ok());
  EXPECT_EQ(indexer_.docs.at({Kind::kQuestion, q->id.value}).body, "");

  // The asker leaves and takes their words: the question leaves the index.
  ASSERT_TRUE(questions_->EraseContent(anna_, ContentChoice::kRemove).ok());
  EXPECT_EQ(indexer_.docs.count({Kind::kQuestion, q->id.value}), 0u);
}

INSTANTIATE_TEST_SUITE_P(Engines, GroupServiceTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
