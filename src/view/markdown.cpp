#include "view/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace buurtplein::view {

namespace {

struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

// CMARK_OPT_UNSAFE is deliberately absent: raw HTML becomes a comment and dangerous URLs are
// dropped by the renderer.
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;

std::unique_ptr<cmark_node, NodeFree> Parse(std::string_view markdown) {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
  std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(kOptions));
  for (const char* name : {"table", "autolink", "strikethrough"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  return std::unique_ptr<cmark_node, NodeFree>(cmark_parser_finish(parser.get()));
}

}  // namespace

namespace {

// Summaries (and rendered posts) are shown on every list and site home, for the same few posts,
// so each is made once:
// keyed by the text itself (and the length), so an edited post gets a new summary without anyone
// telling this cache. Bounded; when full it is emptied and refills with what is shown.
constexpr std::size_t kSummaryCacheEntries = 2048;
constexpr std::size_t kSummaryCacheMaxText = 8 * 1024;  // about 40 MB at most; longer: every time

struct SummaryCache {
  std::shared_mutex mutex;
  std::unordered_map<std::string, std::string> by_key;
};

SummaryCache& Summaries() {
  static SummaryCache cache;
  return cache;
}

std::string SummaryKey(std::string_view markdown, std::size_t max_chars) {
  std::string key = std::to_string(max_chars);
  key.push_back('\0');
  key.append(markdown);
  return key;
}

std::string Render(std::string_view markdown);

}  // namespace

std::string MarkdownToHtml(std::string_view markdown) {
  // The same posts are shown again and again: cached by their text like the summaries ("html"
  // in the key where a summary has its length).
  if (markdown.size() > kSummaryCacheMaxText) return Render(markdown);
  auto& cache = Summaries();
  std::string key = "html";
  key.push_back('\0');
  key.append(markdown);
  {
    std::shared_lock lock(cache.mutex);
    if (auto it = cache.by_key.find(key); it != cache.by_key.end()) return it->second;
  }
  std::string html = Render(markdown);
  std::unique_lock lock(cache.mutex);
  if (cache.by_key.size() >= kSummaryCacheEntries) cache.by_key.clear();
  cache.by_key.emplace(key, html);
  return html;
}

namespace {

std::string Render(std::string_view markdown) {
  auto doc = Parse(markdown);
  if (!doc) return {};
  // The extensions attached to the document render their own nodes (tables, strikethrough).
  cmark_llist* extensions = nullptr;
  cmark_mem* mem = cmark_get_default_mem_allocator();
  for (const char* name : {"table", "autolink", "strikethrough"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      extensions = cmark_llist_append(mem, extensions, ext);
    }
  }
  char* html = cmark_render_html(doc.get(), kOptions, extensions);
  cmark_llist_free(mem, extensions);
  std::string out = html ? html : "";
  std::free(html);
  return out;
}

}  // namespace

namespace {

std::string Summarise(std::string_view markdown, std::size_t max_chars);

}  // namespace

std::string MarkdownSummary(std::string_view markdown, std::size_t max_chars) {
  if (markdown.size() > kSummaryCacheMaxText) return Summarise(markdown, max_chars);
  auto& cache = Summaries();
  const std::string key = SummaryKey(markdown, max_chars);
  {
    std::shared_lock lock(cache.mutex);
    if (auto it = cache.by_key.find(key); it != cache.by_key.end()) return it->second;
  }
  std::string summary = Summarise(markdown, max_chars);
  std::unique_lock lock(cache.mutex);
  if (cache.by_key.size() >= kSummaryCacheEntries) cache.by_key.clear();
  cache.by_key.emplace(key, summary);
  return summary;
}

namespace {

std::string Summarise(std::string_view markdown, std::size_t max_chars) {
  auto doc = Parse(markdown);
  if (!doc) return {};
  std::string text;
  cmark_iter* iter = cmark_iter_new(doc.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    const auto type = cmark_node_get_type(node);
    if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)) {
      if (const char* lit = cmark_node_get_literal(node)) text += lit;
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK ||
               (ev == CMARK_EVENT_EXIT && (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
                                           type == CMARK_NODE_ITEM))) {
      if (!text.empty() && text.back() != ' ') text += ' ';
    }
  }
  cmark_iter_free(iter);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  // Cut at a code point boundary, then back to the last space.
  std::size_t count = 0, i = 0;
  for (; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (count == max_chars) break;
      ++count;
    }
  }
  if (i >= text.size()) return text;
  std::string cut = text.substr(0, i);
  if (auto space = cut.rfind(' '); space != std::string::npos && space > cut.size() / 2) cut.resize(space);
  return cut + "…";
}

}  // namespace

}  // namespace buurtplein::view
