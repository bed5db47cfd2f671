// Questions on both engines: ask, answer (counted on the question), the answer that helped
// (one, may change, only an answer of this question), open and answered lists with members-only
// filtering and paging; site isolation; authors who leave.
#include <string>

#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;
using domain::SiteId;
using domain::UserId;
using domain::questions::Answer;
using domain::questions::AnswerDraft;
using domain::questions::AnswerId;
using domain::questions::ListQuery;
using domain::questions::Question;
using domain::questions::QuestionDraft;
using domain::questions::Visibility;
using namespace domain::accounts;

constexpr UnixTime kNow = 1'750'000'000;

class QuestionRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const auto nijmegen = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    oost_ = store().sites().CreateSite(nijmegen, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(nijmegen, MakeDraft("zuid", "Zuid"))->id;
    anna_ = store().users().CreateUser(NewUser{"anna@example.nl", "Anna", "$argon2id$x", kNow})->id;
    bert_ = store().users().CreateUser(NewUser{"bert@example.nl", "Bert", "$argon2id$x", kNow})->id;
  }

  domain::questions::QuestionRepository& questions() { return store().questions(); }

  Question Ask(SiteId site, const std::string& title, std::int64_t at = kNow, Visibility v = Visibility::kPublic) {
    auto q = questions().CreateQuestion(site, anna_, QuestionDraft{title, "Meer over " + title, v}, at);
    EXPECT_TRUE(q.ok()) << (q.ok() ? "" : q.error().internal_detail);
    return q.ok() ? *q : Question{};
  }

  Answer Reply(SiteId site, const Question& q, const std::string& text, std::int64_t at = kNow + 10) {
    AnswerDraft d;
    d.body_markdown = text;
    auto a = questions().CreateAnswer(site, q.id, bert_, d, at);
    EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().internal_detail);
    return a.ok() ? *a : Answer{};
  }

  std::vector<std::string> Titles(SiteId site, bool answered, bool members = true, int limit = 10, int offset = 0) {
    ListQuery q;
    q.answered = answered;
    q.include_members_only = members;
    q.limit = limit;
    q.offset = offset;
    std::vector<std::string> out;
    for (const auto& x : questions().ListQuestions(site, q)) out.push_back(x.title);
    return out;
  }

  SiteId oost_, zuid_;
  UserId anna_, bert_;
};

TEST_P(QuestionRepositoryTest, AsksAnswersAndCountsAnswers) {
  const Question q = Ask(oost_, "Waar kan ik terecht met mijn belastingaangifte?");
  EXPECT_EQ(q.answer_count, 0);
  EXPECT_EQ(q.author_name, "Anna");
  EXPECT_FALSE(q.helpful_answer);
  AnswerDraft pro;
  pro.body_markdown = "Bij het wijkteam.";
  pro.is_professional = true;
  pro.organisation_name = "Sociaal wijkteam";
  auto a = questions().CreateAnswer(oost_, q.id, bert_, pro, kNow + 5);
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->is_professional);
  EXPECT_EQ(a->organisation_name, "Sociaal wijkteam");
  EXPECT_EQ(a->author_name, "Bert");
  Reply(oost_, q, "Bij de bibliotheek.", kNow + 6);
  auto found = questions().FindQuestion(oost_, q.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->answer_count, 2);
  EXPECT_EQ(found->updated_at, kNow + 6);
  auto answers = questions().ListAnswers(oost_, q.id, 10, 0);
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[0].body_markdown, "Bij het wijkteam.");
  EXPECT_EQ(answers[1].body_markdown, "Bij de bibliotheek.");
  EXPECT_EQ(questions().ListAnswers(oost_, q.id, 1, 1).size(), 1u);
  ASSERT_TRUE(questions().DeleteAnswer(oost_, answers[0].id).ok());
  EXPECT_EQ(questions().FindQuestion(oost_, q.id)->answer_count, 1);
}

TEST_P(QuestionRepositoryTest, OneHelpfulAnswerThatMayChangeAndMustBelongToTheQuestion) {
  const Question q = Ask(oost_, "Kledingbank?");
  const Question other = Ask(oost_, "Fiets graveren?");
  const Answer first = Reply(oost_, q, "Kringloop");
  const Answer second = Reply(oost_, q, "Buurthuis");
  const Answer elsewhere = Reply(oost_, other, "Politie");
  ASSERT_TRUE(questions().SetHelpful(oost_, q.id, first.id).ok());
  EXPECT_EQ(questions().FindQuestion(oost_, q.id)->helpful_answer, first.id);
  ASSERT_TRUE(questions().SetHelpful(oost_, q.id, second.id).ok());
  EXPECT_EQ(questions().FindQuestion(oost_, q.id)->helpful_answer, second.id);
  EXPECT_EQ(questions().SetHelpful(oost_, q.id, elsewhere.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(questions().FindQuestion(oost_, q.id)->helpful_answer, second.id);
  // Deleting the helpful answer takes the mark with it.
  ASSERT_TRUE(questions().DeleteAnswer(oost_, second.id).ok());
  EXPECT_FALSE(questions().FindQuestion(oost_, q.id)->helpful_answer);
  ASSERT_TRUE(questions().SetHelpful(oost_, q.id, first.id).ok());
  ASSERT_TRUE(questions().SetHelpful(oost_, q.id, std::nullopt).ok());
  EXPECT_FALSE(questions().FindQuestion(oost_, q.id)->helpful_answer);
}

TEST_P(QuestionRepositoryTest, AnotherSitesQuestionCannotBeReadAnsweredOrChanged) {
  const Question q = Ask(oost_, "Waar is de huisarts?");
  const Answer a = Reply(oost_, q, "Aan het plein");
  EXPECT_FALSE(questions().FindQuestion(zuid_, q.id));
  EXPECT_FALSE(questions().FindAnswer(zuid_, a.id));
  AnswerDraft d;
  d.body_markdown = "Van Zuid";
  EXPECT_EQ(questions().CreateAnswer(zuid_, q.id, bert_, d, kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(questions().SetHelpful(zuid_, q.id, a.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(questions().DeleteAnswer(zuid_, a.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(questions().DeleteQuestion(zuid_, q.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(questions().ListAnswers(zuid_, q.id, 10, 0).empty());
  EXPECT_TRUE(Titles(zuid_, true).empty());
  auto found = questions().FindQuestion(oost_, q.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->answer_count, 1);
  EXPECT_FALSE(found->helpful_answer);
}

TEST_P(QuestionRepositoryTest, OpenAndAnsweredListsNewestFirstWithMembersOnlyFiltered) {
  const Question a = Ask(oost_, "A", kNow - 30);
  Ask(oost_, "B", kNow - 20, Visibility::kMembers);
  Ask(oost_, "C", kNow - 10);
  Ask(zuid_, "Z", kNow);
  EXPECT_EQ(Titles(oost_, false), (std::vector<std::string>{"C", "B", "A"}));
  EXPECT_EQ(Titles(oost_, false, false), (std::vector<std::string>{"C", "A"}));
  EXPECT_EQ(Titles(oost_, false, true, 2, 1), (std::vector<std::string>{"B", "A"}));
  Reply(oost_, a, "Antwoord", kNow + 1);
  EXPECT_EQ(Titles(oost_, false), (std::vector<std::string>{"C", "B"}));
  EXPECT_EQ(Titles(oost_, true), (std::vector<std::string>{"A"}));
  ASSERT_TRUE(questions().DeleteQuestion(oost_, a.id).ok());
  EXPECT_TRUE(Titles(oost_, true).empty());
}

TEST_P(QuestionRepositoryTest, AuthorsWhoLeaveAreUnlinkedOrTheirWordsRemoved) {
  const Question mine = Ask(oost_, "Van Anna");
  const Answer answer = Reply(oost_, mine, "Van Bert");
  auto theirs = questions().CreateQuestion(zuid_, bert_, QuestionDraft{"Van Bert in Zuid", "", Visibility::kPublic}, kNow);
  ASSERT_TRUE(theirs.ok());
  AnswerDraft d;
  d.body_markdown = "Van Anna in Zuid";
  ASSERT_TRUE(questions().CreateAnswer(zuid_, theirs->id, anna_, d, kNow + 1).ok());

  auto touched = questions().EraseAuthor(bert_, false);
  EXPECT_EQ(touched.size(), 2u);
  EXPECT_FALSE(questions().FindAnswer(oost_, answer.id)->author);
  EXPECT_FALSE(questions().FindQuestion(zuid_, theirs->id)->author);

  touched = questions().EraseAuthor(anna_, true);
  EXPECT_EQ(touched.size(), 2u);
  EXPECT_FALSE(questions().FindQuestion(oost_, mine.id));
  EXPECT_FALSE(questions().FindAnswer(oost_, answer.id)) << "answers go with the question";
  auto left = questions().FindQuestion(zuid_, theirs->id);
  ASSERT_TRUE(left);
  EXPECT_EQ(left->answer_count, 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, QuestionRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
