#include "http/context.hpp"

namespace buurtplein::http {

const std::string& Context::Param(std::string_view name) const {
  static const std::string kEmpty;
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return kEmpty;
}

std::string CityUrl(const domain::sites::City& city) { return "/" + city.slug + "/"; }

std::string SiteUrl(const domain::sites::City& city, const domain::sites::Site& site) {
  return "/" + city.slug + "/" + site.slug + "/";
}

nlohmann::json Context::PageData(const std::string& page_title) const {
  nlohmann::json d;
  d["lang"] = view::LangCode(lang);
  d["is_nl"] = lang == view::Lang::kNl;
  d["is_en"] = lang == view::Lang::kEn;
  d["page_title"] = page_title;
  d["home_url"] = "/";
  d["assets"] = services.static_files.assets();
  d["lang_nl_url"] = req.path + "?lang=nl";
  d["lang_en_url"] = req.path + "?lang=en";
  d["needs_map"] = false;
  if (city) {
    d["city"] = {{"name", city->name},
                 {"slug", city->slug},
                 {"url", city_url},
                 {"association_name", city->association_name}};
  }
  if (site) {
    d["site"] = {{"name", site->name},
                 {"tagline", site->tagline},
                 {"url", site_url},
                 {"theme_css_url", site_url + "theme.css"},
                 {"logo_url", site->logo_path.empty() ? "" : "/static/" + site->logo_path},
                 {"is_building", site->status == domain::sites::SiteStatus::kBuilding}};
  }
  return d;
}

Response Context::Page(const std::string& template_name, nlohmann::json data) const {
  Response r;
  r.body = services.renderer.RenderPage(template_name, lang, std::move(data));
  return r;
}

}  // namespace buurtplein::http
