#include "app/config.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <stdexcept>
#include <toml++/toml.h>

extern char** environ;

namespace buurtplein::app {

const std::vector<std::string>& ConfigLoader::Keys() {
  static const std::vector<std::string> kKeys = {
      "database",        "data_dir",         "templates_dir",   "static_dir",       "po_dir",
      "cbs_dir",         "log_level",        "log_json",        "db_pool_size",     "address",
      "port",            "io_threads",       "worker_threads",  "max_connections",  "header_timeout",
      "body_timeout",    "idle_timeout",     "shutdown_deadline", "trust_proxy",    "tile_url",
      "tile_attribution", "dev_mode",
      // Accounts and mail (README "Configuration"); Build() reads them, so they must be known here.
      "public_url",      "secret_key",       "passwords_file",  "mail_transport",   "smtp_url",
      "smtp_security",   "smtp_username",    "smtp_password",   "mail_from",        "mail_from_name"};
  return kKeys;
}

namespace {

bool Known(const std::string& key) {
  const auto& keys = ConfigLoader::Keys();
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string KnownList() {
  std::string out;
  for (const auto& k : ConfigLoader::Keys()) out += (out.empty() ? "" : ", ") + k;
  return out;
}

long ToInt(const std::string& key, const std::string& v, long min, long max) {
  long out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || out < min || out > max) {
    throw std::runtime_error("The setting " + key + " must be a whole number from " + std::to_string(min) + " to " +
                             std::to_string(max) + ", not '" + v + "'.");
  }
  return out;
}

bool ToBool(const std::string& key, const std::string& v) {
  if (v == "true" || v == "1" || v == "yes") return true;
  if (v == "false" || v == "0" || v == "no") return false;
  throw std::runtime_error("The setting " + key + " must be true or false, not '" + v + "'.");
}

}  // namespace

void ConfigLoader::LoadFile(const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto& src = e.source();
    throw std::runtime_error("The configuration file " + path + " is not valid TOML (line " +
                             std::to_string(src.begin.line) + "): " + std::string(e.description()) + ".");
  }
  for (const auto& [k, node] : table) {
    const std::string key(k.str());
    if (!Known(key)) {
      throw std::runtime_error("The configuration file " + path + " has an unknown setting '" + key +
                               "'; known settings are: " + KnownList() + ".");
    }
    if (auto s = node.value<std::string>(); s && node.is_string()) {
      values_[key] = *s;
    } else if (node.is_integer()) {
      values_[key] = std::to_string(*node.value<std::int64_t>());
    } else if (node.is_boolean()) {
      values_[key] = *node.value<bool>() ? "true" : "false";
    } else {
      throw std::runtime_error("The setting " + key + " in " + path + " must be a string, number or true/false.");
    }
  }
}

void ConfigLoader::LoadEnvironment() {
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    if (entry.rfind("BUURTPLEIN_", 0) != 0) continue;
    auto eq = entry.find('=');
    std::string key(entry.substr(11, eq - 11));
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    // Variables used by tests and tools, not settings.
    if (key.rfind("test_", 0) == 0 || key == "bin") continue;
    if (!Known(key)) {
      throw std::runtime_error("The environment variable BUURTPLEIN_" + std::string(entry.substr(11, eq - 11)) +
                               " is not a known setting; known settings are: " + KnownList() + ".");
    }
    values_[key] = std::string(entry.substr(eq + 1));
  }
}

void ConfigLoader::Set(const std::string& key, const std::string& value) {
  if (!Known(key)) throw std::runtime_error("Unknown setting '" + key + "'.");
  values_[key] = value;
}

Config ConfigLoader::Build() const {
  Config c;
  for (const auto& [key, v] : values_) {
    if (key == "database") c.database = v;
    else if (key == "data_dir") c.data_dir = v;
    else if (key == "templates_dir") c.templates_dir = v;
    else if (key == "static_dir") c.static_dir = v;
    else if (key == "po_dir") c.po_dir = v;
    else if (key == "cbs_dir") c.cbs_dir = v;
    else if (key == "log_level") {
      if (v != "trace" && v != "debug" && v != "info" && v != "warn" && v != "error" && v != "off") {
        throw std::runtime_error("The setting log_level must be one of trace, debug, info, warn, error, off; not '" +
                                 v + "'.");
      }
      c.log_level = v;
    } else if (key == "log_json") c.http.log_json = ToBool(key, v);
    else if (key == "db_pool_size") c.db_pool_size = static_cast<int>(ToInt(key, v, 1, 1000));
    else if (key == "address") c.server.address = v;
    else if (key == "port") c.server.port = static_cast<unsigned short>(ToInt(key, v, 0, 65535));
    else if (key == "io_threads") c.server.io_threads = static_cast<int>(ToInt(key, v, 0, 256));
    else if (key == "worker_threads") c.server.worker_threads = static_cast<int>(ToInt(key, v, 0, 1024));
    else if (key == "max_connections") c.server.max_connections = static_cast<int>(ToInt(key, v, 1, 1000000));
    else if (key == "header_timeout") c.server.header_timeout = std::chrono::seconds(ToInt(key, v, 1, 3600));
    else if (key == "body_timeout") c.server.body_timeout = std::chrono::seconds(ToInt(key, v, 1, 3600));
    else if (key == "idle_timeout") c.server.idle_timeout = std::chrono::seconds(ToInt(key, v, 1, 3600));
    else if (key == "shutdown_deadline") c.server.shutdown_deadline = std::chrono::seconds(ToInt(key, v, 0, 3600));
    else if (key == "trust_proxy") c.http.trust_proxy = ToBool(key, v);
    else if (key == "tile_url") {
      if (!v.empty() && v.rfind("https://", 0) != 0) {
        throw std::runtime_error("The setting tile_url must start with https://, not '" + v + "'.");
      }
      c.http.tile_url = v;
    } else if (key == "tile_attribution") c.http.tile_attribution = v;
    else if (key == "dev_mode") c.http.dev_mode = ToBool(key, v);
    else if (key == "public_url") {
      if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) {
        throw std::runtime_error("The setting public_url must start with http:// or https://, not '" + v + "'.");
      }
      c.http.public_url = v.back() == '/' ? v : v + "/";
    } else if (key == "secret_key") {
      if (!v.empty() && v.size() < 32) {
        throw std::runtime_error("The setting secret_key must be at least 32 characters long.");
      }
      c.secret_key = v;
    } else if (key == "passwords_file") c.passwords_file = v;
    else if (key == "mail_transport") {
      if (v != "file" && v != "smtp") {
        throw std::runtime_error("The setting mail_transport must be file or smtp, not '" + v + "'.");
      }
      c.mail_transport = v;
    } else if (key == "smtp_url") {
      if (v.rfind("smtp://", 0) != 0 && v.rfind("smtps://", 0) != 0) {
        throw std::runtime_error("The setting smtp_url must start with smtp:// or smtps://, not '" + v + "'.");
      }
      c.smtp_url = v;
    } else if (key == "smtp_security") {
      if (v != "none" && v != "starttls" && v != "tls") {
        throw std::runtime_error("The setting smtp_security must be none, starttls or tls, not '" + v + "'.");
      }
      c.smtp_security = v;
    } else if (key == "smtp_username") c.smtp_username = v;
    else if (key == "smtp_password") c.smtp_password = v;
    else if (key == "mail_from") c.mail_from = v;
    else if (key == "mail_from_name") c.mail_from_name = v;
  }
  return c;
}

void EnsureWritableDirectory(const std::string& dir, const std::string& what) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || ::access(dir.c_str(), W_OK) != 0) {
    throw std::runtime_error("The " + what + " directory '" + dir + "' cannot be created or is not writable.");
  }
}

}  // namespace buurtplein::app
