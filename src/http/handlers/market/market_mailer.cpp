#include "http/handlers/market/market_mailer.hpp"

#include <spdlog/spdlog.h>

namespace buurtplein::http::handlers::market {

using view::Lang;
using view::Msg;

void MarketMailer::SendExpiryReminder(const domain::market::DueReminder& due, const std::string& site_name,
                                      const std::string& renew_link) {
  const std::string subject = Msg("Your ask or offer expires soon");
  std::string body;
  for (Lang lang : {Lang::kNl, Lang::kEn}) {
    if (lang == Lang::kEn) body += "\n-- English --\n\n";
    body += catalogs_.Translate(lang, Msg("Hello,")) + "\n\n";
    body += catalogs_.Translate(lang, Msg("In a few days your ask or offer leaves the board of")) + " " + site_name +
            ":\n\n  " + due.listing.title + "\n\n";
    body += catalogs_.Translate(lang, Msg("Still current? Renew it on its page for another six weeks:")) + "\n" +
            renew_link + "\n\n";
    body += catalogs_.Translate(lang, Msg("Did a neighbour help you? Then mark it as matched on the same page.")) +
            "\n";
  }
  body += "\n-- \nBuurtplein\n";
  domain::mail::Draft d;
  d.site = due.listing.site;
  d.from_name = site_name;
  d.to_address = due.email;
  d.to_name = due.name;
  d.subject = catalogs_.Translate(Lang::kNl, subject) + " / " + subject;
  d.text_body = body;
  auto sent = mail_.Send(d);
  if (!sent) spdlog::error("market reminder not queued: {}", sent.error().internal_detail);
}

}  // namespace buurtplein::http::handlers::market
