#include "domain/roles/professional_service.hpp"

#include <algorithm>

#include "domain/security/tokens.hpp"

namespace buurtplein::domain::roles {

namespace {

AppError NotHere() {
  return MakeError(ErrorCode::kNotFound, "This professional does not work in this neighbourhood.");
}

template <typename T>
void Trim(ListPage<T>& page, int size) {
  if (page.items.size() > static_cast<std::size_t>(size)) {
    page.has_more = page.page < ProfessionalService::kMaxPage;
    page.items.resize(static_cast<std::size_t>(size));
  }
}

}  // namespace

std::optional<accounts::ProfessionalRole> ProfessionalService::RoleIn(const sites::Site& site, UserId user) {
  if (site.buurt_codes.empty()) return std::nullopt;
  return accounts::ProfessionalIn(store_.roles().ProfessionalLinks(site.city_id, user), site.buurt_codes);
}

ListPage<directory::Professional> ProfessionalService::ProfessionalsOf(const sites::Site& site, int page) {
  ListPage<directory::Professional> out;
  out.page = std::max(1, page);
  // No buurten: nobody works here (the repository would read an empty list as "the whole city").
  if (site.buurt_codes.empty() || out.page > kMaxPage) return out;
  out.items = store_.directory().ListProfessionals(site.city_id, site.buurt_codes, kPageSize + 1,
                                                   (out.page - 1) * kPageSize);
  Trim(out, kPageSize);
  return out;
}

std::vector<directory::Professional> ProfessionalService::Choices(const sites::Site& site) {
  if (site.buurt_codes.empty()) return {};
  auto list = store_.directory().ListProfessionals(site.city_id, site.buurt_codes, kMaxChoices, 0);
  // Only those whose organisation still lists them answer for it.
  std::erase_if(list, [&](const directory::Professional& p) { return !WorksIn(site, p.user); });
  return list;
}

Result<directory::Professional> ProfessionalService::FindInSite(const sites::Site& site, UserId professional) {
  auto role = RoleIn(site, professional);
  if (!role) return NotHere();
  for (auto& p : store_.directory().ProfessionalsOfUser(site.city_id, professional)) {
    if (p.organization.value == role->organisation_id) return p;
  }
  return NotHere();
}

Status ProfessionalService::AddressQuestion(const sites::Site& site, questions::QuestionId question,
                                            const std::string& question_title, UserId professional,
                                            const std::string& question_url) {
  auto pro = FindInSite(site, professional);
  if (!pro) return pro.error();
  if (auto s = store_.roles().AddressQuestion(site.id, question, professional, clock_.Now()); !s) return s;
  if (mail_) {
    if (auto user = store_.users().FindUser(professional); user && !user->email.empty()) {
      mail::Draft d;
      d.site = site.id;
      d.to_address = user->email;
      d.to_name = pro->display_name;
      d.subject = "Een vraag voor jou op " + site.name;
      d.text_body = "Hallo " + pro->display_name + ",\n\nIemand uit de buurt stelt jou een vraag op " + site.name +
                    ":\n\n\"" + question_title + "\"\n\nLees de vraag en geef antwoord:\n" + question_url +
                    "\n\nJe krijgt deze mail omdat je als professional van " + pro->organization_name +
                    " in deze buurt werkt.\n\nGroeten,\nBuurtplein\n";
      (void)mail_->Send(d);  // the question stands without the mail; the outbox retries delivery
    }
  }
  Changed(site.id);
  return Ok{};
}

ListPage<AddressedQuestion> ProfessionalService::AddressedTo(SiteId site, UserId professional,
                                                            bool include_members_only, int page) {
  ListPage<AddressedQuestion> out;
  out.page = std::max(1, page);
  if (out.page > kMaxPage) return out;
  out.items = store_.roles().AddressedTo(site, professional, include_members_only, kPageSize + 1,
                                         (out.page - 1) * kPageSize);
  Trim(out, kPageSize);
  return out;
}

ListPage<OpenInvitation> ProfessionalService::OpenInvitations(SiteId site, UserId inviter, int page) {
  ListPage<OpenInvitation> out;
  out.page = std::max(1, page);
  if (out.page > kMaxPage) return out;
  out.items = store_.roles().OpenInvitations(site, inviter, clock_.Now(), kPageSize + 1, (out.page - 1) * kPageSize);
  Trim(out, kPageSize);
  return out;
}

Status ProfessionalService::Withdraw(SiteId site, UserId inviter, std::int64_t invitation) {
  return store_.roles().WithdrawInvitation(site, inviter, invitation, clock_.Now());
}

bool ProfessionalService::IsWithdrawn(SiteId site, std::string_view token) {
  if (token.size() < 20 || token.size() > 100) return false;
  return store_.roles().IsWithdrawn(site, security::HashToken(token));
}

std::string MaskEmail(std::string_view email) {
  const auto at = email.rfind('@');
  if (at == std::string_view::npos || at == 0) return "***";
  // The first character may be the start of a multi-byte UTF-8 sequence: keep it whole.
  std::size_t first = 1;
  while (first < at && (static_cast<unsigned char>(email[first]) & 0xC0) == 0x80) ++first;
  return std::string(email.substr(0, first)) + "***" + std::string(email.substr(at));
}

}  // namespace buurtplein::domain::roles
