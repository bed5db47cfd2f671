#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/policy.hpp"
#include "domain/common/app_error.hpp"
#include "domain/common/ids.hpp"
#include "domain/questions/model.hpp"

namespace buurtplein::domain::roles {

/// A question addressed to a professional, as their list shows it.
struct AddressedQuestion {
  questions::QuestionId question;
  std::string title;
  std::string author_name;  ///< "" when the asker deleted their account
  int answer_count = 0;
  std::int64_t created_at = 0;
};

/// An invitation the inviter can still withdraw (unused, not expired). The token itself is
/// never stored, so the list shows dates only.
struct OpenInvitation {
  std::int64_t id = 0;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
};

/// What the roles of professionals and organisation admins need from the database, besides the
/// sociale kaart's own repository. Every site-scoped method takes the site first and never reads
/// or changes another site's rows.
class RolesRepository {
 public:
  virtual ~RolesRepository() = default;

  /// The person's professional profiles in this city with the buurten they name and whether the
  /// organisation still lists them (admin or professional); by organisation name, then id.
  virtual std::vector<accounts::ProfessionalLink> ProfessionalLinks(CityId city, UserId user) = 0;

  /// Addresses the question (of this site) to a professional; one addressee per question.
  /// kNotFound when the question is not in this site, kConflict when it already has one.
  virtual Status AddressQuestion(SiteId site, questions::QuestionId question, UserId professional,
                                 std::int64_t at) = 0;
  /// The professional a question of this site is addressed to.
  virtual std::optional<UserId> AddresseeOf(SiteId site, questions::QuestionId question) = 0;
  /// Questions of this site addressed to the professional, newest first; members-only ones only
  /// when `include_members_only`; at most `limit`.
  virtual std::vector<AddressedQuestion> AddressedTo(SiteId site, UserId professional, bool include_members_only,
                                                     int limit, int offset) = 0;

  /// The inviter's unused invitations of this site that have not expired at `now`, newest first.
  virtual std::vector<OpenInvitation> OpenInvitations(SiteId site, UserId inviter, std::int64_t now, int limit,
                                                      int offset) = 0;
  /// Withdraws an open invitation of this inviter in this site: it expires at `now` and is
  /// recorded as withdrawn. kNotFound for anyone else's, another site's, a used or expired one.
  virtual Status WithdrawInvitation(SiteId site, UserId inviter, std::int64_t invitation, std::int64_t now) = 0;
  /// True when the invitation with this token hash (of this site) was withdrawn.
  virtual bool IsWithdrawn(SiteId site, std::string_view token_hash) = 0;
};

}  // namespace buurtplein::domain::roles
