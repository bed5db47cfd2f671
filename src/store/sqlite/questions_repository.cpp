#include "store/sqlite/questions_repository.hpp"

#include <algorithm>

namespace buurtplein::store::sqlite {

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
  "a.is_professional, a.organisation_name, a.created_at FROM question_answers a LEFT JOIN users u ON u.id = " \
  "a.author_id "
constexpr const char* kInsertQuestion =
    "INSERT INTO questions (site_id, author_id, title, body_markdown, visibility, answer_count, created_at, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?6) RETURNING id";
constexpr const char* kFindQuestion = "SELECT " BP_QUESTION_COLUMNS "WHERE q.site_id = ?1 AND q.id = ?2";
constexpr const char* kDeleteQuestion = "DELETE FROM questions WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kListQuestions =
    "SELECT " BP_QUESTION_COLUMNS "WHERE q.site_id = ?1 AND (q.visibility = 'public' OR ?2 = 1) "
    "AND ((?3 = 0 AND q.answer_count = 0) OR (?3 = 1 AND q.answer_count > 0)) "
    "ORDER BY q.updated_at DESC, q.id DESC LIMIT ?4 OFFSET ?5";
constexpr const char* kInsertAnswer =
    "INSERT INTO question_answers (site_id, question_id, author_id, body_markdown, is_professional, "
    "organisation_name, created_at) SELECT q.site_id, q.id, ?3, ?4, ?5, ?6, ?7 FROM questions q "
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
    "UPDATE questions SET helpful_answer_id = ?3 WHERE site_id = ?1 AND id = ?2 AND (?3 IS NULL OR EXISTS "
    "(SELECT 1 FROM question_answers a WHERE a.id = ?3 AND a.question_id = ?2 AND a.site_id = ?1)) RETURNING id";
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

Question ReadQuestion(const Stmt& s) {
  Question q;
  q.id = QuestionId{s.Int(0)};
  q.site = SiteId{s.Int(1)};
  if (!s.IsNull(2)) q.author = UserId{s.Int(2)};
  q.author_name = s.Text(3);
  q.title = s.Text(4);
  q.body_markdown = s.Text(5);
  q.visibility = s.Text(6) == "members" ? Visibility::kMembers : Visibility::kPublic;
  if (!s.IsNull(7)) q.helpful_answer = AnswerId{s.Int(7)};
  q.answer_count = static_cast<int>(s.Int(8));
  q.created_at = s.Int(9);
  q.updated_at = s.Int(10);
  return q;
}

Answer ReadAnswer(const Stmt& s) {
  Answer a;
  a.id = AnswerId{s.Int(0)};
  a.question = QuestionId{s.Int(1)};
  a.site = SiteId{s.Int(2)};
  if (!s.IsNull(3)) a.author = UserId{s.Int(3)};
  a.author_name = s.Text(4);
  a.body_markdown = s.Text(5);
  a.is_professional = s.Int(6) != 0;
  a.organisation_name = s.Text(7);
  a.created_at = s.Int(8);
  return a;
}

bool Touched(Stmt& s) {
  const bool found = s.Step();
  if (found) s.Exec();  // finish the statement (stepping past its end would run it again)
  return found;
}

}  // namespace

domain::Result<Question> SqliteQuestionRepository::CreateQuestion(SiteId site, UserId author,
                                                                  const QuestionDraft& draft, std::int64_t at) {
  std::int64_t id = 0;
  try {
    auto s = db_.Conn().Prepare(kInsertQuestion);
    s.Bind(1, site.value)
        .Bind(2, author.value)
        .Bind(3, draft.title)
        .Bind(4, draft.body_markdown)
        .Bind(5, VisibilityName(draft.visibility))
        .Bind(6, at);
    if (s.Step()) {
      id = s.Int(0);
      s.Exec();
    }
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchQuestion, e.what());
    throw;
  }
  auto q = FindQuestion(site, QuestionId{id});
  if (!q) return MakeError(ErrorCode::kInternal, kNoSuchQuestion, "question vanished after insert");
  return *q;
}

std::optional<Question> SqliteQuestionRepository::FindQuestion(SiteId site, QuestionId id) {
  auto s = db_.Conn().Prepare(kFindQuestion);
  s.Bind(1, site.value).Bind(2, id.value);
  if (!s.Step()) return std::nullopt;
  return ReadQuestion(s);
}

domain::Status SqliteQuestionRepository::DeleteQuestion(SiteId site, QuestionId id) {
  auto s = db_.Conn().Prepare(kDeleteQuestion);
  s.Bind(1, site.value).Bind(2, id.value);
  if (!Touched(s)) return MakeError(ErrorCode::kNotFound, kNoSuchQuestion);
  return domain::Ok{};
}

std::vector<Question> SqliteQuestionRepository::ListQuestions(SiteId site, const ListQuery& q) {
  auto s = db_.Conn().Prepare(kListQuestions);
  s.Bind(1, site.value)
      .Bind(2, q.include_members_only ? 1 : 0)
      .Bind(3, q.answered ? 1 : 0)
      .Bind(4, std::max(0, q.limit))
      .Bind(5, std::max(0, q.offset));
  std::vector<Question> out;
  while (s.Step()) out.push_back(ReadQuestion(s));
  return out;
}

domain::Result<Answer> SqliteQuestionRepository::CreateAnswer(SiteId site, QuestionId question, UserId author,
                                                              const AnswerDraft& draft, std::int64_t at) {
  std::int64_t id = 0;
  auto& c = db_.Conn();
  try {
    Transaction tx(c);
    auto s = c.Prepare(kInsertAnswer);
    s.Bind(1, site.value)
        .Bind(2, question.value)
        .Bind(3, author.value)
        .Bind(4, draft.body_markdown)
        .Bind(5, draft.is_professional ? 1 : 0)
        .Bind(6, draft.organisation_name)
        .Bind(7, at);
    if (!s.Step()) return MakeError(ErrorCode::kNotFound, kNoSuchQuestion);
    id = s.Int(0);
    s.Exec();
    auto u = c.Prepare(kCountAnswer);
    u.Bind(1, site.value).Bind(2, question.value).Bind(3, at);
    u.Exec();
    tx.Commit();
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchQuestion, e.what());
    throw;
  }
  auto a = FindAnswer(site, AnswerId{id});
  if (!a) return MakeError(ErrorCode::kInternal, kNoSuchAnswer, "answer vanished after insert");
  return *a;
}

std::optional<Answer> SqliteQuestionRepository::FindAnswer(SiteId site, AnswerId id) {
  auto s = db_.Conn().Prepare(kFindAnswer);
  s.Bind(1, site.value).Bind(2, id.value);
  if (!s.Step()) return std::nullopt;
  return ReadAnswer(s);
}

domain::Status SqliteQuestionRepository::DeleteAnswer(SiteId site, AnswerId id) {
  auto& c = db_.Conn();
  Transaction tx(c);
  auto s = c.Prepare(kDeleteAnswer);
  s.Bind(1, site.value).Bind(2, id.value);
  if (!s.Step()) return MakeError(ErrorCode::kNotFound, kNoSuchAnswer);
  const std::int64_t question = s.Int(0);
  s.Exec();
  auto u = c.Prepare(kUncountAnswer);
  u.Bind(1, site.value).Bind(2, question);
  u.Exec();
  tx.Commit();
  return domain::Ok{};
}

std::vector<Answer> SqliteQuestionRepository::ListAnswers(SiteId site, QuestionId question, int limit, int offset) {
  auto s = db_.Conn().Prepare(kListAnswers);
  s.Bind(1, site.value).Bind(2, question.value).Bind(3, std::max(0, limit)).Bind(4, std::max(0, offset));
  std::vector<Answer> out;
  while (s.Step()) out.push_back(ReadAnswer(s));
  return out;
}

domain::Status SqliteQuestionRepository::SetHelpful(SiteId site, QuestionId question, std::optional<AnswerId> answer) {
  auto s = db_.Conn().Prepare(kSetHelpful);
  s.Bind(1, site.value).Bind(2, question.value);
  if (answer) {
    s.Bind(3, answer->value);
  } else {
    s.BindNull(3);
  }
  if (!Touched(s)) return MakeError(ErrorCode::kNotFound, kNoSuchAnswer);
  return domain::Ok{};
}

std::vector<std::pair<SiteId, QuestionId>> SqliteQuestionRepository::EraseAuthor(UserId author, bool remove) {
  auto& c = db_.Conn();
  Transaction tx(c);
  std::vector<std::pair<SiteId, QuestionId>> touched;
  {
    auto s = c.Prepare(kTouchedByAuthor);
    s.Bind(1, author.value);
    while (s.Step()) touched.emplace_back(SiteId{s.Int(0)}, QuestionId{s.Int(1)});
  }
  const char* steps_remove[] = {kUncountAnswersByAuthor, kDeleteAnswersByAuthor, kDeleteQuestionsByAuthor};
  const char* steps_unlink[] = {kUnlinkAnswers, kUnlinkQuestions};
  if (remove) {
    for (const char* sql : steps_remove) {
      auto s = c.Prepare(sql);
      s.Bind(1, author.value);
      s.Exec();
    }
  } else {
    for (const char* sql : steps_unlink) {
      auto s = c.Prepare(sql);
      s.Bind(1, author.value);
      s.Exec();
    }
  }
  tx.Commit();
  return touched;
}

}  // namespace buurtplein::store::sqlite
