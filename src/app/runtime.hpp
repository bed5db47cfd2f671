#pragma once
#include <memory>

#include "app/config.hpp"
#include "domain/accounts/account_service.hpp"
#include "domain/accounts/membership_service.hpp"
#include "domain/accounts/privacy_service.hpp"
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
#include "domain/directory/directory_service.hpp"
// [directory] <<<

// [newsx] >>>
// [newsx] <<<


namespace buurtplein::app {

/// The composition root: builds every part from the configuration and wires them together.
/// Throws std::runtime_error with one clear sentence when something cannot be set up.
class Runtime {
 public:
  explicit Runtime(Config config);
  ~Runtime();

  const Config& config() const { return config_; }
  domain::Store& store() { return *store_; }
  domain::sites::SiteService& sites() { return *sites_; }
  domain::accounts::AccountService& accounts();
  /// Download my data, delete my account; features with contributions register erasers here.
  domain::accounts::PrivacyService& privacy();
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
  std::unique_ptr<domain::mail::Mailbox> dev_mailbox_;  // the .eml files, when mail goes to files
  std::unique_ptr<domain::accounts::TwoFactorService> two_factor_;
  std::unique_ptr<domain::accounts::MembershipService> memberships_;
  std::unique_ptr<media::VipsPhotoProcessor> photo_processor_;
  std::unique_ptr<media::FilePhotoStorage> photo_storage_;  // data_dir/uploads/photos
  std::unique_ptr<domain::profiles::ProfileService> profiles_;
  std::unique_ptr<domain::news::NewsService> news_;
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
  std::unique_ptr<domain::directory::DirectoryService> directory_;
  // [directory] <<<

  // [newsx] >>>
  // [newsx] <<<

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
