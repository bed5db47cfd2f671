#pragma once
#include <memory>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "view/i18n.hpp"

namespace buurtplein::view {

/// HTML-escapes text for use in markup or attributes.
std::string HtmlEscape(std::string_view s);

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
  /// Renders `page` and wraps it in layouts/base with the same data plus "body".
  std::string RenderPage(const std::string& page, Lang lang, nlohmann::json data) const;
  bool Has(const std::string& name) const { return sources_[0].count(name) > 0; }

  const Catalogs& catalogs() const { return catalogs_; }

 private:
  const Catalogs& catalogs_;
  std::uint64_t id_;
  std::unordered_map<std::string, std::string> sources_[2];  // per Lang: translated template text
};

}  // namespace buurtplein::view
