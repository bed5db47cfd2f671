#pragma once
#include "domain/events/repositories.hpp"
#include "store/sqlite/connection.hpp"

namespace buurtplein::store::sqlite {

class SqliteEventRepository final : public domain::events::EventRepository {
 public:
  explicit SqliteEventRepository(Database& db) : db_(db) {}
  domain::Result<domain::events::Event> CreateEvent(domain::SiteId site, domain::UserId organiser,
                                                    const domain::events::EventDraft& draft, std::int64_t at) override;
  std::optional<domain::events::Event> FindEvent(domain::SiteId site, domain::events::EventId id) override;
  domain::Status UpdateEvent(domain::SiteId site, domain::events::EventId id, const domain::events::EventDraft& draft,
                             std::int64_t at) override;
  domain::Status DeleteEvent(domain::SiteId site, domain::events::EventId id) override;
  std::vector<domain::events::Event> ListComingSingle(domain::SiteId site, std::int64_t now, bool include_members_only,
                                                      int limit, int offset) override;
  std::vector<domain::events::Event> ListComingSeries(domain::SiteId site, std::int64_t now, bool include_members_only,
                                                      int limit) override;
  std::vector<domain::events::Event> ListPast(domain::SiteId site, std::int64_t now, bool include_members_only,
                                              int limit, int offset) override;
  std::vector<domain::events::Event> ListPublicOfCity(domain::CityId city, std::int64_t since, int limit,
                                                      int offset) override;
  std::vector<domain::events::Event> ListPublicOfSite(domain::SiteId site, std::int64_t since, int limit,
                                                      int offset) override;
  std::vector<domain::events::Event> ListOfGroup(domain::SiteId site, std::int64_t group_id, std::int64_t since,
                                                 bool include_members_only, int limit, int offset) override;
  std::vector<domain::events::Event> ListEventsAfter(domain::SiteId site, domain::events::EventId after,
                                                     int limit) override;
  domain::Status SetGroup(domain::SiteId site, domain::events::EventId id,
                          std::optional<std::int64_t> group_id) override;
  domain::Result<domain::events::SignUpOutcome> SignUp(domain::SiteId site, domain::events::EventId id,
                                                       std::int64_t occurrence_start, domain::UserId user,
                                                       std::int64_t at) override;
  domain::Result<domain::events::CancelOutcome> Cancel(domain::SiteId site, domain::events::EventId id,
                                                       std::int64_t occurrence_start, domain::UserId user) override;
  std::optional<std::pair<domain::events::SignUpStatus, int>> FindSignUp(domain::SiteId site,
                                                                         domain::events::EventId id,
                                                                         std::int64_t occurrence_start,
                                                                         domain::UserId user) override;
  domain::events::SignUpCounts CountSignUps(domain::SiteId site, domain::events::EventId id,
                                            std::int64_t occurrence_start) override;
  std::vector<domain::events::OwnSignUp> ListOwnSignUps(domain::SiteId site, domain::events::EventId id,
                                                       domain::UserId user, std::int64_t from, int limit) override;
  std::vector<domain::events::Attendee> ListSignUps(domain::SiteId site, domain::events::EventId id,
                                                  std::int64_t occurrence_start, int limit, int offset) override;
  std::vector<domain::events::ErasedSignUp> EraseAttendee(domain::UserId user) override;
  std::vector<std::pair<domain::SiteId, domain::events::EventId>> EraseOrganiser(domain::UserId user,
                                                                                 bool remove) override;

 private:
  domain::Result<domain::events::SignUpOutcome> SignUpOnce(domain::SiteId site, domain::events::EventId id,
                                                           std::int64_t occurrence_start, domain::UserId user,
                                                           std::int64_t at);
  domain::Result<domain::events::CancelOutcome> CancelOnce(domain::SiteId site, domain::events::EventId id,
                                                           std::int64_t occurrence_start, domain::UserId user);
  // Is the draft's organisation (if any) one of the site's city?
  bool OrganisationInCity(domain::SiteId site, const domain::events::EventDraft& draft);
  Database& db_;
};

}  // namespace buurtplein::store::sqlite
