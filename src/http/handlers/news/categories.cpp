// A site's news categories, managed by its buurtverbinders (issue 4 §2).
#include "http/handlers/news/categories.hpp"

#include "http/handlers/form_page.hpp"
#include "http/handlers/news/common.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::news {

using domain::ErrorCode;
using domain::Result;
using domain::news::CategoryId;
using domain::news::NewsService;
using view::Msg;

namespace {

constexpr const char* kTemplate = "news/categories";

std::string PageUrl(const Context& ctx) { return ctx.site_url + "nieuws/categorieen/"; }

std::optional<CategoryId> ParseCategoryId(const std::string& raw) {
  auto id = ParseId(raw);
  if (!id) return std::nullopt;
  return CategoryId{*id};
}

domain::AppError NoCategory() { return domain::MakeError(ErrorCode::kNotFound, "This category does not exist."); }

// The page: every category with a rename and a delete form, and a form for a new one. An error
// about one category's rename is shown at that category.
Response Page(Context& ctx, const domain::AppError* error, int status, const std::string& new_name,
              std::optional<CategoryId> failed = std::nullopt, const std::string& failed_name = "") {
  NewsService& news = *ctx.services.news;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : news.Categories(ctx.site->id)) {
    const std::string id = std::to_string(c.id.value);
    const bool is_failed = failed && *failed == c.id;
    nlohmann::json item = {{"id", id},
                           {"name", c.name},
                           {"value", is_failed ? failed_name : c.name},
                           {"rename_action", PageUrl(ctx) + id + "/hernoemen"},
                           {"delete_action", PageUrl(ctx) + id + "/verwijderen"},
                           {"posts_url", ctx.site_url + "nieuws/?categorie=" + id}};
    if (is_failed && error) item["error"] = ctx.T(error->public_message);
    list.push_back(item);
  }
  nlohmann::json extra = {{"categories", list},
                          {"has_categories", !list.empty()},
                          {"create_action", PageUrl(ctx)},
                          {"news_url", ctx.site_url + "nieuws/"},
                          {"max_categories", domain::news::kMaxCategories}};
  if (const std::string done = ctx.req.Query("klaar"); !done.empty()) {
    if (done == "nieuw") extra["notice"] = ctx.T(Msg("The category is added."));
    if (done == "hernoemd") extra["notice"] = ctx.T(Msg("The category is renamed."));
    if (done == "verwijderd") extra["notice"] = ctx.T(Msg("The category is deleted. Its news stays, without a category."));
  }
  // The create form's error goes in the page's error summary; a rename error at its category.
  const domain::AppError* summary = failed ? nullptr : error;
  return handlers::FormPage(ctx, kTemplate, ctx.T(Msg("News categories")), {{"name", new_name}}, summary, status,
                            extra);
}

}  // namespace

Result<Response> Categories(Context& ctx) { return Page(ctx, nullptr, 200, ""); }

Result<Response> CreateCategory(Context& ctx) {
  const std::string name = ctx.req.Form("name");
  auto c = ctx.services.news->CreateCategory(ctx.site->id, ViewerOf(ctx), name);
  if (!c) {
    if (c.error().code != ErrorCode::kValidation && c.error().code != ErrorCode::kConflict) return c.error();
    return Page(ctx, &c.error(), 422, name);
  }
  return Redirect(303, PageUrl(ctx) + "?klaar=nieuw");
}

Result<Response> RenameCategory(Context& ctx) {
  auto id = ParseCategoryId(ctx.Param("category"));
  if (!id) return NoCategory();
  const std::string name = ctx.req.Form("name");
  auto s = ctx.services.news->RenameCategory(ctx.site->id, *id, ViewerOf(ctx), name);
  if (!s) {
    if (s.error().code != ErrorCode::kValidation && s.error().code != ErrorCode::kConflict) return s.error();
    return Page(ctx, &s.error(), 422, "", *id, name);
  }
  return Redirect(303, PageUrl(ctx) + "?klaar=hernoemd");
}

Result<Response> DeleteCategory(Context& ctx) {
  auto id = ParseCategoryId(ctx.Param("category"));
  if (!id) return NoCategory();
  if (auto s = ctx.services.news->DeleteCategory(ctx.site->id, *id, ViewerOf(ctx)); !s) return s.error();
  return Redirect(303, PageUrl(ctx) + "?klaar=verwijderd");
}

}  // namespace buurtplein::http::handlers::news
