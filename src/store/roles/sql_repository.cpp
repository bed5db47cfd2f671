#include "store/roles/sql_repository.hpp"

#include <algorithm>

namespace buurtplein::store::roles {

using directory::SqlRow;
using directory::SqlValue;
using domain::ErrorCode;
using domain::MakeError;

namespace {

// One row per (profile, buurt); a profile without buurten has one row with a NULL buurt.
constexpr const char* kProfessionalLinks =
    "SELECT p.id, p.organization_id, o.name, "
    "EXISTS (SELECT 1 FROM directory_organization_users ou WHERE ou.organization_id = p.organization_id "
    "AND ou.user_id = p.user_id AND ou.city_id = p.city_id), b.buurt_code "
    "FROM directory_professionals p JOIN directory_organizations o ON o.id = p.organization_id "
    "LEFT JOIN directory_professional_buurten b ON b.professional_id = p.id "
    "WHERE p.city_id = ?1 AND p.user_id = ?2 ORDER BY o.name, p.organization_id, p.id, b.buurt_code LIMIT 1000";
constexpr const char* kQuestionOfSite = "SELECT 1 FROM questions WHERE id = ?1 AND site_id = ?2";
constexpr const char* kAddresseeOfQuestion =
    "SELECT professional_id FROM question_addressees WHERE question_id = ?1 AND site_id = ?2";
constexpr const char* kInsertAddressee =
    "INSERT INTO question_addressees (question_id, site_id, professional_id, created_at) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* kAddressedTo =
    "SELECT q.id, q.title, COALESCE(u.display_name, ''), q.answer_count, q.created_at "
    "FROM question_addressees a JOIN questions q ON q.id = a.question_id AND q.site_id = a.site_id "
    "LEFT JOIN users u ON u.id = q.author_id "
    "WHERE a.site_id = ?1 AND a.professional_id = ?2 AND (?3 = 1 OR q.visibility = 'public') "
    "ORDER BY a.created_at DESC, q.id DESC LIMIT ?4 OFFSET ?5";
constexpr const char* kOpenInvitations =
    "SELECT id, created_at, expires_at FROM invitations WHERE site_id = ?1 AND inviter_id = ?2 "
    "AND used_at IS NULL AND expires_at > ?3 ORDER BY created_at DESC, id DESC LIMIT ?4 OFFSET ?5";
constexpr const char* kExpireInvitation =
    "UPDATE invitations SET expires_at = ?4 WHERE id = ?1 AND site_id = ?2 AND inviter_id = ?3 "
    "AND used_at IS NULL AND expires_at > ?4 RETURNING id";
constexpr const char* kInsertWithdrawal =
    "INSERT INTO invitation_withdrawals (invitation_id, withdrawn_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
constexpr const char* kIsWithdrawn =
    "SELECT 1 FROM invitations i JOIN invitation_withdrawals w ON w.invitation_id = i.id "
    "WHERE i.site_id = ?1 AND i.token_hash = ?2";

SqlValue V(std::int64_t v) { return v; }
template <typename Tag>
SqlValue V(domain::Id<Tag> id) {
  return id.value;
}
SqlValue V(std::string v) { return v; }

std::string S(const SqlRow& r, std::size_t i) { return r.at(i).value_or(""); }
std::int64_t I(const SqlRow& r, std::size_t i) {
  const auto& v = r.at(i);
  if (!v || v->empty()) return 0;
  if (*v == "t" || *v == "true") return 1;  // PostgreSQL booleans as text
  if (*v == "f" || *v == "false") return 0;
  return std::stoll(*v);
}

}  // namespace

std::vector<domain::accounts::ProfessionalLink> SqlRolesRepository::ProfessionalLinks(domain::CityId city,
                                                                                     domain::UserId user) {
  std::vector<domain::accounts::ProfessionalLink> out;
  std::int64_t last_profile = 0;
  for (const auto& r : sql_.Run(kProfessionalLinks, {V(city), V(user)})) {
    const std::int64_t profile = I(r, 0);
    if (out.empty() || profile != last_profile) {
      domain::accounts::ProfessionalLink link;
      link.organisation_id = I(r, 1);
      link.organisation_name = S(r, 2);
      link.linked = I(r, 3) != 0;
      out.push_back(std::move(link));
      last_profile = profile;
    }
    if (r.at(4)) out.back().buurt_codes.push_back(*r.at(4));
  }
  return out;
}

domain::Status SqlRolesRepository::AddressQuestion(domain::SiteId site, domain::questions::QuestionId question,
                                                   domain::UserId professional, std::int64_t at) {
  if (sql_.Run(kQuestionOfSite, {V(question), V(site)}).empty()) {
    return MakeError(ErrorCode::kNotFound, "This question does not exist, or you cannot see it.");
  }
  try {
    sql_.Run(kInsertAddressee, {V(question), V(site), V(professional), V(at)});
  } catch (const directory::ConstraintViolation& e) {
    return MakeError(ErrorCode::kConflict, "This question is already addressed to a professional.", e.what());
  }
  return domain::Ok{};
}

std::optional<domain::UserId> SqlRolesRepository::AddresseeOf(domain::SiteId site,
                                                              domain::questions::QuestionId question) {
  auto rows = sql_.Run(kAddresseeOfQuestion, {V(question), V(site)});
  if (rows.empty()) return std::nullopt;
  return domain::UserId{I(rows.front(), 0)};
}

std::vector<domain::roles::AddressedQuestion> SqlRolesRepository::AddressedTo(domain::SiteId site,
                                                                              domain::UserId professional,
                                                                              bool include_members_only, int limit,
                                                                              int offset) {
  std::vector<domain::roles::AddressedQuestion> out;
  for (const auto& r : sql_.Run(kAddressedTo, {V(site), V(professional), V(include_members_only ? 1 : 0),
                                               V(std::max(0, limit)), V(std::max(0, offset))})) {
    domain::roles::AddressedQuestion q;
    q.question = domain::questions::QuestionId{I(r, 0)};
    q.title = S(r, 1);
    q.author_name = S(r, 2);
    q.answer_count = static_cast<int>(I(r, 3));
    q.created_at = I(r, 4);
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<domain::roles::OpenInvitation> SqlRolesRepository::OpenInvitations(domain::SiteId site,
                                                                               domain::UserId inviter,
                                                                               std::int64_t now, int limit,
                                                                               int offset) {
  std::vector<domain::roles::OpenInvitation> out;
  for (const auto& r :
       sql_.Run(kOpenInvitations, {V(site), V(inviter), V(now), V(std::max(0, limit)), V(std::max(0, offset))})) {
    out.push_back({I(r, 0), I(r, 1), I(r, 2)});
  }
  return out;
}

domain::Status SqlRolesRepository::WithdrawInvitation(domain::SiteId site, domain::UserId inviter,
                                                      std::int64_t invitation, std::int64_t now) {
  bool found = false;
  sql_.Transact([&] {
    found = !sql_.Run(kExpireInvitation, {V(invitation), V(site), V(inviter), V(now)}).empty();
    if (found) sql_.Run(kInsertWithdrawal, {V(invitation), V(now)});
    return found;
  });
  if (!found) return MakeError(ErrorCode::kNotFound, "This invitation cannot be withdrawn (any more).");
  return domain::Ok{};
}

bool SqlRolesRepository::IsWithdrawn(domain::SiteId site, std::string_view token_hash) {
  return !sql_.Run(kIsWithdrawn, {V(site), V(std::string(token_hash))}).empty();
}

}  // namespace buurtplein::store::roles
