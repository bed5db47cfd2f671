#include "domain/search/feature_documents.hpp"

#include <string>

#include "domain/search/news_documents.hpp"

namespace buurtplein::domain::search {

namespace {

// Each walk reads at most this many rows at a time.
constexpr int kBatch = 200;

// Runs `per_site` for every site of the directory and adds up what it put.
template <typename PerSite>
long EverySite(const sites::Directory& directory, PerSite per_site) {
  long n = 0;
  for (const auto& city_sites : directory.sites) {
    for (const auto& site : city_sites) n += per_site(site.id);
  }
  return n;
}

// Calls `page(offset)` for offsets 0, kBatch, … until a page comes back short; `put` takes each
// item. Returns how many items were put.
template <typename Page, typename Put>
long Walk(Page page, Put put) {
  long n = 0;
  for (int offset = 0;; offset += kBatch) {
    const auto items = page(offset);
    for (const auto& item : items) {
      put(item);
      ++n;
    }
    if (items.size() < static_cast<std::size_t>(kBatch)) break;
  }
  return n;
}

}  // namespace

Document ListingDocument(const market::Listing& l) {
  Document d;
  d.kind = Kind::kListing;
  d.item_id = l.id.value;
  d.site = l.site;
  d.title = l.title;
  d.body = MarkdownWords(l.body_markdown);
  d.url = "vraag-aanbod/" + std::to_string(l.id.value);
  d.members_only = l.visibility == market::Visibility::kMembers;
  d.when = l.created_at;
  d.owner = l.author;
  return d;
}

Document GroupDocument(const groups::Group& g) {
  Document d;
  d.kind = Kind::kGroup;
  d.item_id = g.id.value;
  d.site = g.site;
  d.title = g.name;
  d.body = MarkdownWords(g.description_markdown);
  if (!g.meeting_place.empty()) d.body += " " + g.meeting_place;
  d.url = "groepen/" + std::to_string(g.id.value);
  d.members_only = g.visibility == groups::Visibility::kMembers;
  d.when = g.created_at;
  return d;
}

Document QuestionDocument(const questions::Question& q, const std::vector<questions::Answer>& answers) {
  Document d;
  d.kind = Kind::kQuestion;
  d.item_id = q.id.value;
  d.site = q.site;
  d.title = q.title;
  d.body = MarkdownWords(q.body_markdown);
  int folded = 0;
  for (const auto& a : answers) {
    if (folded++ == kIndexedAnswers) break;
    if (!d.body.empty()) d.body += ' ';
    d.body += MarkdownWords(a.body_markdown);
  }
  d.url = "vragen/" + std::to_string(q.id.value);
  d.members_only = q.visibility == questions::Visibility::kMembers;
  d.when = q.created_at;
  d.owner = q.author;
  return d;
}

long ReindexSiteListings(Store& store, SiteId site, std::int64_t now, Indexer& indexer) {
  market::ListQuery q;
  q.now = now;
  q.archive = false;  // open and not expired: the listings the market service indexes
  q.include_members_only = true;
  q.limit = kBatch;
  return Walk(
      [&](int offset) {
        q.offset = offset;
        return store.market().ListListings(site, q);
      },
      [&](const market::Listing& l) { indexer.Put(ListingDocument(l)); });
}

long ReindexSiteGroups(Store& store, SiteId site, Indexer& indexer) {
  return Walk([&](int offset) { return store.groups().ListGroups(site, true, kBatch, offset); },
              [&](const groups::Group& g) { indexer.Put(GroupDocument(g)); });
}

long ReindexSiteQuestions(Store& store, SiteId site, Indexer& indexer) {
  long n = 0;
  for (const bool answered : {false, true}) {
    questions::ListQuery q;
    q.answered = answered;
    q.include_members_only = true;
    q.limit = kBatch;
    n += Walk(
        [&](int offset) {
          q.offset = offset;
          return store.questions().ListQuestions(site, q);
        },
        [&](const questions::Question& question) {
          indexer.Put(QuestionDocument(question, store.questions().ListAnswers(site, question.id, kIndexedAnswers, 0)));
        });
  }
  return n;
}

long ReindexListings(Store& store, const sites::Directory& directory, std::int64_t now, Indexer& indexer) {
  return EverySite(directory, [&](SiteId s) { return ReindexSiteListings(store, s, now, indexer); });
}

long ReindexGroups(Store& store, const sites::Directory& directory, Indexer& indexer) {
  return EverySite(directory, [&](SiteId s) { return ReindexSiteGroups(store, s, indexer); });
}

long ReindexQuestions(Store& store, const sites::Directory& directory, Indexer& indexer) {
  return EverySite(directory, [&](SiteId s) { return ReindexSiteQuestions(store, s, indexer); });
}

}  // namespace buurtplein::domain::search
