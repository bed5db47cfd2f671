#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/policy.hpp"
#include "domain/common/app_error.hpp"
#include "domain/common/clock.hpp"
#include "domain/directory/model.hpp"
#include "domain/mail/mail_service.hpp"
#include "domain/roles/repositories.hpp"
#include "domain/sites/model.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::roles {

/// One page of a list.
template <typename T>
struct ListPage {
  std::vector<T> items;
  int page = 1;
  bool has_more = false;
};

/// Professionals and organisation admins in the one policy (issue 3 §4, issue 5 §6): who works
/// in a site (their sociale kaart profile names one of its buurten and their organisation lists
/// them), the site's professionals, questions residents address to one of them; and the
/// withdrawal of invitations (issue 3 §3). The decisions themselves are the policy's
/// (accounts::ProfessionalIn); this service only fetches what it needs.
class ProfessionalService {
 public:
  ProfessionalService(Store& store, const Clock& clock, mail::MailService* mail = nullptr)
      : store_(store), clock_(clock), mail_(mail) {}

  static constexpr int kPageSize = 20;
  static constexpr int kMaxPage = 500;
  /// How many professionals the question form offers (the site's first, by name).
  static constexpr int kMaxChoices = 50;

  void SetChangeListener(std::function<void(SiteId)> listener) { on_change_ = std::move(listener); }

  /// The organisation this person works for in `site`, when they are a professional there.
  std::optional<accounts::ProfessionalRole> RoleIn(const sites::Site& site, UserId user);
  /// True when `user` is a professional working in `site`.
  bool WorksIn(const sites::Site& site, UserId user) { return RoleIn(site, user).has_value(); }

  /// Page `page` of the professionals working in the site's buurten, by name.
  ListPage<directory::Professional> ProfessionalsOf(const sites::Site& site, int page);
  /// The professionals a resident may address a question to (at most kMaxChoices).
  std::vector<directory::Professional> Choices(const sites::Site& site);
  /// The professional's profile for this site; kNotFound when they do not work in it.
  Result<directory::Professional> FindInSite(const sites::Site& site, UserId professional);

  /// Addresses a just-asked question to a professional working in the site and mails them a link
  /// (`question_url` absolute). kNotFound when they do not work in the site.
  Status AddressQuestion(const sites::Site& site, questions::QuestionId question, const std::string& question_title,
                         UserId professional, const std::string& question_url);
  std::optional<UserId> AddresseeOf(SiteId site, questions::QuestionId question) {
    return store_.roles().AddresseeOf(site, question);
  }
  /// Questions of the site addressed to `professional`, newest first.
  ListPage<AddressedQuestion> AddressedTo(SiteId site, UserId professional, bool include_members_only, int page);

  /// The member's open invitations of the site, newest first.
  ListPage<OpenInvitation> OpenInvitations(SiteId site, UserId inviter, int page);
  /// Withdraws one of the member's own open invitations.
  Status Withdraw(SiteId site, UserId inviter, std::int64_t invitation);
  /// True when the invitation behind this link token was withdrawn.
  bool IsWithdrawn(SiteId site, std::string_view token);

 private:
  void Changed(SiteId site) {
    if (on_change_) on_change_(site);
  }

  Store& store_;
  const Clock& clock_;
  mail::MailService* mail_;
  std::function<void(SiteId)> on_change_;
};

/// An e-mail address masked for lists that others see: "j***@example.nl" (the first character
/// of the local part and the domain). Operators see addresses only like this (docs/decisions/0009).
std::string MaskEmail(std::string_view email);

}  // namespace buurtplein::domain::roles
