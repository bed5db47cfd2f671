#include "app/runtime.hpp"

#include <sodium.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <stdexcept>

#include "domain/security/init.hpp"
#include "mail/eml_mailbox.hpp"
#include "mail/settings.hpp"
#include "media/vips_runtime.hpp"
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
  // One write per second instead of one per request line (bench/README.md); warnings and
  // errors are written at once.
  spdlog::flush_on(spdlog::level::warn);
  spdlog::flush_every(std::chrono::seconds(1));
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
  domain::security::Init();
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

  mail_service_ = std::make_unique<domain::mail::MailService>(store_->mail());
  const auto mail_settings = mail::ParseMailSettings({config_.mail_transport, config_.smtp_url, config_.smtp_security,
                                                      config_.smtp_username, config_.smtp_password, config_.mail_from,
                                                      config_.mail_from_name, config_.http.public_url});
  mail_transport_ = mail::MakeTransport(mail_settings, config_.data_dir);
  const mail::MimeOptions mime = mail_settings.mime;
  mail_sender_ = std::make_unique<mail::MailSender>(store_->mail(), *mail_transport_, mime);
  mail_service_->SetEnqueueListener([this] { mail_sender_->Wake(); });
}

domain::accounts::AccountService& Runtime::accounts() {
  if (!accounts_) {
    if (common_passwords_.size() == 0) {
      try {
        common_passwords_ = domain::security::CommonPasswords::LoadFile(config_.passwords_file);
      } catch (const std::exception& e) {
        throw std::runtime_error("The list of common passwords " + config_.passwords_file + " cannot be read.");
      }
    }
    catalogs_.Load(config_.po_dir);
    account_mailer_ = std::make_unique<http::AccountMailer>(*mail_service_, catalogs_);
    domain::accounts::AccountSettings account_settings;
    account_settings.allow_demo_logins = config_.http.dev_mode;  // demo accounts: `make run` only
    accounts_ = std::make_unique<domain::accounts::AccountService>(*store_, common_passwords_, rate_limiter_,
                                                                   *account_mailer_, clock_, account_settings);
  }
  return *accounts_;
}

Runtime::~Runtime() {
  server_.reset();
  if (mail_sender_) mail_sender_->Stop();
  if (store_) store_->Close();
}

void Runtime::PrepareWeb() {
  if (app_) return;
  auto& accounts_service = accounts();  // loads the catalogs too
  renderer_ = std::make_unique<view::Renderer>(config_.templates_dir, catalogs_);
  static_files_.Load(config_.static_dir);
  sites_->SetChangeListener([this] { cache_.InvalidateAll(); });
  if (config_.secret_key.empty()) {
    csrf_key_ = std::make_unique<domain::security::CsrfKey>(domain::security::CsrfKey::Random());
  } else {
    csrf_key_ = std::make_unique<domain::security::CsrfKey>(domain::security::CsrfKey::FromSecret(config_.secret_key));
  }
  http::Services services{*store_, *sites_, catalogs_, *renderer_, static_files_, cache_, metrics_, config_.http};
  services.accounts = &accounts_service;
  two_factor_ = std::make_unique<domain::accounts::TwoFactorService>(*store_, rate_limiter_, clock_);
  services.two_factor = two_factor_.get();
  memberships_ = std::make_unique<domain::accounts::MembershipService>(*store_, rate_limiter_, clock_);
  services.memberships = memberships_.get();
  services.csrf_key = csrf_key_.get();
  services.privacy = &privacy();
  // Profiles: libvips starts once per process (shut down at exit); photos live outside the web
  // root, and go with the account (the eraser removes the files).
  media::StartVips("buurtplein");
  photo_processor_ = std::make_unique<media::VipsPhotoProcessor>();
  photo_storage_ = std::make_unique<media::FilePhotoStorage>(config_.data_dir + "/uploads/photos");
  profiles_ = std::make_unique<domain::profiles::ProfileService>(*store_, *photo_processor_, *photo_storage_, clock_);
  privacy().RegisterEraser(*profiles_);
  services.profiles = profiles_.get();
  // News: every write empties the site's cached pages (docs/decisions/0001).
  news_ = std::make_unique<domain::news::NewsService>(*store_, clock_);
  news_->SetChangeListener([this](domain::SiteId site) { cache_.InvalidateSite(site); });
  privacy().RegisterEraser(*news_);
  services.news = news_.get();
  // [agenda] >>>
  // [agenda] <<<

  // [market] >>>
  // [market] <<<

  // [messages] >>>
  // [messages] <<<

  // [groups] >>>
  // [groups] <<<

  // [questions] >>>
  // [questions] <<<

  // [search] >>>
  // [search] <<<

  // [api] >>>
  // [api] <<<

  // [directory] >>>
  // Sociale kaart: a change is city-wide (every site shows city services), so every cached
  // page goes; writes are rare. Search gets services when the search feature wires an indexer.
  directory_ = std::make_unique<domain::directory::DirectoryService>(*store_, clock_);
  directory_->SetChangeListener([this](domain::CityId) { cache_.InvalidateAll(); });
  directory_->SetUrlMaker([this](domain::CityId city, const domain::directory::Service& s) {
    auto c = store_->cities().FindCity(city);
    return c ? "/" + c->slug + "/sociale-kaart/diensten/" + s.uuid : std::string();
  });
  for (const auto& city : store_->cities().ListCities()) directory_->EnsureTaxonomy(city.id);
  services.directory = directory_.get();
  // [directory] <<<

  // [newsx] >>>
  // [newsx] <<<

  if (config_.mail_transport == "file") {
    dev_mailbox_ = std::make_unique<mail::EmlMailbox>(std::filesystem::path(config_.data_dir) / "mail");
    services.dev_mailbox = dev_mailbox_.get();
  }
  app_ = std::make_unique<http::App>(services);
}

domain::accounts::PrivacyService& Runtime::privacy() {
  if (!privacy_) privacy_ = std::make_unique<domain::accounts::PrivacyService>(*store_, rate_limiter_, clock_);
  return *privacy_;
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
  mail_sender_->Start();
  return *server_;
}

void Runtime::Serve(bool handle_signals) {
  auto& server = StartServer();
  // Printed on stdout so scripts and tests can find a port chosen with --port 0.
  std::printf("Buurtplein listening on http://%s:%u/\n", config_.server.address.c_str(), server.port());
  std::fflush(stdout);
  server.Run(handle_signals);
  mail_sender_->Stop();
  store_->Close();
  spdlog::info("stopped cleanly");
}

}  // namespace buurtplein::app
