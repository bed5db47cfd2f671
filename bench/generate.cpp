// bench_generate: a national-scale database for the benchmarks. Every CBS gemeente becomes a
// city and every CBS buurt a live neighbourhood site (393 cities, 12,005 sites from the 2014
// division). Deterministic: the same CBS files give the same slugs, names and colours.
//
//   bench_generate --database sqlite:///tmp/nl.db --cbs-dir data/cbs [--scale N]
//
// --scale N writes N generated news posts per site (marked "[gegenereerd]"); later features add
// their content here too. The rest of this comment described the old placeholder; it is
// accepted and reported, and changes nothing yet.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/cbs_import.hpp"
#include "app/config.hpp"
#include "app/runtime.hpp"
#include "domain/common/text.hpp"
#include "domain/news/model.hpp"
#include "store/open_store.hpp"

namespace buurtplein::bench {
namespace {

using domain::sites::Area;
using domain::sites::AreaLevel;
using domain::sites::City;
using domain::sites::SiteDraft;
using domain::sites::SiteStatus;
using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// FNV-1a: a stable hash, so colours do not depend on the standard library's std::hash.
std::uint32_t Fnv1a(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

struct Rgb {
  double r, g, b;  // 0..1
};

Rgb FromHsl(double h, double s, double l) {
  auto f = [&](double n) {
    const double k = std::fmod(n + h / 30.0, 12.0);
    const double a = s * std::min(l, 1 - l);
    return l - a * std::max(-1.0, std::min({k - 3, 9 - k, 1.0}));
  };
  return {f(0), f(8), f(4)};
}

double Luminance(const Rgb& c) {
  auto lin = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

std::string Hex(const Rgb& c) {
  auto byte = [](double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
  char out[8];
  std::snprintf(out, sizeof out, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
  return out;
}

// A primary colour from the code's hash, darkened until white text on it reaches the WCAG AA
// contrast of 4.5:1 (like the demo's hand-picked colours), and a light accent opposite it.
std::pair<std::string, std::string> Colours(std::string_view code) {
  const std::uint32_t h = Fnv1a(code);
  const double hue = h % 360;
  const double sat = 0.45 + ((h >> 9) % 30) / 100.0;
  double light = 0.38;
  Rgb primary = FromHsl(hue, sat, light);
  while ((1.05 / (Luminance(primary) + 0.05)) < 4.5 && light > 0.05) {
    light -= 0.01;
    primary = FromHsl(hue, sat, light);
  }
  const Rgb accent = FromHsl(std::fmod(hue + 150, 360), 0.75, 0.68);
  return {Hex(primary), Hex(accent)};
}

// Cuts UTF-8 text to at most `max` bytes without splitting a character.
std::string Truncate(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// `base` with "-2", "-3", … until it is not in `taken` (kept within the 64-character slug limit).
std::string UniqueSlug(std::string base, std::set<std::string>& taken) {
  std::string slug = base;
  for (int n = 2; !taken.insert(slug).second; ++n) {
    const std::string suffix = "-" + std::to_string(n);
    std::string head = base.substr(0, 64 - suffix.size());
    while (!head.empty() && head.back() == '-') head.pop_back();
    slug = head + suffix;
  }
  return slug;
}

// The codes in the national label file: its gemeenten, and the gemeenten its buurten name.
struct LabelCodes {
  std::vector<std::string> gemeenten;        ///< in code order
  std::set<std::string> buurt_gemeenten;
};

LabelCodes ReadLabelCodes(const std::string& cbs_dir) {
  const std::string path = cbs_dir + "/cbs_gwb_labels_nl_2014.csv";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("The CBS file " + path + " cannot be read.");
  std::string line;
  std::getline(in, line);
  const auto header = app::SplitCsvLine(line);
  const auto col = [&](const char* name) {
    auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw std::runtime_error("The CBS file " + path + " has no column " + name + ".");
    return static_cast<std::size_t>(it - header.begin());
  };
  const std::size_t level_col = col("niveau"), code_col = col("code"), gemeente_col = col("gemeentecode");
  const std::size_t needed = std::max({level_col, code_col, gemeente_col});
  std::set<std::string> gemeenten;
  LabelCodes out;
  while (std::getline(in, line)) {
    const auto row = app::SplitCsvLine(line);
    if (row.size() <= needed) continue;
    if (row[level_col] == "gemeente") gemeenten.insert(row[code_col]);
    if (row[level_col] == "buurt") out.buurt_gemeenten.insert(row[gemeente_col]);
  }
  out.gemeenten.assign(gemeenten.begin(), gemeenten.end());
  return out;
}

// The label file has the gemeenten of 2015 but the wijken and buurten of 2014: the buurten of
// twelve gemeenten merged on 1 January 2015 name a gemeente code that no longer exists. They go
// to their successor (CBS gemeentelijke indeling 2015); Maasdonk was split by wijk.
std::string SuccessorGemeente(const Area& buurt) {
  static const std::map<std::string, std::string> kMerged2015 = {
      {"GM0265", "GM0241"},  // Millingen aan de Rijn → Groesbeek (now Berg en Dal)
      {"GM0282", "GM0241"},  // Ubbergen → Groesbeek
      {"GM0365", "GM0361"},  // Graft-De Rijp → Alkmaar
      {"GM0458", "GM0361"},  // Schermer → Alkmaar
      {"GM0491", "GM1931"},  // Bergambacht → Krimpenerwaard
      {"GM0608", "GM1931"},  // Schoonhoven → Krimpenerwaard
      {"GM0623", "GM1931"},  // Vlist → Krimpenerwaard
      {"GM0643", "GM1931"},  // Nederlek → Krimpenerwaard
      {"GM0644", "GM1931"},  // Ouderkerk → Krimpenerwaard
      {"GM0568", "GM1930"},  // Bernisse → Nissewaard
      {"GM0612", "GM1930"},  // Spijkenisse → Nissewaard
  };
  if (buurt.gemeente_code == "GM1671") {  // Maasdonk: Geffen → Oss, Nuland and Vinkel → 's-Hertogenbosch
    return buurt.wijk_code == "WK167100" ? "GM0828" : "GM0796";
  }
  auto it = kMerged2015.find(buurt.gemeente_code);
  return it == kMerged2015.end() ? std::string() : it->second;
}

// Every buurt of the national label file, by the 2015 gemeente it belongs to, in code order.
std::map<std::string, std::vector<Area>> BuurtenByGemeente(domain::Store& store, const LabelCodes& codes) {
  std::map<std::string, std::vector<Area>> out;
  for (const auto& code : codes.gemeenten) out[code] = store.areas().ListAreas(code, AreaLevel::kBuurt);
  for (const auto& old : codes.buurt_gemeenten) {
    if (out.count(old)) continue;
    for (auto& b : store.areas().ListAreas(old, AreaLevel::kBuurt)) {
      const std::string successor = SuccessorGemeente(b);
      if (successor.empty() || !out.count(successor)) {
        throw std::runtime_error("The buurt " + b.code + " lies in gemeente " + b.gemeente_code +
                                 ", which has no known successor in 2015.");
      }
      out[successor].push_back(std::move(b));
    }
  }
  for (auto& [code, list] : out) {
    std::sort(list.begin(), list.end(), [](const Area& x, const Area& y) { return x.code < y.code; });
  }
  return out;
}

struct PlannedCity {
  City city;
  std::vector<SiteDraft> sites;
};

int Run(const std::string& database, const std::string& cbs_dir, int scale) {
  const auto start = Clock::now();
  app::ConfigLoader loader;
  loader.LoadEnvironment();
  loader.Set("database", database);
  loader.Set("cbs_dir", cbs_dir);
  auto url = store::ParseDatabaseUrl(database);
  if (url.engine == store::DatabaseUrl::Engine::kSqlite) {
    // Keep the runtime's data directory beside the database instead of ./var.
    auto slash = url.sqlite_path.rfind('/');
    loader.Set("data_dir", slash == std::string::npos || slash == 0 ? "." : url.sqlite_path.substr(0, slash));
  }
  app::Config config = loader.Build();
  app::SetupLogging(config.log_level == "info" ? "warn" : config.log_level);
  app::Runtime runtime(config);  // opens the database and applies migrations
  auto& store = runtime.store();

  auto t = Clock::now();
  const auto report = app::ImportCbs(store, cbs_dir, /*national=*/true);
  const double import_s = SecondsSince(t);

  // Plan everything in memory first: slugs are unique across the whole plan.
  t = Clock::now();
  std::vector<PlannedCity> plan;
  std::set<std::string> city_slugs;
  const auto codes = ReadLabelCodes(cbs_dir);
  const auto buurten = BuurtenByGemeente(store, codes);
  for (const auto& code : codes.gemeenten) {
    auto area = store.areas().FindArea(code);
    if (!area) throw std::runtime_error("The CBS import has no gemeente " + code + ".");
    PlannedCity pc;
    City& c = pc.city;
    c.gemeente_code = area->code;
    c.name = area->name;
    std::string slug = domain::Slugify(area->name);
    if (slug.empty() || city_slugs.count(slug)) slug = (slug.empty() ? "" : slug + "-") + Lower(area->code);
    city_slugs.insert(slug);
    c.slug = slug;
    c.association_name = Truncate("Vereniging Buurtplein " + area->name, 120);
    c.lon = area->lon;
    c.lat = area->lat;

    std::set<std::string> site_slugs;
    for (const Area& b : buurten.at(code)) {
      SiteDraft d;
      std::string base = domain::Slugify(b.name);
      if (base.empty()) base = Lower(b.code);
      d.slug = UniqueSlug(base, site_slugs);
      d.name = Truncate("Buurtplein " + b.name, 80);
      d.tagline = Truncate("Buurt " + b.name + " in " + area->name + ": buren helpen buren.", 160);
      std::tie(d.primary_colour, d.accent_colour) = Colours(b.code);
      d.status = SiteStatus::kLive;
      d.buurt_codes = {b.code};
      if (auto s = domain::sites::SiteService::Validate(d); !s) {
        throw std::runtime_error("Site " + d.slug + " for " + b.code + " is not valid: " + s.error().public_message);
      }
      pc.sites.push_back(std::move(d));
    }
    plan.push_back(std::move(pc));
  }
  const double plan_s = SecondsSince(t);

  // Write: one upsert per city, then the city's sites through the repository (one transaction
  // each). Not SiteService::CreateSite, which rebuilds the whole directory after every site.
  t = Clock::now();
  long cities = 0, created = 0, kept = 0;
  const PlannedCity* largest = nullptr;
  std::string largest_slug;
  for (const auto& pc : plan) {
    auto city = store.cities().UpsertCity(pc.city);
    if (!city) throw std::runtime_error("City " + pc.city.slug + ": " + city.error().internal_detail);
    ++cities;
    for (const auto& d : pc.sites) {
      if (store.sites().FindSiteBySlug(city->id, d.slug)) {
        ++kept;  // a second run leaves what the first one made
        continue;
      }
      auto site = store.sites().CreateSite(city->id, d);
      if (!site) {
        throw std::runtime_error("Site " + pc.city.slug + "/" + d.slug + ": " + site.error().internal_detail);
      }
      ++created;
    }
    if (!largest || pc.sites.size() > largest->sites.size()) largest = &pc;
  }
  const double write_s = SecondsSince(t);

  // Content at the chosen scale: `scale` news posts per site, by one generated author, marked
  // as generated in title and text; published in the last hours, so site homes show them.
  t = Clock::now();
  const std::int64_t kGeneratedAt = std::chrono::duration_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count();
  long posts = 0;
  if (scale > 0) {
    domain::accounts::NewUser author;
    author.email = "bench-generator@example.nl";
    author.display_name = "Gegenereerde schrijver";
    author.password_hash = "!generated: no password can match";  // nobody logs in as this author
    author.created_at = kGeneratedAt;
    auto existing = store.users().FindUserByEmail(author.email);
    auto user = existing ? domain::Result<domain::accounts::User>(*existing) : store.users().CreateUser(author);
    if (!user) throw std::runtime_error("Generated author: " + user.error().internal_detail);
    runtime.sites().Reload();
    const auto snapshot = runtime.sites().directory();
    for (std::size_t ci = 0; ci < snapshot->cities.size(); ++ci) {
      for (const auto& site : snapshot->sites[ci]) {
        domain::news::ListQuery q;
        q.now = kGeneratedAt + 86400;
        q.include_members_only = true;
        q.limit = 1;
        if (!store.news().ListPublished(site.id, q).empty()) continue;  // a second run adds nothing
        for (int i = 0; i < scale; ++i) {
          domain::news::PostDraft d;
          d.title = "[gegenereerd] Buurtbericht " + std::to_string(i + 1) + " van " + site.name;
          d.body_markdown = "*Gegenereerde tekst voor de benchmark.* Dit bericht " + std::to_string(i + 1) +
                            " hoort bij " + site.name + ".\n\n- punt een\n- punt twee\n";
          d.published_at = kGeneratedAt - static_cast<std::int64_t>(i) * 3600;
          if (auto post = store.news().CreatePost(site.id, user->id, d, kGeneratedAt); !post) {
            throw std::runtime_error("Post for " + site.slug + ": " + post.error().internal_detail);
          }
          ++posts;
        }
      }
    }
  }
  const double content_s = SecondsSince(t);

  t = Clock::now();
  runtime.sites().Reload();
  const auto dir = runtime.sites().directory();
  std::size_t listed = 0;
  for (const auto& s : dir->sites) listed += s.size();
  const double reload_s = SecondsSince(t);

  std::printf("CBS areas: %ld gemeenten, %ld wijken, %ld buurten (import %.2f s)\n", report.gemeenten, report.wijken,
              report.buurten, import_s);
  std::printf("Cities: %ld, sites: %ld created, %ld kept, %zu in the directory (plan %.2f s, write %.2f s, reload %.2f s)\n",
              cities, created, kept, listed, plan_s, write_s, reload_s);
  std::printf("Scale: %d news posts per site, %ld written (%.2f s)\n", scale, posts, content_s);
  if (largest && !largest->sites.empty()) {
    // The first buurt (by CBS code) of the city with the most buurten: a typical site page.
    std::printf("Sample site: /%s/%s/\n", largest->city.slug.c_str(), largest->sites.front().slug.c_str());
  }
  std::printf("Total: %.2f s\n", SecondsSince(start));
  return 0;
}

}  // namespace
}  // namespace buurtplein::bench

int main(int argc, char** argv) {
  CLI::App cli{"Fills a database with every gemeente as a city and every buurt as a live site."};
  std::string database, cbs_dir = "data/cbs";
  int scale = 1;
  cli.add_option("--database", database, "sqlite:///path/to/file.db or postgresql://…")->required();
  cli.add_option("--cbs-dir", cbs_dir, "directory with the CBS files (data/cbs)")->check(CLI::ExistingDirectory);
  cli.add_option("--scale", scale, "news posts per site (generated, marked as such; 0: none)")
      ->check(CLI::Range(1, 1000));
  CLI11_PARSE(cli, argc, argv);
  try {
    return buurtplein::bench::Run(database, cbs_dir, scale);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_generate: %s\n", e.what());
    return 1;
  }
}
