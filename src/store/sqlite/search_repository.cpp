#include "store/sqlite/search_repository.hpp"

#include <algorithm>
#include <chrono>

#include "store/sqlite/search_tokenizer.hpp"

namespace buurtplein::store::sqlite {

using domain::CityId;
using domain::SiteId;
using domain::UserId;
using domain::search::Document;
using domain::search::Hit;
using domain::search::HitPage;
using domain::search::Kind;
using domain::search::KindFromName;
using domain::search::KindName;
using domain::search::SearchQuery;

namespace {

constexpr const char* kUpsert =
    "INSERT INTO search_documents (kind, item_id, city_id, site_id, owner_id, title, body, url, members_only, "
    "visible_from, when_at, indexed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
    "ON CONFLICT (kind, item_id) DO UPDATE SET city_id = excluded.city_id, site_id = excluded.site_id, "
    "owner_id = excluded.owner_id, title = excluded.title, body = excluded.body, url = excluded.url, "
    "members_only = excluded.members_only, visible_from = excluded.visible_from, when_at = excluded.when_at, "
    "indexed_at = excluded.indexed_at";
constexpr const char* kDrop = "DELETE FROM search_documents WHERE kind = ?1 AND item_id = ?2";
constexpr const char* kDropKind = "DELETE FROM search_documents WHERE kind = ?1";
constexpr const char* kDropOwner = "DELETE FROM search_documents WHERE owner_id = ?1";
constexpr const char* kUnlinkOwner = "UPDATE search_documents SET owner_id = NULL WHERE owner_id = ?1";
constexpr const char* kCount = "SELECT count(*) FROM search_documents";

// ?1 MATCH expression, ?2 city, ?3 site, ?4 member of the site (0/1), ?5 now, ?6 kind ('' = any).
// The site's own documents and the city's city-wide ones; members-only ones of the site only
// for its members; nothing before visible_from.
#define BP_SITE_WHERE                                                                                      \
  "search_fts MATCH ?1 AND d.city_id = ?2 AND (d.site_id = ?3 OR d.site_id IS NULL) "                     \
  "AND (d.members_only = 0 OR (d.site_id = ?3 AND ?4 = 1)) AND d.visible_from <= ?5 AND (?6 = '' OR d.kind = ?6) "
// ?1 MATCH expression, ?2 city, ?3 JSON array of the sites whose members-only documents the
// viewer may find, ?5 now, ?6 kind.
#define BP_CITY_WHERE                                                                                      \
  "search_fts MATCH ?1 AND d.city_id = ?2 "                                                               \
  "AND (d.members_only = 0 OR d.site_id IN (SELECT value FROM json_each(?3))) AND d.visible_from <= ?5 "  \
  "AND (?6 = '' OR d.kind = ?6) "
// Title matches weigh five times body matches. The snippet marks matched words with \x01 … \x02
// (HTML-escaped and turned into <mark> by the view; documents never contain these bytes).
#define BP_HIT_COLUMNS                                                                                     \
  "SELECT d.kind, d.item_id, d.site_id, d.title, d.url, d.when_at, "                                      \
  "snippet(search_fts, 1, char(1), char(2), '…', 24) FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid WHERE "
#define BP_ORDER " ORDER BY bm25(search_fts, 5.0, 1.0), d.id LIMIT ?7 OFFSET ?8"
#define BP_COUNT "SELECT count(*) FROM (SELECT 1 FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid WHERE "
constexpr const char* kSearchSite = BP_HIT_COLUMNS BP_SITE_WHERE BP_ORDER;
constexpr const char* kCountSite = BP_COUNT BP_SITE_WHERE " LIMIT ?7)";
constexpr const char* kSearchCity = BP_HIT_COLUMNS BP_CITY_WHERE BP_ORDER;
constexpr const char* kCountCity = BP_COUNT BP_CITY_WHERE " LIMIT ?7)";
#undef BP_SITE_WHERE
#undef BP_CITY_WHERE
#undef BP_HIT_COLUMNS
#undef BP_ORDER
#undef BP_COUNT

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Hit ReadHit(const Stmt& s) {
  Hit h;
  h.kind = KindFromName(s.Text(0)).value_or(Kind::kNews);
  h.item_id = s.Int(1);
  if (!s.IsNull(2)) h.site = SiteId{s.Int(2)};
  h.title = s.Text(3);
  h.url = s.Text(4);
  if (!s.IsNull(5)) h.when = s.Int(5);
  h.snippet = s.Text(6);
  return h;
}

// Binds the parameters both searches share (?1, ?2, ?5, ?6).
void BindCommon(Stmt& s, const std::string& match, CityId city, const SearchQuery& q) {
  s.Bind(1, match).Bind(2, city.value).Bind(5, q.now).Bind(6, q.kind ? KindName(*q.kind) : std::string_view(""));
}

}  // namespace

std::string Fts5Match(const std::vector<std::string>& terms) {
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : t) {
      if (c == '"') out += '"';  // a quote inside an FTS5 string is doubled
      out += c;
    }
    out += '"';
  }
  return out;
}

SqliteSearchRepository::SqliteSearchRepository(Database& db) : db_(db) { EnableSearchTokenizer(); }

void SqliteSearchRepository::Put(const Document& doc) {
  auto s = db_.Conn().Prepare(kUpsert);
  s.Bind(1, KindName(doc.kind))
      .Bind(2, doc.item_id)
      .Bind(3, doc.city.value)
      .Bind(5, doc.owner ? std::optional<std::int64_t>(doc.owner->value) : std::nullopt)
      .Bind(6, doc.title)
      .Bind(7, doc.body)
      .Bind(8, doc.url)
      .Bind(9, doc.members_only ? 1 : 0)
      .Bind(10, doc.visible_from)
      .Bind(11, doc.when)
      .Bind(12, UnixNow());
  s.Bind(4, doc.site ? std::optional<std::int64_t>(doc.site->value) : std::nullopt);
  s.Exec();
}

void SqliteSearchRepository::Drop(Kind kind, std::int64_t item_id) {
  db_.Conn().Prepare(kDrop).Bind(1, KindName(kind)).Bind(2, item_id).Exec();
}

void SqliteSearchRepository::DropKind(Kind kind) { db_.Conn().Prepare(kDropKind).Bind(1, KindName(kind)).Exec(); }

void SqliteSearchRepository::EraseOwner(UserId owner, bool remove) {
  db_.Conn().Prepare(remove ? kDropOwner : kUnlinkOwner).Bind(1, owner.value).Exec();
}

long SqliteSearchRepository::CountDocuments() {
  auto s = db_.Conn().Prepare(kCount);
  s.Step();
  return static_cast<long>(s.Int(0));
}

HitPage SqliteSearchRepository::SearchSite(SiteId site, CityId city, const SearchQuery& q, bool member) {
  HitPage out;
  if (q.terms.empty()) return out;
  const std::string match = Fts5Match(q.terms);
  auto& c = db_.Conn();
  {
    auto s = c.Prepare(kSearchSite);
    BindCommon(s, match, city, q);
    s.Bind(3, site.value).Bind(4, member ? 1 : 0).Bind(7, std::max(0, q.limit)).Bind(8, std::max(0, q.offset));
    while (s.Step()) out.hits.push_back(ReadHit(s));
  }
  {
    auto s = c.Prepare(kCountSite);
    BindCommon(s, match, city, q);
    s.Bind(3, site.value).Bind(4, member ? 1 : 0).Bind(7, std::max(0, q.count_cap));
    if (s.Step()) out.total = static_cast<long>(s.Int(0));
  }
  return out;
}

HitPage SqliteSearchRepository::SearchCity(CityId city, const SearchQuery& q, const std::vector<SiteId>& member_of) {
  HitPage out;
  if (q.terms.empty()) return out;
  const std::string match = Fts5Match(q.terms);
  std::string sites = "[";
  for (std::size_t i = 0; i < member_of.size(); ++i) {
    if (i) sites += ',';
    sites += std::to_string(member_of[i].value);
  }
  sites += ']';
  auto& c = db_.Conn();
  {
    auto s = c.Prepare(kSearchCity);
    BindCommon(s, match, city, q);
    s.Bind(3, sites).Bind(7, std::max(0, q.limit)).Bind(8, std::max(0, q.offset));
    while (s.Step()) out.hits.push_back(ReadHit(s));
  }
  {
    auto s = c.Prepare(kCountCity);
    BindCommon(s, match, city, q);
    s.Bind(3, sites).Bind(7, std::max(0, q.count_cap));
    if (s.Step()) out.total = static_cast<long>(s.Int(0));
  }
  return out;
}

}  // namespace buurtplein::store::sqlite
