#include "app/demo_events.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>
#include <string>

#include "domain/events/event_service.hpp"
#include "domain/events/local_time.hpp"

namespace buurtplein::app {

namespace {

using domain::events::AddDays;
using domain::events::EventDraft;
using domain::events::FormatDate;
using domain::events::LocalDate;
using domain::events::Visibility;

struct DemoSite {
  const char* slug;
  const char* house;   // a made-up community centre
  const char* street;  // a made-up address
  const char* park;
};

constexpr DemoSite kSites[] = {
    {"centrum", "Buurthuis De Stadstuin", "Voorbeeldstraat 1, Nijmegen", "het Kronenburgerpark"},
    {"oost", "Wijkcentrum De Oosterburen", "Voorbeeldstraat 2, Nijmegen", "het Goffertpark"},
    {"oud-west", "Buurthuis De Wester", "Voorbeeldstraat 3, Nijmegen", "het Wolfskuilpark"},
    {"nieuw-west", "Wijkcentrum Het Nieuwe Plein", "Voorbeeldstraat 4, Nijmegen", "het park aan de Waal"},
    {"midden", "Buurthuis Het Midden", "Voorbeeldstraat 5, Nijmegen", "het Park Brakkenstein"},
    {"zuid", "Wijkcentrum De Zuiderkroon", "Voorbeeldstraat 6, Nijmegen", "het Heumensoord"},
    {"dukenburg", "Buurthuis De Duuk", "Voorbeeldstraat 7, Nijmegen", "het Dukenburgse park"},
    {"lindenholt", "Wijkcentrum De Linde", "Voorbeeldstraat 8, Nijmegen", "het Lindenholtpark"},
    {"noord", "Buurthuis Over de Waal", "Voorbeeldstraat 9, Nijmegen", "de Ooijpolder"},
};

constexpr const char* kNote =
    "*Dit is een voorbeeld van de demo: deze activiteit is verzonnen en gaat niet echt door.*\n\n";

EventDraft Timed(const std::string& title, const std::string& text, const std::string& place,
                 const std::string& address, const LocalDate& day, const char* from, const char* to) {
  EventDraft d;
  d.title = "Voorbeeld: " + title;
  d.description_markdown = std::string(kNote) + text;
  d.place_name = place;
  d.address = address;
  d.start_local = FormatDate(day) + "T" + from;
  d.end_local = FormatDate(day) + "T" + to;
  return d;
}

// The first `weekday` (0 = Monday) on or after `from`.
LocalDate Next(const LocalDate& from, int weekday) {
  return AddDays(from, (weekday - domain::events::Weekday(from) + 7) % 7);
}

}  // namespace

int LoadDemoEvents(domain::Store& store, const domain::sites::Directory& directory, std::int64_t now) {
  const LocalDate today = domain::events::ToLocal(now).date;
  int created = 0;
  for (std::size_t i = 0; i < std::size(kSites); ++i) {
    const auto& s = kSites[i];
    const auto* site = directory.FindSite("nijmegen", s.slug);
    if (!site) continue;
    auto& events = store.events();
    if (!events.ListComingSingle(site->id, 0, true, 1, 0).empty() ||
        !events.ListComingSeries(site->id, 0, true, 1).empty()) {
      continue;  // loaded before (or real events): leave the site as it is
    }
    auto organiser = store.users().FindUserByEmail("buurtverbinder." + std::string(s.slug) + "@example.nl");
    auto resident = store.users().FindUserByEmail("bewoner1." + std::string(s.slug) + "@example.nl");
    if (!organiser || !resident) continue;
    const int shift = static_cast<int>(i % 3);  // not every site on the same days

    std::vector<std::pair<domain::UserId, EventDraft>> drafts;
    {
      auto d = Timed("Koffieochtend", "Elke week koffie, thee en een praatje. Iedereen is welkom, ook als je nieuw bent in de buurt.",
                     s.house, s.street, Next(AddDays(today, 1), 1 + shift), "10:00", "11:30");
      d.rrule = "FREQ=WEEKLY;COUNT=12";
      d.organisation_name = s.house;
      drafts.emplace_back(organiser->id, d);
    }
    {
      // The 2nd Saturday of next month.
      LocalDate first{today.month == 12 ? today.year + 1 : today.year, today.month == 12 ? 1 : today.month + 1, 1};
      auto d = Timed("Repair Café", "Neem je kapotte lamp, fiets of broek mee. Vrijwilligers helpen je om het zelf te repareren.",
                     s.house, s.street, AddDays(Next(first, 5), 7), "13:00", "16:00");
      d.rrule = "FREQ=MONTHLY;BYDAY=2SA;COUNT=6";
      drafts.emplace_back(organiser->id, d);
    }
    {
      auto d = Timed("Buurt opruimen", "We prikken samen zwerfafval in de straten. Handschoenen en grijpers liggen klaar. Na afloop is er soep.",
                     "Verzamelen bij " + std::string(s.house), s.street, AddDays(today, 6 + shift), "10:00", "12:00");
      d.capacity = 12;
      drafts.emplace_back(resident->id, d);
    }
    {
      auto d = Timed("Wandeling door " + std::string(s.park), "Een rustige wandeling van anderhalf uur met een buurtgenoot die de weg weet. Meld je aan, dan weten we op hoeveel mensen we rekenen.",
                     "Ingang van " + std::string(s.park), "", AddDays(today, 3 + shift), "14:00", "15:30");
      d.signup = true;
      drafts.emplace_back(resident->id, d);
    }
    {
      auto d = Timed("Bewonersavond", "Wat vind jij belangrijk voor de buurt? De buurtverbinders vertellen wat er speelt, en jij praat mee. Alleen voor leden van de buurt.",
                     s.house, s.street, AddDays(today, 13 + shift), "19:30", "21:00");
      d.visibility = Visibility::kMembers;
      d.capacity = 40;
      drafts.emplace_back(organiser->id, d);
    }
    {
      EventDraft d;
      d.title = "Voorbeeld: Buurtfeest";
      d.description_markdown = std::string(kNote) +
                               "De hele dag muziek, spelletjes voor de kinderen en een lange tafel met eten uit de buurt. Neem iets lekkers mee!";
      d.place_name = "Het plein bij " + std::string(s.house);
      d.address = s.street;
      d.all_day = true;
      d.start_local = FormatDate(Next(AddDays(today, 20), 5));
      d.end_local = d.start_local;
      drafts.emplace_back(organiser->id, d);
    }

    for (auto& [user, draft] : drafts) {
      auto clean = domain::events::EventService::Clean(draft);
      if (!clean) throw std::runtime_error("demo: event " + draft.title + ": " + clean.error().public_message);
      auto event = events.CreateEvent(site->id, user, *clean, now);
      if (!event) throw std::runtime_error("demo: event " + draft.title + ": " + event.error().internal_detail);
      ++created;
    }
  }
  spdlog::info("demo: {} example event(s) created", created);
  return created;
}

}  // namespace buurtplein::app
