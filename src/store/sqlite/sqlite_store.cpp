#include "store/sqlite/sqlite_store.hpp"

#include "store/migrations.hpp"
#include "store/sqlite/accounts_repository.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/mail_repository.hpp"
#include "store/sqlite/news_repository.hpp"
#include "store/sqlite/profiles_repository.hpp"
#include "store/sqlite/personal_data_repository.hpp"
#include "store/sqlite/sites_repository.hpp"
#include "store/sqlite/two_factor_repository.hpp"
#include "store/sqlite/verification_repository.hpp"

// [agenda] >>>
#include "store/sqlite/events_repository.hpp"
// [agenda] <<<

// [market] >>>
#include "store/sqlite/market_repository.hpp"
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
#include "store/sqlite/search_repository.hpp"
// [search] <<<

// [api] >>>
#include "store/sqlite/feeds_repository.hpp"
// [api] <<<

// [directory] >>>
#include "store/sqlite/directory_repository.hpp"
// [directory] <<<

// [newsx] >>>
// [newsx] <<<

// [store] >>>
#include "store/sqlite/sql_runner.hpp"
// [store] <<<

// [roles] >>>
#include "store/roles/sql_repository.hpp"
// [roles] <<<


namespace buurtplein::store::sqlite {
namespace {

constexpr const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at INTEGER NOT NULL DEFAULT (unixepoch())) STRICT";
constexpr const char* kMaxVersion = "SELECT coalesce(max(version), 0) FROM schema_migrations";
constexpr const char* kIsApplied = "SELECT count(*) FROM schema_migrations WHERE version = ?1";
constexpr const char* kRecordMigration = "INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)";

class SqliteStore final : public domain::Store {
 public:
  explicit SqliteStore(const std::string& path) : db_(path), areas_(db_), cities_(db_), sites_(db_), mail_(db_),
        users_(db_), sessions_(db_), tokens_(db_), memberships_(db_), city_roles_(db_), personal_data_(db_), two_factor_(db_) {
    db_.Conn();  // fail now, with a clear message, when the file cannot be opened
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
  std::string engine() const override { return "sqlite"; }

  void Ping() override { db_.Conn().Prepare("SELECT 1").Exec(); }

  int Migrate() override {
    auto& c = db_.Conn();
    c.ExecScript(kCreateMigrationsTable);
    int applied = 0;
    for (const auto& m : sqlite_migrations()) {
      // Each migration runs in its own write transaction: a second server starting at the same
      // moment waits for the lock and then sees the version already recorded.
      Transaction tx(c);
      bool applied_before = false;
      {
        // Each version is applied once, whatever its neighbours: a migration written on a
        // branch with a lower number than one already applied still runs.
        auto s = c.Prepare(kIsApplied);
        s.Bind(1, m.version);
        s.Step();
        applied_before = s.Int(0) > 0;
      }
      if (applied_before) continue;
      try {
        c.ExecScript(m.sql);
      } catch (const SqliteError& e) {
        throw SqliteError(e.code(), "migration " + m.name + " failed: " + e.what());
      }
      c.Prepare(kRecordMigration).Bind(1, m.version).Bind(2, m.name).Exec();
      tx.Commit();
      ++applied;
    }
    return applied;
  }

  int SchemaVersion() override {
    auto& c = db_.Conn();
    c.ExecScript(kCreateMigrationsTable);
    auto s = c.Prepare(kMaxVersion);
    s.Step();
    return static_cast<int>(s.Int(0));
  }

  std::pair<int, int> PoolStats() override {
    const int n = db_.OpenConnections();
    return {n, n};
  }

  void Close() override { db_.CloseAll(); }

 private:
  Database db_;
  // [store] >>>
  // The SQL runner of the repositories written once for both engines (decision 0010).
  SqliteRunner runner_{db_};
  // [store] <<<
  SqliteAreaRepository areas_;
  SqliteCityRepository cities_;
  SqliteSiteRepository sites_;
  SqliteOutboxRepository mail_;
  SqliteUserRepository users_;
  SqliteSessionRepository sessions_;
  SqliteTokenRepository tokens_;
  SqliteMembershipRepository memberships_;
  SqliteCityRoleRepository city_roles_;
  SqliteProfileRepository profiles_{db_};
  SqliteNewsRepository news_{db_};
  // [agenda] >>>
  SqliteEventRepository events_{db_};
  // [agenda] <<<

  // [market] >>>
  SqliteMarketRepository market_{db_};
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
  SqliteSearchRepository search_{db_};
  // [search] <<<

  // [api] >>>
  SqlitePublicNewsRepository public_news_{db_};
  // [api] <<<

  // [directory] >>>
  SqliteDirectoryRepository directory_{db_};
  // [directory] <<<

  // [newsx] >>>
  // [newsx] <<<

  // [roles] >>>
  SqliteDirectoryRunner roles_runner_{db_};
  store::roles::SqlRolesRepository roles_{roles_runner_};
  // [roles] <<<

  SqlitePersonalDataRepository personal_data_;
  SqliteTwoFactorRepository two_factor_;
  SqliteVerificationRepository verification_{db_};
};

}  // namespace

std::unique_ptr<domain::Store> OpenSqliteStore(const std::string& path) {
  return std::make_unique<SqliteStore>(path);
}

void BackupSqlite(const std::string& source_path, const std::string& target_path) {
  Connection source(source_path);
  sqlite3* target = nullptr;
  if (int rc = sqlite3_open(target_path.c_str(), &target); rc != SQLITE_OK) {
    std::string msg = target ? sqlite3_errmsg(target) : sqlite3_errstr(rc);
    sqlite3_close(target);
    throw SqliteError(rc, "cannot write backup " + target_path + ": " + msg);
  }
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", source.raw(), "main");
  if (!backup) {
    std::string msg = sqlite3_errmsg(target);
    sqlite3_close(target);
    throw SqliteError(SQLITE_ERROR, "cannot start backup: " + msg);
  }
  // Copy in steps so writers are not held up for the whole copy; when a writer changes the
  // source between steps, SQLite restarts the copy, so the result is always one consistent state.
  int rc;
  do {
    rc = sqlite3_backup_step(backup, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  const int final_rc = sqlite3_errcode(target);
  sqlite3_close(target);
  if (rc != SQLITE_DONE || final_rc != SQLITE_OK) {
    throw SqliteError(rc, "backup to " + target_path + " failed: " + sqlite3_errstr(rc));
  }
}

}  // namespace buurtplein::store::sqlite
