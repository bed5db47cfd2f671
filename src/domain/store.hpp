#pragma once
#include <memory>
#include <string>

#include "domain/accounts/personal_data.hpp"
#include "domain/accounts/repositories.hpp"
#include "domain/accounts/two_factor_repository.hpp"
#include "domain/accounts/verification_repository.hpp"
#include "domain/mail/repositories.hpp"
#include "domain/news/repositories.hpp"
#include "domain/profiles/repositories.hpp"
#include "domain/sites/repositories.hpp"

// [agenda] >>>
#include "domain/events/repositories.hpp"
// [agenda] <<<

// [market] >>>
#include "domain/market/repositories.hpp"
// [market] <<<

// [messages] >>>
#include "domain/messages/repositories.hpp"
// [messages] <<<

// [groups] >>>
#include "domain/groups/repositories.hpp"
// [groups] <<<

// [questions] >>>
#include "domain/questions/repositories.hpp"
// [questions] <<<

// [search] >>>
#include "domain/search/repositories.hpp"
// [search] <<<

// [api] >>>
#include "domain/feeds/repositories.hpp"
// [api] <<<

// [directory] >>>
#include "domain/directory/repositories.hpp"
// [directory] <<<

// [newsx] >>>
// [newsx] <<<

// [roles] >>>
#include "domain/roles/repositories.hpp"
// [roles] <<<


namespace buurtplein::domain {

/// The database behind every repository. One implementation per engine (src/store/sqlite,
/// src/store/postgres); chosen by the database URL. Safe to share between threads.
class Store {
 public:
  virtual ~Store() = default;
  virtual sites::AreaRepository& areas() = 0;
  virtual sites::CityRepository& cities() = 0;
  virtual sites::SiteRepository& sites() = 0;
  virtual accounts::UserRepository& users() = 0;
  virtual accounts::SessionRepository& sessions() = 0;
  virtual accounts::TokenRepository& tokens() = 0;
  virtual accounts::MembershipRepository& memberships() = 0;
  /// The association board per city (issue 3 §4).
  virtual accounts::CityRoleRepository& city_roles() = 0;
  virtual accounts::TwoFactorRepository& two_factor() = 0;
  /// Household codes, invitations and approval of members (issue 3 §3).
  virtual accounts::VerificationRepository& verification() = 0;
  virtual mail::OutboxRepository& mail() = 0;
  virtual profiles::ProfileRepository& profiles() = 0;
  /// Neighbourhood news (issue 4 §2).
  virtual news::NewsRepository& news() = 0;
  // [agenda] >>>
  /// The agenda: events and sign-ups (issue 4 §3).
  virtual events::EventRepository& events() = 0;
  // [agenda] <<<

  // [market] >>>
  /// Ask & offer and matches (issue 4 §4).
  virtual market::MarketRepository& market() = 0;
  // [market] <<<

  // [messages] >>>
  /// Private conversations, messages and reports (issue 4 §7).
  virtual messages::MessagesRepository& messages() = 0;
  // [messages] <<<

  // [groups] >>>
  /// Groups and initiatives with their members (issue 4 §5).
  virtual groups::GroupRepository& groups() = 0;
  // [groups] <<<

  // [questions] >>>
  /// Neighbourhood questions and their answers (issue 4 §6).
  virtual questions::QuestionRepository& questions() = 0;
  // [questions] <<<

  // [search] >>>
  /// The search index (issue 4 §8).
  virtual search::SearchRepository& search() = 0;
  // [search] <<<

  // [api] >>>
  /// Public, published news for feeds and the JSON API (issue 4 §9, §10).
  virtual feeds::PublicNewsRepository& public_news() = 0;
  // [api] <<<

  // [directory] >>>
  /// The sociale kaart (issue 5): organisations, services, locations, professionals.
  virtual directory::DirectoryRepository& directory() = 0;
  // [directory] <<<

  // [newsx] >>>
  // [newsx] <<<

  // [roles] >>>
  /// Professionals and organisation admins: links, addressed questions, invitation withdrawals.
  virtual roles::RolesRepository& roles() = 0;
  // [roles] <<<

  /// Reads and erases personal data as the declaration in accounts/personal_data.hpp says.
  virtual accounts::PersonalDataRepository& personal_data() = 0;

  /// "sqlite" or "postgresql".
  virtual std::string engine() const = 0;
  /// Throws when the database cannot be reached (for /readyz).
  virtual void Ping() = 0;
  /// Applies pending migrations under a lock; returns how many were applied. Throws on failure,
  /// leaving the database as it was before the failing migration.
  virtual int Migrate() = 0;
  /// The newest applied migration version (0 for none).
  virtual int SchemaVersion() = 0;
  /// Pool statistics for /metrics: connections open and in use.
  virtual std::pair<int, int> PoolStats() = 0;
  /// Closes all connections (graceful shutdown).
  virtual void Close() = 0;
};

}  // namespace buurtplein::domain
