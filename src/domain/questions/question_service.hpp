#pragma once
#include <functional>
#include <optional>

#include "domain/accounts/policy.hpp"
#include "domain/accounts/privacy_service.hpp"
#include "domain/common/app_error.hpp"
#include "domain/common/clock.hpp"
#include "domain/groups/group_service.hpp"
#include "domain/questions/model.hpp"
#include "domain/search/indexer.hpp"
#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::questions {

/// Who looks at or changes a site's questions (the same as for groups).
using Viewer = groups::Viewer;

/// Neighbourhood questions: verified members ask and answer; the asker marks the answer that
/// helped (one, and may change it); the author or a buurtverbinder deletes a question or an
/// answer. Members-only questions are seen by the site's verified members only. After every
/// change the change listener hears the site and the search indexer (when set) gets the
/// question with its answers' text folded into its body.
class QuestionService final : public accounts::ContentEraser {
 public:
  QuestionService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  static constexpr int kPageSize = 10;
  static constexpr int kAnswerPageSize = 50;
  static constexpr int kMaxPage = 500;

  void SetChangeListener(std::function<void(SiteId)> listener) { on_change_ = std::move(listener); }
  /// The search index (may be null). Documents name only their site (search/feature_documents.hpp).
  void SetIndexer(search::Indexer* indexer) { indexer_ = indexer; }

  /// A verified member asks. kForbidden for anyone else.
  Result<Question> Ask(SiteId site, const Viewer& viewer, const QuestionDraft& draft);
  /// The question when this viewer may see it; kNotFound otherwise (also another site's).
  Result<Question> Find(SiteId site, QuestionId id, const Viewer& viewer);
  /// The author or a buurtverbinder deletes the question (kForbidden for others).
  Status Delete(SiteId site, QuestionId id, const Viewer& viewer);
  /// Page `page` of the questions waiting for an answer (answered false) or answered.
  QuestionPage List(SiteId site, const Viewer& viewer, bool answered, int page);
  /// Questions waiting for an answer, newest first, at most `limit` (site home).
  std::vector<Question> Waiting(SiteId site, const Viewer& viewer, int limit = 3);

  /// A verified member, or a professional working in the site, answers. `professional` is the
  /// policy's answer for this site (accounts::ProfessionalIn): when set, the answer carries the
  /// badge and the organisation's name — also when the professional lives here, since they work
  /// here too; a professional who lives here but works elsewhere answers as a neighbour.
  Result<Answer> AnswerQuestion(SiteId site, QuestionId id, const Viewer& viewer, const std::string& body_markdown,
                                const std::optional<accounts::ProfessionalRole>& professional = std::nullopt);
  /// Page `page` of the question's answers, oldest first.
  Result<AnswerPage> Answers(SiteId site, QuestionId id, const Viewer& viewer, int page);
  /// The answer's author or a buurtverbinder deletes an answer.
  Status DeleteAnswer(SiteId site, QuestionId question, AnswerId answer, const Viewer& viewer);
  /// The asker marks the answer that helped (nullopt: takes the mark away). kForbidden for
  /// anyone else.
  Status MarkHelpful(SiteId site, QuestionId id, const Viewer& viewer, std::optional<AnswerId> answer);

  /// Account deletion: the person's questions and answers are removed, or stay without a name.
  Status EraseContent(UserId user, accounts::ContentChoice choice) override;

  static bool MayDelete(const std::optional<UserId>& author, const Viewer& viewer);
  static bool MayMarkHelpful(const Question& question, const Viewer& viewer);
  static Result<QuestionDraft> Clean(const QuestionDraft& draft);
  static Result<std::string> CleanAnswer(const std::string& body_markdown);

 private:
  bool MaySee(const Question& question, const Viewer& viewer) const;
  void Index(SiteId site, QuestionId id);
  void Changed(SiteId site) {
    if (on_change_) on_change_(site);
  }

  Store& store_;
  const Clock& clock_;
  std::function<void(SiteId)> on_change_;
  search::Indexer* indexer_ = nullptr;
};

}  // namespace buurtplein::domain::questions
