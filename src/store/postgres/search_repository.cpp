#include "store/postgres/search_repository.hpp"

#include <algorithm>
#include <chrono>

namespace buurtplein::store::postgres {

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
    "visible_from, when_at, indexed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::int = 1, $10, $11, $12) "
    "ON CONFLICT (kind, item_id) DO UPDATE SET city_id = excluded.city_id, site_id = excluded.site_id, "
    "owner_id = excluded.owner_id, title = excluded.title, body = excluded.body, url = excluded.url, "
    "members_only = excluded.members_only, visible_from = excluded.visible_from, when_at = excluded.when_at, "
    "indexed_at = excluded.indexed_at";
constexpr const char* kDrop = "DELETE FROM search_documents WHERE kind = $1 AND item_id = $2";
constexpr const char* kDropKind = "DELETE FROM search_documents WHERE kind = $1";
constexpr const char* kDropOwner = "DELETE FROM search_documents WHERE owner_id = $1";
constexpr const char* kUnlinkOwner = "UPDATE search_documents SET owner_id = NULL WHERE owner_id = $1";
constexpr const char* kCount = "SELECT count(*) FROM search_documents";

// The user's words never reach tsquery syntax: plainto_tsquery reads $1 as plain text (every
// word required), and the words were cleaned by domain::search::ParseQuery before that.
#define BP_QUERY "WITH q AS (SELECT plainto_tsquery('buurtplein_dutch', $1) AS query) "
// $2 city, $3 site, $4 member of the site (0/1), $5 now, $6 kind ('' = any): the site's own
// documents and the city's city-wide ones; members-only ones of the site only for its members.
#define BP_SITE_WHERE                                                                                    \
  "d.search_vector @@ q.query AND d.city_id = $2 AND (d.site_id = $3 OR d.site_id IS NULL) "            \
  "AND (NOT d.members_only OR (d.site_id = $3 AND $4::int = 1)) AND d.visible_from <= $5 "              \
  "AND ($6::text = '' OR d.kind = $6::text) "
// $2 city, $3 the sites whose members-only documents the viewer may find ('{1,2}'), $4 now,
// $5 kind ('' = any).
#define BP_CITY_WHERE                                                                                    \
  "d.search_vector @@ q.query AND d.city_id = $2 AND (NOT d.members_only OR d.site_id = ANY($3::bigint[])) " \
  "AND d.visible_from <= $4 AND ($5::text = '' OR d.kind = $5::text) "
// The page is chosen first; only its rows get a headline (ts_headline reads the whole body).
// Matched words are marked with \x01 … \x02 (HTML-escaped and turned into <mark> by the view).
#define BP_HITS(WHERE, LIMIT)                                                                                   \
  BP_QUERY ", hits AS (SELECT d.id, d.kind, d.item_id, d.site_id, d.title, d.url, d.when_at, d.body, "   \
  "ts_rank_cd(d.search_vector, q.query) AS rank FROM search_documents d, q WHERE " WHERE                 \
  "ORDER BY rank DESC, d.id " LIMIT ") "                                                        \
  "SELECT h.kind, h.item_id, h.site_id, h.title, h.url, h.when_at, "                                     \
  "ts_headline('buurtplein_dutch', h.body, q.query, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || " \
  "', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"') "                            \
  "FROM hits h, q ORDER BY h.rank DESC, h.id"
#define BP_COUNT(WHERE, CAP) BP_QUERY "SELECT count(*) FROM (SELECT 1 FROM search_documents d, q WHERE " WHERE CAP ") x"
constexpr const char* kSearchSite = BP_HITS(BP_SITE_WHERE, "LIMIT $7 OFFSET $8");
constexpr const char* kCountSite = BP_COUNT(BP_SITE_WHERE, "LIMIT $7");
constexpr const char* kSearchCity = BP_HITS(BP_CITY_WHERE, "LIMIT $6 OFFSET $7");
constexpr const char* kCountCity = BP_COUNT(BP_CITY_WHERE, "LIMIT $6");
#undef BP_QUERY
#undef BP_SITE_WHERE
#undef BP_CITY_WHERE
#undef BP_HITS
#undef BP_COUNT

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string Words(const std::vector<std::string>& terms) {
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

std::string KindParam(const SearchQuery& q) { return q.kind ? std::string(KindName(*q.kind)) : std::string(); }

HitPage ReadHits(const Result& r) {
  HitPage out;
  for (int i = 0; i < r.Rows(); ++i) {
    Hit h;
    h.kind = KindFromName(r.Text(i, 0)).value_or(Kind::kNews);
    h.item_id = r.Int(i, 1);
    if (!r.IsNull(i, 2)) h.site = SiteId{r.Int(i, 2)};
    h.title = r.Text(i, 3);
    h.url = r.Text(i, 4);
    if (!r.IsNull(i, 5)) h.when = r.Int(i, 5);
    h.snippet = r.Text(i, 6);
    out.hits.push_back(std::move(h));
  }
  return out;
}

}  // namespace

void PostgresSearchRepository::Put(const Document& doc) {
  auto c = pool_.Acquire();
  c->Exec(kUpsert, Params()
                       .Add(std::string(KindName(doc.kind)))
                       .Add(doc.item_id)
                       .Add(doc.city.value)
                       .Add(doc.site ? std::optional<std::int64_t>(doc.site->value) : std::nullopt)
                       .Add(doc.owner ? std::optional<std::int64_t>(doc.owner->value) : std::nullopt)
                       .Add(doc.title)
                       .Add(doc.body)
                       .Add(doc.url)
                       .Add(doc.members_only ? 1 : 0)
                       .Add(doc.visible_from)
                       .Add(doc.when)
                       .Add(UnixNow()));
}

void PostgresSearchRepository::Drop(Kind kind, std::int64_t item_id) {
  auto c = pool_.Acquire();
  c->Exec(kDrop, Params().Add(std::string(KindName(kind))).Add(item_id));
}

void PostgresSearchRepository::DropKind(Kind kind) {
  auto c = pool_.Acquire();
  c->Exec(kDropKind, Params().Add(std::string(KindName(kind))));
}

void PostgresSearchRepository::EraseOwner(UserId owner, bool remove) {
  auto c = pool_.Acquire();
  c->Exec(remove ? kDropOwner : kUnlinkOwner, Params().Add(owner.value));
}

long PostgresSearchRepository::CountDocuments() {
  auto c = pool_.Acquire();
  return static_cast<long>(c->Exec(kCount).Int(0, 0));
}

HitPage PostgresSearchRepository::SearchSite(SiteId site, CityId city, const SearchQuery& q, bool member) {
  if (q.terms.empty()) return {};
  const std::string words = Words(q.terms);
  auto c = pool_.Acquire();
  auto base = [&] {
    return Params().Add(words).Add(city.value).Add(site.value).Add(member ? 1 : 0).Add(q.now).Add(KindParam(q));
  };
  HitPage out = ReadHits(c->Exec(kSearchSite, base().Add(std::max(0, q.limit)).Add(std::max(0, q.offset))));
  out.total = static_cast<long>(c->Exec(kCountSite, base().Add(std::max(0, q.count_cap))).Int(0, 0));
  return out;
}

HitPage PostgresSearchRepository::SearchCity(CityId city, const SearchQuery& q, const std::vector<SiteId>& member_of) {
  if (q.terms.empty()) return {};
  const std::string words = Words(q.terms);
  std::string sites = "{";
  for (std::size_t i = 0; i < member_of.size(); ++i) {
    if (i) sites += ',';
    sites += std::to_string(member_of[i].value);
  }
  sites += '}';
  auto c = pool_.Acquire();
  auto base = [&] { return Params().Add(words).Add(city.value).Add(sites).Add(q.now).Add(KindParam(q)); };
  HitPage out = ReadHits(c->Exec(kSearchCity, base().Add(std::max(0, q.limit)).Add(std::max(0, q.offset))));
  out.total = static_cast<long>(c->Exec(kCountCity, base().Add(std::max(0, q.count_cap))).Int(0, 0));
  return out;
}

}  // namespace buurtplein::store::postgres
