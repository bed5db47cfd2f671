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
      std::printf("Demo loaded: 5 cities and Nijmegen's 9 neighbourhood sites.\n");
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
