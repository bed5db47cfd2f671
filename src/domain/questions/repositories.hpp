#pragma once
#include <optional>
#include <utility>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/questions/model.hpp"

namespace buurtplein::domain::questions {

/// Questions and their answers. Every method takes the site first and never sees or changes
/// another site's questions: a question or answer id of site B is "not found" through site A.
class QuestionRepository {
 public:
  virtual ~QuestionRepository() = default;
  /// Stores a new question (draft already validated). kNotFound when the site or author does
  /// not exist.
  virtual Result<Question> CreateQuestion(SiteId site, UserId author, const QuestionDraft& draft,
                                          std::int64_t at) = 0;
  /// The question, whatever its visibility; nullopt when not in this site.
  virtual std::optional<Question> FindQuestion(SiteId site, QuestionId id) = 0;
  /// Deletes the question and its answers; kNotFound when not in this site.
  virtual Status DeleteQuestion(SiteId site, QuestionId id) = 0;
  /// Questions without answers (query.answered false) or with answers, newest first (by last
  /// change); at most query.limit.
  virtual std::vector<Question> ListQuestions(SiteId site, const ListQuery& query) = 0;

  /// Adds an answer and counts it on the question; kNotFound when the question is not in this
  /// site.
  virtual Result<Answer> CreateAnswer(SiteId site, QuestionId question, UserId author, const AnswerDraft& draft,
                                      std::int64_t at) = 0;
  /// The answer; nullopt when not in this site.
  virtual std::optional<Answer> FindAnswer(SiteId site, AnswerId id) = 0;
  /// Deletes the answer (a helpful mark on it goes too); kNotFound when not in this site.
  virtual Status DeleteAnswer(SiteId site, AnswerId id) = 0;
  /// The question's answers, oldest first; at most `limit`.
  virtual std::vector<Answer> ListAnswers(SiteId site, QuestionId question, int limit, int offset) = 0;
  /// Marks the answer that helped (nullopt: none). kNotFound when the question is not in this
  /// site or the answer is not one of its answers.
  virtual Status SetHelpful(SiteId site, QuestionId question, std::optional<AnswerId> answer) = 0;

  /// Account deletion (not site-scoped): removes the author's questions and answers (`remove`)
  /// or unlinks them; returns every (site, question) that had a question or answer by them.
  virtual std::vector<std::pair<SiteId, QuestionId>> EraseAuthor(UserId author, bool remove) = 0;
};

}  // namespace buurtplein::domain::questions
