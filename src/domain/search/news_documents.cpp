#include "domain/search/news_documents.hpp"

#include <limits>

namespace buurtplein::domain::search {

std::string MarkdownWords(std::string_view md) {
  std::string out;
  out.reserve(md.size());
  for (std::size_t i = 0; i < md.size(); ++i) {
    const char c = md[i];
    // A link or image target "](…)" is an address, not words.
    if (c == ']' && i + 1 < md.size() && md[i + 1] == '(') {
      const auto close = md.find(')', i + 2);
      if (close != std::string_view::npos) {
        out.push_back(' ');
        i = close;
        continue;
      }
    }
    // An HTML tag (dropped by the safe renderer anyway).
    if (c == '<') {
      const auto close = md.find('>', i + 1);
      if (close != std::string_view::npos && close - i < 200) {
        out.push_back(' ');
        i = close;
        continue;
      }
    }
    switch (c) {
      case '*': case '_': case '#': case '`': case '>': case '[': case ']': case '|': case '~': case '\\':
        out.push_back(' ');
        break;
      case '\n': case '\r': case '\t':
        out.push_back(' ');
        break;
      default:
        out.push_back(c);
    }
  }
  // Collapse runs of spaces; a mark before punctuation ("*Plein*.") leaves no space.
  std::string collapsed;
  collapsed.reserve(out.size());
  for (char c : out) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    if ((c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?') && !collapsed.empty() &&
        collapsed.back() == ' ') {
      collapsed.pop_back();
    }
    collapsed.push_back(c);
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  return collapsed;
}

Document NewsDocument(const news::Post& post) {
  Document d;
  d.kind = Kind::kNews;
  d.item_id = post.id.value;
  d.site = post.site;
  d.title = post.title;
  d.body = MarkdownWords(post.body_markdown);
  d.url = "nieuws/" + std::to_string(post.id.value);
  d.members_only = post.visibility == news::Visibility::kMembers;
  d.visible_from = post.published_at;
  d.when = post.published_at;
  d.owner = post.author;
  return d;
}

long ReindexNews(Store& store, const sites::Directory& directory, Indexer& indexer) {
  constexpr int kBatch = 200;
  long n = 0;
  for (const auto& city_sites : directory.sites) {
    for (const auto& site : city_sites) {
      news::ListQuery q;
      q.now = std::numeric_limits<std::int64_t>::max();  // scheduled posts too
      q.include_members_only = true;
      q.limit = kBatch;
      for (q.offset = 0;; q.offset += kBatch) {
        const auto posts = store.news().ListPublished(site.id, q);
        for (const auto& p : posts) {
          indexer.Put(NewsDocument(p));
          ++n;
        }
        if (posts.size() < static_cast<std::size_t>(kBatch)) break;
      }
    }
  }
  return n;
}

}  // namespace buurtplein::domain::search
