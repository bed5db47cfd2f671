#pragma once
#include <string>
#include <string_view>

namespace buurtplein::http::handlers::search {

/// A snippet from the index (plain text, matched words between domain::search::kMarkStart and
/// kMarkEnd) as safe HTML: everything escaped first, then the markers become <mark> and
/// </mark>, always balanced (a stray end marker is dropped; an open mark is closed).
std::string SnippetHtml(std::string_view snippet);

}  // namespace buurtplein::http::handlers::search
