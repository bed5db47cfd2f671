#pragma once
#include <nlohmann/json.hpp>

#include "http/context.hpp"

/// Neighbourhood news pages (issue 4 §2): the list, a post, writing, editing, deleting and
/// pinning. Routes in the "News" block of src/http/routes.cpp.
namespace buurtplein::http::handlers::news {

domain::Result<Response> List(Context& ctx);
domain::Result<Response> Show(Context& ctx);
domain::Result<Response> NewForm(Context& ctx);
domain::Result<Response> Create(Context& ctx);
domain::Result<Response> EditForm(Context& ctx);
domain::Result<Response> Edit(Context& ctx);
domain::Result<Response> Delete(Context& ctx);
domain::Result<Response> Pin(Context& ctx);
/// A version of a post's image ("<key>-<width>.jpg"), for whoever may see the post; cached a
/// year when the post is public (the name is the content's hash).
domain::Result<Response> Image(Context& ctx);
/// "Bedankt" on or off: a redirect back to the post, or JSON {"thanked", "count"} when the
/// request accepts application/json (static/js/news.js).
domain::Result<Response> Thank(Context& ctx);
/// A verified member comments; the author or a buurtverbinder deletes a comment.
domain::Result<Response> AddComment(Context& ctx);
domain::Result<Response> DeleteComment(Context& ctx);

/// This week's news of the request's site for the site home, as this viewer may see it:
/// {"items": [...], "has_items": bool, "news_url", "can_post"}. `cacheable` becomes false when
/// the block must not be served from the page cache (a scheduled post is waiting).
nlohmann::json ThisWeek(Context& ctx, bool& cacheable);

}  // namespace buurtplein::http::handlers::news
