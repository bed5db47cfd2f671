#pragma once
// The news tests' fixture: the real server (demo loaded), two verified members of Oost, one of
// Zuid and a buurtverbinder of Oost, with sessions made through the store.
#include <gtest/gtest.h>

#include <chrono>

#include "domain/security/passwords.hpp"
#include "domain/security/tokens.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::testing {

using domain::SiteId;
using domain::UserId;
using namespace domain::accounts;

class NewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& rt = server_.runtime();
    oost_ = rt.sites().directory()->FindSite("nijmegen", "oost")->id;
    zuid_ = rt.sites().directory()->FindSite("nijmegen", "zuid")->id;
    anna_ = Resident("anna-news@example.nl", "Anna de Vries", oost_);
    bert_ = Resident("bert-news@example.nl", "Bert Jansen", oost_);
    carla_ = Resident("carla-news@example.nl", "Carla Bakker", zuid_);
    bv_ = Resident("bv-news@example.nl", "Bea Verbinder", oost_, MemberRole::kBuurtverbinder);
  }

  static std::int64_t Now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  // A verified resident of `site`, made through the store.
  UserId Resident(const std::string& email, const std::string& name, SiteId site,
                  MemberRole role = MemberRole::kMember) {
    auto& store = server_.runtime().store();
    NewUser nu{email, name, "$argon2id$not-used", Now()};
    auto user = store.users().CreateUser(nu);
    EXPECT_TRUE(user.ok());
    store.users().SetEmailVerified(user->id, Now());
    Membership m;
    m.user = user->id;
    m.role = role;
    m.status = MemberStatus::kVerified;
    m.verified_by = VerificationMethod::kApproval;
    m.created_at = Now();
    m.verified_at = Now();
    EXPECT_TRUE(store.memberships().CreateMembership(site, m).ok());
    // Buurtverbinders must have two-step login (the policy sends them to set it up otherwise).
    if (role == MemberRole::kBuurtverbinder) store.users().SetTotp(user->id, "JBSWY3DPEHPK3PXP", 0);
    return user->id;
  }

  // A session as a login (second factor done) would leave it.
  void LogIn(BrowserClient& client, UserId user) {
    const std::string token = domain::security::NewToken();
    Session s;
    s.token_hash = domain::security::HashToken(token);
    s.user = user;
    s.created_at = s.last_seen_at = Now();
    s.expires_at = s.created_at + 3600;
    s.second_factor_done = true;
    ASSERT_TRUE(server_.runtime().store().sessions().CreateSession(s).ok());
    client.SetCookie("bp_session", token);
  }

  // Posts news on /nijmegen/{site}/ as `client`; the response of the POST.
  WireResponse PostNews(BrowserClient& client, const std::string& site, const std::string& title,
                        const std::string& body, const std::string& visibility = "public") {
    const std::string url = "/nijmegen/" + site + "/nieuws/nieuw";
    client.Get(url);
    return client.Post(url, "title=" + FormEncode(title) + "&body=" + FormEncode(body) +
                                "&visibility=" + visibility + "&publish_at=");
  }

  // The post's path from a redirect after posting ("/nijmegen/oost/nieuws/7?saved=1").
  static std::string PostPath(const WireResponse& r) {
    std::string location = r.Header("location");
    return location.substr(0, location.find('?'));
  }

  TestServer server_;
  SiteId oost_, zuid_;
  UserId anna_, bert_, carla_, bv_;
};

}  // namespace buurtplein::testing
