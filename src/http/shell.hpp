#pragma once
// Whole pages kept in the fragment cache, cut where the viewer's own bits go (docs/decisions/
// 0008-fragment-cache.md, 0012-page-shells.md). A page is rendered once per audience with marks
// instead of the viewer's name, CSRF token, unread badge and (per page) other per-viewer
// values; per request the marks are filled in.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "http/context.hpp"
#include "http/page_cache.hpp"

namespace buurtplein::http::shell {

/// The viewer's audience on the current site: 'a' not logged in, 'l' logged in but not a member,
/// 'm' verified member, 'b' buurtverbinder.
char Audience(const Context& ctx);

/// The fragment-map key of a page shell of the current site: `kind` ("home", "news", …), the
/// site, its address (a site may have its own host), language, audience and path.
std::string Key(const Context& ctx, std::string_view kind);

/// Unix seconds now.
std::int64_t UnixNow();

/// The mark for hole `what` ('n' name, 'c' CSRF token, 'u' unread badge; other letters are the
/// page's own holes). Random per process, so no text written by a resident can contain it.
const std::string& Mark(char what);

/// Replaces the viewer's name, CSRF token and unread badge in `data` (from Context::PageData,
/// with anything else added) by marks. False when PageData has something else about the viewer
/// (a field added later), so a page is never shared by mistake. `page_keys` are the page's own
/// keys (not checked); the layout keys PageData makes are checked against a fixed list.
bool MarkViewer(nlohmann::json& data, const nlohmann::json& page_data);

/// Cuts `page` at the marks of `holes` (the letters to look for) into f.page_parts/page_holes.
void Cut(Fragment& f, const std::string& page, const std::string& holes);

/// `piece` with every mark of `hole` replaced by `with` (a page's own piece, e.g. a form with
/// the CSRF token's mark).
std::string Replace(const std::string& piece, char hole, const std::string& with);

/// The page of `f` with the holes filled: name, CSRF token and unread badge of the viewer;
/// any other hole from `extra` (may be empty).
std::string Join(Context& ctx, const Fragment& f, const std::function<std::string(char)>& extra = {});

}  // namespace buurtplein::http::shell
