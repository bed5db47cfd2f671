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
  bool operator_ = false;              ///< platform operator
  bool board = false;                  ///< on the association board of the city being changed
  std::optional<SiteId> buurtverbinder_of;  ///< a site where they are buurtverbinder
  bool import = false;                 ///< the import command (may write anything)
};

/// A local place a buurtverbinder adds for their site (community centre, library, GP): stored as
/// an organisation, a location and a service of that site.
struct LocalPlace {
  std::string name;
  std::string description;
  std::string term_code;     ///< its category
  std::string address_1, postal_code;
  std::string website;
  std::string phone;
  std::optional<double> latitude, longitude;
  std::vector<Schedule> schedules;  ///< weekly opening hours
  bool closed_on_public_holidays = false;
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

  /// The association: its board in this city, and operators (and the import command).
  static bool IsKeeper(const Editor& editor) { return editor.operator_ || editor.board || editor.import; }
  /// The mail service for messages to people linked to an organisation (may stay null: none sent).
  void SetMail(mail::MailService* mail, std::string base_url) {
    mail_ = mail;
    base_url_ = std::move(base_url);
  }

  /// May this editor change entries of this organisation? (the association, its admins, or a
  /// buurtverbinder of the site it is a local place of)
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
  /// The association confirms a service is still right (assured_date today, assurer them).
  Status VerifyService(CityId city, const Editor& editor, ServiceId id);

  /// The association's review list: every service of the city, the longest unchecked first.
  Result<Page<Service>> ForReview(CityId city, const Editor& editor, int page, int per_page);

  /// The association adds a category (its code made from the name); kConflict when it exists.
  Result<Term> AddTerm(CityId city, const Editor& editor, const std::string& name, const std::string& description);
  /// The association renames or retires a category (retired: kept on services, not offered).
  Status UpdateTerm(CityId city, const Editor& editor, const std::string& code, const std::string& name,
                    const std::string& description, bool retired);

  /// May this editor see and change who works for an organisation? (the association, its admins)
  bool MayManagePeople(CityId city, const Editor& editor, OrganizationId org);
  Result<Page<OrgMember>> People(CityId city, const Editor& editor, OrganizationId org, int page, int per_page);
  /// Links the account with this e-mail address to the organisation as admin or professional
  /// and mails them. The address is typed by the editor and never shown back.
  Result<OrgMember> AddPerson(CityId city, const Editor& editor, OrganizationId org, const std::string& email,
                              OrgRole role);
  /// Unlinks a person from the organisation and mails them.
  Status RemovePerson(CityId city, const Editor& editor, OrganizationId org, UserId user);

  /// A buurtverbinder (or the association) adds a local place for a site, in one transaction.
  Result<Service> AddLocalPlace(CityId city, const Editor& editor, SiteId site, const LocalPlace& place);

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

  Status Mail(UserId user, const std::string& subject, const std::string& body);

  Store& store_;
  const Clock& clock_;
  mail::MailService* mail_ = nullptr;
  std::string base_url_;
  search::Indexer* indexer_;
  std::function<void(CityId)> on_change_;
  std::function<std::string(CityId, const Service&)> url_;
};

/// "YYYY-MM-DD" of a Unix time (UTC).
std::string DateOf(std::int64_t unix_seconds);

}  // namespace buurtplein::domain::directory
