#include "testlib/smtp_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace buurtplein::testlib {
namespace {

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

// The address inside <…> of "MAIL FROM:<a@b> SIZE=…".
std::string Bracketed(const std::string& line) {
  const auto open = line.find('<');
  const auto close = line.find('>', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) return {};
  return line.substr(open + 1, close - open - 1);
}

// Line-oriented reading from a socket, with a stop pipe so the destructor can end a conversation.
class LineReader {
 public:
  LineReader(int fd, int stop_fd) : fd_(fd), stop_fd_(stop_fd) {}
  /// One line without its CRLF; false when the peer closed or the server stops.
  bool Next(std::string& line) {
    for (;;) {
      const auto eol = buffer_.find("\r\n");
      if (eol != std::string::npos) {
        line = buffer_.substr(0, eol);
        buffer_.erase(0, eol + 2);
        return true;
      }
      pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
      if (::poll(fds, 2, 30'000) <= 0 || (fds[1].revents & POLLIN)) return false;
      char chunk[4096];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_;
  int stop_fd_;
  std::string buffer_;
};

void Reply(int fd, const std::string& text) {
  const std::string line = text + "\r\n";
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::send(fd, line.data() + done, line.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

SmtpTestServer::SmtpTestServer() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0 || ::pipe(wake_pipe_) != 0) throw std::runtime_error("smtp test server: no socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 8) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error("smtp test server: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

SmtpTestServer::~SmtpTestServer() {
  const char byte = 'x';
  (void)!::write(wake_pipe_[1], &byte, 1);
  if (thread_.joinable()) thread_.join();
  ::close(listen_fd_);
  ::close(wake_pipe_[0]);
  ::close(wake_pipe_[1]);
}

std::string SmtpTestServer::url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

void SmtpTestServer::RefuseNext(int count, std::string reply) {
  std::lock_guard lock(mutex_);
  refuse_count_ = count;
  refuse_reply_ = std::move(reply);
}

void SmtpTestServer::OnMessage(std::function<void(const ReceivedMail&)> hook) {
  std::lock_guard lock(mutex_);
  hook_ = std::move(hook);
}

bool SmtpTestServer::WaitFor(std::size_t count, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return received_.size() >= count; });
}

std::vector<ReceivedMail> SmtpTestServer::received() {
  std::lock_guard lock(mutex_);
  return received_;
}

int SmtpTestServer::refused() {
  std::lock_guard lock(mutex_);
  return refused_;
}

void SmtpTestServer::Serve() {
  for (;;) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) continue;
    if (fds[1].revents & POLLIN) return;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    Converse(fd);
    ::close(fd);
  }
}

void SmtpTestServer::Converse(int fd) {
  LineReader in(fd, wake_pipe_[0]);
  Reply(fd, "220 localhost ESMTP buurtplein-test");
  ReceivedMail mail;
  std::string line;
  while (in.Next(line)) {
    const std::string verb = Upper(line.substr(0, line.find(' ')));
    if (verb == "EHLO") {
      mail = {};
      mail.helo = line.size() > 5 ? line.substr(5) : "";
      Reply(fd, "250-localhost greets " + mail.helo);
      Reply(fd, "250-8BITMIME");
      Reply(fd, "250-SIZE 10485760");
      Reply(fd, "250 HELP");
    } else if (verb == "HELO") {
      mail = {};
      mail.helo = line.size() > 5 ? line.substr(5) : "";
      Reply(fd, "250 localhost");
    } else if (Upper(line).rfind("MAIL FROM:", 0) == 0) {
      const std::string helo = mail.helo;
      mail = {};
      mail.helo = helo;
      mail.mail_from = Bracketed(line);
      Reply(fd, "250 2.1.0 Ok");
    } else if (Upper(line).rfind("RCPT TO:", 0) == 0) {
      mail.rcpt_to.push_back(Bracketed(line));
      Reply(fd, "250 2.1.5 Ok");
    } else if (verb == "DATA") {
      if (mail.rcpt_to.empty()) {
        Reply(fd, "503 5.5.1 Need RCPT first");
        continue;
      }
      Reply(fd, "354 End data with <CR><LF>.<CR><LF>");
      bool complete = false;
      while (in.Next(line)) {
        if (line == ".") {
          complete = true;
          break;
        }
        if (!line.empty() && line[0] == '.') {
          line.erase(0, 1);  // RFC 5321 §4.5.2: the client doubled a leading dot
          ++mail.stuffed_lines;
        }
        mail.data += line + "\r\n";
      }
      if (!complete) return;
      std::string refusal;
      std::function<void(const ReceivedMail&)> hook;
      {
        std::lock_guard lock(mutex_);
        if (refuse_count_ > 0) {
          --refuse_count_;
          ++refused_;
          refusal = refuse_reply_;
        }
        hook = hook_;
      }
      if (!refusal.empty()) {
        Reply(fd, refusal);
      } else {
        if (hook) hook(mail);
        {
          std::lock_guard lock(mutex_);
          received_.push_back(mail);
        }
        changed_.notify_all();
        Reply(fd, "250 2.0.0 Ok: queued");
      }
      const std::string helo = mail.helo;
      mail = {};
      mail.helo = helo;
    } else if (verb == "RSET") {
      const std::string helo = mail.helo;
      mail = {};
      mail.helo = helo;
      Reply(fd, "250 2.0.0 Ok");
    } else if (verb == "NOOP") {
      Reply(fd, "250 2.0.0 Ok");
    } else if (verb == "QUIT") {
      Reply(fd, "221 2.0.0 Bye");
      return;
    } else {
      Reply(fd, "502 5.5.2 Command not recognised");
    }
  }
}

}  // namespace buurtplein::testlib
