#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace buurtplein::http {

/// One file under static/, held in memory with its gzip form.
struct StaticFile {
  std::string body;
  std::string gzip_body;  ///< empty when not worth compressing
  std::string content_type;
  std::string etag;       ///< "\"<hash>\""
  std::string hashed_path;  ///< "css/site.1a2b3c4d5e.css"
};

/// The static/ folder, loaded at start. Each file is served at /static/<path> (revalidated via
/// ETag) and at /static/<hashed path> (cached for a year: the name changes with the content).
class StaticFiles {
 public:
  /// Loads every file under `dir`; a missing directory gives an empty set.
  void Load(const std::string& dir);
  /// The file for a path under /static/ (plain or hashed), or nullptr.
  const StaticFile* Find(std::string_view path, bool* hashed) const;
  /// For templates: "css_site_css" → "/static/css/site.1a2b3c4d5e.css".
  const nlohmann::json& assets() const { return assets_; }

 private:
  std::unordered_map<std::string, std::shared_ptr<StaticFile>> by_path_;
  std::unordered_map<std::string, std::shared_ptr<StaticFile>> by_hashed_;
  nlohmann::json assets_ = nlohmann::json::object();
};

/// The MIME type for a file name's extension.
std::string_view ContentTypeFor(std::string_view filename);

}  // namespace buurtplein::http
