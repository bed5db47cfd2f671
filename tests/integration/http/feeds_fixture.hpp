#pragma once
// Shared by the feeds and API tests: the real server with the demo, residents made through the
// store, posts written straight into the store (before any page is cached) or through the news
// service (which empties the cached pages, as a real post does).
#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <string>

#include "domain/security/tokens.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::testing {

class FeedsFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto dir = server_.runtime().sites().directory();
    oost_ = dir->FindSite("nijmegen", "oost")->id;
    zuid_ = dir->FindSite("nijmegen", "zuid")->id;
    anna_ = Resident("anna-feeds@example.nl", "Anna de Vries", oost_);
    carla_ = Resident("carla-feeds@example.nl", "Carla Bakker", zuid_);
    RemoveDemoNews();
  }

  // The demo's news (published and scheduled, in every Nijmegen site) would mix with the posts
  // each test counts: gone before the first request, so nothing of it is cached.
  void RemoveDemoNews() {
    auto& news = server_.runtime().store().news();
    const auto dir = server_.runtime().sites().directory();
    domain::news::ListQuery q;
    q.now = std::numeric_limits<std::int64_t>::max();
    q.include_members_only = true;
    q.limit = 100;
    for (const auto& city_sites : dir->sites) {
      for (const auto& site : city_sites) {
        for (auto posts = news.ListPublished(site.id, q); !posts.empty(); posts = news.ListPublished(site.id, q)) {
          for (const auto& p : posts) ASSERT_TRUE(news.DeletePost(site.id, p.id).ok());
        }
      }
    }
  }

  static std::int64_t Now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  domain::UserId Resident(const std::string& email, const std::string& name, domain::SiteId site) {
    using namespace domain::accounts;
    auto& store = server_.runtime().store();
    NewUser nu{email, name, "$argon2id$not-used", Now()};
    auto user = store.users().CreateUser(nu);
    EXPECT_TRUE(user.ok());
    store.users().SetEmailVerified(user->id, Now());
    Membership m;
    m.user = user->id;
    m.role = MemberRole::kMember;
    m.status = MemberStatus::kVerified;
    m.verified_by = VerificationMethod::kApproval;
    m.created_at = Now();
    m.verified_at = Now();
    EXPECT_TRUE(store.memberships().CreateMembership(site, m).ok());
    return user->id;
  }

  void LogIn(BrowserClient& client, domain::UserId user) {
    using namespace domain::accounts;
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

  // A post written straight into the store: no cache invalidation (write before reading pages).
  domain::news::Post StorePost(domain::SiteId site, domain::UserId author, const std::string& title,
                               const std::string& body, std::int64_t published_at,
                               domain::news::Visibility visibility = domain::news::Visibility::kPublic) {
    domain::news::PostDraft d;
    d.title = title;
    d.body_markdown = body;
    d.visibility = visibility;
    d.published_at = published_at;
    auto p = server_.runtime().store().news().CreatePost(site, author, d, Now());
    EXPECT_TRUE(p.ok());
    return p.ok() ? *p : domain::news::Post{};
  }

  // Posts through the form, as `client` (logged in), like a resident does.
  WireResponse PostNews(BrowserClient& client, const std::string& site, const std::string& title,
                        const std::string& body, const std::string& visibility = "public") {
    const std::string url = "/nijmegen/" + site + "/nieuws/nieuw";
    client.Get(url);
    return client.Post(url, "title=" + FormEncode(title) + "&body=" + FormEncode(body) +
                                "&visibility=" + visibility + "&publish_at=");
  }

  TestServer server_;
  domain::SiteId oost_, zuid_;
  domain::UserId anna_, carla_;
};

}  // namespace buurtplein::testing
