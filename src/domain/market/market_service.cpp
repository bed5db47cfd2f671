#include "domain/market/market_service.hpp"

#include <algorithm>

#include "domain/common/text.hpp"
#include "domain/search/feature_documents.hpp"
#include "domain/mail/mail_service.hpp"

namespace buurtplein::domain::market {

namespace {

AppError NoListing() { return MakeError(ErrorCode::kNotFound, "This ask or offer does not exist, or you cannot see it."); }
AppError NotYours() { return MakeError(ErrorCode::kForbidden, "Only the person who posted this can change it."); }

AppError WithField(AppError e, const char* field) {
  e.field = field;
  return e;
}

}  // namespace

std::string_view KindName(Kind k) {
  switch (k) {
    case Kind::kAsk: return "ask";
    case Kind::kOffer: return "offer";
    case Kind::kLend: return "lend";
    case Kind::kGive: return "give";
    case Kind::kSeek: return "seek";
  }
  return "ask";
}

std::optional<Kind> ParseKind(std::string_view s) {
  for (Kind k : kKinds) {
    if (KindName(k) == s) return k;
  }
  return std::nullopt;
}

std::string_view CategoryName(Category c) {
  switch (c) {
    case Category::kKlusjes: return "klusjes";
    case Category::kBoodschappen: return "boodschappen";
    case Category::kVervoer: return "vervoer";
    case Category::kComputerhulp: return "computerhulp";
    case Category::kGezelschap: return "gezelschap";
    case Category::kSpullen: return "spullen";
    case Category::kOverig: return "overig";
  }
  return "overig";
}

std::optional<Category> ParseCategory(std::string_view s) {
  for (Category c : kCategories) {
    if (CategoryName(c) == s) return c;
  }
  return std::nullopt;
}

std::string_view StatusName(ListingStatus s) {
  switch (s) {
    case ListingStatus::kOpen: return "open";
    case ListingStatus::kMatched: return "matched";
    case ListingStatus::kClosed: return "closed";
    case ListingStatus::kExpired: return "expired";
  }
  return "open";
}

ListingStatus ParseStatus(std::string_view s) {
  if (s == "matched") return ListingStatus::kMatched;
  if (s == "closed") return ListingStatus::kClosed;
  if (s == "expired") return ListingStatus::kExpired;
  return ListingStatus::kOpen;
}

Viewer Viewer::Of(std::optional<UserId> user, const std::optional<accounts::Membership>& membership) {
  Viewer v;
  v.user = user;
  if (user && membership && membership->user == *user && membership->status == accounts::MemberStatus::kVerified) {
    v.member = true;
    v.buurtverbinder = membership->role == accounts::MemberRole::kBuurtverbinder;
    v.verified_at = membership->verified_at;
  }
  return v;
}

Result<ListingDraft> MarketService::Clean(const ListingDraft& draft) {
  ListingDraft out = draft;
  std::size_t n = 0;
  if (!CopyCleanText(TrimView(draft.title), false, out.title, n)) {
    return WithField(MakeError(ErrorCode::kValidation, "The title contains characters we cannot use."), "title");
  }
  if (n == 0) return WithField(MakeError(ErrorCode::kValidation, "Give your ask or offer a title."), "title");
  if (n > kMaxTitleLength) {
    return WithField(MakeError(ErrorCode::kValidation, "The title is longer than 140 characters."), "title");
  }
  if (!CopyCleanText(TrimView(draft.body_markdown), true, out.body_markdown, n)) {
    return WithField(MakeError(ErrorCode::kValidation, "The text contains characters we cannot use."), "body");
  }
  if (n == 0) return WithField(MakeError(ErrorCode::kValidation, "Describe what you ask or offer."), "body");
  if (n > kMaxBodyLength) {
    return WithField(MakeError(ErrorCode::kValidation, "The text is longer than 5,000 characters."), "body");
  }
  return out;
}

bool MarketService::MayChange(const Listing& listing, const Viewer& viewer) {
  if (!viewer.user || !viewer.member) return false;
  return viewer.buurtverbinder || (listing.author && *listing.author == *viewer.user);
}

bool MarketService::MaySee(const Listing& listing, const Viewer& viewer) const {
  return listing.visibility == Visibility::kPublic || viewer.member;
}

void MarketService::Index(const Listing& l) {
  if (!indexer_) return;
  if (!l.IsActive(clock_.Now())) {
    indexer_->Drop(search::Kind::kListing, l.id.value);
    return;
  }
  indexer_->Put(search::ListingDocument(l));
}

Result<Listing> MarketService::Create(SiteId site, const Viewer& viewer, const ListingDraft& draft) {
  if (!viewer.user || !viewer.member) {
    return MakeError(ErrorCode::kForbidden, "Only verified members of this neighbourhood can post an ask or offer.");
  }
  auto clean = Clean(draft);
  if (!clean) return clean.error();
  const std::int64_t now = clock_.Now();
  auto listing = store_.market().CreateListing(site, *viewer.user, *clean, now, now + kLifetimeSeconds);
  if (listing) {
    Index(*listing);
    Changed(site);
  }
  return listing;
}

Result<Listing> MarketService::Find(SiteId site, ListingId id, const Viewer& viewer) {
  auto listing = store_.market().FindListing(site, id);
  if (!listing || !MaySee(*listing, viewer)) return NoListing();
  return *listing;
}

Result<Listing> MarketService::Edit(SiteId site, ListingId id, const Viewer& viewer, const ListingDraft& draft) {
  auto listing = Find(site, id, viewer);
  if (!listing) return listing.error();
  if (!MayChange(*listing, viewer)) return NotYours();
  auto clean = Clean(draft);
  if (!clean) return clean.error();
  if (auto s = store_.market().UpdateListing(site, id, *clean, clock_.Now()); !s) return s.error();
  Changed(site);
  auto changed = Find(site, id, viewer);
  if (changed) Index(*changed);
  return changed;
}

Status MarketService::Close(SiteId site, ListingId id, const Viewer& viewer) {
  auto listing = Find(site, id, viewer);
  if (!listing) return listing.error();
  if (!MayChange(*listing, viewer)) return NotYours();
  if (listing->status != ListingStatus::kOpen) {
    return MakeError(ErrorCode::kConflict, "This ask or offer is already closed.");
  }
  if (auto s = store_.market().CloseListing(site, id, clock_.Now()); !s) return s;
  listing->status = ListingStatus::kClosed;
  Index(*listing);
  Changed(site);
  return Ok{};
}

Status MarketService::Renew(SiteId site, ListingId id, const Viewer& viewer) {
  auto listing = Find(site, id, viewer);
  if (!listing) return listing.error();
  if (!MayChange(*listing, viewer)) return NotYours();
  if (listing->status != ListingStatus::kOpen && listing->status != ListingStatus::kExpired) {
    return MakeError(ErrorCode::kConflict, "A matched or closed ask or offer cannot be renewed.");
  }
  const std::int64_t now = clock_.Now();
  if (auto s = store_.market().RenewListing(site, id, now, now + kLifetimeSeconds); !s) return s;
  listing->status = ListingStatus::kOpen;
  listing->expires_at = now + kLifetimeSeconds;
  Index(*listing);
  Changed(site);
  return Ok{};
}

std::vector<Responder> MarketService::Responders(SiteId site, const Listing& listing, const Viewer& viewer) {
  if (!viewer.user || !listing.author || *listing.author != *viewer.user) return {};
  return store_.market().ListResponders(site, listing.id, 100);
}

Result<Match> MarketService::MarkMatched(SiteId site, ListingId id, const Viewer& viewer, UserId helper) {
  auto listing = Find(site, id, viewer);
  if (!listing) return listing.error();
  // Only the poster: the match says that they were helped (or helped) by this person.
  if (!viewer.user || !viewer.member || !listing->author || *listing->author != *viewer.user) {
    return MakeError(ErrorCode::kForbidden, "Only the person who posted this can mark it as matched.");
  }
  if (listing->status != ListingStatus::kOpen) {
    return MakeError(ErrorCode::kConflict, "This ask or offer is already closed.");
  }
  const auto responders = store_.market().ListResponders(site, id, 100);
  const bool responded = std::any_of(responders.begin(), responders.end(),
                                     [&](const Responder& r) { return r.user == helper; });
  if (!responded) {
    auto e = MakeError(ErrorCode::kValidation, "Choose one of the people who responded.");
    e.field = "helper";
    return e;
  }
  auto match = store_.market().RecordMatch(site, id, *viewer.user, helper, clock_.Now());
  if (!match) return match.error();
  listing->status = ListingStatus::kMatched;
  Index(*listing);
  Changed(site);
  if (on_match_) on_match_(site);
  return match;
}

Result<Listing> MarketService::CheckRespond(SiteId site, ListingId id, const Viewer& viewer) {
  auto listing = Find(site, id, viewer);
  if (!listing) return listing.error();
  if (!viewer.user || !viewer.member) {
    return MakeError(ErrorCode::kForbidden, "Only verified members of this neighbourhood can respond.");
  }
  if (!listing->author) return MakeError(ErrorCode::kConflict, "The person who posted this is no longer here.");
  if (*listing->author == *viewer.user) {
    auto e = MakeError(ErrorCode::kValidation, "This is your own ask or offer.");
    e.field = "body";
    return e;
  }
  if (!listing->IsActive(clock_.Now())) {
    return MakeError(ErrorCode::kConflict, "This ask or offer is already closed.");
  }
  return listing;
}

ListingPage MarketService::List(SiteId site, const Viewer& viewer, std::optional<Kind> kind,
                                std::optional<Category> category, int page, bool archive, int per_page) {
  ListingPage out;
  out.page = std::max(1, page);
  if (out.page > kMaxPage) return out;
  per_page = std::clamp(per_page, 1, 100);
  ListQuery q;
  q.now = clock_.Now();
  q.archive = archive;
  q.include_members_only = viewer.member;
  q.kind = kind;
  q.category = category;
  q.limit = per_page + 1;  // one more: is there a next page?
  q.offset = (out.page - 1) * per_page;
  out.listings = store_.market().ListListings(site, q);
  if (out.listings.size() > static_cast<std::size_t>(per_page)) {
    out.has_more = out.page < kMaxPage;
    out.listings.resize(per_page);
  }
  return out;
}

std::vector<Listing> MarketService::Latest(SiteId site, const Viewer& viewer, int limit) {
  ListQuery q;
  q.now = clock_.Now();
  q.include_members_only = viewer.member;
  q.limit = std::clamp(limit, 1, 50);
  return store_.market().ListListings(site, q);
}

int MarketService::RunDueWork() {
  const std::int64_t now = clock_.Now();
  int sent = 0;
  // Bounded batches: a long backlog is worked off over several runs.
  for (const auto& due : store_.market().DueReminders(now, now + kReminderBeforeSeconds, 200)) {
    // Claim first: another server running the same job may have taken it in between.
    if (!store_.market().MarkReminded(due.listing.site, due.listing.id, now)) continue;
    if (mailer_ && sites_) {
      const sites::City* city = nullptr;
      const sites::Site* site = sites_->directory()->FindSiteById(due.listing.site, &city);
      if (site && city) {
        const std::string link = mail::Link(mail::SiteBaseUrl(public_url_, *city, *site),
                                            "vraag-aanbod/" + std::to_string(due.listing.id.value));
        mailer_->SendExpiryReminder(due, site->name, link);
        ++sent;
      }
    }
  }
  for (SiteId site : store_.market().ExpireListings(now)) Changed(site);
  return sent;
}

Status MarketService::EraseContent(UserId user, accounts::ContentChoice choice) {
  for (SiteId site : store_.market().EraseAuthor(user, choice == accounts::ContentChoice::kRemove)) Changed(site);
  return Ok{};
}

}  // namespace buurtplein::domain::market
