// The unread-messages count (asked on every logged-in site page), timed through the store on
// SQLite and, when BUURTPLEIN_TEST_POSTGRES is set, PostgreSQL: N calls per round, the median of
// the rounds in microseconds per call. Used to check that moving a repository onto the SQL
// runner (decision 0010) made it no slower:
//   build/release/bench_store_unread [calls per round = 20000] [rounds = 7]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "domain/store.hpp"
#include "store/open_store.hpp"
#include "store/postgres/postgres_store.hpp"

using namespace buurtplein;

namespace {

constexpr std::int64_t kNow = 1'750'000'000;

domain::UserId User(domain::Store& s, const std::string& email, const std::string& name) {
  domain::accounts::NewUser nu;
  nu.email = email;
  nu.display_name = name;
  nu.password_hash = "$argon2id$x";
  nu.created_at = kNow;
  return s.users().CreateUser(nu)->id;
}

void Measure(const std::string& engine, domain::Store& s, int calls, int rounds) {
  s.Migrate();
  domain::sites::City c;
  c.gemeente_code = "GM0268";
  c.slug = "nijmegen";
  c.name = "Nijmegen";
  c.association_name = "Vereniging";
  const auto city = s.cities().CreateCity(c)->id;
  domain::sites::SiteDraft d;
  d.slug = "oost";
  d.name = "Oost";
  d.tagline = "t";
  d.primary_colour = "#1a5f7a";
  d.accent_colour = "#f2a900";
  const auto site = s.sites().CreateSite(city, d)->id;
  const auto bert = User(s, "bert@example.nl", "Bert");
  // 30 people each start a conversation with Bert and send 5 messages: 150 unread.
  for (int i = 0; i < 30; ++i) {
    const auto other = User(s, "p" + std::to_string(i) + "@example.nl", "P" + std::to_string(i));
    domain::messages::NewConversation nc;
    nc.starter = other;
    nc.other = bert;
    nc.body = "Hallo";
    nc.at = kNow + i;
    const auto conv = *s.messages().StartConversation(site, nc);
    for (int m = 0; m < 4; ++m) (void)s.messages().AddMessage(site, conv, other, "Nog iets", kNow + i + m);
  }
  // Most logged-in page views: someone without conversations, where the query is cheap and the
  // cost around it (binding, preparing, reading) shows.
  const auto carla = User(s, "carla@example.nl", "Carla");
  for (const auto& [who, viewer] : {std::pair{"Bert", bert}, std::pair{"Carla", carla}}) {
    std::int64_t last = 0;
    std::vector<double> per_call;
    for (int r = 0; r < rounds + 1; ++r) {  // the first round warms up and is not counted
      const auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < calls; ++i) last = s.messages().CountUnread(site, viewer);
      const auto us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
      if (r > 0) per_call.push_back(us / calls);
    }
    std::sort(per_call.begin(), per_call.end());
    std::printf("%-10s CountUnread(%s) = %3lld: median %7.2f us/call (min %7.2f, max %7.2f; %d rounds of %d)\n",
                engine.c_str(), who, static_cast<long long>(last), per_call[per_call.size() / 2], per_call.front(),
                per_call.back(), rounds, calls);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int calls = argc > 1 ? std::atoi(argv[1]) : 20000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 7;
  const std::string path = "/tmp/bench_store_unread_" + std::to_string(::getpid()) + ".db";
  {
    auto s = store::OpenStore("sqlite://" + path, 4);
    Measure("sqlite", *s, calls, rounds);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  if (const char* pg = std::getenv("BUURTPLEIN_TEST_POSTGRES"); pg && *pg) {
    const std::string schema = "bench_unread_" + std::to_string(::getpid());
    store::postgres::ExecPostgresScript(pg, "DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
    const std::string url = std::string(pg) + (std::string(pg).find('?') == std::string::npos ? "?" : "&") +
                            "options=-c%20search_path%3D" + schema;
    {
      auto s = store::OpenStore(url, 4);
      Measure("postgresql", *s, calls / 4, rounds);
    }
    store::postgres::ExecPostgresScript(pg, "DROP SCHEMA " + schema + " CASCADE");
  }
  return 0;
}
