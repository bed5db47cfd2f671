#pragma once
#include <string_view>

#include "domain/sites/model.hpp"

namespace buurtplein::store {

/// How enums are spelled in the database, the same on both engines.
inline std::string_view LevelName(domain::sites::AreaLevel l) {
  switch (l) {
    case domain::sites::AreaLevel::kGemeente: return "gemeente";
    case domain::sites::AreaLevel::kWijk: return "wijk";
    case domain::sites::AreaLevel::kBuurt: return "buurt";
  }
  return "buurt";
}
inline domain::sites::AreaLevel LevelFromName(std::string_view s) {
  if (s == "gemeente") return domain::sites::AreaLevel::kGemeente;
  if (s == "wijk") return domain::sites::AreaLevel::kWijk;
  return domain::sites::AreaLevel::kBuurt;
}
inline std::string_view StatusName(domain::sites::SiteStatus s) {
  return s == domain::sites::SiteStatus::kLive ? "live" : "building";
}
inline domain::sites::SiteStatus StatusFromName(std::string_view s) {
  return s == "live" ? domain::sites::SiteStatus::kLive : domain::sites::SiteStatus::kBuilding;
}

}  // namespace buurtplein::store
