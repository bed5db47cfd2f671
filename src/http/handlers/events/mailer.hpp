#pragma once
#include <string>

#include "domain/events/event_service.hpp"
#include "domain/mail/mail_service.hpp"
#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::events {

/// Mails someone who moved up from a waiting list, in Dutch and English (we do not know the
/// reader's language when a mail goes out), through the outbox.
class EventMailer final : public domain::events::SignUpNotifier {
 public:
  EventMailer(domain::mail::MailService& mail, const view::Catalogs& catalogs, domain::Store& store,
              domain::sites::SiteService& sites, std::string public_url)
      : mail_(mail), catalogs_(catalogs), store_(store), sites_(sites), public_url_(std::move(public_url)) {}

  void MovedUp(const domain::events::Event& event, std::int64_t occurrence_start, domain::UserId user) override;

 private:
  domain::mail::MailService& mail_;
  const view::Catalogs& catalogs_;
  domain::Store& store_;
  domain::sites::SiteService& sites_;
  std::string public_url_;
};

}  // namespace buurtplein::http::handlers::events
