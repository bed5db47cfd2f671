#include "app/demo_groups.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace buurtplein::app {

namespace {

using domain::UserId;
namespace grp = domain::groups;
namespace qst = domain::questions;

constexpr const char* kSiteSlugs[] = {"centrum", "oost",      "oud-west",   "nieuw-west", "midden",
                                      "zuid",    "dukenburg", "lindenholt", "noord"};

constexpr const char* kExampleGroup =
    "\n\n*Dit is een voorbeeldgroep van de demo: de groep, de plek en de mensen zijn verzonnen.*";
constexpr const char* kExampleQuestion = "\n\n*Dit is een voorbeeldvraag van de demo.*";
constexpr const char* kExampleAnswer = "\n\n*Voorbeeldantwoord van de demo.*";

struct DemoGroup {
  const char* name;
  const char* description;
  const char* meeting_place;
  bool open;
};

// Twelve made-up initiatives; each site gets three of them (by its position), so neighbouring
// sites differ.
constexpr DemoGroup kGroups[] = {
    {"Moestuin De Groene Hoek",
     "Samen groente kweken op een stuk grond achter het buurthuis. Je hoeft niets te weten van tuinieren: "
     "we leren het van elkaar.\n\n- elke zaterdag van 10 tot 12 uur\n- gereedschap is er\n- de oogst delen we",
     "Achter het buurthuis (voorbeeldadres)", true},
    {"Wandelclub Stap voor Stap",
     "Elke woensdagochtend wandelen we een uur door de wijk en langs de Waal. Rustig tempo, iedereen kan mee. "
     "Daarna drinken we samen koffie.",
     "Start bij de bibliotheek (voorbeeld)", true},
    {"Repair Café",
     "Kapotte broodrooster, fiets of trui? Vrijwilligers helpen je om het zelf te repareren. "
     "Neem mee wat stuk is; koffie en thee staan klaar.",
     "Buurthuis, grote zaal (voorbeeld)", true},
    {"Buurtkoor Zingen zonder Zorgen",
     "Een koor voor iedereen die graag zingt, ook als je geen noten kunt lezen. We zingen Nederlandse liedjes en "
     "popmuziek.",
     "Wijkcentrum, zaal 2 (voorbeeld)", false},
    {"Taalcafé",
     "Nederlands oefenen in een gezellige sfeer. Buren die Nederlands leren praten met buren die het al spreken. "
     "Elke dinsdagmiddag.",
     "Bibliotheek, leestafel (voorbeeld)", true},
    {"Buurtpreventie",
     "Samen letten we op de straat: 's avonds een rondje lopen, verlichting melden, buren waarschuwen. "
     "Aanmelden via een beheerder van de groep.",
     "Wisselend, via de app van de groep (voorbeeld)", false},
    {"Boekenkring",
     "Eens per maand bespreken we een boek dat we allemaal gelezen hebben. Nieuwe lezers zijn welkom.",
     "Bij een van de leden thuis (voorbeeld)", false},
    {"Schoffelclub",
     "We houden de geveltuintjes en boomspiegels in de buurt bij. Een uur per maand, handschoenen krijg je van ons.",
     "Verzamelen bij de speeltuin (voorbeeld)", true},
    {"Kookclub Samen Eten",
     "Om de week koken we met een paar buren een maaltijd en eten we samen. Voor wie niet graag alleen eet.",
     "Keuken van het buurthuis (voorbeeld)", true},
    {"Speeltuinvereniging",
     "Ouders en buren die de speeltuin schoon en veilig houden en een paar keer per jaar een feest organiseren.",
     "Speeltuin (voorbeeld)", true},
    {"Fietsmaatjes",
     "Fietsen op een duofiets met buren die zelf niet meer kunnen fietsen. Zoek je een maatje, of wil je "
     "vrijwilliger worden?",
     "Stalling bij het zorgcentrum (voorbeeld)", false},
    {"Klussenploeg",
     "Handige buren die kleine klusjes doen voor buren die dat zelf niet kunnen: een lamp ophangen, een kraan "
     "vervangen.",
     "", true},
};

struct DemoQuestion {
  const char* title;
  const char* body;
  const char* answers[2];
};

constexpr DemoQuestion kQuestions[] = {
    {"Waar kan ik terecht met vragen over mijn belastingaangifte?",
     "Ik vind het formulier lastig en wil het niet fout doen.",
     {"Bij de bibliotheek is elke week een inloopspreekuur waar vrijwilligers helpen met formulieren.",
      "Ook de ouderenbond helpt leden gratis met de aangifte. Bellen voor een afspraak."}},
    {"Wie weet een goede plek om kleding te doneren?",
     "Ik heb een paar zakken kinderkleding die nog goed is.",
     {"De kringloopwinkel neemt alles aan wat heel en schoon is.",
      "Het buurthuis verzamelt in het najaar winterjassen voor wie ze nodig heeft."}},
    {"Waar kan ik hulp krijgen bij het invullen van een aanvraag voor huurtoeslag?",
     "",
     {"Het sociaal wijkteam helpt daarbij; je kunt een afspraak maken via de gemeente.", nullptr}},
    {"Is er in de buurt een plek om met mijn kinderen te spelen als het regent?",
     "Mijn kinderen zijn 3 en 5 jaar.",
     {"In het wijkcentrum is op woensdagochtend een peuterochtend met speelgoed.", nullptr}},
    {"Waar kan ik mijn fiets laten graveren?",
     "",
     {nullptr, nullptr}},
    {"Kent iemand een cursus om beter met de computer te leren werken?",
     "Ik wil leren videobellen met mijn kleinkinderen.",
     {nullptr, nullptr}},
};

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

UserId Resident(domain::Store& store, int k, const std::string& slug) {
  const std::string email = "bewoner" + std::to_string(k) + "." + slug + "@example.nl";
  auto user = store.users().FindUserByEmail(email);
  if (!user) throw std::runtime_error("demo: account " + email + " is missing.");
  return user->id;
}

}  // namespace

int LoadDemoGroupsAndQuestions(domain::Store& store, const domain::sites::Directory& directory) {
  const std::int64_t now = Now();
  int created = 0;
  for (std::size_t i = 0; i < std::size(kSiteSlugs); ++i) {
    const std::string slug = kSiteSlugs[i];
    const auto* site = directory.FindSite("nijmegen", slug);
    if (!site) throw std::runtime_error("demo: site nijmegen/" + slug + " is missing.");
    const UserId residents[3] = {Resident(store, 1, slug), Resident(store, 2, slug), Resident(store, 3, slug)};

    if (store.groups().ListGroups(site->id, true, 1, 0).empty()) {
      for (std::size_t g = 0; g < 3; ++g) {
        const DemoGroup& d = kGroups[(i * 3 + g + i) % std::size(kGroups)];
        grp::GroupDraft draft;
        draft.name = d.name;
        draft.description_markdown = std::string(d.description) + kExampleGroup;
        draft.meeting_place = d.meeting_place;
        draft.is_open = d.open;
        const UserId creator = residents[g];
        const std::int64_t at = now - static_cast<std::int64_t>((g + 1) * 5 * 86400);
        auto group = store.groups().CreateGroup(site->id, creator, draft, at);
        if (!group) throw std::runtime_error("demo: group " + draft.name + ": " + group.error().internal_detail);
        // Two other residents: active members in an open group; in a closed group one member and
        // one request waiting for the admin.
        const UserId second = residents[(g + 1) % 3];
        const UserId third = residents[(g + 2) % 3];
        store.groups().AddMember(site->id, group->id, second, grp::MemberRole::kMember, grp::MemberStatus::kActive,
                                 at + 3600);
        store.groups().AddMember(site->id, group->id, third, grp::MemberRole::kMember,
                                 d.open ? grp::MemberStatus::kActive : grp::MemberStatus::kPending, at + 7200);
        ++created;
      }
    }

    qst::ListQuery any;
    any.include_members_only = true;
    any.limit = 1;
    qst::ListQuery answered = any;
    answered.answered = true;
    if (store.questions().ListQuestions(site->id, any).empty() &&
        store.questions().ListQuestions(site->id, answered).empty()) {
      for (std::size_t k = 0; k < 3; ++k) {
        // Two answered questions and one waiting for an answer, different per site.
        const DemoQuestion& d = k < 2 ? kQuestions[(i + k) % 4] : kQuestions[4 + i % 2];
        qst::QuestionDraft draft;
        draft.title = d.title;
        draft.body_markdown = std::string(d.body) + kExampleQuestion;
        const UserId asker = residents[(i + k) % 3];
        const std::int64_t at = now - static_cast<std::int64_t>((3 - k) * 2 * 86400);
        auto q = store.questions().CreateQuestion(site->id, asker, draft, at);
        if (!q) throw std::runtime_error("demo: question: " + q.error().internal_detail);
        std::optional<qst::AnswerId> first;
        for (std::size_t a = 0; a < 2; ++a) {
          if (!d.answers[a]) continue;
          qst::AnswerDraft answer;
          answer.body_markdown = std::string(d.answers[a]) + kExampleAnswer;
          const UserId by = residents[(i + k + a + 1) % 3];
          auto stored = store.questions().CreateAnswer(site->id, q->id, by, answer, at + (a + 1) * 3 * 3600);
          if (!stored) throw std::runtime_error("demo: answer: " + stored.error().internal_detail);
          if (!first) first = stored->id;
        }
        if (k == 0 && first) store.questions().SetHelpful(site->id, q->id, first);
        ++created;
      }
    }
  }
  spdlog::info("demo: {} example groups and questions", created);
  return created;
}

}  // namespace buurtplein::app
