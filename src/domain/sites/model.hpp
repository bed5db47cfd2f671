#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/common/ids.hpp"

namespace buurtplein::domain::sites {

/// A municipality (CBS gemeente) with its association (vereniging) and neighbourhood sites.
struct City {
  CityId id;
  std::string gemeente_code;     ///< CBS code, e.g. "GM0268"
  std::string name;              ///< "Nijmegen"
  std::string slug;              ///< "nijmegen": the first path segment
  std::string association_name;  ///< the vereniging that runs the city's sites
  double lon = 0, lat = 0;       ///< CBS label point, for centring maps
};

enum class SiteStatus { kBuilding, kLive };  ///< "in opbouw" / "live"

/// One neighbourhood site: its own name, look and address, covering one or more CBS buurten.
struct Site {
  SiteId id;
  CityId city_id;
  std::string slug;            ///< second path segment: /nijmegen/{slug}/
  std::string name;            ///< the site's own name, e.g. "Buurtplein Oost"
  std::string tagline;         ///< one line under the name
  std::string primary_colour;  ///< #rrggbb, header and links
  std::string accent_colour;   ///< #rrggbb, highlights
  std::string logo_path;       ///< static path of the logo, empty for none
  SiteStatus status = SiteStatus::kBuilding;
  std::vector<std::string> buurt_codes;  ///< CBS buurten covered, e.g. "BU02680000"
  std::vector<std::string> hosts;        ///< custom host names, lower case
};

/// What a caller supplies to create or change a site.
struct SiteDraft {
  std::string slug, name, tagline, primary_colour, accent_colour, logo_path;
  SiteStatus status = SiteStatus::kBuilding;
  std::vector<std::string> buurt_codes;
  std::vector<std::string> hosts;
};

/// CBS areas: gemeente (GM), wijk (WK) or buurt (BU).
enum class AreaLevel { kGemeente, kWijk, kBuurt };

/// One official CBS area with its label point and, where known, its polygon (GeoJSON geometry).
struct Area {
  std::string code;            ///< GM0268, WK026801, BU02680000
  AreaLevel level = AreaLevel::kBuurt;
  std::string name;
  std::string gemeente_code;   ///< the gemeente it lies in (itself for a gemeente)
  std::string wijk_code;       ///< for a buurt, its wijk; empty otherwise
  double lon = 0, lat = 0;     ///< CBS label point (WGS84)
  std::string geometry_json;   ///< GeoJSON geometry, empty when no polygon is known
  std::optional<long> inhabitants;  ///< CBS kerncijfers 2024, where known
};

}  // namespace buurtplein::domain::sites
