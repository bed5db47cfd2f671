#include "store/postgres/questions_repository.hpp"

#include <algorithm>

namespace buurtplein::store::postgres {

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

namespace {

// Every statement names the site: a question or answer of another site is never read or
// changed. Never an e-mail address: these rows are shown to other people.
#define BP_QUESTION_COLUMNS                                                                                    \
  "q.id, q.site_id, q.author_id, coalesce(u.display_name, ''), q.title, q.body_markdown, q.visibility, "       \
  "q.helpful_answer_id, q.answer_count, q.created_at, q.updated_at FROM questions q LEFT JOIN users u ON u.id = " \
  "q.author_id "
#define BP_ANSWER_COLUMNS                                                                                   \
  "a.id, a.question_id, a.site_id, a.author_id, coalesce(u.display_name, ''), a.body_markdown, "            \
  "a.is_professional::int, a.organisation_name, a.created_at FROM question_answers a LEFT JOIN users u ON u.id = " \
  "a.author_id "
constexpr const char* kInsertQuestion =
    "INSERT INTO questions (site_id, author_id, title, body_markdown, visibility, answer_count, created_at, "
    "updated_at) VALUES ($1, $2, $3, $4, $5, 0, $6, $6) RETURNING id";
constexpr const char* kFindQuestion = "SELECT " BP_QUESTION_COLUMNS "WHERE q.site_id = $1 AND q.id = $2";
constexpr const char* kDeleteQuestion = "DELETE FROM questions WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kListQuestions =
    "SELECT " BP_QUESTION_COLUMNS "WHERE q.site_id = $1 AND (q.visibility = 'public' OR $2::int = 1) "
    "AND (($3::int = 0 AND q.answer_count = 0) OR ($3::int = 1 AND q.answer_count > 0)) "
    "ORDER BY q.updated_at DESC, q.id DESC LIMIT $4 OFFSET $5";
constexpr const char* kInsertAnswer =
    "INSERT INTO question_answers (site_id, question_id, author_id, body_markdown, is_professional, "
    "organisation_name, created_at) SELECT q.site_id, q.id, $3::bigint, $4::text, $5::boolean, $6::text, $7::bigint FROM questions q "
    "WHERE q.site_id = $1 AND q.id = $2 RETURNING id";
constexpr const char* kCountAnswer =
    "UPDATE questions SET answer_count = answer_count + 1, updated_at = $3 WHERE site_id = $1 AND id = $2";
constexpr const char* kFindAnswer = "SELECT " BP_ANSWER_COLUMNS "WHERE a.site_id = $1 AND a.id = $2";
constexpr const char* kDeleteAnswer =
    "DELETE FROM question_answers WHERE site_id = $1 AND id = $2 RETURNING question_id";
constexpr const char* kUncountAnswer =
    "UPDATE questions SET answer_count = answer_count - 1 WHERE site_id = $1 AND id = $2";
constexpr const char* kListAnswers =
    "SELECT " BP_ANSWER_COLUMNS "WHERE a.site_id = $1 AND a.question_id = $2 ORDER BY a.created_at, a.id "
    "LIMIT $3 OFFSET $4";
constexpr const char* kSetHelpful =
    "UPDATE questions SET helpful_answer_id = $3::bigint WHERE site_id = $1 AND id = $2 AND ($3::bigint IS NULL OR EXISTS "
    "(SELECT 1 FROM question_answers a WHERE a.id = $3::bigint AND a.question_id = $2 AND a.site_id = $1)) RETURNING id";
// Account deletion.
constexpr const char* kTouchedByAuthor =
    "SELECT site_id, id FROM questions WHERE author_id = $1 UNION SELECT site_id, question_id FROM question_answers "
    "WHERE author_id = $1 ORDER BY 1, 2";
constexpr const char* kUncountAnswersByAuthor =
    "UPDATE questions SET answer_count = answer_count - (SELECT count(*) FROM question_answers a "
    "WHERE a.question_id = questions.id AND a.author_id = $1) "
    "WHERE id IN (SELECT question_id FROM question_answers WHERE author_id = $1)";
constexpr const char* kDeleteAnswersByAuthor = "DELETE FROM question_answers WHERE author_id = $1";
constexpr const char* kDeleteQuestionsByAuthor = "DELETE FROM questions WHERE author_id = $1";
constexpr const char* kUnlinkAnswers = "UPDATE question_answers SET author_id = NULL WHERE author_id = $1";
constexpr const char* kUnlinkQuestions = "UPDATE questions SET author_id = NULL WHERE author_id = $1";
#undef BP_QUESTION_COLUMNS
#undef BP_ANSWER_COLUMNS

constexpr const char* kNoSuchQuestion = "This question does not exist, or you cannot see it.";
constexpr const char* kNoSuchAnswer = "This answer does not exist (any more).";

const char* VisibilityName(Visibility v) { return v == Visibility::kMembers ? "members" : "public"; }

Question ReadQuestion(const Result& r, int row) {
  Question q;
  q.id = QuestionId{r.Int(row, 0)};
  q.site = SiteId{r.Int(row, 1)};
  if (!r.IsNull(row, 2)) q.author = UserId{r.Int(row, 2)};
  q.author_name = r.Text(row, 3);
  q.title = r.Text(row, 4);
  q.body_markdown = r.Text(row, 5);
  q.visibility = r.Text(row, 6) == "members" ? Visibility::kMembers : Visibility::kPublic;
  if (!r.IsNull(row, 7)) q.helpful_answer = AnswerId{r.Int(row, 7)};
  q.answer_count = static_cast<int>(r.Int(row, 8));
  q.created_at = r.Int(row, 9);
  q.updated_at = r.Int(row, 10);
  return q;
}

Answer ReadAnswer(const Result& r, int row) {
  Answer a;
  a.id = AnswerId{r.Int(row, 0)};
  a.question = QuestionId{r.Int(row, 1)};
  a.site = SiteId{r.Int(row, 2)};
  if (!r.IsNull(row, 3)) a.author = UserId{r.Int(row, 3)};
  a.author_name = r.Text(row, 4);
  a.body_markdown = r.Text(row, 5);
  a.is_professional = r.Int(row, 6) != 0;
  a.organisation_name = r.Text(row, 7);
  a.created_at = r.Int(row, 8);
  return a;
}

}  // namespace

domain::Result<Question> PostgresQuestionRepository::CreateQuestion(SiteId site, UserId author,
                                                                    const QuestionDraft& draft, std::int64_t at) {
  std::int64_t id = 0;
  {
    auto c = pool_.Acquire();
    try {
      const Result r = c->Exec(kInsertQuestion, Params()
                                                    .Add(site.value)
                                                    .Add(author.value)
                                                    .Add(draft.title)
                                                    .Add(draft.body_markdown)
                                                    .Add(VisibilityName(draft.visibility))
                                                    .Add(at));
      id = r.Int(0, 0);
    } catch (const PostgresError& e) {
      if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchQuestion, e.what());
      throw;
    }
  }
  auto q = FindQuestion(site, QuestionId{id});
  if (!q) return MakeError(ErrorCode::kInternal, kNoSuchQuestion, "question vanished after insert");
  return *q;
}

std::optional<Question> PostgresQuestionRepository::FindQuestion(SiteId site, QuestionId id) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindQuestion, Params().Add(site.value).Add(id.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadQuestion(r, 0);
}

domain::Status PostgresQuestionRepository::DeleteQuestion(SiteId site, QuestionId id) {
  auto c = pool_.Acquire();
  if (c->Exec(kDeleteQuestion, Params().Add(site.value).Add(id.value)).Rows() == 0) {
    return MakeError(ErrorCode::kNotFound, kNoSuchQuestion);
  }
  return domain::Ok{};
}

std::vector<Question> PostgresQuestionRepository::ListQuestions(SiteId site, const ListQuery& q) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kListQuestions, Params()
                                               .Add(site.value)
                                               .Add(q.include_members_only ? 1 : 0)
                                               .Add(q.answered ? 1 : 0)
                                               .Add(std::max(0, q.limit))
                                               .Add(std::max(0, q.offset)));
  std::vector<Question> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadQuestion(r, i));
  return out;
}

domain::Result<Answer> PostgresQuestionRepository::CreateAnswer(SiteId site, QuestionId question, UserId author,
                                                                const AnswerDraft& draft, std::int64_t at) {
  std::int64_t id = 0;
  {
    auto c = pool_.Acquire();
    try {
      Transaction tx(*c);
      const Result r = c->Exec(kInsertAnswer, Params()
                                                  .Add(site.value)
                                                  .Add(question.value)
                                                  .Add(author.value)
                                                  .Add(draft.body_markdown)
                                                  .Add(draft.is_professional ? "true" : "false")
                                                  .Add(draft.organisation_name)
                                                  .Add(at));
      if (r.Rows() == 0) return MakeError(ErrorCode::kNotFound, kNoSuchQuestion);
      id = r.Int(0, 0);
      c->Exec(kCountAnswer, Params().Add(site.value).Add(question.value).Add(at));
      tx.Commit();
    } catch (const PostgresError& e) {
      if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchQuestion, e.what());
      throw;
    }
  }
  auto a = FindAnswer(site, AnswerId{id});
  if (!a) return MakeError(ErrorCode::kInternal, kNoSuchAnswer, "answer vanished after insert");
  return *a;
}

std::optional<Answer> PostgresQuestionRepository::FindAnswer(SiteId site, AnswerId id) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindAnswer, Params().Add(site.value).Add(id.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadAnswer(r, 0);
}

domain::Status PostgresQuestionRepository::DeleteAnswer(SiteId site, AnswerId id) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  const Result r = c->Exec(kDeleteAnswer, Params().Add(site.value).Add(id.value));
  if (r.Rows() == 0) return MakeError(ErrorCode::kNotFound, kNoSuchAnswer);
  c->Exec(kUncountAnswer, Params().Add(site.value).Add(r.Int(0, 0)));
  tx.Commit();
  return domain::Ok{};
}

std::vector<Answer> PostgresQuestionRepository::ListAnswers(SiteId site, QuestionId question, int limit,
                                                            int offset) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kListAnswers, Params()
                                             .Add(site.value)
                                             .Add(question.value)
                                             .Add(std::max(0, limit))
                                             .Add(std::max(0, offset)));
  std::vector<Answer> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadAnswer(r, i));
  return out;
}

domain::Status PostgresQuestionRepository::SetHelpful(SiteId site, QuestionId question,
                                                      std::optional<AnswerId> answer) {
  auto c = pool_.Acquire();
  Params p;
  p.Add(site.value).Add(question.value);
  if (answer) {
    p.Add(answer->value);
  } else {
    p.AddNull();
  }
  if (c->Exec(kSetHelpful, p).Rows() == 0) return MakeError(ErrorCode::kNotFound, kNoSuchAnswer);
  return domain::Ok{};
}

std::vector<std::pair<SiteId, QuestionId>> PostgresQuestionRepository::EraseAuthor(UserId author, bool remove) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  std::vector<std::pair<SiteId, QuestionId>> touched;
  const Result r = c->Exec(kTouchedByAuthor, Params().Add(author.value));
  for (int i = 0; i < r.Rows(); ++i) touched.emplace_back(SiteId{r.Int(i, 0)}, QuestionId{r.Int(i, 1)});
  if (remove) {
    for (const char* sql : {kUncountAnswersByAuthor, kDeleteAnswersByAuthor, kDeleteQuestionsByAuthor}) {
      c->Exec(sql, Params().Add(author.value));
    }
  } else {
    for (const char* sql : {kUnlinkAnswers, kUnlinkQuestions}) c->Exec(sql, Params().Add(author.value));
  }
  tx.Commit();
  return touched;
}

}  // namespace buurtplein::store::postgres
