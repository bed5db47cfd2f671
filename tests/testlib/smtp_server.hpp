#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace buurtplein::testlib {

/// One message as an SMTP server received it.
struct ReceivedMail {
  std::string helo;                  ///< the EHLO/HELO argument
  std::string mail_from;             ///< MAIL FROM:<…> without the brackets
  std::vector<std::string> rcpt_to;  ///< RCPT TO:<…> without the brackets
  std::string data;                  ///< the message after dot-unstuffing, CRLF line endings, without the final "."
  int stuffed_lines = 0;             ///< lines that arrived dot-stuffed ("..")
};

/// A minimal real SMTP server (RFC 5321) on 127.0.0.1, port chosen by the system, in its own
/// thread: 220 greeting, EHLO/HELO, MAIL FROM, RCPT TO, DATA (dot-unstuffed), RSET, NOOP, QUIT.
/// No TLS and no AUTH. One connection at a time, which is all a sender opens.
class SmtpTestServer {
 public:
  SmtpTestServer();
  ~SmtpTestServer();
  SmtpTestServer(const SmtpTestServer&) = delete;
  SmtpTestServer& operator=(const SmtpTestServer&) = delete;

  unsigned short port() const { return port_; }
  /// "smtp://127.0.0.1:PORT".
  std::string url() const;

  /// The next `count` messages are refused after their data with `reply` (e.g. "451 4.3.0 Try
  /// again later"); they are not recorded.
  void RefuseNext(int count, std::string reply = "451 4.3.0 Try again later");
  /// Called on the server thread with each accepted message, before the 250 reply.
  void OnMessage(std::function<void(const ReceivedMail&)> hook);

  /// Waits until at least `count` messages were accepted; false on timeout.
  bool WaitFor(std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  std::vector<ReceivedMail> received();
  /// Number of DATA transactions refused by RefuseNext.
  int refused();

 private:
  void Serve();
  void Converse(int fd);

  int listen_fd_ = -1;
  int wake_pipe_[2] = {-1, -1};
  unsigned short port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<ReceivedMail> received_;
  int refuse_count_ = 0;
  int refused_ = 0;
  std::string refuse_reply_;
  std::function<void(const ReceivedMail&)> hook_;
};

}  // namespace buurtplein::testlib
