#pragma once
#include <memory>

#include "app/config.hpp"
#include "app/periodic_task.hpp"
#include "domain/accounts/account_service.hpp"
#include "domain/accounts/housekeeping.hpp"
#include "domain/accounts/membership_service.hpp"
#include "domain/accounts/privacy_service.hpp"
#include "domain/accounts/role_service.hpp"
#include "domain/accounts/two_factor_service.hpp"
#include "domain/mail/mail_service.hpp"
#include "domain/news/news_service.hpp"
#include "domain/profiles/profile_service.hpp"
#include "domain/security/common_passwords.hpp"
#include "domain/security/csrf.hpp"
#include "domain/security/rate_limiter.hpp"
#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"
#include "http/app.hpp"
#include "http/account_mailer.hpp"
#include "mail/mail_sender.hpp"
#include "mail/transport.hpp"
#include "media/photo_processor.hpp"
#include "media/photo_storage.hpp"
#include "server/server.hpp"
#include "view/i18n.hpp"
#include "view/renderer.hpp"

// [agenda] >>>
#include "domain/events/event_service.hpp"
#include "http/handlers/events/mailer.hpp"
// [agenda] <<<

// [market] >>>
#include "domain/market/market_service.hpp"
#include "http/handlers/market/market_mailer.hpp"
// [market] <<<

// [messages] >>>
#include "domain/messages/message_service.hpp"
// [messages] <<<

// [groups] >>>
#include "domain/groups/group_service.hpp"
// [groups] <<<

// [questions] >>>
#include "domain/questions/question_service.hpp"
// [questions] <<<

// [search] >>>
#include "domain/search/feature_documents.hpp"
#include "domain/search/news_documents.hpp"
#include "domain/search/search_service.hpp"
// [search] <<<

// [api] >>>
#include "domain/feeds/feed_service.hpp"
// [api] <<<

// [directory] >>>
#include "domain/directory/directory_service.hpp"
// [directory] <<<

// [newsx] >>>
#include "media/news_images.hpp"
// [newsx] <<<

// [roles] >>>
#include "domain/roles/professional_service.hpp"
// [roles] <<<


namespace buurtplein::app {

/// The composition root: builds every part from the configuration and wires them together.
/// Throws std::runtime_error with one clear sentence when something cannot be set up.
class Runtime {
 public:
  explicit Runtime(Config config);
  ~Runtime();

  const Config& config() const { return config_; }
  // [perf] >>>
  /// The anonymous page cache and the fragments of pages (site homes) it keeps.
  http::PageCache& page_cache() { return cache_; }
  // [perf] <<<
  domain::Store& store() { return *store_; }
  domain::sites::SiteService& sites() { return *sites_; }
  domain::accounts::AccountService& accounts();
  /// Download my data, delete my account; features with contributions register erasers here.
  domain::accounts::PrivacyService& privacy();
  /// Board members, buurtverbinders and operators (appointed at /beheer/ or with grant-role).
  domain::accounts::RoleService& roles();
  /// Purges expired sessions, tokens, household codes and invitations (also run periodically
  /// on a background thread once the server is started).
  domain::accounts::Housekeeping& housekeeping();
  domain::mail::MailService& mail() { return *mail_service_; }
  /// The background mail sender (started by StartServer).
  mail::MailSender& mail_sender() { return *mail_sender_; }
  http::App& app();
  /// Prepares templates, static files and the server (binds the port).
  server::Server& StartServer();
  /// Serves until SIGINT/SIGTERM (or Stop()), then closes the database.
  void Serve(bool handle_signals);

 private:
  void PrepareWeb();

  Config config_;
  std::unique_ptr<domain::Store> store_;
  std::unique_ptr<domain::sites::SiteService> sites_;
  domain::SystemClock clock_;
  std::unique_ptr<domain::mail::MailService> mail_service_;
  std::unique_ptr<mail::Transport> mail_transport_;
  std::unique_ptr<mail::MailSender> mail_sender_;
  domain::security::CommonPasswords common_passwords_;
  domain::security::RateLimiter rate_limiter_;
  std::unique_ptr<domain::security::CsrfKey> csrf_key_;
  std::unique_ptr<http::AccountMailer> account_mailer_;
  std::unique_ptr<domain::accounts::AccountService> accounts_;
  std::unique_ptr<domain::accounts::PrivacyService> privacy_;
  std::unique_ptr<domain::accounts::RoleService> roles_;
  std::unique_ptr<domain::accounts::Housekeeping> housekeeping_;
  std::unique_ptr<PeriodicTask> housekeeping_task_;  // started by StartServer
  std::unique_ptr<domain::mail::Mailbox> dev_mailbox_;  // the .eml files, when mail goes to files
  std::unique_ptr<domain::accounts::TwoFactorService> two_factor_;
  std::unique_ptr<domain::accounts::MembershipService> memberships_;
  std::unique_ptr<media::VipsPhotoProcessor> photo_processor_;
  std::unique_ptr<media::FilePhotoStorage> photo_storage_;  // data_dir/uploads/photos
  std::unique_ptr<domain::profiles::ProfileService> profiles_;
  std::unique_ptr<domain::news::NewsService> news_;
  // [agenda] >>>
  std::unique_ptr<domain::events::EventService> events_;
  std::unique_ptr<http::handlers::events::EventMailer> event_mailer_;
  // [agenda] <<<

  // [market] >>>
  std::unique_ptr<http::handlers::market::MarketMailer> market_mailer_;
  std::unique_ptr<domain::market::MarketService> market_;
  std::unique_ptr<PeriodicTask> market_task_;  // expiry reminders and expiry; started by StartServer
  // [market] <<<

  // [messages] >>>
  std::unique_ptr<domain::messages::MessageService> messages_;
  // [messages] <<<

  // [groups] >>>
  std::unique_ptr<domain::groups::GroupService> groups_;
  // [groups] <<<

  // [questions] >>>
  std::unique_ptr<domain::questions::QuestionService> questions_;
  // [questions] <<<

  // [search] >>>
 public:
  /// The search index (issue 4 §8): the indexer features write to (made on first use, so a
  /// feature's runtime block may come before this one) …
  domain::search::StoreIndexer& search_indexer();
  /// … and the rebuild, where each feature registers how to put every document of its kind.
  domain::search::Reindexer& search_reindexer() { return search_reindexer_; }
  /// Empties the index and puts every registered kind again (`buurtplein reindex`; call app()
  /// first so every feature has registered); returns how many documents were put.
  long RebuildSearchIndex();

 private:
  std::unique_ptr<domain::search::StoreIndexer> search_indexer_;
  domain::search::Reindexer search_reindexer_;
  std::unique_ptr<domain::search::SearchService> search_;
  // [search] <<<

  // [api] >>>
  std::unique_ptr<domain::feeds::FeedService> feeds_;
  // [api] <<<

  // [directory] >>>
  std::unique_ptr<domain::directory::DirectoryService> directory_;
  // [directory] <<<

  // [newsx] >>>
  std::unique_ptr<media::VipsNewsImageProcessor> news_image_processor_;
  std::unique_ptr<media::FileNewsImageStorage> news_image_storage_;  // data_dir/uploads/news
  // [newsx] <<<

  // [roles] >>>
  std::unique_ptr<domain::roles::ProfessionalService> professionals_;
  // [roles] <<<

  view::Catalogs catalogs_;
  std::unique_ptr<view::Renderer> renderer_;
  http::StaticFiles static_files_;
  http::PageCache cache_;
  http::Metrics metrics_;
  std::unique_ptr<http::App> app_;
  std::unique_ptr<server::Server> server_;
};

/// Sets up logging for a level name ("info", …).
void SetupLogging(const std::string& level);

/// Raises the open-file limit to its hard maximum; returns the resulting soft limit.
long RaiseFileLimit();

}  // namespace buurtplein::app
