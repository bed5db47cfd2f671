// Walks every route of the route table with every role and checks the answer against what the
// route's access rule promises. A new route is covered the day it is added; a route without a
// rule fails here; a rule that lets anyone into another site's private pages fails here.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "domain/security/passwords.hpp"
#include "domain/security/tokens.hpp"
#include "domain/security/totp.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

using domain::accounts::Access;
using domain::accounts::Membership;
using domain::accounts::MemberRole;
using domain::accounts::MemberStatus;
using domain::accounts::MembershipKind;

enum class Role {
  kAnonymous,
  kUnverified,
  kMemberA,
  kMemberB,
  kBuurtverbinderA,
  kBuurtverbinderB,
  kOperator,
  kBoard,       // on the association board of the walked city (Nijmegen)
  kBoardOther,  // on the board of another city (Arnhem)
  kProfessionalA,  // a professional of an organisation, working in site A, living nowhere here
  kOrgAdmin,       // admin of an organisation of the city, no member or professional of any site
};
constexpr Role kRoles[] = {Role::kAnonymous,       Role::kUnverified,      Role::kMemberA,
                           Role::kMemberB,         Role::kBuurtverbinderA, Role::kBuurtverbinderB,
                           Role::kOperator,        Role::kBoard,           Role::kBoardOther,
                           Role::kProfessionalA,   Role::kOrgAdmin};

const char* Name(Role r) {
  switch (r) {
    case Role::kAnonymous: return "anonymous";
    case Role::kUnverified: return "unverified";
    case Role::kMemberA: return "member of A";
    case Role::kMemberB: return "member of B";
    case Role::kBuurtverbinderA: return "buurtverbinder of A";
    case Role::kBuurtverbinderB: return "buurtverbinder of B";
    case Role::kOperator: return "operator";
    case Role::kBoard: return "board of the city";
    case Role::kBoardOther: return "board of another city";
    case Role::kProfessionalA: return "professional working in A";
    case Role::kOrgAdmin: return "organisation admin";
  }
  return "?";
}

enum class Expect { kAllowed, kLogin, kForbidden, kAccountPage, kNotFound };

// What each rule promises, written out independently of the policy's code. Site A is the site
// in the walked URL.
Expect Promise(Access access, Role role) {
  const bool anonymous = role == Role::kAnonymous;
  switch (access) {
    case Access::kUnset: return Expect::kForbidden;
    case Access::kPublic: return Expect::kAllowed;
    case Access::kDevelopment: return Expect::kNotFound;
    case Access::kAnonymousOnly: return anonymous ? Expect::kAllowed : Expect::kAccountPage;
    case Access::kPendingSecondFactor: return anonymous ? Expect::kLogin : Expect::kAccountPage;
    case Access::kAccount: return anonymous ? Expect::kLogin : Expect::kAllowed;
    case Access::kSiteMember:
      if (anonymous) return Expect::kLogin;
      return role == Role::kMemberA || role == Role::kBuurtverbinderA ? Expect::kAllowed : Expect::kForbidden;
    case Access::kSiteBuurtverbinder:
      if (anonymous) return Expect::kLogin;
      return role == Role::kBuurtverbinderA ? Expect::kAllowed : Expect::kForbidden;
    case Access::kOperator:
      if (anonymous) return Expect::kLogin;
      return role == Role::kOperator ? Expect::kAllowed : Expect::kForbidden;
    case Access::kCityBoard:
      if (anonymous) return Expect::kLogin;
      return role == Role::kBoard ? Expect::kAllowed : Expect::kForbidden;
    case Access::kSiteMemberOrProfessional:
      if (anonymous) return Expect::kLogin;
      return role == Role::kMemberA || role == Role::kBuurtverbinderA || role == Role::kProfessionalA
                 ? Expect::kAllowed
                 : Expect::kForbidden;
  }
  return Expect::kForbidden;
}

class PolicyWalk : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& rt = server_.runtime();
    auto& store = rt.store();
    const auto city = store.cities().FindCityBySlug("nijmegen");
    site_a_ = store.sites().FindSiteBySlug(city->id, "oost")->id;
    site_b_ = store.sites().FindSiteBySlug(city->id, "zuid")->id;
    const std::string hash = domain::security::HashPassword("een lang wachtwoord voor de test");
    auto make = [&](Role role, const std::string& email) {
      domain::accounts::NewUser nu{email, std::string(Name(role)), hash, 1};
      auto user = store.users().CreateUser(nu);
      EXPECT_TRUE(user.ok());
      users_[role] = user->id;
      const bool elevated = role == Role::kBuurtverbinderA || role == Role::kBuurtverbinderB ||
                            role == Role::kOperator || role == Role::kBoard || role == Role::kBoardOther;
      if (elevated) store.users().SetTotp(user->id, "JBSWY3DPEHPK3PXP", 0);
      if (role == Role::kOperator) store.users().SetOperator(user->id, true);
      if (role == Role::kBoard || role == Role::kBoardOther) {
        // Board members who are no member of a site: the board role alone opens nothing else.
        const auto board_city = store.cities().FindCityBySlug(role == Role::kBoard ? "nijmegen" : "arnhem");
        ASSERT_TRUE(board_city);
        EXPECT_TRUE(store.city_roles().GrantCityRole(board_city->id, user->id, domain::accounts::CityRole::kBoard, 1).ok());
        return;
      }
      if (role == Role::kUnverified) return;
      if (role == Role::kProfessionalA || role == Role::kOrgAdmin) {
        // Linked to a (made-up) organisation on the sociale kaart; the professional's profile
        // names a buurt of site A only. Neither is a member of any site.
        const auto nijmegen = store.cities().FindCityBySlug("nijmegen");
        domain::directory::Organization o;
        o.name = std::string("Voorbeeldorganisatie ") + Name(role);
        auto org = store.directory().CreateOrganization(nijmegen->id, o, 1);
        ASSERT_TRUE(org.ok());
        const auto org_role = role == Role::kOrgAdmin ? domain::directory::OrgRole::kAdmin
                                                      : domain::directory::OrgRole::kProfessional;
        ASSERT_TRUE(store.directory().SetOrganizationRole(nijmegen->id, org->id, user->id, org_role, 1).ok());
        if (role == Role::kProfessionalA) {
          domain::directory::Professional p;
          p.user = user->id;
          p.organization = org->id;
          p.display_name = "Professional A";
          p.buurt_codes = {OnlyInA()};
          ASSERT_TRUE(store.directory().SaveProfessional(nijmegen->id, p, 1).ok());
        }
        return;
      }
      Membership m;
      m.kind = MembershipKind::kHome;
      m.status = MemberStatus::kVerified;
      m.role = (role == Role::kBuurtverbinderA || role == Role::kBuurtverbinderB) ? MemberRole::kBuurtverbinder
                                                                                   : MemberRole::kMember;
      const bool in_b = role == Role::kMemberB || role == Role::kBuurtverbinderB;
      if (role == Role::kOperator) return;
      m.user = user->id;
      EXPECT_TRUE(store.memberships().CreateMembership(in_b ? site_b_ : site_a_, m).ok());
    };
    make(Role::kUnverified, "unverified@example.nl");
    make(Role::kMemberA, "member-a@example.nl");
    make(Role::kMemberB, "member-b@example.nl");
    make(Role::kBuurtverbinderA, "bv-a@example.nl");
    make(Role::kBuurtverbinderB, "bv-b@example.nl");
    make(Role::kOperator, "operator@example.nl");
    make(Role::kBoard, "board@example.nl");
    make(Role::kBoardOther, "board-arnhem@example.nl");
    make(Role::kProfessionalA, "professional-a@example.nl");
    make(Role::kOrgAdmin, "org-admin@example.nl");
  }

  // A buurt of site A that site B does not cover.
  std::string OnlyInA() {
    auto& store = server_.runtime().store();
    const auto city = store.cities().FindCityBySlug("nijmegen");
    const auto a = store.sites().FindSiteBySlug(city->id, "oost");
    const auto b = store.sites().FindSiteBySlug(city->id, "zuid");
    for (const auto& code : a->buurt_codes) {
      if (std::find(b->buurt_codes.begin(), b->buurt_codes.end(), code) == b->buurt_codes.end()) return code;
    }
    ADD_FAILURE() << "site A has no buurt of its own";
    return {};
  }

  // A fresh session for the role (the second factor done), as a login would leave it.
  void LogIn(BrowserClient& client, Role role) {
    if (role == Role::kAnonymous) return;
    const std::string token = domain::security::NewToken();
    domain::accounts::Session s;
    s.token_hash = domain::security::HashToken(token);
    s.user = users_.at(role);
    s.created_at = s.last_seen_at = std::chrono::duration_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count();
    s.expires_at = s.created_at + 3600;
    s.second_factor_done = true;
    ASSERT_TRUE(server_.runtime().store().sessions().CreateSession(s).ok());
    client.SetCookie("bp_session", token);
  }

  static std::string Concrete(const std::string& pattern, const char* site = "oost") {
    std::string out;
    for (auto seg : http::SplitPath(pattern)) {
      std::string s(seg);
      if (s == "{city}") s = "nijmegen";
      else if (s == "{site}") s = site;
      else if (!s.empty() && s.front() == '{') s = "1";  // ids, tokens, files: any value passes the policy first
      out += "/" + s;
    }
    return out;
  }

  TestServer server_;
  domain::SiteId site_a_, site_b_;
  std::map<Role, domain::UserId> users_;
};

TEST_F(PolicyWalk, EveryRouteHasARule) {
  for (const auto& route : server_.runtime().app().router().routes()) {
    EXPECT_NE(route.access, Access::kUnset) << route.name << " " << route.pattern << " has no access rule";
  }
}

TEST_F(PolicyWalk, EveryRouteWithEveryRoleGetsWhatItsRulePromises) {
  int checked = 0;
  for (const auto& route : server_.runtime().app().router().routes()) {
    const std::string path = Concrete(route.pattern);
    const bool post = route.method == http::Method::kPost;
    for (Role role : kRoles) {
      BrowserClient client(server_);
      LogIn(client, role);
      // A CSRF token for the form: from the login page when anonymous, any page otherwise.
      if (post) client.Get(role == Role::kAnonymous ? "/account/login" : "/privacy");
      auto r = post ? client.Post(path, "") : client.Get(path);
      const Expect want = Promise(route.access, role);
      const std::string what = std::string(route.name) + " " + path + " as " + Name(role) + " → " +
                               std::to_string(r.status) + " " + r.Header("location");
      const std::string location = r.Header("location");
      switch (want) {
        case Expect::kAllowed:
          EXPECT_NE(r.status, 401) << what;
          EXPECT_NE(r.status, 403) << what;
          EXPECT_EQ(location.rfind("/account/login", 0), std::string::npos) << what;
          // Roles with access to other people's data must have two-factor authentication (all the
          // walked elevated roles have it); account pages may send to /account/two-factor themselves.
          if (route.access == Access::kSiteBuurtverbinder || route.access == Access::kOperator ||
              route.access == Access::kCityBoard) {
            EXPECT_EQ(location.rfind("/account/two-factor", 0), std::string::npos) << what;
          }
          break;
        case Expect::kLogin:
          if (post) EXPECT_EQ(r.status, 401) << what;
          else EXPECT_EQ(location.rfind("/account/login?next=", 0), 0u) << what;
          break;
        case Expect::kForbidden: EXPECT_EQ(r.status, 403) << what; break;
        case Expect::kAccountPage: EXPECT_EQ(location, "/account/") << what; break;
        case Expect::kNotFound: EXPECT_EQ(r.status, 404) << what; break;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

// The professional working in site A and the organisation admin reach nothing of site B's that
// is not public: every rule that is not public, walked on B's address.
TEST_F(PolicyWalk, ProfessionalAndOrganisationAdminCannotReachSiteBsPrivatePages) {
  int checked = 0;
  for (const auto& route : server_.runtime().app().router().routes()) {
    if (route.scope != http::Scope::kSite) continue;
    if (route.access != Access::kSiteMember && route.access != Access::kSiteMemberOrProfessional &&
        route.access != Access::kSiteBuurtverbinder) {
      continue;
    }
    const std::string path = Concrete(route.pattern, "zuid");
    const bool post = route.method == http::Method::kPost;
    for (Role role : {Role::kProfessionalA, Role::kOrgAdmin}) {
      BrowserClient client(server_);
      LogIn(client, role);
      if (post) client.Get("/privacy");
      auto r = post ? client.Post(path, "") : client.Get(path);
      EXPECT_EQ(r.status, 403) << route.name << " " << path << " as " << Name(role);
      ++checked;
    }
  }
  EXPECT_GT(checked, 20);
}

}  // namespace
}  // namespace buurtplein::testing

namespace buurtplein::testing {
namespace {

// A city may not take a first path segment the platform uses itself: every literal first segment
// of the route table must be reserved.
TEST(ReservedCitySlugs, CoverEveryLiteralFirstSegmentOfTheRouteTable) {
  TestServer server(false);
  for (const auto& route : server.runtime().app().router().routes()) {
    if (route.segments.empty()) continue;
    const std::string& first = route.segments.front();
    if (first.empty() || first.front() == '{') continue;
    EXPECT_TRUE(domain::sites::SiteService::IsReservedCitySlug(first)) << first << " (" << route.pattern << ")";
  }
  domain::sites::City c{{}, "GM9999", "Account", "account", "Vereniging", 0, 0};
  EXPECT_FALSE(domain::sites::SiteService::ValidateCity(c).ok());
  c.slug = "accountstad";
  EXPECT_TRUE(domain::sites::SiteService::ValidateCity(c).ok());
}

// Likewise a site may not take a second path segment of the city's own pages (/{city}/zoeken):
// every literal second segment after {city} that could be a slug must be reserved.
TEST(ReservedSiteSlugs, CoverEveryLiteralCityPageOfTheRouteTable) {
  TestServer server(false);
  for (const auto& route : server.runtime().app().router().routes()) {
    if (route.segments.size() < 2 || route.segments.front() != "{city}") continue;
    const std::string& second = route.segments[1];
    if (second.empty() || second.front() == '{') continue;
    const bool slug_shaped = std::all_of(second.begin(), second.end(), [](char ch) {
      return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
    });
    if (!slug_shaped) continue;  // map.geojson, agenda.ics: no slug looks like that
    EXPECT_TRUE(domain::sites::SiteService::IsReservedSiteSlug(second)) << second << " (" << route.pattern << ")";
  }
  EXPECT_TRUE(domain::sites::SiteService::IsReservedSiteSlug("zoeken"));
  EXPECT_FALSE(domain::sites::SiteService::IsReservedSiteSlug("bottendaal"));
}

}  // namespace
}  // namespace buurtplein::testing
