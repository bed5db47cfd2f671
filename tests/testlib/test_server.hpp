#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "app/demo.hpp"
#include "app/runtime.hpp"

namespace buurtplein::testing {

/// The repository's root, for templates/, static/, po/ and data/cbs/.
std::string SourceDir();

/// A fresh temporary directory, removed when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// A configuration for tests: SQLite in `dir`, port 0, the repository's web files.
app::Config TestConfig(const std::string& dir);

/// A parsed HTTP response as received on the wire.
struct WireResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  ///< lower-case names
  std::string body;
  std::string raw;
  std::string Header(const std::string& lower) const {
    auto it = headers.find(lower);
    return it == headers.end() ? "" : it->second;
  }
};

/// Whether the page's body contains `text` (what the user sees, for EXPECT_TRUE).
inline bool Has(const WireResponse& r, const std::string& text) { return r.body.find(text) != std::string::npos; }

/// The date `days` from today in Amsterdam, as the event form wants it ("2026-12-03").
std::string DateIn(int days);

/// Parses the first response in `raw` (Content-Length bodies; HEAD responses have none).
WireResponse ParseResponse(const std::string& raw, bool head = false);

/// The real server with the demo loaded, on a free port, in a background thread.
class TestServer {
 public:
  explicit TestServer(bool load_demo = true, app::Config config = {}, bool use_config = false,
                      app::DemoContent content = app::DemoContent::kAll);
  /// The demo's cities, sites and people without the example content.
  explicit TestServer(app::DemoContent content) : TestServer(true, {}, false, content) {}
  ~TestServer();
  unsigned short port() const { return port_; }
  app::Runtime& runtime() { return *runtime_; }

  /// Sends `bytes` on a new connection and reads until the server closes it or `timeout`.
  std::string SendRaw(const std::string& bytes, std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;
  /// A GET (or other method) with extra header lines ("Name: value\r\n…"); Connection: close.
  WireResponse Request(const std::string& method, const std::string& target, const std::string& extra_headers = "") const;
  WireResponse Get(const std::string& target, const std::string& extra_headers = "") const {
    return Request("GET", target, extra_headers);
  }

 private:
  TempDir dir_;
  std::unique_ptr<app::Runtime> runtime_;
  server::Server* server_ = nullptr;
  std::thread thread_;
  unsigned short port_ = 0;
};

/// Opens a TCP connection to 127.0.0.1:port; returns the socket fd (throws on failure).
int Connect(unsigned short port);
/// Reads from `fd` until EOF or timeout; returns what arrived.
std::string ReadAll(int fd, std::chrono::milliseconds timeout);
/// Writes all of `bytes`.
void WriteAll(int fd, const std::string& bytes);

}  // namespace buurtplein::testing
