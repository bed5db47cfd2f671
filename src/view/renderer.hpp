#pragma once
#include <memory>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "view/i18n.hpp"

namespace kainjow::mustache {
template <typename string_type>
class basic_data;
template <typename string_type>
class basic_mustache;
}  // namespace kainjow::mustache

namespace buurtplein::view {

/// HTML-escapes text for use in markup or attributes.
std::string HtmlEscape(std::string_view s);
/// Escapes text exactly as a mustache {{tag}} does (for text put into a rendered template).
std::string TemplateEscape(const std::string& s);

/// Renders the mustache templates under templates/ in every language. Text marked `[[msgid]]`
/// in a template is translated once at load time, so a render costs no catalog lookups.
/// Thread-safe: each thread compiles its own copy of a template on first use (kainjow's
/// render() is not const).
class Renderer {
 public:
  /// Loads every templates_dir/**/*.mustache; throws std::runtime_error naming the template
  /// when one does not parse or uses a msgid marker incorrectly.
  Renderer(const std::string& templates_dir, const Catalogs& catalogs);
  ~Renderer();

  /// Renders template `name` (path under templates/ without extension, e.g. "sites/site_home").
  std::string Render(const std::string& name, Lang lang, const nlohmann::json& data) const;
  /// Renders `page` and wraps it in layouts/base with the same data plus "body". The data is
  /// converted for mustache once, for both templates.
  std::string RenderPage(const std::string& page, Lang lang, nlohmann::json data) const;
  /// Wraps an already rendered page body in layouts/base with `data` (the layout's data, as
  /// from Context::PageData): for bodies that come from a cache.
  std::string RenderInLayout(Lang lang, nlohmann::json data, std::string body) const;
  bool Has(const std::string& name) const { return sources_[0].count(name) > 0; }

  const Catalogs& catalogs() const { return catalogs_; }

 private:
  using Data = kainjow::mustache::basic_data<std::string>;
  using Template_ = kainjow::mustache::basic_mustache<std::string>;
  /// The calling thread's compiled copy of template `name`.
  Template_& Template(const std::string& name, Lang lang) const;
  std::string RenderData(const std::string& name, Lang lang, const Data& data) const;

  const Catalogs& catalogs_;
  std::uint64_t id_;
  std::unordered_map<std::string, std::string> sources_[2];  // per Lang: translated template text
};

}  // namespace buurtplein::view
