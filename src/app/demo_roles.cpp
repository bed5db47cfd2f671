#include "app/demo_roles.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <stdexcept>

#include "app/demo_people.hpp"
#include "domain/security/passwords.hpp"

namespace buurtplein::app {

namespace {

struct DemoProfessional {
  const char* email;
  const char* name;  // made up: surnames nobody has
  const char* organisation;
  const char* job_title;
  const char* come_to_me_for;
  const char* office_hours;
  const char* sites[2];
};

// Made up, like the organisations they work for (src/app/demo_directory.cpp).
constexpr DemoProfessional kProfessionals[] = {
    {"professional.buurtteam@example.nl", "Sanne Hulpvaardig", "Buurtteam Nijmegen (voorbeeld)",
     "Wijkcoach (voorbeeld)",
     "Verzonnen voor de demo. Vragen over zorg, wonen en opvoeden: samen zoeken we uit wie je kan helpen.",
     "Dinsdag en donderdag van 9 tot 12 uur in de buurtkamer", {"oost", "centrum"}},
    {"professional.welzijn@example.nl", "Karim Welzijnsma", "Stichting Samen in de Wijk (voorbeeld)",
     "Opbouwwerker (voorbeeld)",
     "Verzonnen voor de demo. Een idee voor de buurt, eenzaamheid, vrijwilligerswerk: kom langs.",
     "Maandag van 10 tot 12 uur in het wijkhuis", {"zuid", "dukenburg"}},
    {"professional.geld@example.nl", "Ineke Geldwijzer", "Geldmaatjes Nijmegen (voorbeeld)",
     "Schuldhulpmaatje (voorbeeld)",
     "Verzonnen voor de demo. Hulp bij post, formulieren en geldzorgen. Gratis en in vertrouwen.",
     "Woensdag van 13 tot 16 uur, op afspraak", {"oost", "zuid"}},
};

// The admin of the demo's buurtteam: manages its entries on the sociale kaart, works in no site.
constexpr const char* kAdminEmail = "admin.buurtteam@example.nl";
constexpr const char* kAdminName = "Joost Beheerdersma";
constexpr const char* kAdminOrganisation = "Buurtteam Nijmegen (voorbeeld)";

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

void LoadDemoProfessionals(domain::Store& store, const domain::sites::Directory& directory) {
  const auto* nijmegen = directory.FindCity("nijmegen");
  if (!nijmegen) throw std::runtime_error("demo: the city nijmegen is missing.");
  const auto now = Now();
  std::string hash;  // one Argon2id hash, only when an account is new
  int created = 0;

  auto ensure_user = [&](const char* email, const char* name) {
    if (auto existing = store.users().FindUserByEmail(email)) return *existing;
    if (hash.empty()) hash = domain::security::HashPassword(kDemoPassword);
    domain::accounts::NewUser nu;
    nu.email = email;
    nu.display_name = name;
    nu.password_hash = hash;
    nu.created_at = now;
    nu.is_demo = true;
    auto user = store.users().CreateUser(nu);
    if (!user) throw std::runtime_error(std::string("demo: account ") + email + ": " + user.error().internal_detail);
    store.users().SetEmailVerified(user->id, now);
    ++created;
    return *user;
  };
  auto organisation = [&](const char* name) {
    domain::directory::OrganizationQuery q;
    q.search = name;
    q.limit = 10;
    for (const auto& o : store.directory().ListOrganizations(nijmegen->id, q)) {
      if (o.name == name) return o.id;
    }
    throw std::runtime_error(std::string("demo: organisation ") + name + " is missing (load the sociale kaart first).");
  };
  auto ensure_role = [&](domain::directory::OrganizationId org, domain::UserId user, domain::directory::OrgRole role) {
    if (store.directory().RoleOf(nijmegen->id, org, user) == role) return;
    if (auto s = store.directory().SetOrganizationRole(nijmegen->id, org, user, role, now); !s) {
      throw std::runtime_error("demo: organisation role: " + s.error().internal_detail);
    }
  };

  for (const auto& d : kProfessionals) {
    const auto user = ensure_user(d.email, d.name);
    const auto org = organisation(d.organisation);
    ensure_role(org, user.id, domain::directory::OrgRole::kProfessional);
    if (!store.directory().ProfessionalsOfUser(nijmegen->id, user.id).empty()) continue;  // loaded before
    domain::directory::Professional p;
    p.user = user.id;
    p.organization = org;
    p.display_name = d.name;
    p.job_title = d.job_title;
    p.come_to_me_for = d.come_to_me_for;
    p.office_hours = d.office_hours;
    for (const char* slug : d.sites) {
      const auto* site = directory.FindSite("nijmegen", slug);
      if (!site) throw std::runtime_error(std::string("demo: site nijmegen/") + slug + " is missing.");
      p.buurt_codes.insert(p.buurt_codes.end(), site->buurt_codes.begin(), site->buurt_codes.end());
    }
    if (auto s = store.directory().SaveProfessional(nijmegen->id, p, now); !s) {
      throw std::runtime_error(std::string("demo: professional ") + d.email + ": " + s.error().internal_detail);
    }
  }
  const auto admin = ensure_user(kAdminEmail, kAdminName);
  ensure_role(organisation(kAdminOrganisation), admin.id, domain::directory::OrgRole::kAdmin);
  spdlog::info("demo: {} professional account(s) created", created);
}

}  // namespace buurtplein::app
