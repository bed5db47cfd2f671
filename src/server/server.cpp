#include "server/server.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <csignal>
#include <fmt/format.h>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "http/app.hpp"

namespace buurtplein::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

namespace {

// One client connection. Owned by its session coroutine and, briefly, by shutdown.
struct Conn {
  explicit Conn(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool idle = true;  // waiting for the next request; touched only on the connection's strand
};

// Request ids: a random prefix per process and a counter, short enough to read out on the phone.
class RequestIds {
 public:
  RequestIds() {
    unsigned char b[3];
    randombytes_buf(b, sizeof b);
    prefix_ = fmt::format("{:02x}{:02x}{:02x}", b[0], b[1], b[2]);
  }
  std::string Next() { return fmt::format("{}-{:x}", prefix_, ++counter_); }

 private:
  std::string prefix_;
  std::atomic<std::uint64_t> counter_{0};
};

bool IsQuietError(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::operation_aborted || ec == beast::error::timeout || ec == asio::error::broken_pipe ||
         ec == asio::error::not_connected || ec == bhttp::error::partial_message;
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, http::App& a)
      : opt(std::move(o)),
        app(a),
        workers(static_cast<std::size_t>(opt.worker_threads)),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM),
        deadline(ioc) {}

  asio::awaitable<void> Listen();
  asio::awaitable<void> Session(std::shared_ptr<Conn> conn);
  asio::awaitable<bool> Send(Conn& conn, const http::Request& req, http::Response& resp, bool keep_alive,
                             std::chrono::steady_clock::time_point start);
  void BeginStop();
  void SessionEnded(const std::shared_ptr<Conn>& conn);

  ServerOptions opt;
  http::App& app;
  asio::io_context ioc;
  asio::thread_pool workers;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer deadline;
  std::atomic<bool> stopping{false};
  std::atomic<long> connections{0};
  std::mutex conns_mutex;
  std::unordered_set<std::shared_ptr<Conn>> conns;
  RequestIds ids;
};

Server::Server(ServerOptions options, http::App& app) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (options.io_threads <= 0) options.io_threads = cores;
  if (options.worker_threads <= 0) options.worker_threads = 2 * cores;
  impl_ = std::make_unique<Impl>(std::move(options), app);
}

Server::~Server() = default;

void Server::Bind() {
  auto& o = impl_->opt;
  beast::error_code ec;
  auto address = asio::ip::make_address(o.address, ec);
  if (ec) throw std::runtime_error("The listen address '" + o.address + "' is not a valid IP address.");
  tcp::endpoint ep(address, o.port);
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error(fmt::format("Cannot listen on {}:{}: {}.", o.address, o.port, ec.message()));
  }
}

unsigned short Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::Run(bool handle_signals) {
  auto& impl = *impl_;
  if (handle_signals) {
    impl.signals.async_wait([&impl](const beast::error_code& ec, int sig) {
      if (ec) return;
      spdlog::info("signal {}: stopping; in-flight requests may finish", sig);
      impl.BeginStop();
    });
  }
  // Rethrow from the listener so a failure surfaces from Run() instead of vanishing.
  asio::co_spawn(impl.ioc, impl.Listen(), [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  std::vector<std::thread> threads;
  for (int i = 1; i < impl.opt.io_threads; ++i) threads.emplace_back([&impl] { impl.ioc.run(); });
  impl.ioc.run();
  for (auto& t : threads) t.join();
  impl.workers.join();
}

void Server::Stop() {
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->BeginStop(); });
}

void Server::Impl::BeginStop() {
  if (stopping.exchange(true)) return;
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  std::lock_guard lock(conns_mutex);
  for (const auto& c : conns) {
    // Idle keep-alive connections close now; busy ones close after their response.
    asio::post(c->stream.get_executor(), [c] {
      if (c->idle) c->stream.socket().close();
    });
  }
  if (!conns.empty()) {
    deadline.expires_after(opt.shutdown_deadline);
    deadline.async_wait([this](const beast::error_code& e) {
      if (e) return;  // cancelled: everything finished in time
      spdlog::warn("shutdown deadline passed with {} connections open; closing them", connections.load());
      ioc.stop();
    });
  }
}

void Server::Impl::SessionEnded(const std::shared_ptr<Conn>& conn) {
  app.services().metrics.AddOpenConnections(-1);
  std::lock_guard lock(conns_mutex);
  conns.erase(conn);
  --connections;
  if (stopping && conns.empty()) {
    asio::post(ioc, [this] { deadline.cancel(); });
  }
}

asio::awaitable<void> Server::Impl::Listen() {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kTuple);
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) co_return;
      // Out of file descriptors or similar: back off briefly rather than spin.
      spdlog::warn("accept failed: {}", ec.message());
      asio::steady_timer t(ioc, std::chrono::milliseconds(50));
      co_await t.async_wait(kTuple);
      continue;
    }
    auto conn = std::make_shared<Conn>(std::move(socket));
    {
      std::lock_guard lock(conns_mutex);
      conns.insert(conn);
      ++connections;
    }
    app.services().metrics.AddOpenConnections(1);
    auto executor = conn->stream.get_executor();
    asio::co_spawn(executor, Session(conn), [this, conn](std::exception_ptr e) {
      if (e) {
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          spdlog::error("connection failed: {}", ex.what());
        }
      }
      SessionEnded(conn);
    });
  }
}

asio::awaitable<bool> Server::Impl::Send(Conn& conn, const http::Request& req, http::Response& resp,
                                         bool keep_alive, std::chrono::steady_clock::time_point start) {
  // The head is written by hand into one string and sent with the body in one gathered write:
  // building a Beast fields container and walking its serializer's buffer sequence cost more
  // than the rest of a cached request (callgrind, bench/README.md).
  const bool alive = keep_alive && !stopping;
  const bool no_body = resp.status == 304 || resp.status == 204;
  std::string head;
  head.reserve(512 + resp.headers.size() * 64);
  const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(resp.status));
  fmt::format_to(std::back_inserter(head), "HTTP/1.1 {} {}\r\nServer: Buurtplein\r\n", resp.status,
                 std::string_view(reason.data(), reason.size()));
  if (!no_body) head.append("Content-Type: ").append(resp.content_type).append("\r\n");
  for (const auto& [name, value] : resp.headers) {
    // Header values are built by our own code, but one may carry request data (a Location):
    // a line break there would split the response, so such a header is dropped, loudly.
    if (name.find_first_of("\r\n:") != std::string::npos || value.find_first_of("\r\n") != std::string::npos) {
      spdlog::error("request {}: header {} dropped: it contains a line break", req.request_id, name);
      continue;
    }
    head.append(name).append(": ").append(value).append("\r\n");
  }
  if (!alive) head.append("Connection: close\r\n");
  if (!no_body) fmt::format_to(std::back_inserter(head), "Content-Length: {}\r\n", resp.body.size());
  head.append("\r\n");
  std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::buffer(resp.body)};
  if (req.method == http::Method::kHead || no_body) buffers[1] = asio::const_buffer();
  conn.stream.expires_after(opt.write_timeout);
  auto [ec, n] = co_await asio::async_write(conn.stream, buffers, kTuple);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  app.Complete(req, resp, seconds);
  co_return !ec && alive;
}

asio::awaitable<void> Server::Impl::Session(std::shared_ptr<Conn> conn) {
  beast::flat_buffer buffer;
  bool first = true;
  beast::error_code ignored;
  const auto remote = conn->stream.socket().remote_endpoint(ignored);
  const std::string remote_addr = remote.address().to_string(ignored);

  // Too many connections: answer 503 and close instead of holding a file descriptor.
  if (connections > opt.max_connections) {
    http::Request req;
    req.request_id = ids.Next();
    req.target = req.path = "/";
    auto resp = app.ErrorPage(req, 503);
    resp.route = "overload";
    resp.SetHeader("Retry-After", "5");
    co_await Send(*conn, req, resp, false, std::chrono::steady_clock::now());
    co_return;
  }

  while (!stopping) {
    conn->idle = true;
    conn->stream.expires_after(first ? opt.header_timeout : opt.idle_timeout);
    first = false;
    bhttp::request_parser<bhttp::empty_body> head;
    head.header_limit(static_cast<std::uint32_t>(opt.header_limit));
    head.body_limit(boost::none);  // the route's own limit is applied once the route is known
    auto [ec, n] = co_await bhttp::async_read_header(conn->stream, buffer, head, kTuple);
    conn->idle = false;
    const auto start = std::chrono::steady_clock::now();

    http::Request req;
    req.remote_addr = remote_addr;
    req.request_id = ids.Next();
    if (ec) {
      if (ec == bhttp::error::header_limit) {
        req.target = req.path = "/";
        auto resp = app.ErrorPage(req, 431);
        resp.route = "rejected";
        co_await Send(*conn, req, resp, false, start);
      } else if (!IsQuietError(ec)) {
        req.target = req.path = "/";
        auto resp = app.ErrorPage(req, 400);
        resp.route = "rejected";
        co_await Send(*conn, req, resp, false, start);
      }
      break;
    }

    const auto& h = head.get();
    req.method = http::ParseMethod(std::string_view(h.method_string().data(), h.method_string().size()));
    req.target.assign(h.target().data(), h.target().size());
    req.headers.reserve(16);
    for (const auto& f : h) {
      std::string name(f.name_string().data(), f.name_string().size());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), std::string(f.value().data(), f.value().size()));
    }
    if (app.services().options.trust_proxy) req.secure = req.Header("x-forwarded-proto") == "https";
    const bool keep_alive = h.keep_alive();

    if (!http::App::ParseTarget(req)) {
      auto resp = app.ErrorPage(req, 400);
      resp.route = "rejected";
      co_await Send(*conn, req, resp, false, start);
      break;
    }

    // The route decides how large a body may be; refuse a larger one before reading it.
    // Without a route (404, 405) the body is never read and the connection closes after.
    // A request without a body (every GET) needs no route lookup here.
    const std::optional<std::size_t> limit = head.is_done() ? std::nullopt : app.BodyLimit(req);
    bool skip_body = !limit && !head.is_done();
    if (limit && head.content_length() && *head.content_length() > *limit) {
      auto resp = app.ErrorPage(req, 413);
      resp.route = "rejected";
      co_await Send(*conn, req, resp, false, start);
      break;
    }
    if (!head.is_done() && !skip_body) {
      if (req.Header("expect") == "100-continue") {
        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
        conn->stream.expires_after(opt.write_timeout);
        auto [ec100, n100] = co_await bhttp::async_write(conn->stream, cont, kTuple);
        if (ec100) break;
      }
      bhttp::request_parser<bhttp::string_body> full{std::move(head)};
      full.body_limit(*limit);
      conn->stream.expires_after(opt.body_timeout);
      auto [ec2, n2] = co_await bhttp::async_read(conn->stream, buffer, full, kTuple);
      if (ec2) {
        int status = ec2 == bhttp::error::body_limit ? 413 : ec2 == beast::error::timeout ? 408 : 400;
        if (ec2 != asio::error::eof && ec2 != asio::error::connection_reset && ec2 != bhttp::error::end_of_stream &&
            ec2 != bhttp::error::partial_message) {
          auto resp = app.ErrorPage(req, status);
          resp.route = "rejected";
          co_await Send(*conn, req, resp, false, start);
        }
        break;
      }
      req.body = std::move(full.get().body());
    }

    http::Response resp;
    if (auto fast = app.TryFast(req)) {
      resp = std::move(*fast);
    } else {
      // Handlers may wait on the database: they run on the worker pool, never on an I/O thread.
      auto job = [this, &req]() -> asio::awaitable<http::Response> { co_return app.Handle(req); };
      try {
        resp = co_await asio::co_spawn(workers.get_executor(), job, asio::use_awaitable);
      } catch (const std::exception& e) {
        spdlog::error("request {} failed: {}", req.request_id, e.what());
        resp = app.ErrorPage(req, 500);
      }
    }
    if (!co_await Send(*conn, req, resp, keep_alive && !skip_body, start)) break;
  }
  conn->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace buurtplein::server
