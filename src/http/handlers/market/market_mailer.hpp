#pragma once
#include "domain/mail/mail_service.hpp"
#include "domain/market/market_service.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::market {

/// The ask & offer mails, in Dutch followed by English (like the account mails), put in the
/// outbox through the mail service.
class MarketMailer final : public domain::market::ListingMailer {
 public:
  MarketMailer(domain::mail::MailService& mail, const view::Catalogs& catalogs) : mail_(mail), catalogs_(catalogs) {}
  void SendExpiryReminder(const domain::market::DueReminder& due, const std::string& site_name,
                          const std::string& renew_link) override;

 private:
  domain::mail::MailService& mail_;
  const view::Catalogs& catalogs_;
};

}  // namespace buurtplein::http::handlers::market
