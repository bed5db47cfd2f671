#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/common/ids.hpp"

namespace buurtplein::domain::questions {

using QuestionId = Id<struct QuestionTag>;
using AnswerId = Id<struct AnswerTag>;

/// Who may read a question: everyone, or the site's verified members only.
enum class Visibility { kPublic, kMembers };

/// A neighbourhood question (buurtvraag): "Waar kan ik terecht met …?". Belongs to one site.
struct Question {
  QuestionId id;
  SiteId site;
  std::optional<UserId> author;  ///< nullopt once the author deleted their account
  std::string author_name;       ///< the author's display name ("" without author)
  std::string title;             ///< at most kMaxTitleLength code points
  std::string body_markdown;     ///< Markdown, at most kMaxBodyLength code points (may be empty)
  Visibility visibility = Visibility::kPublic;
  std::optional<AnswerId> helpful_answer;  ///< the answer the asker marked as the one that helped
  int answer_count = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;  ///< last change, or last answer
};

/// What the asker writes.
struct QuestionDraft {
  std::string title;
  std::string body_markdown;
  Visibility visibility = Visibility::kPublic;
};

/// An answer by a neighbour or a professional. Whether its author answered as a professional,
/// and for which organisation, is recorded when the answer is given (the badge stays as it was).
struct Answer {
  AnswerId id;
  QuestionId question;
  SiteId site;
  std::optional<UserId> author;
  std::string author_name;
  std::string body_markdown;
  bool is_professional = false;
  std::string organisation_name;  ///< "" unless is_professional
  std::int64_t created_at = 0;
};

/// What an answer is stored with.
struct AnswerDraft {
  std::string body_markdown;
  bool is_professional = false;
  std::string organisation_name;
};

inline constexpr std::size_t kMaxTitleLength = 140;
inline constexpr std::size_t kMaxBodyLength = 5000;

/// Which questions to list: waiting for an answer (none yet), or answered; newest first.
struct ListQuery {
  bool answered = false;
  bool include_members_only = false;
  int limit = 10;  ///< always bounded
  int offset = 0;
};

/// One page of questions.
struct QuestionPage {
  std::vector<Question> questions;
  int page = 1;
  bool has_more = false;
};

/// One page of a question's answers (oldest first).
struct AnswerPage {
  std::vector<Answer> answers;
  int page = 1;
  bool has_more = false;
};

}  // namespace buurtplein::domain::questions
