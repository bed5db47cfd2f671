#include "http/handlers/search/snippet.hpp"

#include "domain/search/model.hpp"
#include "view/renderer.hpp"

namespace buurtplein::http::handlers::search {

std::string SnippetHtml(std::string_view snippet) {
  const std::string escaped = view::HtmlEscape(snippet);  // the markers are control bytes: untouched
  std::string out;
  out.reserve(escaped.size() + 32);
  bool open = false;
  for (char c : escaped) {
    if (c == domain::search::kMarkStart) {
      if (!open) out += "<mark>";
      open = true;
    } else if (c == domain::search::kMarkEnd) {
      if (open) out += "</mark>";
      open = false;
    } else {
      out += c;
    }
  }
  if (open) out += "</mark>";
  return out;
}

}  // namespace buurtplein::http::handlers::search
