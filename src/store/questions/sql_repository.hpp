#pragma once
#include "domain/questions/repositories.hpp"
#include "store/sql/runner.hpp"

/// The questions' repository, written once for both engines on the SQL runner (decision 0010).
namespace buurtplein::store::questions {

class SqlQuestionRepository final : public domain::questions::QuestionRepository {
 public:
  explicit SqlQuestionRepository(sql::Runner& sql) : sql_(sql) {}
  domain::Result<domain::questions::Question> CreateQuestion(domain::SiteId site, domain::UserId author,
                                                             const domain::questions::QuestionDraft& draft,
                                                             std::int64_t at) override;
  std::optional<domain::questions::Question> FindQuestion(domain::SiteId site,
                                                          domain::questions::QuestionId id) override;
  domain::Status DeleteQuestion(domain::SiteId site, domain::questions::QuestionId id) override;
  std::vector<domain::questions::Question> ListQuestions(domain::SiteId site,
                                                         const domain::questions::ListQuery& query) override;
  domain::Result<domain::questions::Answer> CreateAnswer(domain::SiteId site, domain::questions::QuestionId question,
                                                         domain::UserId author,
                                                         const domain::questions::AnswerDraft& draft,
                                                         std::int64_t at) override;
  std::optional<domain::questions::Answer> FindAnswer(domain::SiteId site, domain::questions::AnswerId id) override;
  domain::Status DeleteAnswer(domain::SiteId site, domain::questions::AnswerId id) override;
  std::vector<domain::questions::Answer> ListAnswers(domain::SiteId site, domain::questions::QuestionId question,
                                                     int limit, int offset) override;
  domain::Status SetHelpful(domain::SiteId site, domain::questions::QuestionId question,
                            std::optional<domain::questions::AnswerId> answer) override;
  std::vector<std::pair<domain::SiteId, domain::questions::QuestionId>> EraseAuthor(domain::UserId author,
                                                                                   bool remove) override;

 private:
  sql::Runner& sql_;
};

}  // namespace buurtplein::store::questions
