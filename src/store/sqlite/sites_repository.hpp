#pragma once
#include "domain/sites/repositories.hpp"
#include "store/sqlite/connection.hpp"

namespace buurtplein::store::sqlite {

class SqliteAreaRepository final : public domain::sites::AreaRepository {
 public:
  explicit SqliteAreaRepository(Database& db) : db_(db) {}
  domain::Status UpsertAreas(const std::vector<domain::sites::Area>& areas) override;
  std::optional<domain::sites::Area> FindArea(std::string_view code) override;
  std::vector<domain::sites::Area> ListAreas(std::string_view gemeente_code, domain::sites::AreaLevel level) override;
  long CountAreas(domain::sites::AreaLevel level) override;
  long CountBuurtenOfWijk(std::string_view gemeente_code, std::string_view wijk_code) override;

 private:
  Database& db_;
};

class SqliteCityRepository final : public domain::sites::CityRepository {
 public:
  explicit SqliteCityRepository(Database& db) : db_(db) {}
  domain::Result<domain::sites::City> CreateCity(const domain::sites::City& city) override;
  domain::Result<domain::sites::City> UpsertCity(const domain::sites::City& city) override;
  std::optional<domain::sites::City> FindCityBySlug(std::string_view slug) override;
  std::optional<domain::sites::City> FindCity(domain::CityId id) override;
  std::vector<domain::sites::City> ListCities() override;

 private:
  Database& db_;
};

class SqliteSiteRepository final : public domain::sites::SiteRepository {
 public:
  explicit SqliteSiteRepository(Database& db) : db_(db) {}
  domain::Result<domain::sites::Site> CreateSite(domain::CityId city, const domain::sites::SiteDraft& draft) override;
  domain::Result<domain::sites::Site> UpdateSite(domain::CityId city, domain::SiteId site,
                                                 const domain::sites::SiteDraft& draft) override;
  std::optional<domain::sites::Site> FindSiteBySlug(domain::CityId city, std::string_view slug) override;
  std::optional<domain::sites::Site> FindSite(domain::CityId city, domain::SiteId site) override;
  std::vector<domain::sites::Site> ListSites(domain::CityId city, int limit, int offset) override;
  long CountSites(domain::CityId city) override;

 private:
  void WriteChildren(Connection& c, domain::SiteId site, const domain::sites::SiteDraft& draft);
  void LoadChildren(Connection& c, domain::sites::Site& site);
  Database& db_;
};

}  // namespace buurtplein::store::sqlite
