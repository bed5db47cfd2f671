#include "app/demo_people.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <stdexcept>

#include "domain/security/passwords.hpp"

namespace buurtplein::app {

using namespace domain::accounts;

namespace {

constexpr const char* kSiteSlugs[] = {"centrum", "oost",  "oud-west",   "nieuw-west", "midden",
                                      "zuid",    "dukenburg", "lindenholt", "noord"};
// Made-up names: real first names, surnames nobody has ("Voorbeeld" is Dutch for "example").
constexpr const char* kFirstNames[] = {"Fenna", "Sem",  "Noor", "Daan", "Lotte", "Bram", "Yara", "Jesse", "Ilse",
                                       "Milan", "Saar", "Ruben", "Esra", "Joris", "Mila", "Thijs", "Amira", "Gijs",
                                       "Roos", "Kees", "Fleur", "Mehmet", "Lieke", "Wout", "Anouk", "Tim", "Zeynep",
                                       "Hugo", "Floor", "Ayoub", "Jet", "Stijn", "Nadia", "Pim", "Vera", "Luuk"};
constexpr const char* kSurnames[] = {"Voorbeeld", "Proefhuis", "Demokamp", "Testerink", "Nepveld",
                                     "Bedachtsma", "Verzinsel", "Fictiefstra", "Oefenberg"};

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

int LoadDemoPeople(domain::Store& store, const domain::sites::Directory& directory) {
  std::string hash;  // one Argon2id hash (~80 ms) for every demo account, made only when needed
  int created = 0;
  const auto now = Now();

  auto ensure_user = [&](const std::string& email, const std::string& name, bool two_factor) -> User {
    if (auto existing = store.users().FindUserByEmail(email)) return *existing;
    if (hash.empty()) hash = domain::security::HashPassword(kDemoPassword);
    NewUser nu;
    nu.email = email;
    nu.display_name = name;
    nu.password_hash = hash;
    nu.created_at = now;
    nu.is_demo = true;
    auto user = store.users().CreateUser(nu);
    if (!user) throw std::runtime_error("demo: account " + email + ": " + user.error().internal_detail);
    store.users().SetEmailVerified(user->id, now);
    if (two_factor) store.users().SetTotp(user->id, kDemoTotpSecret, 0);
    ++created;
    return *user;
  };

  auto ensure_member = [&](const domain::sites::Site& site, const User& user, MemberRole role) {
    if (store.memberships().FindMembership(site.id, user.id)) return;
    Membership m;
    m.site = site.id;
    m.user = user.id;
    m.kind = MembershipKind::kHome;
    m.role = role;
    m.status = MemberStatus::kVerified;
    m.verified_by = VerificationMethod::kInvitation;
    m.created_at = now;
    m.verified_at = now;
    auto s = store.memberships().CreateMembership(site.id, m);
    if (!s) throw std::runtime_error("demo: membership of " + user.email + ": " + s.error().internal_detail);
  };

  int n = 0;  // walks through the names so that everyone has a different one
  for (std::size_t i = 0; i < std::size(kSiteSlugs); ++i) {
    const auto* site = directory.FindSite("nijmegen", kSiteSlugs[i]);
    if (!site) throw std::runtime_error(std::string("demo: site nijmegen/") + kSiteSlugs[i] + " is missing.");
    const std::string surname = kSurnames[i];
    auto bv = ensure_user("buurtverbinder." + std::string(kSiteSlugs[i]) + "@example.nl",
                          std::string(kFirstNames[n++ % std::size(kFirstNames)]) + " " + surname, true);
    ensure_member(*site, bv, MemberRole::kBuurtverbinder);
    for (int k = 1; k <= 3; ++k) {
      auto resident = ensure_user("bewoner" + std::to_string(k) + "." + kSiteSlugs[i] + "@example.nl",
                                  std::string(kFirstNames[n++ % std::size(kFirstNames)]) + " " + surname, false);
      ensure_member(*site, resident, MemberRole::kMember);
    }
  }
  auto op = ensure_user("beheer@example.nl", "Beheer Voorbeeld", true);
  if (!op.is_operator) store.users().SetOperator(op.id, true);
  // The association board of Nijmegen: two made-up board members (granting again changes nothing).
  if (const auto* nijmegen = directory.FindCity("nijmegen")) {
    for (const auto& [email, name] : {std::pair<const char*, const char*>{"bestuur1@example.nl", "Marieke Bestuursma"},
                                      {"bestuur2@example.nl", "Ahmed Voorzitterink"}}) {
      auto member = ensure_user(email, name, true);
      if (auto s = store.city_roles().GrantCityRole(nijmegen->id, member.id, CityRole::kBoard, now); !s) {
        throw std::runtime_error(std::string("demo: board member ") + email + ": " + s.error().internal_detail);
      }
    }
  }
  spdlog::info("demo: {} demo account(s) created", created);
  return created;
}

}  // namespace buurtplein::app
