#include "http/handlers/groups/pages.hpp"

#include <charconv>

#include "domain/events/event_service.hpp"
#include "domain/groups/group_service.hpp"
#include "domain/mail/mail_service.hpp"
#include "domain/news/news_service.hpp"
#include "view/dates.hpp"
#include "http/handlers/form_page.hpp"
#include "view/i18n.hpp"
#include "view/markdown.hpp"

namespace buurtplein::http::handlers::groups {

using domain::ErrorCode;
using domain::Result;
using domain::groups::Group;
using domain::groups::GroupDraft;
using domain::groups::GroupId;
using domain::groups::GroupMember;
using domain::groups::GroupService;
using domain::groups::MemberRole;
using domain::groups::MemberStatus;
using domain::groups::Viewer;
using domain::groups::Visibility;
using view::Msg;

namespace {

constexpr const char* kTemplateForm = "groups/form";

domain::AppError NoGroup() {
  return domain::MakeError(ErrorCode::kNotFound, "This group does not exist, or you cannot see it.");
}
domain::AppError BadForm() {
  return domain::MakeError(ErrorCode::kBadRequest, "This form could not be read. Please try again.");
}

Viewer ViewerOf(const Context& ctx) {
  return Viewer::Of(ctx.auth ? std::optional<domain::UserId>(ctx.auth->user.id) : std::nullopt, ctx.membership);
}

GroupService& Service(const Context& ctx) { return *ctx.services.groups; }

std::optional<std::int64_t> ParseId(const std::string& raw) {
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || p != raw.data() + raw.size() || id <= 0) return std::nullopt;
  return id;
}

// ?page=N (1 when absent); nullopt when it is not a page number.
std::optional<int> PageOf(const Context& ctx) {
  const std::string raw = ctx.req.Query("page");
  if (raw.empty()) return 1;
  int page = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), page);
  if (ec != std::errc() || p != raw.data() + raw.size() || page < 1) return std::nullopt;
  return page;
}

std::string GroupsUrl(const Context& ctx) { return ctx.site_url + "groepen/"; }
std::string GroupUrl(const Context& ctx, GroupId id) { return GroupsUrl(ctx) + std::to_string(id.value); }

nlohmann::json GroupView(const Context& ctx, const Group& g, bool with_description) {
  nlohmann::json j = {
      {"id", std::to_string(g.id.value)},
      {"url", GroupUrl(ctx, g.id)},
      {"name", g.name},
      {"meeting_place", g.meeting_place},
      {"contact_name", g.contact ? g.contact_name : ""},
      {"is_open", g.is_open},
      {"is_members_only", g.visibility == Visibility::kMembers},
      {"member_count", std::to_string(g.member_count)},
      {"one_member", g.member_count == 1},
      {"summary", view::MarkdownSummary(g.description_markdown, 160)},
  };
  if (with_description) j["description_html"] = view::MarkdownToHtml(g.description_markdown);
  return j;
}

nlohmann::json FormValues(const GroupDraft& d) {
  return {{"name", d.name},
          {"description", d.description_markdown},
          {"meeting_place", d.meeting_place},
          {"open", d.is_open},
          {"closed", !d.is_open},
          {"visibility_public", d.visibility == Visibility::kPublic},
          {"visibility_members", d.visibility == Visibility::kMembers}};
}

Result<GroupDraft> ReadDraft(const Context& ctx) {
  GroupDraft d;
  d.name = ctx.req.Form("name");
  d.description_markdown = ctx.req.Form("description");
  d.meeting_place = ctx.req.Form("meeting_place");
  const std::string access = ctx.req.Form("access");
  if (access == "open" || access.empty()) {
    d.is_open = true;
  } else if (access == "closed") {
    d.is_open = false;
  } else {
    return BadForm();
  }
  const std::string visibility = ctx.req.Form("visibility");
  if (visibility == "members") {
    d.visibility = Visibility::kMembers;
  } else if (visibility == "public" || visibility.empty()) {
    d.visibility = Visibility::kPublic;
  } else {
    return BadForm();
  }
  return d;
}

// The draft as sent, for showing the form again (also when a choice could not be read).
GroupDraft SubmittedDraft(const Context& ctx) {
  GroupDraft d;
  d.name = ctx.req.Form("name");
  d.description_markdown = ctx.req.Form("description");
  d.meeting_place = ctx.req.Form("meeting_place");
  d.is_open = ctx.req.Form("access") != "closed";
  d.visibility = ctx.req.Form("visibility") == "members" ? Visibility::kMembers : Visibility::kPublic;
  return d;
}

Response FormPage(Context& ctx, bool editing, const std::string& action, const GroupDraft& values,
                  const domain::AppError* error, int status) {
  nlohmann::json extra = {{"editing", editing}, {"action", action}, {"groups_url", GroupsUrl(ctx)}};
  if (editing) {
    extra["action_delete"] = action.substr(0, action.size() - std::string_view("bewerken").size()) + "verwijderen";
  }
  return handlers::FormPage(ctx, kTemplateForm, ctx.T(editing ? Msg("Edit group") : Msg("Start a group")),
                            FormValues(values), error, status, extra);
}

// The user id in the path ("{user}").
std::optional<domain::UserId> UserParam(const Context& ctx) {
  auto id = ParseId(ctx.Param("user"));
  if (!id) return std::nullopt;
  return domain::UserId{*id};
}

void AddPager(nlohmann::json& data, const std::string& base, int page, bool has_more) {
  if (page > 1) data["prev_url"] = page == 2 ? base : base + "?page=" + std::to_string(page - 1);
  if (has_more) data["next_url"] = base + "?page=" + std::to_string(page + 1);
  data["has_pages"] = page > 1 || has_more;
}

}  // namespace

nlohmann::json ActiveGroups(Context& ctx, bool& cacheable) {
  const Viewer viewer = ViewerOf(ctx);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& g : Service(ctx).Active(ctx.site->id, viewer, 3)) items.push_back(GroupView(ctx, g, false));
  if (viewer.member) cacheable = false;
  return {{"items", items}, {"has_items", !items.empty()}, {"groups_url", GroupsUrl(ctx)}, {"can_create", viewer.member}};
}

Result<Response> List(Context& ctx) {
  const Viewer viewer = ViewerOf(ctx);
  auto page = PageOf(ctx);
  if (!page) return NoGroup();
  auto list = Service(ctx).List(ctx.site->id, viewer, *page);
  if (list.groups.empty() && *page > 1) return NoGroup();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& g : list.groups) items.push_back(GroupView(ctx, g, false));
  auto data = ctx.PageData(ctx.T(Msg("Groups and initiatives")) + " – " + ctx.site->name);
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["can_create"] = viewer.member;
  data["new_url"] = GroupsUrl(ctx) + "nieuw";
  AddPager(data, GroupsUrl(ctx), list.page, list.has_more);
  if (ctx.req.Query("deleted") == "1") data["notice"] = ctx.T(Msg("The group is removed."));
  auto r = ctx.Page("groups/list", std::move(data));
  r.cacheable = !viewer.member;
  return r;
}

namespace {

// What the group organises (issue 4 §5), on its page: coming events and news as this viewer
// may see them, a page at a time (?agenda=N, ?nieuws=N), and the group's iCal feed. Sets the
// page's cache expiry to when the first listed occurrence ends.
constexpr int kGroupItemsPerPage = 5;

struct GroupPageCache {
  bool cacheable = true;
  std::int64_t expires_at = 0;
};

std::optional<int> ItemPage(const Context& ctx, const char* name) {
  const std::string raw = ctx.req.Query(name);
  if (raw.empty()) return 1;
  int page = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), page);
  if (ec != std::errc() || p != raw.data() + raw.size() || page < 1 || page > 50) return std::nullopt;
  return page;
}

std::string ItemPageUrl(const Context& ctx, GroupId id, const char* name, int page, const char* other, int other_page) {
  std::string url = GroupUrl(ctx, id);
  std::string query;
  if (page > 1) query += std::string(name) + "=" + std::to_string(page);
  if (other_page > 1) query += (query.empty() ? "" : "&") + std::string(other) + "=" + std::to_string(other_page);
  return query.empty() ? url : url + "?" + query;
}

domain::Status AddGroupItems(Context& ctx, const Group& group, const Viewer& viewer, nlohmann::json& data,
                             GroupPageCache& cache) {
  const auto agenda_page = ItemPage(ctx, "agenda");
  const auto news_page = ItemPage(ctx, "nieuws");
  if (!agenda_page || !news_page) return NoGroup();
  const domain::news::Viewer item_viewer{viewer.user, viewer.member, viewer.buurtverbinder};
  auto& events = *ctx.services.events;
  const std::int64_t now = events.Now();
  cache.expires_at = now + 24 * 3600;

  const auto coming = events.ComingOfGroup(ctx.site->id, group.id.value, item_viewer, *agenda_page, kGroupItemsPerPage);
  nlohmann::json event_items = nlohmann::json::array();
  for (const auto& e : coming.events) {
    const auto next = events.OccurrencesOf(e, now, 1);
    const std::int64_t start = next.empty() ? e.start_at : next[0].start_at;
    if (!next.empty()) cache.expires_at = std::min(cache.expires_at, std::max(next[0].end_at, now + 1));
    event_items.push_back({{"title", e.title},
                           {"url", ctx.site_url + "agenda/" + std::to_string(e.id.value)},
                           {"when", e.all_day ? view::FormatDate(start, ctx.lang) : view::FormatDateTime(start, ctx.lang)},
                           {"start_iso", e.all_day ? view::LocalIso(start).substr(0, 10) : view::LocalIso(start)},
                           {"place", e.place_name},
                           {"is_members_only", e.visibility == domain::events::Visibility::kMembers}});
  }
  data["group_events"] = event_items;
  data["has_group_events"] = !event_items.empty();
  if (*agenda_page > 1) {
    data["events_prev_url"] = ItemPageUrl(ctx, group.id, "agenda", *agenda_page - 1, "nieuws", *news_page);
  }
  if (coming.has_more) {
    data["events_next_url"] = ItemPageUrl(ctx, group.id, "agenda", *agenda_page + 1, "nieuws", *news_page);
  }
  data["has_events_pages"] = *agenda_page > 1 || coming.has_more;

  const auto news = ctx.services.news->OfGroup(ctx.site->id, group.id.value, item_viewer, *news_page, kGroupItemsPerPage);
  nlohmann::json news_items = nlohmann::json::array();
  for (const auto& p : news.posts) {
    news_items.push_back({{"title", p.title},
                          {"url", ctx.site_url + "nieuws/" + std::to_string(p.id.value)},
                          {"published", view::FormatDate(p.published_at, ctx.lang)},
                          {"published_iso", view::LocalIso(p.published_at)},
                          {"is_members_only", p.visibility == domain::news::Visibility::kMembers}});
  }
  data["group_news"] = news_items;
  data["has_group_news"] = !news_items.empty();
  if (news.page > 1) data["news_prev_url"] = ItemPageUrl(ctx, group.id, "nieuws", news.page - 1, "agenda", *agenda_page);
  if (news.has_more) data["news_next_url"] = ItemPageUrl(ctx, group.id, "nieuws", news.page + 1, "agenda", *agenda_page);
  data["has_news_pages"] = news.page > 1 || news.has_more;
  // A scheduled post appears by itself when its time comes: such a page is not cached.
  if (ctx.services.news->NextScheduled(ctx.site->id)) cache.cacheable = false;

  if (group.visibility == Visibility::kPublic) {
    const std::string feed = domain::mail::Link(
        domain::mail::SiteBaseUrl(ctx.services.options.public_url, *ctx.city, *ctx.site),
        "groepen/" + std::to_string(group.id.value) + "/agenda.ics");
    data["group_feed_url"] = feed;
    data["group_webcal_url"] = "webcal" + feed.substr(feed.find("://"));
    AddAlternate(data, "text/calendar", ctx.T(Msg("Agenda")) + " " + group.name, feed);
  }
  return domain::Ok{};
}

}  // namespace

Result<Response> Show(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return NoGroup();
  const Viewer viewer = ViewerOf(ctx);
  auto group = Service(ctx).Find(ctx.site->id, GroupId{*id}, viewer);
  if (!group) return group.error();
  const auto mine = Service(ctx).MembershipOf(ctx.site->id, group->id, viewer);
  const bool active = mine && mine->status == MemberStatus::kActive;
  const bool pending = mine && mine->status == MemberStatus::kPending;
  const bool manage = GroupService::MayManage(mine, viewer);
  auto data = ctx.PageData(group->name + " – " + ctx.site->name);
  data["group"] = GroupView(ctx, *group, true);
  data["groups_url"] = GroupsUrl(ctx);
  data["logged_out"] = !viewer.user.has_value();
  data["login_url"] = "/account/login?next=" + GroupUrl(ctx, group->id);
  data["not_site_member"] = viewer.user.has_value() && !viewer.member;
  data["join_url"] = ctx.site_url + "join";
  data["can_join"] = viewer.member && !mine;
  data["is_active"] = active;
  data["is_admin"] = active && mine->role == MemberRole::kAdmin;
  data["is_pending"] = pending;
  data["can_leave"] = active || pending;
  data["can_manage"] = manage;
  data["can_see_members"] = active || manage;
  const bool has_forms = viewer.member;
  if (has_forms) data["csrf"] = ctx.CsrfToken();
  if (manage) {
    // Requests to join, a page at a time (?aanvragen=N).
    const auto requests_page = ItemPage(ctx, "aanvragen");
    if (!requests_page) return NoGroup();
    auto requests = Service(ctx).Requests(ctx.site->id, group->id, viewer, *requests_page);
    nlohmann::json list = nlohmann::json::array();
    if (requests) {
      for (const auto& m : requests->members) {
        list.push_back({{"name", m.display_name}, {"user_id", std::to_string(m.user.value)}});
      }
      if (*requests_page > 1) {
        data["requests_prev_url"] = ItemPageUrl(ctx, group->id, "aanvragen", *requests_page - 1, "", 0);
      }
      if (requests->has_more) {
        data["requests_next_url"] = ItemPageUrl(ctx, group->id, "aanvragen", *requests_page + 1, "", 0);
      }
      data["has_requests_pages"] = *requests_page > 1 || requests->has_more;
    }
    data["requests"] = list;
    data["has_requests"] = !list.empty();
  }
  const std::string notice = ctx.req.Query("notice");
  if (notice == "saved") data["notice"] = ctx.T(Msg("The group is saved."));
  if (notice == "joined") data["notice"] = ctx.T(Msg("Welcome! You are now a member of this group."));
  if (notice == "requested") {
    data["notice"] = ctx.T(Msg("Your request is sent. An admin of the group decides on it."));
  }
  if (notice == "left") data["notice"] = ctx.T(Msg("You are no longer in this group."));
  if (notice == "approved") data["notice"] = ctx.T(Msg("The request is accepted."));
  if (notice == "rejected") data["notice"] = ctx.T(Msg("The request is refused."));
  GroupPageCache cache;
  if (auto items = AddGroupItems(ctx, *group, viewer, data, cache); !items) return items.error();
  auto r = ctx.Page("groups/show", std::move(data));
  r.cacheable = group->visibility == Visibility::kPublic && !viewer.user && cache.cacheable;
  r.cache_expires_at = cache.expires_at;
  return r;
}

Result<Response> NewForm(Context& ctx) {
  return FormPage(ctx, false, GroupsUrl(ctx) + "nieuw", GroupDraft{}, nullptr, 200);
}

Result<Response> Create(Context& ctx) {
  const std::string action = GroupsUrl(ctx) + "nieuw";
  auto draft = ReadDraft(ctx);
  if (!draft) return draft.error();
  auto group = Service(ctx).Create(ctx.site->id, ViewerOf(ctx), *draft);
  if (!group) {
    if (group.error().code != ErrorCode::kValidation) return group.error();
    return FormPage(ctx, false, action, SubmittedDraft(ctx), &group.error(), 422);
  }
  return Redirect(303, GroupUrl(ctx, group->id) + "?notice=saved");
}

Result<Response> EditForm(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return NoGroup();
  const Viewer viewer = ViewerOf(ctx);
  auto group = Service(ctx).Find(ctx.site->id, GroupId{*id}, viewer);
  if (!group) return group.error();
  if (!GroupService::MayManage(Service(ctx).MembershipOf(ctx.site->id, group->id, viewer), viewer)) {
    return domain::MakeError(ErrorCode::kForbidden, "Only an admin of this group or a buurtverbinder can do this.");
  }
  GroupDraft d{group->name, group->description_markdown, group->meeting_place, group->is_open, group->visibility};
  return FormPage(ctx, true, GroupUrl(ctx, group->id) + "/bewerken", d, nullptr, 200);
}

Result<Response> Edit(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return NoGroup();
  const std::string action = GroupUrl(ctx, GroupId{*id}) + "/bewerken";
  auto draft = ReadDraft(ctx);
  if (!draft) return draft.error();
  auto group = Service(ctx).Edit(ctx.site->id, GroupId{*id}, ViewerOf(ctx), *draft);
  if (!group) {
    if (group.error().code != ErrorCode::kValidation) return group.error();
    return FormPage(ctx, true, action, SubmittedDraft(ctx), &group.error(), 422);
  }
  return Redirect(303, GroupUrl(ctx, group->id) + "?notice=saved");
}

Result<Response> Delete(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return NoGroup();
  if (auto s = Service(ctx).Delete(ctx.site->id, GroupId{*id}, ViewerOf(ctx)); !s) return s.error();
  return Redirect(303, GroupsUrl(ctx) + "?deleted=1");
}

Result<Response> Join(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return NoGroup();
  auto status = Service(ctx).Join(ctx.site->id, GroupId{*id}, ViewerOf(ctx));
  if (!status) return status.error();
  return Redirect(303, GroupUrl(ctx, GroupId{*id}) +
                           (*status == MemberStatus::kActive ? "?notice=joined" : "?notice=requested"));
}

Result<Response> Leave(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return NoGroup();
  if (auto s = Service(ctx).Leave(ctx.site->id, GroupId{*id}, ViewerOf(ctx)); !s) return s.error();
  return Redirect(303, GroupUrl(ctx, GroupId{*id}) + "?notice=left");
}

Result<Response> Members(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return NoGroup();
  auto page = PageOf(ctx);
  if (!page) return NoGroup();
  const Viewer viewer = ViewerOf(ctx);
  auto group = Service(ctx).Find(ctx.site->id, GroupId{*id}, viewer);
  if (!group) return group.error();
  auto members = Service(ctx).Members(ctx.site->id, group->id, viewer, *page);
  if (!members) return members.error();
  if (members->members.empty() && *page > 1) return NoGroup();
  const bool manage = GroupService::MayManage(Service(ctx).MembershipOf(ctx.site->id, group->id, viewer), viewer);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : members->members) {
    const bool admin = m.role == MemberRole::kAdmin;
    list.push_back({{"name", m.display_name},
                    {"user_id", std::to_string(m.user.value)},
                    {"is_admin", admin},
                    {"can_promote", manage && !admin}});
  }
  auto data = ctx.PageData(ctx.T(Msg("Members")) + " – " + group->name);
  data["group"] = GroupView(ctx, *group, false);
  data["members"] = list;
  data["csrf"] = ctx.CsrfToken();
  const std::string base = GroupUrl(ctx, group->id) + "/leden";
  AddPager(data, base, members->page, members->has_more);
  if (ctx.req.Query("notice") == "admin") data["notice"] = ctx.T(Msg("This member is now an admin of the group too."));
  return ctx.Page("groups/members", std::move(data));
}

Result<Response> Approve(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  auto user = UserParam(ctx);
  if (!id || !user) return NoGroup();
  if (auto s = Service(ctx).Approve(ctx.site->id, GroupId{*id}, ViewerOf(ctx), *user); !s) return s.error();
  return Redirect(303, GroupUrl(ctx, GroupId{*id}) + "?notice=approved");
}

Result<Response> Reject(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  auto user = UserParam(ctx);
  if (!id || !user) return NoGroup();
  if (auto s = Service(ctx).Reject(ctx.site->id, GroupId{*id}, ViewerOf(ctx), *user); !s) return s.error();
  return Redirect(303, GroupUrl(ctx, GroupId{*id}) + "?notice=rejected");
}

Result<Response> MakeAdmin(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  auto user = UserParam(ctx);
  if (!id || !user) return NoGroup();
  if (auto s = Service(ctx).MakeAdmin(ctx.site->id, GroupId{*id}, ViewerOf(ctx), *user); !s) return s.error();
  return Redirect(303, GroupUrl(ctx, GroupId{*id}) + "/leden?notice=admin");
}

}  // namespace buurtplein::http::handlers::groups
