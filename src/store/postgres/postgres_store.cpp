#include "store/postgres/postgres_store.hpp"

#include <cstdint>

#include "store/migrations.hpp"
#include "store/postgres/accounts_repository.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/mail_repository.hpp"
#include "store/postgres/news_repository.hpp"
#include "store/postgres/profiles_repository.hpp"
#include "store/postgres/personal_data_repository.hpp"
#include "store/postgres/pool.hpp"
#include "store/postgres/sites_repository.hpp"
#include "store/postgres/two_factor_repository.hpp"
#include "store/postgres/verification_repository.hpp"

// [agenda] >>>
#include "store/postgres/events_repository.hpp"
// [agenda] <<<

// [market] >>>
#include "store/postgres/market_repository.hpp"
// [market] <<<

// [messages] >>>
#include "store/messages/sql_repository.hpp"
// [messages] <<<

// [groups] >>>
#include "store/groups/sql_repository.hpp"
// [groups] <<<

// [questions] >>>
#include "store/questions/sql_repository.hpp"
// [questions] <<<

// [search] >>>
#include "store/postgres/search_repository.hpp"
// [search] <<<

// [api] >>>
#include "store/postgres/feeds_repository.hpp"
// [api] <<<

// [directory] >>>
#include "store/postgres/directory_repository.hpp"
// [directory] <<<

// [newsx] >>>
// [newsx] <<<

// [store] >>>
#include "store/postgres/sql_runner.hpp"
// [store] <<<

// [roles] >>>
#include "store/roles/sql_repository.hpp"
// [roles] <<<


namespace buurtplein::store::postgres {
namespace {

// Every server migrating the same database takes this transaction-scoped advisory lock first,
// so two servers starting together apply each migration once, one after the other.
constexpr std::int64_t kMigrationLockKey = 0x6275757274706c6e;  // "buurtpln"
constexpr const char* kLockMigrations = "SELECT pg_advisory_xact_lock($1::bigint)";
constexpr const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())";
constexpr const char* kMigrationsTableExists = "SELECT to_regclass('schema_migrations') IS NOT NULL";
constexpr const char* kMaxVersion = "SELECT coalesce(max(version), 0) FROM schema_migrations";
constexpr const char* kIsApplied = "SELECT count(*) FROM schema_migrations WHERE version = $1";
constexpr const char* kRecordMigration = "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)";
constexpr const char* kPing = "SELECT 1";

class PostgresStore final : public domain::Store {
 public:
  PostgresStore(const std::string& conninfo, int pool_size)
      : pool_(conninfo, pool_size), areas_(pool_), cities_(pool_), sites_(pool_), mail_(pool_),
        users_(pool_), sessions_(pool_), tokens_(pool_), memberships_(pool_), city_roles_(pool_), personal_data_(pool_), two_factor_(pool_) {
    pool_.Acquire();  // fail now, with a clear message, when the server cannot be reached
  }

  domain::sites::AreaRepository& areas() override { return areas_; }
  domain::sites::CityRepository& cities() override { return cities_; }
  domain::sites::SiteRepository& sites() override { return sites_; }
  domain::accounts::UserRepository& users() override { return users_; }
  domain::accounts::SessionRepository& sessions() override { return sessions_; }
  domain::accounts::TokenRepository& tokens() override { return tokens_; }
  domain::accounts::MembershipRepository& memberships() override { return memberships_; }
  domain::accounts::CityRoleRepository& city_roles() override { return city_roles_; }
  domain::accounts::TwoFactorRepository& two_factor() override { return two_factor_; }
  domain::accounts::VerificationRepository& verification() override { return verification_; }
  domain::mail::OutboxRepository& mail() override { return mail_; }
  domain::profiles::ProfileRepository& profiles() override { return profiles_; }
  domain::news::NewsRepository& news() override { return news_; }
  // [agenda] >>>
  domain::events::EventRepository& events() override { return events_; }
  // [agenda] <<<

  // [market] >>>
  domain::market::MarketRepository& market() override { return market_; }
  // [market] <<<

  // [messages] >>>
  domain::messages::MessagesRepository& messages() override { return messages_; }
  // [messages] <<<

  // [groups] >>>
  domain::groups::GroupRepository& groups() override { return groups_; }
  // [groups] <<<

  // [questions] >>>
  domain::questions::QuestionRepository& questions() override { return questions_; }
  // [questions] <<<

  // [search] >>>
  domain::search::SearchRepository& search() override { return search_; }
  // [search] <<<

  // [api] >>>
  domain::feeds::PublicNewsRepository& public_news() override { return public_news_; }
  // [api] <<<

  // [directory] >>>
  domain::directory::DirectoryRepository& directory() override { return directory_.get(); }
  // [directory] <<<

  // [newsx] >>>
  // [newsx] <<<

  // [roles] >>>
  domain::roles::RolesRepository& roles() override { return roles_; }
  // [roles] <<<

  domain::accounts::PersonalDataRepository& personal_data() override { return personal_data_; }
  std::string engine() const override { return "postgresql"; }

  void Ping() override { pool_.Acquire()->Exec(kPing); }

  int Migrate() override {
    auto c = pool_.Acquire();
    {
      // Under the lock too: two concurrent CREATE TABLE IF NOT EXISTS can both try to create it.
      Transaction tx(*c);
      c->Exec(kLockMigrations, Params().Add(kMigrationLockKey));
      c->Exec(kCreateMigrationsTable);
      tx.Commit();
    }
    int applied = 0;
    for (const auto& m : postgres_migrations()) {
      // One transaction per migration: DDL is transactional in PostgreSQL, so a failing
      // migration leaves nothing behind, and the lock is held until its COMMIT or ROLLBACK.
      Transaction tx(*c);
      c->Exec(kLockMigrations, Params().Add(kMigrationLockKey));
      // Each version is applied once, whatever its neighbours: a migration written on a branch
      // with a lower number than one already applied still runs.
      if (c->Exec(kIsApplied, Params().Add(m.version)).Int(0, 0) > 0) continue;
      try {
        c->ExecScript(m.sql);
      } catch (const PostgresError& e) {
        throw PostgresError(e.sqlstate(), "migration " + m.name + " failed: " + e.what());
      }
      if (PQtransactionStatus(c->raw()) != PQTRANS_INTRANS) {
        throw PostgresError("25000", "migration " + m.name +
                                         " failed: it ends the transaction itself; remove BEGIN/COMMIT from it");
      }
      c->Exec(kRecordMigration, Params().Add(m.version).Add(m.name));
      tx.Commit();
      ++applied;
    }
    return applied;
  }

  int SchemaVersion() override {
    auto c = pool_.Acquire();
    if (c->Exec(kMigrationsTableExists).Text(0, 0) != "t") return 0;
    return static_cast<int>(c->Exec(kMaxVersion).Int(0, 0));
  }

  std::pair<int, int> PoolStats() override { return pool_.Stats(); }

  void Close() override { pool_.CloseAll(); }

 private:
  Pool pool_;
  // [store] >>>
  // The SQL runner of the repositories written once for both engines (decision 0010).
  PostgresRunner runner_{pool_};
  // [store] <<<
  PostgresAreaRepository areas_;
  PostgresCityRepository cities_;
  PostgresSiteRepository sites_;
  PostgresOutboxRepository mail_;
  PostgresUserRepository users_;
  PostgresSessionRepository sessions_;
  PostgresTokenRepository tokens_;
  PostgresMembershipRepository memberships_;
  PostgresCityRoleRepository city_roles_;
  PostgresProfileRepository profiles_{pool_};
  PostgresNewsRepository news_{pool_};
  // [agenda] >>>
  PostgresEventRepository events_{pool_};
  // [agenda] <<<

  // [market] >>>
  PostgresMarketRepository market_{pool_};
  // [market] <<<

  // [messages] >>>
  store::messages::SqlMessagesRepository messages_{runner_};
  // [messages] <<<

  // [groups] >>>
  store::groups::SqlGroupRepository groups_{runner_};
  // [groups] <<<

  // [questions] >>>
  store::questions::SqlQuestionRepository questions_{runner_};
  // [questions] <<<

  // [search] >>>
  PostgresSearchRepository search_{pool_};
  // [search] <<<

  // [api] >>>
  PostgresPublicNewsRepository public_news_{pool_};
  // [api] <<<

  // [directory] >>>
  PostgresDirectoryRepository directory_{pool_};
  // [directory] <<<

  // [newsx] >>>
  // [newsx] <<<

  // [roles] >>>
  PostgresDirectoryRunner roles_runner_{pool_};
  store::roles::SqlRolesRepository roles_{roles_runner_};
  // [roles] <<<

  PostgresPersonalDataRepository personal_data_;
  PostgresTwoFactorRepository two_factor_;
  PostgresVerificationRepository verification_{pool_};
};

}  // namespace

std::unique_ptr<domain::Store> OpenPostgresStore(const std::string& conninfo, int pool_size) {
  return std::make_unique<PostgresStore>(conninfo, pool_size);
}

void ExecPostgresScript(const std::string& conninfo, const std::string& sql) {
  Connection c(conninfo);
  c.ExecScript(sql);
}

}  // namespace buurtplein::store::postgres
