#include "store/questions/sql_repository.hpp"

#include <algorithm>

namespace buurtplein::store::questions {

using domain::ErrorCode;
using domain::MakeError;
using domain::SiteId;
using domain::UserId;
using domain::questions::Answer;
using domain::questions::AnswerDraft;
using domain::questions::AnswerId;
using domain::questions::ListQuery;
using domain::questions::Question;
using domain::questions::QuestionDraft;
using domain::questions::QuestionId;
using domain::questions::Visibility;
using sql::FirstInt;
using sql::V;

namespace {

// Every statement names the site: a question or answer of another site is never read or
// changed. Never an e-mail address: these rows are shown to other people. Parameters are cast
// where PostgreSQL could not infer their type (is_professional is INTEGER 0/1 on SQLite and
// BOOLEAN on PostgreSQL: CAST(? AS BOOLEAN) writes both, and the runner reads both as 0/1).
#define BP_QUESTION_COLUMNS                                                                                    \
  "q.id, q.site_id, q.author_id, coalesce(u.display_name, ''), q.title, q.body_markdown, q.visibility, "       \
  "q.helpful_answer_id, q.answer_count, q.created_at, q.updated_at FROM questions q LEFT JOIN users u ON u.id = " \
  "q.author_id "
#define BP_ANSWER_COLUMNS                                                                                   \
  "a.id, a.question_id, a.site_id, a.author_id, coalesce(u.display_name, ''), a.body_markdown, "            \
  "a.is_professional, a.organisation_name, a.created_at FROM question_answers a LEFT JOIN users u ON u.id = " \
  "a.author_id "
constexpr const char* kInsertQuestion =
    "INSERT INTO questions (site_id, author_id, title, body_markdown, visibility, answer_count, created_at, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?6) RETURNING id";
constexpr const char* kFindQuestion = "SELECT " BP_QUESTION_COLUMNS "WHERE q.site_id = ?1 AND q.id = ?2";
constexpr const char* kDeleteQuestion = "DELETE FROM questions WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kListQuestions =
    "SELECT " BP_QUESTION_COLUMNS "WHERE q.site_id = ?1 AND (q.visibility = 'public' OR CAST(?2 AS INTEGER) = 1) "
    "AND ((CAST(?3 AS INTEGER) = 0 AND q.answer_count = 0) OR (CAST(?3 AS INTEGER) = 1 AND q.answer_count > 0)) "
    "ORDER BY q.updated_at DESC, q.id DESC LIMIT ?4 OFFSET ?5";
constexpr const char* kInsertAnswer =
    "INSERT INTO question_answers (site_id, question_id, author_id, body_markdown, is_professional, "
    "organisation_name, created_at) SELECT q.site_id, q.id, CAST(?3 AS BIGINT), CAST(?4 AS TEXT), "
    "CAST(?5 AS BOOLEAN), CAST(?6 AS TEXT), CAST(?7 AS BIGINT) FROM questions q "
    "WHERE q.site_id = ?1 AND q.id = ?2 RETURNING id";
constexpr const char* kCountAnswer =
    "UPDATE questions SET answer_count = answer_count + 1, updated_at = ?3 WHERE site_id = ?1 AND id = ?2";
constexpr const char* kFindAnswer = "SELECT " BP_ANSWER_COLUMNS "WHERE a.site_id = ?1 AND a.id = ?2";
constexpr const char* kDeleteAnswer =
    "DELETE FROM question_answers WHERE site_id = ?1 AND id = ?2 RETURNING question_id";
constexpr const char* kUncountAnswer =
    "UPDATE questions SET answer_count = answer_count - 1 WHERE site_id = ?1 AND id = ?2";
constexpr const char* kListAnswers =
    "SELECT " BP_ANSWER_COLUMNS "WHERE a.site_id = ?1 AND a.question_id = ?2 ORDER BY a.created_at, a.id "
    "LIMIT ?3 OFFSET ?4";
constexpr const char* kSetHelpful =
    "UPDATE questions SET helpful_answer_id = CAST(?3 AS BIGINT) WHERE site_id = ?1 AND id = ?2 AND "
    "(CAST(?3 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM question_answers a WHERE a.id = CAST(?3 AS BIGINT) "
    "AND a.question_id = ?2 AND a.site_id = ?1)) RETURNING id";
// Account deletion.
constexpr const char* kTouchedByAuthor =
    "SELECT site_id, id FROM questions WHERE author_id = ?1 UNION SELECT site_id, question_id FROM question_answers "
    "WHERE author_id = ?1 ORDER BY 1, 2";
constexpr const char* kUncountAnswersByAuthor =
    "UPDATE questions SET answer_count = answer_count - (SELECT count(*) FROM question_answers a "
    "WHERE a.question_id = questions.id AND a.author_id = ?1) "
    "WHERE id IN (SELECT question_id FROM question_answers WHERE author_id = ?1)";
constexpr const char* kDeleteAnswersByAuthor = "DELETE FROM question_answers WHERE author_id = ?1";
constexpr const char* kDeleteQuestionsByAuthor = "DELETE FROM questions WHERE author_id = ?1";
constexpr const char* kUnlinkAnswers = "UPDATE question_answers SET author_id = NULL WHERE author_id = ?1";
constexpr const char* kUnlinkQuestions = "UPDATE questions SET author_id = NULL WHERE author_id = ?1";
#undef BP_QUESTION_COLUMNS
#undef BP_ANSWER_COLUMNS

constexpr const char* kNoSuchQuestion = "This question does not exist, or you cannot see it.";
constexpr const char* kNoSuchAnswer = "This answer does not exist (any more).";

const char* VisibilityName(Visibility v) { return v == Visibility::kMembers ? "members" : "public"; }

Question ReadQuestion(const sql::Row& r) {
  Question q;
  q.id = QuestionId{r.Int(0)};
  q.site = SiteId{r.Int(1)};
  if (auto author = r.OptId<UserId>(2)) q.author = *author;
  q.author_name = r.Text(3);
  q.title = r.Text(4);
  q.body_markdown = r.Text(5);
  q.visibility = r.Text(6) == "members" ? Visibility::kMembers : Visibility::kPublic;
  if (auto helpful = r.OptId<AnswerId>(7)) q.helpful_answer = *helpful;
  q.answer_count = static_cast<int>(r.Int(8));
  q.created_at = r.Int(9);
  q.updated_at = r.Int(10);
  return q;
}

Answer ReadAnswer(const sql::Row& r) {
  Answer a;
  a.id = AnswerId{r.Int(0)};
  a.question = QuestionId{r.Int(1)};
  a.site = SiteId{r.Int(2)};
  if (auto author = r.OptId<UserId>(3)) a.author = *author;
  a.author_name = r.Text(4);
  a.body_markdown = r.Text(5);
  a.is_professional = r.Bool(6);
  a.organisation_name = r.Text(7);
  a.created_at = r.Int(8);
  return a;
}

}  // namespace

domain::Result<Question> SqlQuestionRepository::CreateQuestion(SiteId site, UserId author, const QuestionDraft& draft,
                                                               std::int64_t at) {
  std::int64_t id = 0;
  try {
    id = sql_.One(kInsertQuestion,
                  {V(site), V(author), V(draft.title), V(draft.body_markdown), V(VisibilityName(draft.visibility)),
                   V(at)},
                  FirstInt)
             .value_or(0);
  } catch (const sql::ConstraintViolation& e) {
    return MakeError(ErrorCode::kNotFound, kNoSuchQuestion, e.what());
  }
  auto q = FindQuestion(site, QuestionId{id});
  if (!q) return MakeError(ErrorCode::kInternal, kNoSuchQuestion, "question vanished after insert");
  return *q;
}

std::optional<Question> SqlQuestionRepository::FindQuestion(SiteId site, QuestionId id) {
  return sql_.One(kFindQuestion, {V(site), V(id)}, ReadQuestion);
}

domain::Status SqlQuestionRepository::DeleteQuestion(SiteId site, QuestionId id) {
  if (sql_.Exec(kDeleteQuestion, {V(site), V(id)}) == 0) return MakeError(ErrorCode::kNotFound, kNoSuchQuestion);
  return domain::Ok{};
}

std::vector<Question> SqlQuestionRepository::ListQuestions(SiteId site, const ListQuery& q) {
  return sql_.List(kListQuestions,
                   {V(site), V(q.include_members_only), V(q.answered), V(std::max(0, q.limit)),
                    V(std::max(0, q.offset))},
                   ReadQuestion);
}

domain::Result<Answer> SqlQuestionRepository::CreateAnswer(SiteId site, QuestionId question, UserId author,
                                                           const AnswerDraft& draft, std::int64_t at) {
  std::int64_t id = 0;
  try {
    sql_.Transact([&] {
      id = sql_.One(kInsertAnswer,
                    {V(site), V(question), V(author), V(draft.body_markdown), V(draft.is_professional),
                     V(draft.organisation_name), V(at)},
                    FirstInt)
               .value_or(0);
      if (id == 0) return false;
      sql_.Exec(kCountAnswer, {V(site), V(question), V(at)});
      return true;
    });
  } catch (const sql::ConstraintViolation& e) {
    return MakeError(ErrorCode::kNotFound, kNoSuchQuestion, e.what());
  }
  if (id == 0) return MakeError(ErrorCode::kNotFound, kNoSuchQuestion);
  auto a = FindAnswer(site, AnswerId{id});
  if (!a) return MakeError(ErrorCode::kInternal, kNoSuchAnswer, "answer vanished after insert");
  return *a;
}

std::optional<Answer> SqlQuestionRepository::FindAnswer(SiteId site, AnswerId id) {
  return sql_.One(kFindAnswer, {V(site), V(id)}, ReadAnswer);
}

domain::Status SqlQuestionRepository::DeleteAnswer(SiteId site, AnswerId id) {
  const bool found = sql_.Transact([&] {
    const auto question = sql_.One(kDeleteAnswer, {V(site), V(id)}, FirstInt);
    if (!question) return false;
    sql_.Exec(kUncountAnswer, {V(site), V(*question)});
    return true;
  });
  if (!found) return MakeError(ErrorCode::kNotFound, kNoSuchAnswer);
  return domain::Ok{};
}

std::vector<Answer> SqlQuestionRepository::ListAnswers(SiteId site, QuestionId question, int limit, int offset) {
  return sql_.List(kListAnswers, {V(site), V(question), V(std::max(0, limit)), V(std::max(0, offset))},
                   ReadAnswer);
}

domain::Status SqlQuestionRepository::SetHelpful(SiteId site, QuestionId question, std::optional<AnswerId> answer) {
  if (sql_.Exec(kSetHelpful, {V(site), V(question), V(answer)}) == 0) {
    return MakeError(ErrorCode::kNotFound, kNoSuchAnswer);
  }
  return domain::Ok{};
}

std::vector<std::pair<SiteId, QuestionId>> SqlQuestionRepository::EraseAuthor(UserId author, bool remove) {
  std::vector<std::pair<SiteId, QuestionId>> touched;
  sql_.Transact([&] {
    touched = sql_.List(kTouchedByAuthor, {V(author)}, [](const sql::Row& r) {
      return std::make_pair(SiteId{r.Int(0)}, QuestionId{r.Int(1)});
    });
    if (remove) {
      for (const char* step : {kUncountAnswersByAuthor, kDeleteAnswersByAuthor, kDeleteQuestionsByAuthor}) {
        sql_.Exec(step, {V(author)});
      }
    } else {
      for (const char* step : {kUnlinkAnswers, kUnlinkQuestions}) sql_.Exec(step, {V(author)});
    }
    return true;
  });
  return touched;
}

}  // namespace buurtplein::store::questions
