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
  if (housekeeping_task_) housekeeping_task_->Stop();
  if (market_task_) market_task_->Stop();
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
  services.roles = &roles();
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
  // Agenda: every write empties the site's cached pages; whoever moves up from a waiting list
  // gets a mail through the outbox. The search indexer is wired in the search block (the site
  // locator for the documents' URLs is set here).
  events_ = std::make_unique<domain::events::EventService>(*store_, clock_);
  events_->SetChangeListener([this](domain::SiteId site) { cache_.InvalidateSite(site); });
  event_mailer_ = std::make_unique<http::handlers::events::EventMailer>(*mail_service_, catalogs_, *store_, *sites_,
                                                                         config_.http.public_url);
  events_->SetNotifier(event_mailer_.get());
  events_->SetSiteLocator([this](domain::SiteId id) -> std::optional<domain::events::SitePlace> {
    const domain::sites::City* city = nullptr;
    auto directory = sites_->directory();
    const auto* site = directory->FindSiteById(id, &city);
    if (!site || !city) return std::nullopt;
    return domain::events::SitePlace{city->id, http::SiteUrl(*city, *site)};
  });
  privacy().RegisterEraser(*events_);
  services.events = events_.get();
  // [agenda] <<<

  // [market] >>>
  // Ask & offer: every write empties the site's cached pages; a match also the city portals,
  // which show the city's total (platform and city pages are cached under site 0). A background
  // job sends the expiry reminders and moves expired listings to the archive every ten minutes.
  market_ = std::make_unique<domain::market::MarketService>(*store_, clock_, sites_.get());
  market_->SetChangeListener([this](domain::SiteId site) { cache_.InvalidateSite(site); });
  market_->SetMatchListener([this](domain::SiteId) { cache_.InvalidateSite(domain::SiteId{}); });
  market_mailer_ = std::make_unique<http::handlers::market::MarketMailer>(*mail_service_, catalogs_);
  market_->SetMailer(market_mailer_.get(), config_.http.public_url);
  privacy().RegisterEraser(*market_);
  services.market = market_.get();
  // [market] <<<

  // [messages] >>>
  // Messages: private, never cached; erased with the account as the person chooses.
  messages_ = std::make_unique<domain::messages::MessageService>(*store_, clock_);
  privacy().RegisterEraser(*messages_);
  services.messages = messages_.get();
  // [messages] <<<

  // [groups] >>>
  // Groups: every write empties the site's cached pages (the search indexer: search block).
  groups_ = std::make_unique<domain::groups::GroupService>(*store_, clock_);
  groups_->SetChangeListener([this](domain::SiteId site) { cache_.InvalidateSite(site); });
  privacy().RegisterEraser(*groups_);
  services.groups = groups_.get();
  // [groups] <<<

  // [questions] >>>
  // Questions: the same.
  questions_ = std::make_unique<domain::questions::QuestionService>(*store_, clock_);
  questions_->SetChangeListener([this](domain::SiteId site) { cache_.InvalidateSite(site); });
  privacy().RegisterEraser(*questions_);
  services.questions = questions_.get();
  // [questions] <<<

  // [search] >>>
  // Search (issue 4 §8): news, ask & offer, groups and questions keep the index in step and are
  // put again by a rebuild; the search pages read it. An index that was never built is built at
  // the end (village block), once events and services are registered too; kinds added to an
  // index built before are built by `buurtplein reindex`.
  news_->SetIndexer(&search_indexer());
  market_->SetIndexer(&search_indexer());
  events_->SetIndexer(&search_indexer());
  groups_->SetIndexer(&search_indexer());
  questions_->SetIndexer(&search_indexer());
  search_reindexer_.Register(domain::search::Kind::kNews, [this](domain::search::Indexer& indexer) {
    return domain::search::ReindexNews(*store_, *sites_->directory(), indexer);
  });
  // Ask & offer (open listings only), groups, and questions with their answers: the same
  // documents their services put (search/feature_documents.hpp).
  search_reindexer_.Register(domain::search::Kind::kListing, [this](domain::search::Indexer& indexer) {
    return domain::search::ReindexListings(*store_, *sites_->directory(), clock_.Now(), indexer);
  });
  search_reindexer_.Register(domain::search::Kind::kGroup, [this](domain::search::Indexer& indexer) {
    return domain::search::ReindexGroups(*store_, *sites_->directory(), indexer);
  });
  search_reindexer_.Register(domain::search::Kind::kQuestion, [this](domain::search::Indexer& indexer) {
    return domain::search::ReindexQuestions(*store_, *sites_->directory(), indexer);
  });
  search_ = std::make_unique<domain::search::SearchService>(store_->search(), clock_);
  privacy().RegisterEraser(*search_);
  services.search = search_.get();
  // [search] <<<

  // [api] >>>
  // Feeds and the JSON API read public news. A change on a site also empties its city's cached
  // pages (the city's news feed gathers every site): the cache asks the directory for the city.
  feeds_ = std::make_unique<domain::feeds::FeedService>(*store_, clock_);
  services.feeds = feeds_.get();
  cache_.SetCityResolver([this](domain::SiteId site) {
    const domain::sites::City* city = nullptr;
    sites_->directory()->FindSiteById(site, &city);
    return city ? city->id : domain::CityId{};
  });
  // [api] <<<

  // [directory] >>>
  // Sociale kaart: a change shows on every site of its city (they list city-wide services), so
  // the cached pages of that city's sites and of the city itself go; other cities keep theirs.
  // Services go to the search index as they are saved.
  directory_ = std::make_unique<domain::directory::DirectoryService>(*store_, clock_);
  directory_->SetChangeListener([this](domain::CityId city) {
    constexpr int kBatch = 500;
    bool any = false;
    for (int offset = 0;; offset += kBatch) {
      const auto sites = store_->sites().ListSites(city, kBatch, offset);
      for (const auto& site : sites) {
        cache_.InvalidateSite(site.id);  // the site's pages, and (through the resolver) the city's
        any = true;
      }
      if (static_cast<int>(sites.size()) < kBatch) break;
    }
    if (!any) cache_.InvalidateAll();  // a city without sites: nothing to name it by
  });
  directory_->SetMail(mail_service_.get(), config_.http.public_url);
  directory_->SetUrlMaker([this](domain::CityId city, const domain::directory::Service& s) {
    auto c = store_->cities().FindCity(city);
    return c ? "/" + c->slug + "/sociale-kaart/diensten/" + s.uuid : std::string();
  });
  for (const auto& city : store_->cities().ListCities()) directory_->EnsureTaxonomy(city.id);
  directory_->SetIndexer(&search_indexer());
  services.directory = directory_.get();
  // [directory] <<<

  // [newsx] >>>
  // News images: processed by libvips, kept outside the web root under data_dir.
  news_image_processor_ = std::make_unique<media::VipsNewsImageProcessor>();
  news_image_storage_ = std::make_unique<media::FileNewsImageStorage>(config_.data_dir + "/uploads/news");
  news_->SetImages(news_image_processor_.get(), news_image_storage_.get());
  // [newsx] <<<

  // [roles] >>>
  // Professionals and organisation admins (issue 3 §4, issue 5 §6): the policy asks who works in
  // a site; a professional working there may take part in the site's conversations.
  professionals_ = std::make_unique<domain::roles::ProfessionalService>(*store_, clock_, mail_service_.get());
  professionals_->SetChangeListener([this](domain::SiteId site) { cache_.InvalidateSite(site); });
  messages_->SetParticipantCheck([this](domain::SiteId site, domain::UserId user) {
    const auto* s = sites_->directory()->FindSiteById(site, nullptr);
    return s && professionals_->WorksIn(*s, user);
  });
  services.professionals = professionals_.get();
  // [roles] <<<

  // [village] >>>
  // The search rebuild covers the agenda (every event, members-only and past ones too) and the
  // sociale kaart (every service of every city) as well: the documents their services put on a
  // write. An index that was never built (a new database, or one from before search) is built
  // here, once every feature has registered its kind.
  search_reindexer_.Register(domain::search::Kind::kEvent, [this](domain::search::Indexer& indexer) {
    long n = 0;
    const auto directory = sites_->directory();  // held: the loop reads its sites
    for (const auto& city_sites : directory->sites) {
      for (const auto& site : city_sites) n += events_->Reindex(site.id, indexer);
    }
    return n;
  });
  search_reindexer_.Register(domain::search::Kind::kService, [this](domain::search::Indexer& indexer) {
    long n = 0;
    for (const auto& city : store_->cities().ListCities()) n += directory_->Reindex(city.id, indexer);
    return n;
  });
  if (store_->search().CountDocuments() == 0) RebuildSearchIndex();
  // [village] <<<

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

domain::accounts::RoleService& Runtime::roles() {
  if (!roles_) {
    roles_ = std::make_unique<domain::accounts::RoleService>(*store_, clock_);
    // The board page lists names; role changes are rare, so every cached page goes.
    roles_->SetChangeListener([this] { cache_.InvalidateAll(); });
  }
  return *roles_;
}

domain::accounts::Housekeeping& Runtime::housekeeping() {
  if (!housekeeping_) housekeeping_ = std::make_unique<domain::accounts::Housekeeping>(*store_, clock_);
  return *housekeeping_;
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
  // Housekeeping a minute after start, then every 15 minutes (issue 3: nothing expired lingers).
  housekeeping_task_ = std::make_unique<PeriodicTask>(
      "housekeeping", std::chrono::seconds(60), std::chrono::seconds(15 * 60), [this] {
        const auto r = housekeeping().RunOnce();
        if (r.sessions + r.tokens + r.household_codes + r.invitations > 0) {
          spdlog::info("housekeeping: removed {} sessions, {} link tokens, {} household codes, {} invitations",
                       r.sessions, r.tokens, r.household_codes, r.invitations);
        }
      });
  housekeeping_task_->Start();
  // Ask & offer: reminders before listings expire, then expiry (issue 4 §4), every 10 minutes.
  market_task_ = std::make_unique<PeriodicTask>("market", std::chrono::minutes(10), std::chrono::minutes(10),
                                                [this] { market_->RunDueWork(); });
  market_task_->Start();
  return *server_;
}

void Runtime::Serve(bool handle_signals) {
  auto& server = StartServer();
  // Printed on stdout so scripts and tests can find a port chosen with --port 0.
  std::printf("Buurtplein listening on http://%s:%u/\n", config_.server.address.c_str(), server.port());
  std::fflush(stdout);
  server.Run(handle_signals);
  if (housekeeping_task_) housekeeping_task_->Stop();
  if (market_task_) market_task_->Stop();
  mail_sender_->Stop();
  store_->Close();
  spdlog::info("stopped cleanly");
}

}  // namespace buurtplein::app
