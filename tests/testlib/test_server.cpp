#include "testlib/test_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "app/demo.hpp"
#include "domain/events/local_time.hpp"

namespace buurtplein::testing {

std::string SourceDir() { return BUURTPLEIN_SOURCE_DIR; }

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "buurtplein-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

app::Config TestConfig(const std::string& dir) {
  app::Config c;
  c.database = "sqlite://" + dir + "/test.db";
  c.data_dir = dir;
  c.templates_dir = SourceDir() + "/templates";
  c.static_dir = SourceDir() + "/static";
  c.po_dir = SourceDir() + "/po";
  c.cbs_dir = SourceDir() + "/data/cbs";
  c.passwords_file = SourceDir() + "/data/passwords/common-passwords.txt";
  c.log_level = "warn";
  c.server.port = 0;
  c.server.io_threads = 2;
  c.server.worker_threads = 2;
  c.server.header_timeout = std::chrono::seconds(2);
  c.server.idle_timeout = std::chrono::seconds(2);
  c.server.body_timeout = std::chrono::seconds(2);
  return c;
}

TestServer::TestServer(bool load_demo, app::Config config, bool use_config, app::DemoContent content) {
  if (!use_config) config = TestConfig(dir_.path());
  app::SetupLogging(config.log_level);
  runtime_ = std::make_unique<app::Runtime>(config);
  if (load_demo) app::LoadDemo(runtime_->store(), runtime_->sites(), config.cbs_dir, content);
  server_ = &runtime_->StartServer();
  port_ = server_->port();
  thread_ = std::thread([this] { server_->Run(false); });
}

TestServer::~TestServer() {
  if (server_) server_->Stop();
  if (thread_.joinable()) thread_.join();
}

int Connect(unsigned short port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("connect failed");
  }
  return fd;
}

void WriteAll(int fd, const std::string& bytes) {
  std::size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return;  // the server closed early: the reply tells the test why
    off += static_cast<std::size_t>(n);
  }
}

std::string ReadAll(int fd, std::chrono::milliseconds timeout) {
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[65536];
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

std::string TestServer::SendRaw(const std::string& bytes, std::chrono::milliseconds timeout) const {
  int fd = Connect(port_);
  WriteAll(fd, bytes);
  std::string out = ReadAll(fd, timeout);
  ::close(fd);
  return out;
}

WireResponse TestServer::Request(const std::string& method, const std::string& target,
                                 const std::string& extra_headers) const {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + extra_headers + "\r\n";
  return ParseResponse(SendRaw(req), method == "HEAD");
}

std::string DateIn(int days) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  return domain::events::FormatDate(domain::events::ToLocal(now.count() + days * 86400).date);
}

WireResponse ParseResponse(const std::string& raw, bool head) {
  WireResponse r;
  r.raw = raw;
  auto end = raw.find("\r\n\r\n");
  if (raw.size() < 12 || end == std::string::npos) return r;
  r.status = std::atoi(raw.substr(9, 3).c_str());
  std::size_t pos = raw.find("\r\n") + 2;
  while (pos < end) {
    auto eol = raw.find("\r\n", pos);
    std::string line = raw.substr(pos, eol - pos);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      if (r.headers.count(name)) r.headers[name] += ", " + value;
      else r.headers[name] = value;
    }
    pos = eol + 2;
  }
  if (head) return r;
  std::string body = raw.substr(end + 4);
  if (r.headers.count("content-length")) {
    body.resize(std::min<std::size_t>(body.size(), std::stoul(r.headers["content-length"])));
  }
  r.body = body;
  return r;
}

}  // namespace buurtplein::testing
