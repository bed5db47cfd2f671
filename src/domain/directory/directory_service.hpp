#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/common/clock.hpp"
#include "domain/directory/model.hpp"
#include "domain/mail/mail_service.hpp"
#include "domain/search/indexer.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::directory {

/// Who changes the sociale kaart, as far as it needs to know.
struct Editor {
  std::optional<UserId> user;          ///< nullopt: not logged in (or an import)
  std::string email;                   ///< recorded as assurer when they verify
  bool operator_ = false;              ///< platform operator (the association's keepers)
  std::optional<SiteId> buurtverbinder_of;  ///< a site where they are buurtverbinder
  bool import = false;                 ///< the import command (may write anything)
};

/// One page of a list, with the HSDS paging numbers.
template <typename T>
struct Page {
  std::vector<T> items;
  int total_items = 0;
  int page = 1;      ///< from 1
  int per_page = 20;
  int total_pages() const { return per_page <= 0 ? 0 : (total_items + per_page - 1) / per_page; }
};

/// The categories every city starts with (Dutch, B1); the association may add more.
const std::vector<Term>& DefaultTerms();
inline constexpr const char* kTaxonomyName = "Buurtplein sociale kaart";

/// The sociale kaart of a city. Anyone reads; organisation admins change their own
/// organisation's services and places; buurtverbinders add local places for their site;
/// operators verify and may change anything. After every change the change listener hears the
/// city (the runtime empties cached pages) and the search indexer gets the service.
class DirectoryService {
 public:
  DirectoryService(Store& store, const Clock& clock, search::Indexer* indexer = nullptr)
      : store_(store), clock_(clock), indexer_(indexer) {}

  static constexpr int kMaxPerPage = 100;
  static constexpr int kMaxPage = 1000;
  /// An entry not verified for this long is marked "possibly outdated".
  static constexpr std::int64_t kOutdatedAfterSeconds = 365LL * 24 * 3600;

  void SetChangeListener(std::function<void(CityId)> listener) { on_change_ = std::move(listener); }
  /// The search index that gets every saved service (may stay null: no search).
  void SetIndexer(search::Indexer* indexer) { indexer_ = indexer; }
  /// Builds the search path of a service (e.g. "/nijmegen/sociale-kaart/diensten/{uuid}").
  void SetUrlMaker(std::function<std::string(CityId, const Service&)> url) { url_ = std::move(url); }

  /// Makes sure the city has its taxonomy with the default categories.
  void EnsureTaxonomy(CityId city);

  Page<Service> Services(CityId city, ServiceQuery query, int page, int per_page);
  Page<Organization> Organizations(CityId city, OrganizationQuery query, int page, int per_page);
  Page<Term> Terms(CityId city, int page, int per_page);
  Page<ServiceAtLocation> ServicesAtLocations(CityId city, const std::string& search, const std::string& term_uuid,
                                              int page, int per_page);

  /// May this editor change entries of this organisation? (operator, or its admin)
  bool MayEditOrganization(CityId city, const Editor& editor, OrganizationId org);
  /// May this editor change this service? (as above, or a buurtverbinder of its local site)
  bool MayEditService(CityId city, const Editor& editor, const Service& service);

  /// Creates (id empty) or replaces a service. kForbidden when the editor may not; kValidation
  /// for a bad draft (the first problem, with its field).
  Result<Service> SaveService(CityId city, const Editor& editor, const Service& draft);
  /// Creates or replaces an organisation (operators; its admins for an existing one).
  Result<Organization> SaveOrganization(CityId city, const Editor& editor, const Organization& draft);
  /// Creates or replaces a location.
  Result<Location> SaveLocation(CityId city, const Editor& editor, const Location& draft);
  /// A professional saves their profile for one of their organisations (a role there, admin or
  /// professional, is needed; operators may save anyone's). Buurten must lie in the city.
  Result<Professional> SaveProfessional(CityId city, const Editor& editor, const Professional& draft);
  /// An operator confirms a service is still right (assured_date today, assurer them).
  Status VerifyService(CityId city, const Editor& editor, ServiceId id);

  /// The search rebuild: puts every service of the city through `indexer` (the same documents a
  /// save puts), a page at a time; returns how many.
  long Reindex(CityId city, search::Indexer& indexer);

  /// True when an entry verified on `assured_date` (YYYY-MM-DD, "" never) is possibly outdated.
  bool IsOutdated(const std::string& assured_date) const;
  /// Mails the owners of services not verified for 12 months (at most once per 30 days each);
  /// returns how many mails were queued.
  int SendReminders(CityId city, mail::MailService& mail, const std::string& base_url, int limit = 100);

  /// Checks and cleans a service draft: the first problem with its field.
  static Result<Service> Clean(const Service& draft);
  static Result<Organization> Clean(const Organization& draft);
  static Result<Location> Clean(const Location& draft);

  std::int64_t Now() const { return clock_.Now(); }
  /// Today in Europe/Amsterdam-independent UTC date form (YYYY-MM-DD), from the clock.
  std::string Today() const;

 private:
  void Changed(CityId city) {
    if (on_change_) on_change_(city);
  }
  void Index(CityId city, const Service& s);
  search::Document DocumentOf(CityId city, const Service& s) const;

  Store& store_;
  const Clock& clock_;
  search::Indexer* indexer_;
  std::function<void(CityId)> on_change_;
  std::function<std::string(CityId, const Service&)> url_;
};

/// "YYYY-MM-DD" of a Unix time (UTC).
std::string DateOf(std::int64_t unix_seconds);

}  // namespace buurtplein::domain::directory
