#pragma once
#include <functional>
#include <optional>
#include <string>

#include "domain/accounts/privacy_service.hpp"
#include "domain/common/app_error.hpp"
#include "domain/common/clock.hpp"
#include "domain/market/model.hpp"
#include "domain/search/indexer.hpp"
#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::market {

/// Sends the mail that a listing is about to leave the board (implemented in src/http, where
/// the translations are).
class ListingMailer {
 public:
  virtual ~ListingMailer() = default;
  /// `renew_link` is the absolute address of the listing's page (where it is renewed).
  virtual void SendExpiryReminder(const DueReminder& due, const std::string& site_name,
                                  const std::string& renew_link) = 0;
};

/// Ask & offer (vraag & aanbod, issue 4 §4): verified members post; the poster edits, renews,
/// closes, and marks a listing as matched with a member who responded. Members-only listings are
/// seen by the site's verified members only. After every change the change listener hears the
/// site (its cached pages go); a match also tells the match listener (city pages show the city's
/// total). Listings are put in the search index (when one is wired) after create, edit and close.
class MarketService final : public accounts::ContentEraser {
 public:
  /// `sites` locates a site's city and path for search documents and mail links (may be null).
  MarketService(Store& store, const Clock& clock, const sites::SiteService* sites = nullptr)
      : store_(store), clock_(clock), sites_(sites) {}

  static constexpr int kPageSize = 20;
  static constexpr int kMaxPage = 500;

  void SetChangeListener(std::function<void(SiteId)> listener) { on_change_ = std::move(listener); }
  void SetMatchListener(std::function<void(SiteId)> listener) { on_match_ = std::move(listener); }
  void SetIndexer(search::Indexer* indexer) { indexer_ = indexer; }
  /// For reminder mails: the mailer and the platform's base URL ("https://buurtplein.nl/").
  void SetMailer(ListingMailer* mailer, std::string public_url) {
    mailer_ = mailer;
    public_url_ = std::move(public_url);
  }

  /// A verified member posts a listing. kForbidden for anyone else.
  Result<Listing> Create(SiteId site, const Viewer& viewer, const ListingDraft& draft);
  /// The listing when this viewer may see it; kNotFound otherwise (also another site's).
  Result<Listing> Find(SiteId site, ListingId id, const Viewer& viewer);
  /// The poster (or a buurtverbinder) changes it.
  Result<Listing> Edit(SiteId site, ListingId id, const Viewer& viewer, const ListingDraft& draft);
  /// The poster (or a buurtverbinder) closes it without a match.
  Status Close(SiteId site, ListingId id, const Viewer& viewer);
  /// The poster puts it on the board for another kLifetimeSeconds (also after it expired).
  Status Renew(SiteId site, ListingId id, const Viewer& viewer);
  /// The poster marks it as matched with `helper`, who must have responded. kConflict when it
  /// is not open.
  Result<Match> MarkMatched(SiteId site, ListingId id, const Viewer& viewer, UserId helper);
  /// Who responded (poster only; others get an empty list).
  std::vector<Responder> Responders(SiteId site, const Listing& listing, const Viewer& viewer);
  /// The match of a listing, if any.
  std::optional<Match> MatchOf(SiteId site, ListingId id) { return store_.market().FindMatch(site, id); }
  /// May this viewer respond to the listing (start a conversation with its poster)? The
  /// listing when so; kNotFound / kForbidden / kConflict otherwise.
  Result<Listing> CheckRespond(SiteId site, ListingId id, const Viewer& viewer);

  /// Page `page` (from 1) of the board or the archive, as this viewer may see it; `per_page`
  /// (1..100) for the JSON API.
  ListingPage List(SiteId site, const Viewer& viewer, std::optional<Kind> kind, std::optional<Category> category,
                   int page, bool archive = false, int per_page = kPageSize);
  /// The newest open listings (site home).
  std::vector<Listing> Latest(SiteId site, const Viewer& viewer, int limit = 5);
  std::int64_t CountMatches(SiteId site) { return store_.market().CountMatches(site); }
  std::int64_t CountCityMatches(CityId city) { return store_.market().CountCityMatches(city); }

  /// The periodic job: sends due expiry reminders, then expires listings past their time.
  /// Returns how many reminders went out.
  int RunDueWork();

  /// Account deletion: the person's listings are removed, or stay without their name.
  Status EraseContent(UserId user, accounts::ContentChoice choice) override;

  std::int64_t Now() const { return clock_.Now(); }
  static bool MayChange(const Listing& listing, const Viewer& viewer);
  static Result<ListingDraft> Clean(const ListingDraft& draft);

 private:
  bool MaySee(const Listing& listing, const Viewer& viewer) const;
  void Changed(SiteId site) {
    if (on_change_) on_change_(site);
  }
  void Index(const Listing& listing);

  Store& store_;
  const Clock& clock_;
  const sites::SiteService* sites_;
  std::function<void(SiteId)> on_change_;
  std::function<void(SiteId)> on_match_;
  search::Indexer* indexer_ = nullptr;
  ListingMailer* mailer_ = nullptr;
  std::string public_url_;
};

}  // namespace buurtplein::domain::market
