#include "http/handlers/news/pages.hpp"

#include <algorithm>
#include <charconv>

#include "domain/mail/mail_service.hpp"
#include "http/handlers/feeds/share.hpp"
#include "http/handlers/form_page.hpp"
#include "http/handlers/news/common.hpp"
#include "http/handlers/groups/organiser.hpp"
#include "http/multipart.hpp"
#include "http/shell.hpp"
#include "view/feeds.hpp"
#include "view/dates.hpp"
#include "view/i18n.hpp"
#include "view/markdown.hpp"

namespace buurtplein::http::handlers::news {

using domain::ErrorCode;
using domain::Result;
using domain::news::CategoryId;
using domain::news::Comment;
using domain::news::CommentId;
using domain::news::ImageAction;
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

NewsService& Service(const Context& ctx) { return *ctx.services.news; }

std::optional<PostId> ParsePostId(const std::string& raw) {
  auto id = ParseId(raw);
  if (!id) return std::nullopt;
  return PostId{*id};
}

std::string NewsUrl(const Context& ctx) { return ctx.site_url + "nieuws/"; }
std::string PostUrl(const Context& ctx, PostId id) { return NewsUrl(ctx) + std::to_string(id.value); }
std::string CategoryUrl(const Context& ctx, CategoryId id) {
  return NewsUrl(ctx) + "?categorie=" + std::to_string(id.value);
}
// The image's address names its content (the key is a hash of it): a new image is a new
// address, so browsers and proxies may keep one for a year.
std::string ImageUrl(const Context& ctx, const Post& p, int width) {
  return PostUrl(ctx, p.id) + "/afbeelding/" + p.image.key + "-" + std::to_string(width) + ".jpg";
}

// <img> attributes of the post's image: src (960 wide or smaller), srcset of every version.
nlohmann::json ImageView(const Context& ctx, const Post& p) {
  const auto widths = domain::news::ImageWidths(p.image.width);
  std::string srcset;
  int src_width = widths.front();
  for (int w : widths) {
    if (!srcset.empty()) srcset += ", ";
    srcset += ImageUrl(ctx, p, w) + " " + std::to_string(w) + "w";
    if (w <= 960) src_width = w;
  }
  return {{"src", ImageUrl(ctx, p, src_width)},
          {"srcset", srcset},
          {"largest", ImageUrl(ctx, p, widths.back())},
          {"alt", p.image.alt},
          {"width", p.image.width},
          {"height", p.image.height}};
}

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
      {"thanks", p.thanks},
      {"comment_count", p.comments},
      {"has_category", p.category.has_value()},
      {"has_image", !p.image.key.empty()},
      {"group", groups::OrganisingGroup(ctx, p.group_id, p.group_name, p.group_members_only)},
  };
  if (p.category) j["category"] = {{"name", p.category_name}, {"url", CategoryUrl(ctx, *p.category)}};
  if (!p.image.key.empty()) j["image"] = ImageView(ctx, p);
  if (with_body) j["body_html"] = view::MarkdownToHtml(p.body_markdown);
  return j;
}

// The form's values: what was sent, or the post being edited.
nlohmann::json FormValues(const std::string& title, const std::string& body, Visibility visibility,
                          const std::string& publish_at, const std::string& category = "",
                          const std::string& image_alt = "") {
  return {{"title", title},
          {"body", body},
          {"visibility_public", visibility == Visibility::kPublic},
          {"visibility_members", visibility == Visibility::kMembers},
          {"publish_at", publish_at},
          {"category", category},
          {"image_alt", image_alt}};
}

// The site's categories as <option>s, the chosen one selected.
nlohmann::json CategoryOptions(Context& ctx, const std::string& chosen) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : Service(ctx).Categories(ctx.site->id)) {
    const std::string id = std::to_string(c.id.value);
    list.push_back({{"id", id}, {"name", c.name}, {"selected", id == chosen}});
  }
  return list;
}

Response FormPage(Context& ctx, bool editing, const std::string& action, const nlohmann::json& values,
                  const domain::AppError* error, int status, const Post* post = nullptr) {
  nlohmann::json extra = {{"editing", editing}, {"action", action}, {"news_url", NewsUrl(ctx)}};
  extra["categories"] = CategoryOptions(ctx, values.value("category", ""));
  extra["has_categories"] = !extra["categories"].empty();
  if (post && !post->image.key.empty()) extra["current_image"] = ImageView(ctx, *post);
  groups::AddGroupChoices(ctx, post ? post->group_id : std::nullopt, values.value("group", ""), extra);
  if (editing) extra["action_delete"] = action.substr(0, action.size() - std::string_view("bewerken").size()) + "verwijderen";
  return handlers::FormPage(ctx, kTemplateForm, ctx.T(editing ? Msg("Edit news") : Msg("Write news")), values, error,
                            status, extra);
}

// A refused image (not an image, damaged) is a bad request; other checks are 422.
int FormStatus(const domain::AppError& e) {
  if (e.code == ErrorCode::kValidation) return e.field == "image" ? 400 : 422;
  return e.code == ErrorCode::kPayloadTooLarge ? 413 : 400;
}

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
  if (const std::string category = ctx.req.Form("category"); !category.empty()) {
    auto id = ParseId(category);
    if (!id) return domain::MakeError(ErrorCode::kBadRequest, "This form could not be read. Please try again.");
    d.category = CategoryId{*id};
  }
  d.image_alt = ctx.req.Form("image_alt");
  if (ctx.req.Form("remove_image") == "1") d.image_action = ImageAction::kRemove;
  // The image comes in a multipart form (the body stays alive for the whole request). No file
  // chosen: browsers send the part with an empty filename and no content.
  if (auto boundary = MultipartBoundary(ctx.req.Header("content-type"))) {
    auto parts = ParseMultipart(ctx.req.body, *boundary);
    if (!parts) return parts.error();
    if (const MultipartPart* image = FindPart(*parts, "image"); image && image->is_file && !image->body.empty()) {
      d.image_action = ImageAction::kReplace;
      d.image_file = image->body;
    }
  }
  return d;
}

nlohmann::json SubmittedValues(const Context& ctx) {
  auto values = FormValues(ctx.req.Form("title"), ctx.req.Form("body"),
                           ctx.req.Form("visibility") == "members" ? Visibility::kMembers : Visibility::kPublic,
                           ctx.req.Form("publish_at"), ctx.req.Form("category"), ctx.req.Form("image_alt"));
  values["group"] = ctx.req.Form("group");
  return values;
}

// A post page built for its shell (docs/decisions/0012-page-shells.md): rendered with marks
// instead of the viewer's own bits, when `marked` comes back true.
struct ShellBuild {
  bool marked = false;                      ///< the body has marks, not the viewer's values
  std::vector<std::int64_t> not_for_users;  ///< the post's and the shown comments' authors
  std::int64_t expires_at = 0;              ///< a scheduled post's publication (0: none)
};

// The "bedankt" toggle and comments under a post; `comment_error` re-shows the comment form.
Result<Response> ShowPage(Context& ctx, PostId id, const domain::AppError* comment_error = nullptr,
                          const std::string& comment_value = "", int status = 200, ShellBuild* build = nullptr);

// How long a post page's shell lives at most (the site's changes make it stale at once).
constexpr std::int64_t kShellMaxAge = 60;

std::string ShellKey(const Context& ctx) { return shell::Key(ctx, "news"); }

bool WantsJson(const Context& ctx) {
  return ctx.req.Header("accept").find("application/json") != std::string_view::npos;
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
  // ?categorie=<id>: the posts of one category of this site (another site's: not found).
  std::optional<domain::news::Category> category;
  if (const std::string raw = ctx.req.Query("categorie"); !raw.empty()) {
    auto cid = ParseId(raw);
    if (!cid) return NoPost();
    auto found = Service(ctx).FindCategory(ctx.site->id, CategoryId{*cid});
    if (!found) return found.error();
    category = *found;
  }
  auto list = Service(ctx).List(ctx.site->id, viewer, page,
                                category ? std::optional<CategoryId>(category->id) : std::nullopt);
  if (list.posts.empty() && page > 1) return NoPost();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : list.posts) items.push_back(PostView(ctx, p, viewer, false));
  auto data = ctx.PageData((category ? category->name + " – " : std::string()) + ctx.T(Msg("News")) + " – " +
                           ctx.site->name);
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["can_post"] = viewer.member;
  data["can_manage_categories"] = viewer.buurtverbinder;
  data["categories_url"] = NewsUrl(ctx) + "categorieen/";
  data["new_url"] = NewsUrl(ctx) + "nieuw";
  nlohmann::json filters = nlohmann::json::array();
  for (const auto& c : Service(ctx).Categories(ctx.site->id)) {
    filters.push_back({{"name", c.name}, {"url", CategoryUrl(ctx, c.id)}, {"current", category && c.id == category->id}});
  }
  data["filters"] = filters;
  data["has_filters"] = !filters.empty();
  data["all_url"] = NewsUrl(ctx);
  data["filter_all_current"] = !category.has_value();
  if (category) data["category_name"] = category->name;
  const std::string base = category ? CategoryUrl(ctx, category->id) + "&page=" : NewsUrl(ctx) + "?page=";
  if (list.page > 1) {
    data["prev_url"] = list.page == 2 ? (category ? CategoryUrl(ctx, category->id) : NewsUrl(ctx))
                                      : base + std::to_string(list.page - 1);
  }
  if (list.has_more) data["next_url"] = base + std::to_string(list.page + 1);
  data["has_pages"] = list.page > 1 || list.has_more;
  if (ctx.req.Query("deleted") == "1") data["notice"] = ctx.T(Msg("The news item is deleted."));
  auto r = ctx.Page("news/list", std::move(data));
  r.cacheable = !viewer.member && !Service(ctx).NextScheduled(ctx.site->id);
  return r;
}

Result<Response> Show(Context& ctx) {
  auto id = ParsePostId(ctx.Param("id"));
  if (!id) return NoPost();
  // Anonymous pages come from the page cache; a query (notice, comment page) is rendered.
  if (!ctx.auth || !ctx.req.query.empty()) return ShowPage(ctx, *id);
  // Logged in: the page is the same for everyone in the audience except the name, CSRF token,
  // unread badge and "bedankt" state (holes), and except for the authors of the post and of
  // the shown comments (their own buttons: rendered per request for them).
  const Viewer viewer = ViewerOf(ctx);
  const std::int64_t user = ctx.auth->user.id.value;
  const std::string key = ShellKey(ctx);
  const std::int64_t now = shell::UnixNow();
  auto f = ctx.services.cache.FindFragment(key, now);
  if (f && std::find(f->not_for_users.begin(), f->not_for_users.end(), user) != f->not_for_users.end()) {
    return ShowPage(ctx, *id);
  }
  if (!f) {
    const std::uint64_t generation = ctx.services.cache.Generation(ctx.site->id);
    ShellBuild build;
    auto r = ShowPage(ctx, *id, nullptr, "", 200, &build);
    if (!r || !build.marked) return r;
    auto made = std::make_shared<Fragment>();
    made->site = ctx.site->id;
    made->generation = generation;
    made->expires_at = now + kShellMaxAge;
    if (build.expires_at > now) made->expires_at = std::min(made->expires_at, build.expires_at);
    made->not_for_users = std::move(build.not_for_users);
    shell::Cut(*made, r->body, "ncut");
    // The person's own CSRF token in the page (a form the marks missed): never shared.
    const std::string csrf = view::TemplateEscape(ctx.CsrfToken());
    if (csrf.empty() || r->body.find(csrf) == std::string::npos) ctx.services.cache.StoreFragment(key, made);
    f = made;
  }
  Response r;
  r.body = shell::Join(ctx, *f, [&](char hole) -> std::string {
    if (hole != 't') return "";
    return viewer.member && Service(ctx).HasThanked(ctx.site->id, *id, viewer) ? "true" : "false";
  });
  return r;
}

namespace {

Result<Response> ShowPage(Context& ctx, PostId id, const domain::AppError* comment_error,
                          const std::string& comment_value, int status, ShellBuild* build) {
  const Viewer viewer = ViewerOf(ctx);
  auto post = Service(ctx).Find(ctx.site->id, id, viewer);
  if (!post) return post.error();
  // ?reacties=<n>: a later page of the comments.
  int comment_page = 1;
  if (const std::string raw = ctx.req.Query("reacties"); !raw.empty()) {
    auto n = ParseId(raw);
    if (!n || *n > NewsService::kMaxPage) return NoPost();
    comment_page = static_cast<int>(*n);
  }
  auto comments = Service(ctx).Comments(ctx.site->id, id, viewer, comment_page);
  if (!comments) return comments.error();
  if (comments->comments.empty() && comment_page > 1) return NoPost();

  auto view = PostView(ctx, *post, viewer, true);
  const bool has_forms = view["can_change"].get<bool>() || view["can_pin"].get<bool>() || viewer.member;
  auto data = ctx.PageData(post->title + " – " + ctx.site->name);
  const std::string url = PostUrl(ctx, id);
  view["thanks_action"] = url + "/bedankt";
  // For a shell: not when the viewer wrote the post or a shown comment (their own buttons).
  if (build) {
    if (post->author) build->not_for_users.push_back(post->author->value);
    for (const Comment& c : comments->comments) {
      if (c.author) build->not_for_users.push_back(c.author->value);
    }
    if (post->published_at > shell::UnixNow()) build->expires_at = post->published_at;
    const std::int64_t me = ctx.auth ? ctx.auth->user.id.value : 0;
    if (!ctx.auth || std::find(build->not_for_users.begin(), build->not_for_users.end(), me) != build->not_for_users.end()) {
      build = nullptr;
    }
  }
  const nlohmann::json page_data = build ? data : nlohmann::json();
  const bool thanked = !build && viewer.member && Service(ctx).HasThanked(ctx.site->id, id, viewer);
  view["thanked_pressed"] = build ? shell::Mark('t') : thanked ? "true" : "false";
  view["can_react"] = viewer.member;
  nlohmann::json list = nlohmann::json::array();
  for (const Comment& c : comments->comments) {
    list.push_back({{"id", std::to_string(c.id.value)},
                    {"author_name", c.author ? c.author_name : ctx.T(Msg("a former neighbour"))},
                    {"body", c.body},
                    {"created", view::FormatDateTime(c.created_at, ctx.lang)},
                    {"created_iso", view::LocalIso(c.created_at)},
                    {"can_delete", NewsService::MayDeleteComment(c, viewer)},
                    {"delete_action", url + "/reacties/" + std::to_string(c.id.value) + "/verwijderen"}});
  }
  data["comments"] = list;
  data["has_comments"] = !list.empty();
  data["comment_action"] = url + "/reacties";
  data["comment_value"] = comment_value;
  if (comment_error) data["comment_error"] = ctx.T(comment_error->public_message);
  if (comments->page > 1) {
    data["comments_prev_url"] = comments->page == 2 ? url + "#reacties" : url + "?reacties=" + std::to_string(comments->page - 1) + "#reacties";
  }
  if (comments->has_more) data["comments_next_url"] = url + "?reacties=" + std::to_string(comments->page + 1) + "#reacties";
  data["has_comment_pages"] = comments->page > 1 || comments->has_more;
  if (!ctx.auth) {
    std::string next;
    PercentEncode(url, next);
    data["login_url"] = "/account/login?next=" + next;
  }
  data["post"] = view;
  data["news_url"] = NewsUrl(ctx);
  if (has_forms) data["csrf"] = ctx.CsrfToken();
  if (ctx.req.Query("saved") == "1") data["notice"] = ctx.T(Msg("Your news is saved."));
  if (ctx.req.Query("reactie") == "verwijderd") data["notice"] = ctx.T(Msg("The comment is deleted."));
  // OpenGraph: a link shared in WhatsApp or mail shows a preview (public posts only); share
  // links (plain links: no third-party request on page load) and a copy-link button.
  if (post->visibility == Visibility::kPublic) {
    // The canonical address comes from the configuration, never from the request's Host header:
    // the page may be cached and served to everyone.
    const std::string canonical = ctx.PublicUrl(PostUrl(ctx, id));
    data["og"]["type"] = "article";
    data["og"]["title"] = post->title;
    data["og"]["description"] = view["summary"];
    data["og"]["url"] = canonical;
    data["og"]["published_time"] = ::buurtplein::view::Rfc3339Utc(post->published_at);
    if (!post->image.key.empty()) {
      // The largest version, as an absolute address (link previews fetch it from elsewhere).
      const std::string largest = view["image"]["largest"].get<std::string>();
      data["og"]["image"] = ctx.PublicUrl(largest);
      data["og"]["image_alt"] = post->image.alt;
    }
    if (!view["is_scheduled"].get<bool>()) {
      data["share"] = handlers::feeds::ShareLinks(ctx, post->title, canonical);
      const nlohmann::json script = {{"src", ctx.services.static_files.assets().value("js_share_js", "")}};
      data["scripts"] = nlohmann::json::array({script});
    }
  } else {
    data.erase("og");
  }
  if (build) build->marked = shell::MarkViewer(data, page_data);
  if (build && !build->marked) {
    view["thanked_pressed"] = viewer.member && Service(ctx).HasThanked(ctx.site->id, id, viewer) ? "true" : "false";
    data["post"]["thanked_pressed"] = view["thanked_pressed"];
  }
  auto r = ctx.Page("news/show", std::move(data));
  r.status = status;
  r.cacheable = status == 200 && post->visibility == Visibility::kPublic && !view["is_scheduled"].get<bool>() && !has_forms;
  return r;
}

}  // namespace

Result<Response> NewForm(Context& ctx) {
  return FormPage(ctx, false, NewsUrl(ctx) + "nieuw", FormValues("", "", Visibility::kPublic, ""), nullptr, 200);
}

Result<Response> Create(Context& ctx) {
  const std::string action = NewsUrl(ctx) + "nieuw";
  auto draft = ReadDraft(ctx);
  if (!draft) {
    if (draft.error().code != ErrorCode::kValidation && draft.error().code != ErrorCode::kPayloadTooLarge) {
      return draft.error();
    }
    return FormPage(ctx, false, action, SubmittedValues(ctx), &draft.error(), FormStatus(draft.error()));
  }
  auto group = groups::ReadGroupChoice(ctx, ctx.req.Form("group"), std::nullopt);
  if (!group) return group.error();
  draft->group_id = *group;
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
                             scheduled ? view::LocalIso(post->published_at) : "",
                             post->category ? std::to_string(post->category->value) : "", post->image.alt),
                  nullptr, 200, &*post);
}

Result<Response> Edit(Context& ctx) {
  auto id = ParsePostId(ctx.Param("id"));
  if (!id) return NoPost();
  const std::string action = PostUrl(ctx, *id) + "/bewerken";
  const Viewer viewer = ViewerOf(ctx);
  auto current = Service(ctx).Find(ctx.site->id, *id, viewer);
  if (!current) return current.error();
  auto draft = ReadDraft(ctx);
  if (!draft) {
    if (draft.error().code != ErrorCode::kValidation && draft.error().code != ErrorCode::kPayloadTooLarge) {
      return draft.error();
    }
    return FormPage(ctx, true, action, SubmittedValues(ctx), &draft.error(), FormStatus(draft.error()), &*current);
  }
  auto group = groups::ReadGroupChoice(ctx, ctx.req.Form("group"), current->group_id);
  if (!group) return group.error();
  draft->group_id = *group;
  auto post = Service(ctx).Edit(ctx.site->id, *id, viewer, *draft);
  if (!post) {
    if (post.error().code != ErrorCode::kValidation) return post.error();
    return FormPage(ctx, true, action, SubmittedValues(ctx), &post.error(), FormStatus(post.error()), &*current);
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

Result<Response> Image(Context& ctx) {
  auto id = ParsePostId(ctx.Param("id"));
  if (!id) return NoPost();
  // "<key>-<width>.jpg"
  const std::string& file = ctx.Param("file");
  const auto dash = file.rfind('-');
  const auto dot = file.rfind(".jpg");
  if (dash == std::string::npos || dot == std::string::npos || dot + 4 != file.size() || dot < dash) return NoPost();
  auto width = ParseId(file.substr(dash + 1, dot - dash - 1));
  if (!width || *width > domain::news::kImageMaxWidth) return NoPost();
  const Viewer viewer = ViewerOf(ctx);
  auto bytes = Service(ctx).ImageOf(ctx.site->id, *id, viewer, file.substr(0, dash), static_cast<int>(*width));
  if (!bytes) return bytes.error();
  Response r;
  r.content_type = "image/jpeg";
  r.body = std::move(*bytes);
  // The name is the content's hash: these bytes never change. (Responses for a logged-in
  // person are made no-store by the app anyway; anonymous ones may be kept for a year.)
  auto post = Service(ctx).Find(ctx.site->id, *id, viewer);
  const bool is_public = post && post->visibility == Visibility::kPublic && post->published_at <= Service(ctx).Now();
  r.SetHeader("Cache-Control", is_public ? "public, max-age=31536000, immutable" : "private, no-store");
  return r;
}

Result<Response> Thank(Context& ctx) {
  auto id = ParsePostId(ctx.Param("id"));
  if (!id) return NoPost();
  auto thanks = Service(ctx).ToggleThanks(ctx.site->id, *id, ViewerOf(ctx));
  if (WantsJson(ctx)) {
    // For static/js/news.js: the new state, without a reload.
    Response r;
    r.content_type = "application/json";
    if (!thanks) {
      r.status = StatusFor(thanks.error());
      if (thanks.error().code == ErrorCode::kForbidden) r.status = 403;
      r.body = nlohmann::json{{"error", ctx.T(thanks.error().public_message)}}.dump();
      return r;
    }
    r.body = nlohmann::json{{"thanked", thanks->thanked}, {"count", thanks->count}}.dump();
    return r;
  }
  if (!thanks) return thanks.error();
  return Redirect(303, PostUrl(ctx, *id) + "#bedankt");
}

Result<Response> AddComment(Context& ctx) {
  auto id = ParsePostId(ctx.Param("id"));
  if (!id) return NoPost();
  const Viewer viewer = ViewerOf(ctx);
  const std::string body = ctx.req.Form("comment");
  auto comment = Service(ctx).AddComment(ctx.site->id, *id, viewer, body);
  if (!comment) {
    if (comment.error().code != ErrorCode::kValidation) return comment.error();
    return ShowPage(ctx, *id, &comment.error(), body, 422);
  }
  // The new comment is the last one: on the last page of the comments.
  auto post = Service(ctx).Find(ctx.site->id, *id, viewer);
  const int total = post ? post->comments : 1;
  const int page = std::max(1, (total + NewsService::kCommentPageSize - 1) / NewsService::kCommentPageSize);
  return Redirect(303, PostUrl(ctx, *id) + (page > 1 ? "?reacties=" + std::to_string(page) : "") + "#reactie-" +
                           std::to_string(comment->id.value));
}

Result<Response> DeleteComment(Context& ctx) {
  auto id = ParsePostId(ctx.Param("id"));
  auto comment = ParseId(ctx.Param("comment"));
  if (!id || !comment) return NoPost();
  auto post = Service(ctx).DeleteComment(ctx.site->id, CommentId{*comment}, ViewerOf(ctx));
  if (!post) return post.error();
  return Redirect(303, PostUrl(ctx, *post) + "?reactie=verwijderd#reacties");
}

}  // namespace buurtplein::http::handlers::news
