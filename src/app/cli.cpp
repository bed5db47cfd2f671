#include "app/cli.hpp"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>

#include "app/cbs_import.hpp"
#include "app/config.hpp"
#include "app/demo.hpp"
#include "app/runtime.hpp"
// [directory] >>>
#include "app/directory_import.hpp"
// [directory] <<<
#include "store/open_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace buurtplein::app {

namespace {

// `buurtplein grant-role`: the operator's way in before anyone can use /beheer/.
int GrantRole(Runtime& runtime, const std::string& email, const std::string& role, const std::string& city_slug,
              const std::string& site_slug, bool remove) {
  auto& roles = runtime.roles();
  const auto directory = runtime.sites().directory();
  auto fail = [](const std::string& why) {
    std::fprintf(stderr, "buurtplein: %s\n", why.c_str());
    return 1;
  };
  const auto normalised = domain::accounts::AccountService::NormaliseEmail(email);
  const auto user = normalised ? runtime.store().users().FindUserByEmail(*normalised) : std::nullopt;
  if (role == "operator") {
    auto s = roles.SetOperator(email, !remove);
    if (!s) return fail(s.error().public_message);
    std::printf("%s is %s an operator.\n", email.c_str(), remove ? "no longer" : "now");
    return 0;
  }
  if (role == "board") {
    const auto* city = directory->FindCity(city_slug);
    if (!city) return fail("Give the city with --city, e.g. --city nijmegen.");
    domain::Status s = domain::Ok{};
    if (remove) {
      s = user ? roles.RemoveBoard(city->id, user->id)
               : domain::Status(domain::MakeError(domain::ErrorCode::kNotFound, "There is no account with this e-mail address."));
    } else {
      s = roles.AppointBoard(city->id, email);
    }
    if (!s) return fail(s.error().public_message);
    std::printf("%s is %s on the board of %s.\n", email.c_str(), remove ? "no longer" : "now", city->name.c_str());
    return 0;
  }
  // buurtverbinder: the site by slug, in the given city or the only city that has it.
  const domain::sites::Site* site = nullptr;
  int found = 0;
  for (const auto& city : directory->cities) {
    if (!city_slug.empty() && city.slug != city_slug) continue;
    if (const auto* s = directory->FindSite(city.slug, site_slug)) {
      site = s;
      ++found;
    }
  }
  if (found == 0) return fail("Give an existing site with --site (and --city), e.g. --city nijmegen --site oost.");
  if (found > 1) return fail("Several cities have this site; give the city with --city.");
  domain::Status s = domain::Ok{};
  if (remove) {
    s = user ? roles.RemoveBuurtverbinder(site->id, user->id)
             : domain::Status(domain::MakeError(domain::ErrorCode::kNotFound, "There is no account with this e-mail address."));
  } else {
    s = roles.AppointBuurtverbinder(site->id, email);
  }
  if (!s) return fail(s.error().public_message);
  std::printf("%s is %s a buurtverbinder of %s.\n", email.c_str(), remove ? "no longer" : "now", site->name.c_str());
  return 0;
}

}  // namespace

int RunCli(int argc, char** argv) {
  CLI::App cli{"Buurtplein: an online village square for every neighbourhood."};
  cli.require_subcommand(1);
  cli.fallthrough();  // global options may also follow the command: `buurtplein demo --database …`
  std::string config_file, database, log_level;
  cli.add_option("--config", config_file, "TOML configuration file")->check(CLI::ExistingFile);
  cli.add_option("--database", database, "sqlite:///path/to/file.db or postgresql://…");
  cli.add_option("--log-level", log_level, "trace, debug, info, warn, error or off");

  auto* serve = cli.add_subcommand("serve", "Serve the sites over HTTP");
  std::string port, address;
  bool dev = false;
  serve->add_option("--port", port, "TCP port (0: any free port)");
  serve->add_option("--address", address, "IP address to listen on");
  serve->add_flag("--dev", dev, "development mode (make run)");

  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations");
  auto* demo = cli.add_subcommand("demo", "Load the demo: five cities and Nijmegen's nine sites (idempotent)");
  auto* import = cli.add_subcommand("import-cbs", "Load CBS gemeenten, wijken and buurten");
  bool national = false;
  import->add_flag("--national", national, "also every gemeente, wijk and buurt of the Netherlands");
  auto* backup = cli.add_subcommand("backup", "Copy the SQLite database consistently while it is in use");
  std::string backup_file;
  backup->add_option("file", backup_file, "where to write the copy")->required();
  auto* reindex = cli.add_subcommand("reindex", "Rebuild the search index from the content of every feature");

  auto* grant = cli.add_subcommand("grant-role", "Give (or with --remove take) a role: board, operator, buurtverbinder");
  std::string grant_email, grant_role, grant_city, grant_site;
  bool grant_remove = false;
  grant->add_option("--email", grant_email, "the account's e-mail address")->required();
  grant->add_option("--role", grant_role, "board (with --city), buurtverbinder (with --site) or operator")
      ->required()
      ->check(CLI::IsMember({"board", "buurtverbinder", "operator"}));
  grant->add_option("--city", grant_city, "city slug, e.g. nijmegen");
  grant->add_option("--site", grant_site, "site slug, e.g. oost (with --city when several cities have one)");
  grant->add_flag("--remove", grant_remove, "take the role away instead");

  // [directory] >>>
  DirectoryImportCommand import_directory(cli);
  DirectoryRemindersCommand directory_reminders(cli);
  // [directory] <<<

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  try {
    ConfigLoader loader;
    if (!config_file.empty()) loader.LoadFile(config_file);
    loader.LoadEnvironment();
    if (!database.empty()) loader.Set("database", database);
    if (!log_level.empty()) loader.Set("log_level", log_level);
    if (!port.empty()) loader.Set("port", port);
    if (!address.empty()) loader.Set("address", address);
    if (dev) loader.Set("dev_mode", "true");
    Config config = loader.Build();
    SetupLogging(config.log_level);

    if (*backup) {
      auto url = store::ParseDatabaseUrl(config.database);
      if (url.engine != store::DatabaseUrl::Engine::kSqlite) {
        throw std::runtime_error("backup copies a SQLite database; for PostgreSQL use pg_dump.");
      }
      if (!std::filesystem::exists(url.sqlite_path)) {
        throw std::runtime_error("The database " + url.sqlite_path + " does not exist.");
      }
      store::sqlite::BackupSqlite(url.sqlite_path, backup_file);
      std::printf("Backup of %s written to %s\n", url.sqlite_path.c_str(), backup_file.c_str());
      return 0;
    }

    Runtime runtime(config);  // opens the database and applies migrations
    // [directory] >>>
    if (import_directory.Chosen()) return import_directory.Run(runtime.store());
    if (directory_reminders.Chosen()) {
      return directory_reminders.Run(runtime.store(), runtime.mail(), config.http.public_url);
    }
    // [directory] <<<
    if (*migrate) {
      std::printf("Database schema at version %d\n", runtime.store().SchemaVersion());
    } else if (*import) {
      auto r = ImportCbs(runtime.store(), config.cbs_dir, national);
      std::printf("CBS areas loaded: %ld gemeenten, %ld wijken, %ld buurten (%ld polygons). Bron: CBS, Kadaster/PDOK\n",
                  r.gemeenten, r.wijken, r.buurten, r.polygons);
    } else if (*demo) {
      LoadDemo(runtime.store(), runtime.sites(), config.cbs_dir);
      runtime.app();  // every feature registers its search documents
      runtime.RebuildSearchIndex();
      std::printf("Demo loaded: 5 cities and Nijmegen's 9 neighbourhood sites.\n");
    } else if (*grant) {
      return GrantRole(runtime, grant_email, grant_role, grant_city, grant_site, grant_remove);
    } else if (*reindex) {
      runtime.app();  // every feature registers its search documents
      std::printf("Search index rebuilt: %ld documents.\n", runtime.RebuildSearchIndex());
    } else if (*serve) {
      runtime.Serve(true);
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "buurtplein: %s\n", e.what());
    return 1;
  }
}

}  // namespace buurtplein::app
