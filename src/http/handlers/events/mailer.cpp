#include "http/handlers/events/mailer.hpp"

#include <spdlog/spdlog.h>

#include "view/dates.hpp"

namespace buurtplein::http::handlers::events {

using view::Lang;
using view::Msg;

void EventMailer::MovedUp(const domain::events::Event& event, std::int64_t occurrence_start, domain::UserId user) {
  auto person = store_.users().FindUser(user);
  if (!person) return;
  const domain::sites::City* city = nullptr;
  auto directory = sites_.directory();
  const auto* site = directory->FindSiteById(event.site, &city);
  if (!site || !city) return;
  const std::string link =
      domain::mail::Link(domain::mail::SiteBaseUrl(public_url_, *city, *site), "agenda/" + std::to_string(event.id.value));
  std::string body;
  for (Lang lang : {Lang::kNl, Lang::kEn}) {
    if (lang == Lang::kEn) body += "\n-- English --\n\n";
    auto t = [&](const char* msgid) { return catalogs_.Translate(lang, msgid); };
    body += t(Msg("Hello,")) + "\n\n";
    body += t(Msg("Someone cancelled, so you moved up from the waiting list. You now have a place at:")) + "\n";
    body += event.title + "\n";
    body += (event.all_day ? view::FormatDate(occurrence_start, lang) : view::FormatDateTime(occurrence_start, lang)) +
            ", " + event.place_name + "\n\n";
    body += t(Msg("Can you not come after all? Then please cancel on the event page, so the next person gets your place:")) +
            "\n" + link + "\n";
  }
  body += "\n-- \n" + site->name + "\n";
  domain::mail::Draft d;
  d.site = event.site;
  d.from_name = site->name;
  d.to_address = person->email;
  d.to_name = person->display_name;
  d.subject = catalogs_.Translate(Lang::kNl, Msg("You have a place")) + ": " + event.title;
  d.text_body = body;
  auto sent = mail_.Send(d);
  if (!sent) spdlog::error("waiting list mail not queued: {}", sent.error().internal_detail);
}

}  // namespace buurtplein::http::handlers::events
