#include "http/static_files.hpp"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/gzip.hpp"

namespace buurtplein::http {

std::string_view ContentTypeFor(std::string_view name) {
  auto dot = name.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "json" || ext == "geojson") return "application/json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "webp") return "image/webp";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "html") return "text/html; charset=utf-8";
  return "application/octet-stream";
}

void StaticFiles::Load(const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) return;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string rel = fs::relative(entry.path(), dir).generic_string();
    if (rel.empty() || rel.front() == '.' || rel.find("/.") != std::string::npos) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    auto file = std::make_shared<StaticFile>();
    file->body = ss.str();
    file->content_type = ContentTypeFor(rel);
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(file->body.data()),
                       file->body.size(), nullptr, 0);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    const std::string short_hash(hex, 10);
    file->etag = "\"" + short_hash + "\"";
    if (IsCompressible(file->content_type) && file->body.size() > 256) {
      std::string gz = Gzip(file->body);
      if (gz.size() < file->body.size()) file->gzip_body = std::move(gz);
    }
    const auto slash = rel.rfind('/');
    const auto dot = rel.rfind('.');
    if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) {
      file->hashed_path = rel.substr(0, dot) + "." + short_hash + rel.substr(dot);
    } else {
      file->hashed_path = rel + "." + short_hash;
    }
    std::string key = rel;
    for (char& c : key) {
      if (c == '/' || c == '.' || c == '-') c = '_';
    }
    assets_[key] = "/static/" + file->hashed_path;
    by_hashed_[file->hashed_path] = file;
    by_path_[rel] = std::move(file);
  }
}

const StaticFile* StaticFiles::Find(std::string_view path, bool* hashed) const {
  if (auto it = by_hashed_.find(std::string(path)); it != by_hashed_.end()) {
    *hashed = true;
    return it->second.get();
  }
  if (auto it = by_path_.find(std::string(path)); it != by_path_.end()) {
    *hashed = false;
    return it->second.get();
  }
  return nullptr;
}

}  // namespace buurtplein::http
