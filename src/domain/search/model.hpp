#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/common/ids.hpp"
#include "domain/search/indexer.hpp"

namespace buurtplein::domain::search {

/// The kind's name in the database and in URLs ("news", "event", …).
std::string_view KindName(Kind kind);
/// The kind with this name; nullopt for an unknown name.
std::optional<Kind> KindFromName(std::string_view name);
/// Every kind, in the order the search page offers them.
inline constexpr Kind kAllKinds[] = {Kind::kNews, Kind::kEvent, Kind::kListing,
                                     Kind::kGroup, Kind::kQuestion, Kind::kService};

/// Snippet markers: the store puts kMarkStart/kMarkEnd around matched words; the view escapes
/// the snippet and only then turns them into <mark>. Documents never contain them (Put removes
/// them), so user text cannot open or close a mark.
inline constexpr char kMarkStart = '\x01';
inline constexpr char kMarkEnd = '\x02';

/// What the store is asked: words already cleaned by ParseQuery (never raw user input).
struct SearchQuery {
  std::vector<std::string> terms;  ///< at least one; every one must match (AND)
  std::optional<Kind> kind;        ///< only this kind; nullopt: all kinds
  std::int64_t now = 0;            ///< documents with visible_from > now are not found
  int limit = 10;                  ///< always bounded
  int offset = 0;
  int count_cap = 200;             ///< the total is counted up to this many
};

/// One result.
struct Hit {
  Kind kind = Kind::kNews;
  std::int64_t item_id = 0;
  std::optional<SiteId> site;
  std::string title;
  std::string url;
  /// Plain text from the body with kMarkStart/kMarkEnd around matched words (not HTML).
  std::string snippet;
  std::optional<std::int64_t> when;
};

/// One page of results, best first.
struct HitPage {
  std::vector<Hit> hits;
  long total = 0;  ///< matching documents, counted up to SearchQuery::count_cap
};

/// The longest query we read, in bytes, and the most words we search for.
inline constexpr std::size_t kMaxQueryBytes = 200;
inline constexpr std::size_t kMaxTerms = 8;
inline constexpr std::size_t kMaxTermBytes = 60;

/// Splits what someone typed into words: letters and digits (any non-ASCII letter counts as a
/// letter), everything else separates. Search syntax has no meaning: quotes, operators, column
/// filters and brackets are just separators. At most kMaxTerms words of at most kMaxTermBytes;
/// invalid UTF-8 is dropped.
std::vector<std::string> ParseQuery(std::string_view text);

/// The words to search for: `terms` without Dutch stop words ("de", "het", "waar" …, the
/// Snowball list PostgreSQL's `dutch` configuration drops too), so "zijn er bibliotheken in Oost"
/// searches for "bibliotheken Oost" on both engines. When every word is a stop word they all stay.
std::vector<std::string> WithoutStopWords(const std::vector<std::string>& terms);

/// True for the bytes of a code point that separates words (ASCII punctuation and spaces,
/// Latin-1 punctuation, general punctuation U+2000–U+206F …). `cp` is a decoded code point.
bool IsSeparator(char32_t cp);

/// Decodes one UTF-8 code point at `pos`, advancing it; nullopt (and one byte skipped) for an
/// invalid sequence.
std::optional<char32_t> DecodeUtf8(std::string_view s, std::size_t& pos);
/// Appends `cp` as UTF-8.
void AppendUtf8(std::string& out, char32_t cp);

}  // namespace buurtplein::domain::search
