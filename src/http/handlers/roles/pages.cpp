#include "http/handlers/roles/pages.hpp"

#include <charconv>

#include "domain/accounts/model.hpp"
#include "domain/roles/professional_service.hpp"
#include "view/dates.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::roles {

using domain::ErrorCode;
using domain::Result;
using domain::roles::ProfessionalService;
using view::Msg;

namespace {

ProfessionalService& Service(const Context& ctx) { return *ctx.services.professionals; }

std::optional<std::int64_t> ParseId(const std::string& raw) {
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || p != raw.data() + raw.size() || id <= 0) return std::nullopt;
  return id;
}

std::optional<int> PageOf(const Context& ctx) {
  const std::string raw = ctx.req.Query("page");
  if (raw.empty()) return 1;
  int page = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), page);
  if (ec != std::errc() || p != raw.data() + raw.size() || page < 1) return std::nullopt;
  return page;
}

domain::AppError NoPage() { return domain::MakeError(ErrorCode::kNotFound, "This page does not exist (any more)."); }

bool VerifiedMember(const Context& ctx) {
  return ctx.membership && ctx.membership->status == domain::accounts::MemberStatus::kVerified;
}

template <typename Page>
void Paging(nlohmann::json& data, const Page& page, const std::string& base) {
  if (page.page > 1) data["prev_url"] = page.page == 2 ? base : base + "?page=" + std::to_string(page.page - 1);
  if (page.has_more) data["next_url"] = base + "?page=" + std::to_string(page.page + 1);
  data["has_pages"] = page.page > 1 || page.has_more;
}

}  // namespace

Result<Response> Professionals(Context& ctx) {
  auto page = PageOf(ctx);
  if (!page) return NoPage();
  auto list = Service(ctx).ProfessionalsOf(*ctx.site, *page);
  if (list.items.empty() && *page > 1) return NoPage();
  // Residents (verified members) ask a professional a question or send them a message.
  const bool member = ctx.auth && VerifiedMember(ctx);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : list.items) {
    const bool self = ctx.auth && ctx.auth->user.id == p.user;
    items.push_back({{"id", std::to_string(p.user.value)},
                     {"name", p.display_name},
                     {"job_title", p.job_title},
                     {"organisation", p.organization_name},
                     {"come_to_me_for", p.come_to_me_for},
                     {"office_hours", p.office_hours},
                     {"can_contact", member && !self},
                     {"ask_url", ctx.site_url + "vragen/nieuw?professional=" + std::to_string(p.user.value)},
                     {"message_url", ctx.site_url + "berichten/nieuw?aan=" + std::to_string(p.user.value)}});
  }
  auto data = ctx.PageData(ctx.T(Msg("Professionals in this neighbourhood")) + " – " + ctx.site->name);
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["logged_out"] = !ctx.auth.has_value();
  data["login_url"] = "/account/login?next=" + ctx.site_url + "wijkprofessionals/";
  data["is_professional"] = ctx.professional.has_value();
  data["addressed_url"] = ctx.site_url + "wijkprofessionals/vragen";
  Paging(data, list, ctx.site_url + "wijkprofessionals/");
  auto r = ctx.Page("roles/professionals", std::move(data));
  r.cacheable = !ctx.auth.has_value();
  return r;
}

Result<Response> AddressedToMe(Context& ctx) {
  auto page = PageOf(ctx);
  if (!page) return NoPage();
  // Members-only questions addressed to a professional are theirs to see (as on the question).
  auto list = Service(ctx).AddressedTo(ctx.site->id, ctx.auth->user.id, true, *page);
  if (list.items.empty() && *page > 1) return NoPage();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& q : list.items) {
    items.push_back({{"url", ctx.site_url + "vragen/" + std::to_string(q.question.value)},
                     {"title", q.title},
                     {"author_name", q.author_name.empty() ? ctx.T(Msg("a former neighbour")) : q.author_name},
                     {"asked", view::FormatDate(q.created_at, ctx.lang)},
                     {"asked_iso", view::LocalIso(q.created_at)},
                     {"answer_count", std::to_string(q.answer_count)},
                     {"has_answers", q.answer_count > 0}});
  }
  auto data = ctx.PageData(ctx.T(Msg("Questions for you")) + " – " + ctx.site->name);
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["professionals_url"] = ctx.site_url + "wijkprofessionals/";
  Paging(data, list, ctx.site_url + "wijkprofessionals/vragen");
  return ctx.Page("roles/addressed", std::move(data));
}

Result<Response> Invitations(Context& ctx) {
  auto page = PageOf(ctx);
  if (!page) return NoPage();
  auto list = Service(ctx).OpenInvitations(ctx.site->id, ctx.auth->user.id, *page);
  if (list.items.empty() && *page > 1) return NoPage();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : list.items) {
    items.push_back({{"id", std::to_string(i.id)},
                     {"made", view::FormatDate(i.created_at, ctx.lang)},
                     {"made_iso", view::LocalIso(i.created_at)},
                     {"until", view::FormatDate(i.expires_at, ctx.lang)},
                     {"until_iso", view::LocalIso(i.expires_at)},
                     {"withdraw_url", ctx.site_url + "uitnodigingen/" + std::to_string(i.id) + "/intrekken"}});
  }
  auto data = ctx.PageData(ctx.T(Msg("Your open invitations")) + " – " + ctx.site->name);
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["csrf"] = ctx.CsrfToken();
  data["invite_url"] = ctx.site_url + "invite";
  if (ctx.req.Query("withdrawn") == "1") {
    data["notice"] = ctx.T(Msg("The invitation is withdrawn. The link no longer works."));
  }
  Paging(data, list, ctx.site_url + "uitnodigingen/");
  return ctx.Page("roles/invitations", std::move(data));
}

Result<Response> WithdrawInvitation(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return domain::MakeError(ErrorCode::kNotFound, "This invitation cannot be withdrawn (any more).");
  if (auto s = Service(ctx).Withdraw(ctx.site->id, ctx.auth->user.id, *id); !s) return s.error();
  return Redirect(303, ctx.site_url + "uitnodigingen/?withdrawn=1");
}

}  // namespace buurtplein::http::handlers::roles
