#include "domain/questions/question_service.hpp"

#include <algorithm>

#include "domain/common/text.hpp"
#include "domain/search/feature_documents.hpp"

namespace buurtplein::domain::questions {

namespace {

AppError NoQuestion() {
  return MakeError(ErrorCode::kNotFound, "This question does not exist, or you cannot see it.");
}
AppError NoAnswer() { return MakeError(ErrorCode::kNotFound, "This answer does not exist (any more)."); }

AppError WithField(AppError e, const char* field) {
  e.field = field;
  return e;
}

}  // namespace

Result<QuestionDraft> QuestionService::Clean(const QuestionDraft& draft) {
  QuestionDraft out = draft;
  std::size_t n = 0;
  if (!CopyCleanText(TrimView(draft.title), false, out.title, n)) {
    return WithField(MakeError(ErrorCode::kValidation, "The question contains characters we cannot use."), "title");
  }
  if (n == 0) return WithField(MakeError(ErrorCode::kValidation, "Write your question."), "title");
  if (n > kMaxTitleLength) {
    return WithField(MakeError(ErrorCode::kValidation, "The question is longer than 140 characters."), "title");
  }
  if (!CopyCleanText(TrimView(draft.body_markdown), true, out.body_markdown, n)) {
    return WithField(MakeError(ErrorCode::kValidation, "The text contains characters we cannot use."), "body");
  }
  if (n > kMaxBodyLength) {
    return WithField(MakeError(ErrorCode::kValidation, "The text is longer than 5,000 characters."), "body");
  }
  return out;
}

Result<std::string> QuestionService::CleanAnswer(const std::string& body_markdown) {
  std::string out;
  std::size_t n = 0;
  if (!CopyCleanText(TrimView(body_markdown), true, out, n)) {
    return WithField(MakeError(ErrorCode::kValidation, "The text contains characters we cannot use."), "answer");
  }
  if (n == 0) return WithField(MakeError(ErrorCode::kValidation, "Write your answer."), "answer");
  if (n > kMaxBodyLength) {
    return WithField(MakeError(ErrorCode::kValidation, "The text is longer than 5,000 characters."), "answer");
  }
  return out;
}

bool QuestionService::MayDelete(const std::optional<UserId>& author, const Viewer& viewer) {
  if (!viewer.user || !viewer.member) return false;
  return viewer.buurtverbinder || (author && *author == *viewer.user);
}

bool QuestionService::MayMarkHelpful(const Question& question, const Viewer& viewer) {
  return viewer.user && viewer.member && question.author && *question.author == *viewer.user;
}

bool QuestionService::MaySee(const Question& question, const Viewer& viewer) const {
  return question.visibility == Visibility::kPublic || viewer.member;
}

void QuestionService::Index(SiteId site, QuestionId id) {
  if (!indexer_) return;
  auto q = store_.questions().FindQuestion(site, id);
  if (!q) {
    indexer_->Drop(search::Kind::kQuestion, id.value);
    return;
  }
  indexer_->Put(search::QuestionDocument(*q, store_.questions().ListAnswers(site, id, search::kIndexedAnswers, 0)));
}

Result<Question> QuestionService::Ask(SiteId site, const Viewer& viewer, const QuestionDraft& draft) {
  if (!viewer.user || !viewer.member) {
    return MakeError(ErrorCode::kForbidden, "Only verified members of this neighbourhood can ask a question.");
  }
  auto clean = Clean(draft);
  if (!clean) return clean.error();
  auto q = store_.questions().CreateQuestion(site, *viewer.user, *clean, clock_.Now());
  if (!q) return q.error();
  Index(site, q->id);
  Changed(site);
  return q;
}

Result<Question> QuestionService::Find(SiteId site, QuestionId id, const Viewer& viewer) {
  auto q = store_.questions().FindQuestion(site, id);
  if (!q || !MaySee(*q, viewer)) return NoQuestion();
  return *q;
}

Status QuestionService::Delete(SiteId site, QuestionId id, const Viewer& viewer) {
  auto q = Find(site, id, viewer);
  if (!q) return q.error();
  if (!MayDelete(q->author, viewer)) {
    return MakeError(ErrorCode::kForbidden, "Only the person who asked or a buurtverbinder can delete this question.");
  }
  if (auto s = store_.questions().DeleteQuestion(site, id); !s) return s;
  if (indexer_) indexer_->Drop(search::Kind::kQuestion, id.value);
  Changed(site);
  return Ok{};
}

QuestionPage QuestionService::List(SiteId site, const Viewer& viewer, bool answered, int page) {
  QuestionPage out;
  out.page = std::max(1, page);
  if (out.page > kMaxPage) return out;
  ListQuery q;
  q.answered = answered;
  q.include_members_only = viewer.member;
  q.limit = kPageSize + 1;
  q.offset = (out.page - 1) * kPageSize;
  out.questions = store_.questions().ListQuestions(site, q);
  if (out.questions.size() > static_cast<std::size_t>(kPageSize)) {
    out.has_more = out.page < kMaxPage;
    out.questions.resize(kPageSize);
  }
  return out;
}

std::vector<Question> QuestionService::Waiting(SiteId site, const Viewer& viewer, int limit) {
  ListQuery q;
  q.answered = false;
  q.include_members_only = viewer.member;
  q.limit = std::clamp(limit, 1, 20);
  return store_.questions().ListQuestions(site, q);
}

Result<Answer> QuestionService::AnswerQuestion(SiteId site, QuestionId id, const Viewer& viewer,
                                               const std::string& body_markdown,
                                               const std::optional<accounts::ProfessionalRole>& professional) {
  auto q = Find(site, id, viewer);
  if (!q) return q.error();
  if (!viewer.user || (!viewer.member && !professional)) {
    return MakeError(ErrorCode::kForbidden, "Only verified members of this neighbourhood can answer.");
  }
  auto clean = CleanAnswer(body_markdown);
  if (!clean) return clean.error();
  AnswerDraft draft;
  draft.body_markdown = *clean;
  // Recorded now, so the badge stays as it was when the professional moves on.
  draft.is_professional = professional.has_value();
  if (professional) {
    // At most 200 bytes (the column holds 200 characters), cut on a character boundary.
    std::string name = professional->organisation_name;
    if (name.size() > 200) {
      std::size_t cut = 200;
      while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
      name.resize(cut);
    }
    draft.organisation_name = std::move(name);
  }
  auto a = store_.questions().CreateAnswer(site, id, *viewer.user, draft, clock_.Now());
  if (!a) return a.error();
  Index(site, id);
  Changed(site);
  return a;
}

Result<AnswerPage> QuestionService::Answers(SiteId site, QuestionId id, const Viewer& viewer, int page) {
  auto q = Find(site, id, viewer);
  if (!q) return q.error();
  AnswerPage out;
  out.page = std::max(1, page);
  if (out.page > kMaxPage) return out;
  out.answers = store_.questions().ListAnswers(site, id, kAnswerPageSize + 1, (out.page - 1) * kAnswerPageSize);
  if (out.answers.size() > static_cast<std::size_t>(kAnswerPageSize)) {
    out.has_more = out.page < kMaxPage;
    out.answers.resize(kAnswerPageSize);
  }
  return out;
}

Status QuestionService::DeleteAnswer(SiteId site, QuestionId question, AnswerId answer, const Viewer& viewer) {
  auto q = Find(site, question, viewer);
  if (!q) return q.error();
  auto a = store_.questions().FindAnswer(site, answer);
  if (!a || a->question != question) return NoAnswer();
  if (!MayDelete(a->author, viewer)) {
    return MakeError(ErrorCode::kForbidden, "Only the person who answered or a buurtverbinder can delete this answer.");
  }
  if (auto s = store_.questions().DeleteAnswer(site, answer); !s) return s;
  Index(site, question);
  Changed(site);
  return Ok{};
}

Status QuestionService::MarkHelpful(SiteId site, QuestionId id, const Viewer& viewer, std::optional<AnswerId> answer) {
  auto q = Find(site, id, viewer);
  if (!q) return q.error();
  if (!MayMarkHelpful(*q, viewer)) {
    return MakeError(ErrorCode::kForbidden, "Only the person who asked can mark the answer that helped.");
  }
  if (auto s = store_.questions().SetHelpful(site, id, answer); !s) return s;
  Changed(site);
  return Ok{};
}

Status QuestionService::EraseContent(UserId user, accounts::ContentChoice choice) {
  const auto touched = store_.questions().EraseAuthor(user, choice == accounts::ContentChoice::kRemove);
  std::vector<SiteId> sites;
  for (const auto& [site, question] : touched) {
    Index(site, question);
    if (std::find(sites.begin(), sites.end(), site) == sites.end()) sites.push_back(site);
  }
  for (SiteId site : sites) Changed(site);
  return Ok{};
}

}  // namespace buurtplein::domain::questions
