#pragma once
#include <map>
#include <string>
#include <vector>

#include "http/context.hpp"
#include "server/server.hpp"

namespace buurtplein::app {

/// All settings. Defaults make `buurtplein serve` work with no configuration at all: SQLite
/// under ./var/, port 8080.
struct Config {
  std::string database = "sqlite://var/buurtplein.db";
  std::string data_dir = "var";          ///< writable: database, uploads, dev mail
  std::string templates_dir = "templates";
  std::string static_dir = "static";
  std::string po_dir = "po";
  std::string cbs_dir = "data/cbs";      ///< CBS files for import-cbs and demo
  std::string log_level = "info";
  int db_pool_size = 8;
  /// Secret for CSRF tokens, shared by every server of a deployment; empty: a random one per
  /// process (fine for one server; forms then expire at a restart).
  std::string secret_key;
  std::string passwords_file = "data/passwords/common-passwords.txt";  ///< common-password list
  /// Mail: "file" writes .eml files under data_dir/mail (development), "smtp" sends.
  std::string mail_transport = "file";
  std::string smtp_url = "smtp://localhost:25";
  std::string smtp_security = "starttls";  ///< none | starttls | tls
  std::string smtp_username;
  std::string smtp_password;
  std::string mail_from = "buurtplein@localhost";
  std::string mail_from_name = "Buurtplein";
  server::ServerOptions server;
  http::HttpOptions http;
};

/// Where each setting came from wins in this order: flags > BUURTPLEIN_* environment > TOML
/// file > defaults. Keys are the same everywhere: "port" is `port = 8080` in the file,
/// BUURTPLEIN_PORT in the environment and --port on the command line.
class ConfigLoader {
 public:
  /// Reads a TOML file; throws std::runtime_error naming the file, the key and the problem.
  void LoadFile(const std::string& path);
  /// Reads BUURTPLEIN_* variables from `environ`.
  void LoadEnvironment();
  /// A value given on the command line.
  void Set(const std::string& key, const std::string& value);
  /// Builds and checks the configuration; throws std::runtime_error with one clear sentence.
  Config Build() const;
  /// Every accepted key, for help and error messages.
  static const std::vector<std::string>& Keys();

 private:
  std::map<std::string, std::string> values_;
};

/// Checks that `dir` exists (creating it) and is writable; throws with a clear sentence if not.
void EnsureWritableDirectory(const std::string& dir, const std::string& what);

}  // namespace buurtplein::app
