#include "domain/search/search_service.hpp"

#include <algorithm>
#include <exception>

namespace buurtplein::domain::search {

namespace {

// Removes the snippet markers and invalid UTF-8, and cuts at `max_bytes` (on a code point).
std::string CleanText(std::string_view in, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(in.size(), max_bytes));
  std::size_t pos = 0;
  while (pos < in.size()) {
    auto cp = DecodeUtf8(in, pos);
    if (!cp) continue;
    if (*cp == static_cast<char32_t>(kMarkStart) || *cp == static_cast<char32_t>(kMarkEnd)) {
      out.push_back(' ');
      continue;
    }
    std::string bytes;
    AppendUtf8(bytes, *cp);
    if (out.size() + bytes.size() > max_bytes) break;
    out += bytes;
  }
  return out;
}

}  // namespace

std::optional<Document> StoreIndexer::Prepare(const Document& doc) const {
  Document d = doc;
  d.title = CleanText(doc.title, kMaxTitleBytes);
  d.body = CleanText(doc.body, kMaxBodyBytes);
  const bool relative = d.url.empty() || d.url.front() != '/';
  if (d.city.value == 0 || relative) {
    if (!d.site || !resolver_) return std::nullopt;
    auto place = resolver_(*d.site);
    if (!place) return std::nullopt;
    if (d.city.value == 0) d.city = place->city;
    if (relative) d.url = place->site_path + d.url;
  }
  return d;
}

void StoreIndexer::Put(const Document& doc) {
  try {
    auto d = Prepare(doc);
    if (!d) {
      Report("search: cannot place " + std::string(KindName(doc.kind)) + " " + std::to_string(doc.item_id) +
             " (unknown site or city)");
      return;
    }
    repo_.Put(*d);
  } catch (const std::exception& e) {
    Report("search: indexing " + std::string(KindName(doc.kind)) + " " + std::to_string(doc.item_id) +
           " failed: " + e.what());
  }
}

void StoreIndexer::Drop(Kind kind, std::int64_t item_id) {
  try {
    repo_.Drop(kind, item_id);
  } catch (const std::exception& e) {
    Report("search: dropping " + std::string(KindName(kind)) + " " + std::to_string(item_id) + " failed: " + e.what());
  }
}

void StoreIndexer::Report(std::string_view what) const {
  if (reporter_) reporter_(what);
}

void Reindexer::Register(Kind kind, Callback callback) { callbacks_.emplace_back(kind, std::move(callback)); }

long Reindexer::Rebuild(SearchRepository& repo, Indexer& indexer) const {
  long n = 0;
  for (const auto& [kind, callback] : callbacks_) {
    repo.DropKind(kind);
    n += callback(indexer);
  }
  return n;
}

template <typename Run>
ResultPage SearchService::Search(const SearchRequest& request, Run run) {
  ResultPage out;
  out.page = std::max(1, request.page);
  out.terms = ParseQuery(request.text);
  if (out.terms.empty() || out.page > kMaxPage) return out;
  SearchQuery q;
  q.terms = WithoutStopWords(out.terms);
  q.kind = request.kind;
  q.now = clock_.Now();
  q.limit = kPageSize + 1;  // one more: is there a next page?
  q.offset = (out.page - 1) * kPageSize;
  q.count_cap = static_cast<int>(kMaxTotal + 1);
  HitPage page = run(q);
  out.hits = std::move(page.hits);
  if (out.hits.size() > static_cast<std::size_t>(kPageSize)) {
    out.has_more = out.page < kMaxPage;
    out.hits.resize(kPageSize);
  }
  out.total_capped = page.total > kMaxTotal;
  out.total = std::min(page.total, kMaxTotal);
  return out;
}

ResultPage SearchService::SearchSite(SiteId site, CityId city, bool member, const SearchRequest& request) {
  return Search(request, [&](const SearchQuery& q) { return repo_.SearchSite(site, city, q, member); });
}

ResultPage SearchService::SearchCity(CityId city, const std::vector<SiteId>& member_of, const SearchRequest& request) {
  return Search(request, [&](const SearchQuery& q) { return repo_.SearchCity(city, q, member_of); });
}

Status SearchService::EraseContent(UserId user, accounts::ContentChoice choice) {
  repo_.EraseOwner(user, choice == accounts::ContentChoice::kRemove);
  return Ok{};
}

}  // namespace buurtplein::domain::search
