#include "http/handlers/news/pages.hpp"

#include <charconv>

#include "domain/mail/mail_service.hpp"
#include "http/handlers/feeds/share.hpp"
#include "http/handlers/form_page.hpp"
#include "view/feeds.hpp"
#include "view/dates.hpp"
#include "view/i18n.hpp"
#include "view/markdown.hpp"

namespace buurtplein::http::handlers::news {

using domain::ErrorCode;
using domain::Result;
using domain::news::NewsService;
using domain::news::Post;
using domain::news::PostDraft;
using domain::news::PostId;
using domain::news::Viewer;
using domain::news::Visibility;
using view::Msg;

namespace {

constexpr const char* kTemplateForm = "news/form";

domain::AppError NoPost() {
  return domain::MakeError(ErrorCode::kNotFound, "This news item does not exist, or you cannot see it.");
}

Viewer ViewerOf(const Context& ctx) {
  return Viewer::Of(ctx.auth ? std::optional<domain::UserId>(ctx.auth->user.id) : std::nullopt, ctx.membership);
}

NewsService& Service(const Context& ctx) { return *ctx.services.news; }

std::optional<PostId> ParsePostId(const std::string& raw) {
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || p != raw.data() + raw.size() || id <= 0) return std::nullopt;
  return PostId{id};
}

std::string NewsUrl(const Context& ctx) { return ctx.site_url + "nieuws/"; }
std::string PostUrl(const Context& ctx, PostId id) { return NewsUrl(ctx) + std::to_string(id.value); }

// A post as the templates show it. The body is Markdown rendered in safe mode (view/markdown).
nlohmann::json PostView(const Context& ctx, const Post& p, const Viewer& viewer, bool with_body) {
  const std::int64_t now = ctx.services.news->Now();
  nlohmann::json j = {
      {"id", std::to_string(p.id.value)},
      {"url", PostUrl(ctx, p.id)},
      {"title", p.title},
      {"author_name", p.author ? p.author_name : ctx.T(Msg("a former neighbour"))},
      {"published", view::FormatDate(p.published_at, ctx.lang)},
      {"published_iso", view::LocalIso(p.published_at)},
      {"is_members_only", p.visibility == Visibility::kMembers},
      {"is_pinned", p.pinned},
      {"is_scheduled", p.published_at > now},
      {"scheduled_for", view::FormatDateTime(p.published_at, ctx.lang)},
      {"was_edited", p.updated_at > p.created_at + 60},
      {"can_change", NewsService::MayChange(p, viewer)},
      {"can_pin", viewer.buurtverbinder},
      {"summary", view::MarkdownSummary(p.body_markdown, 200)},
  };
  if (with_body) j["body_html"] = view::MarkdownToHtml(p.body_markdown);
  return j;
}

// The form's values: what was sent, or the post being edited.
nlohmann::json FormValues(const std::string& title, const std::string& body, Visibility visibility,
                          const std::string& publish_at) {
  return {{"title", title},
          {"body", body},
          {"visibility_public", visibility == Visibility::kPublic},
          {"visibility_members", visibility == Visibility::kMembers},
          {"publish_at", publish_at}};
}

Response FormPage(Context& ctx, bool editing, const std::string& action, const nlohmann::json& values,
                  const domain::AppError* error, int status) {
  nlohmann::json extra = {{"editing", editing}, {"action", action}, {"news_url", NewsUrl(ctx)}};
  if (editing) extra["action_delete"] = action.substr(0, action.size() - std::string_view("bewerken").size()) + "verwijderen";
  return handlers::FormPage(ctx, kTemplateForm, ctx.T(editing ? Msg("Edit news") : Msg("Write news")), values, error,
                            status, extra);
}

int FormStatus(const domain::AppError& e) { return e.code == ErrorCode::kValidation ? 422 : 400; }

// Reads the form. publish_at is optional ("" = now, or unchanged when editing).
Result<PostDraft> ReadDraft(const Context& ctx) {
  PostDraft d;
  d.title = ctx.req.Form("title");
  d.body_markdown = ctx.req.Form("body");
  const std::string visibility = ctx.req.Form("visibility");
  if (visibility == "members") {
    d.visibility = Visibility::kMembers;
  } else if (visibility == "public" || visibility.empty()) {
    d.visibility = Visibility::kPublic;
  } else {
    return domain::MakeError(ErrorCode::kBadRequest, "This form could not be read. Please try again.");
  }
  const std::string at = ctx.req.Form("publish_at");
  if (!at.empty()) {
    std::int64_t t = 0;
    if (!view::ParseLocalIso(at, t)) {
      auto e = domain::MakeError(ErrorCode::kValidation, "Give the date and time as on a calendar, for example 2026-05-01 09:00.");
      e.field = "publish_at";
      return e;
    }
    d.published_at = t;
  }
  return d;
}

nlohmann::json SubmittedValues(const Context& ctx) {
  return FormValues(ctx.req.Form("title"), ctx.req.Form("body"),
                    ctx.req.Form("visibility") == "members" ? Visibility::kMembers : Visibility::kPublic,
                    ctx.req.Form("publish_at"));
}

}  // namespace

nlohmann::json ThisWeek(Context& ctx, bool& cacheable) {
  const Viewer viewer = ViewerOf(ctx);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : Service(ctx).ThisWeek(ctx.site->id, viewer, 5)) items.push_back(PostView(ctx, p, viewer, false));
  // A page with members-only news is never cached; a scheduled post would appear later
  // without a change to the site, so while one waits the page is not cached either.
  if (viewer.member || Service(ctx).NextScheduled(ctx.site->id)) cacheable = false;
  return {{"items", items}, {"has_items", !items.empty()}, {"news_url", NewsUrl(ctx)}, {"can_post", viewer.member}};
}

Result<Response> List(Context& ctx) {
  const Viewer viewer = ViewerOf(ctx);
  int page = 1;
  if (const std::string raw = ctx.req.Query("page"); !raw.empty()) {
    auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), page);
    if (ec != std::errc() || p != raw.data() + raw.size() || page < 1) return NoPost();
  }
  auto list = Service(ctx).List(ctx.site->id, viewer, page);
  if (list.posts.empty() && page > 1) return NoPost();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : list.posts) items.push_back(PostView(ctx, p, viewer, false));
  auto data = ctx.PageData(ctx.T(Msg("News")) + " – " + ctx.site->name);
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["can_post"] = viewer.member;
  data["new_url"] = NewsUrl(ctx) + "nieuw";
  if (list.page > 1) data["prev_url"] = list.page == 2 ? NewsUrl(ctx) : NewsUrl(ctx) + "?page=" + std::to_string(list.page - 1);
  if (list.has_more) data["next_url"] = NewsUrl(ctx) + "?page=" + std::to_string(list.page + 1);
  data["has_pages"] = list.page > 1 || list.has_more;
  if (ctx.req.Query("deleted") == "1") data["notice"] = ctx.T(Msg("The news item is deleted."));
  auto r = ctx.Page("news/list", std::move(data));
  r.cacheable = !viewer.member && !Service(ctx).NextScheduled(ctx.site->id);
  return r;
}

Result<Response> Show(Context& ctx) {
  auto id = ParsePostId(ctx.Param("id"));
  if (!id) return NoPost();
  const Viewer viewer = ViewerOf(ctx);
  auto post = Service(ctx).Find(ctx.site->id, *id, viewer);
  if (!post) return post.error();
  auto view = PostView(ctx, *post, viewer, true);
  const bool has_forms = view["can_change"].get<bool>() || view["can_pin"].get<bool>();
  auto data = ctx.PageData(post->title + " – " + ctx.site->name);
  data["post"] = view;
  data["news_url"] = NewsUrl(ctx);
  if (has_forms) data["csrf"] = ctx.CsrfToken();
  if (ctx.req.Query("saved") == "1") data["notice"] = ctx.T(Msg("Your news is saved."));
  // OpenGraph: a link shared in WhatsApp or mail shows a preview (public posts only); share
  // links (plain links: no third-party request on page load) and a copy-link button.
  if (post->visibility == Visibility::kPublic) {
    // The canonical address comes from the configuration, never from the request's Host header:
    // the page may be cached and served to everyone.
    const std::string url = ctx.PublicUrl(PostUrl(ctx, *id));
    data["og"]["type"] = "article";
    data["og"]["title"] = post->title;
    data["og"]["description"] = view["summary"];
    data["og"]["url"] = url;
    data["og"]["published_time"] = ::buurtplein::view::Rfc3339Utc(post->published_at);
    if (!view["is_scheduled"].get<bool>()) {
      data["share"] = handlers::feeds::ShareLinks(ctx, post->title, url);
      const nlohmann::json script = {{"src", ctx.services.static_files.assets().value("js_share_js", "")}};
      data["scripts"] = nlohmann::json::array({script});
    }
  } else {
    data.erase("og");
  }
  auto r = ctx.Page("news/show", std::move(data));
  r.cacheable = post->visibility == Visibility::kPublic && !view["is_scheduled"].get<bool>() && !has_forms;
  return r;
}

Result<Response> NewForm(Context& ctx) {
  return FormPage(ctx, false, NewsUrl(ctx) + "nieuw", FormValues("", "", Visibility::kPublic, ""), nullptr, 200);
}

Result<Response> Create(Context& ctx) {
  const std::string action = NewsUrl(ctx) + "nieuw";
  auto draft = ReadDraft(ctx);
  if (!draft) {
    if (draft.error().code != ErrorCode::kValidation) return draft.error();
    return FormPage(ctx, false, action, SubmittedValues(ctx), &draft.error(), 422);
  }
  auto post = Service(ctx).Create(ctx.site->id, ViewerOf(ctx), *draft);
  if (!post) {
    if (post.error().code != ErrorCode::kValidation) return post.error();
    return FormPage(ctx, false, action, SubmittedValues(ctx), &post.error(), FormStatus(post.error()));
  }
  return Redirect(303, PostUrl(ctx, post->id) + "?saved=1");
}

Result<Response> EditForm(Context& ctx) {
  auto id = ParsePostId(ctx.Param("id"));
  if (!id) return NoPost();
  const Viewer viewer = ViewerOf(ctx);
  auto post = Service(ctx).Find(ctx.site->id, *id, viewer);
  if (!post) return post.error();
  if (!NewsService::MayChange(*post, viewer)) {
    return domain::MakeError(ErrorCode::kForbidden, "Only the author or a buurtverbinder can change this news item.");
  }
  const bool scheduled = post->published_at > Service(ctx).Now();
  return FormPage(ctx, true, PostUrl(ctx, *id) + "/bewerken",
                  FormValues(post->title, post->body_markdown, post->visibility,
                             scheduled ? view::LocalIso(post->published_at) : ""),
                  nullptr, 200);
}

Result<Response> Edit(Context& ctx) {
  auto id = ParsePostId(ctx.Param("id"));
  if (!id) return NoPost();
  const std::string action = PostUrl(ctx, *id) + "/bewerken";
  auto draft = ReadDraft(ctx);
  if (!draft) {
    if (draft.error().code != ErrorCode::kValidation) return draft.error();
    return FormPage(ctx, true, action, SubmittedValues(ctx), &draft.error(), 422);
  }
  auto post = Service(ctx).Edit(ctx.site->id, *id, ViewerOf(ctx), *draft);
  if (!post) {
    if (post.error().code != ErrorCode::kValidation) return post.error();
    return FormPage(ctx, true, action, SubmittedValues(ctx), &post.error(), FormStatus(post.error()));
  }
  return Redirect(303, PostUrl(ctx, *id) + "?saved=1");
}

Result<Response> Delete(Context& ctx) {
  auto id = ParsePostId(ctx.Param("id"));
  if (!id) return NoPost();
  if (auto s = Service(ctx).Delete(ctx.site->id, *id, ViewerOf(ctx)); !s) return s.error();
  return Redirect(303, NewsUrl(ctx) + "?deleted=1");
}

Result<Response> Pin(Context& ctx) {
  auto id = ParsePostId(ctx.Param("id"));
  if (!id) return NoPost();
  const std::string action = ctx.req.Form("action");
  if (action != "pin" && action != "unpin") {
    return domain::MakeError(ErrorCode::kBadRequest, "This form could not be read. Please try again.");
  }
  if (auto s = Service(ctx).SetPinned(ctx.site->id, *id, ViewerOf(ctx), action == "pin"); !s) return s.error();
  return Redirect(303, PostUrl(ctx, *id));
}

}  // namespace buurtplein::http::handlers::news
