#include "app/runtime.hpp"

#include <sodium.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <stdexcept>

#include "store/open_store.hpp"

namespace buurtplein::app {

void SetupLogging(const std::string& level) {
  static bool once = [] {
    auto logger = spdlog::stdout_logger_mt("buurtplein");
    spdlog::set_default_logger(logger);
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    return true;
  }();
  (void)once;
  spdlog::set_level(spdlog::level::from_str(level));
  spdlog::flush_on(spdlog::level::info);
}

long RaiseFileLimit() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return 1024;
  if (lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
    getrlimit(RLIMIT_NOFILE, &lim);
  }
  return static_cast<long>(lim.rlim_cur);
}

Runtime::Runtime(Config config) : config_(std::move(config)) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised.");
  auto url = store::ParseDatabaseUrl(config_.database);
  EnsureWritableDirectory(config_.data_dir, "data");
  if (url.engine == store::DatabaseUrl::Engine::kSqlite) {
    auto slash = url.sqlite_path.rfind('/');
    if (slash != std::string::npos && slash > 0) {
      EnsureWritableDirectory(url.sqlite_path.substr(0, slash), "database");
    }
  }
  try {
    store_ = store::OpenStore(config_.database, config_.db_pool_size);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("The database cannot be opened: ") + e.what());
  }
  const int applied = store_->Migrate();
  if (applied > 0) spdlog::info("database: {} migration(s) applied, schema version {}", applied, store_->SchemaVersion());
  sites_ = std::make_unique<domain::sites::SiteService>(*store_);
  sites_->Reload();
}

Runtime::~Runtime() {
  server_.reset();
  if (store_) store_->Close();
}

void Runtime::PrepareWeb() {
  if (app_) return;
  catalogs_.Load(config_.po_dir);
  renderer_ = std::make_unique<view::Renderer>(config_.templates_dir, catalogs_);
  static_files_.Load(config_.static_dir);
  sites_->SetChangeListener([this] { cache_.InvalidateAll(); });
  app_ = std::make_unique<http::App>(http::Services{*store_, *sites_, catalogs_, *renderer_, static_files_, cache_,
                                                    metrics_, config_.http});
}

http::App& Runtime::app() {
  PrepareWeb();
  return *app_;
}

server::Server& Runtime::StartServer() {
  PrepareWeb();
  auto options = config_.server;
  const long files = RaiseFileLimit();
  // Keep room for the database, logs and the listening socket.
  if (options.max_connections > files - 64) options.max_connections = static_cast<int>(std::max(16L, files - 64));
  server_ = std::make_unique<server::Server>(options, *app_);
  server_->Bind();
  return *server_;
}

void Runtime::Serve(bool handle_signals) {
  auto& server = StartServer();
  // Printed on stdout so scripts and tests can find a port chosen with --port 0.
  std::printf("Buurtplein listening on http://%s:%u/\n", config_.server.address.c_str(), server.port());
  std::fflush(stdout);
  server.Run(handle_signals);
  store_->Close();
  spdlog::info("stopped cleanly");
}

}  // namespace buurtplein::app
