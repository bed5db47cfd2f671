#pragma once
#include <chrono>
#include <memory>
#include <string>

namespace buurtplein::http {
class App;
}

namespace buurtplein::server {

/// Limits and sizes of the HTTP server.
struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  ///< 0: any free port
  int io_threads = 0;          ///< 0: one per core
  int worker_threads = 0;      ///< handler threads (database work); 0: 2 per core
  int max_connections = 10000; ///< must stay below the open-file limit
  std::size_t header_limit = 8 * 1024;
  std::chrono::seconds header_timeout{10};  ///< to receive a request's headers
  std::chrono::seconds body_timeout{30};    ///< to receive its body
  std::chrono::seconds idle_timeout{30};    ///< between requests on a keep-alive connection
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds shutdown_deadline{10};  ///< in-flight requests get this long to finish
};

/// The Beast/Asio HTTP/1.1 server. Knows no feature: every request goes to the App.
class Server {
 public:
  Server(ServerOptions options, http::App& app);
  ~Server();
  /// Binds the listening socket; throws std::runtime_error with a readable sentence on failure.
  void Bind();
  /// The port actually bound (useful with port 0).
  unsigned short port() const;
  /// Serves until Stop() or SIGINT/SIGTERM (when `handle_signals`), then drains and returns.
  void Run(bool handle_signals);
  /// Stops accepting, lets in-flight requests finish, closes idle connections. Thread-safe.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace buurtplein::server
