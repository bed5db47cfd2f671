#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "domain/mail/repositories.hpp"
#include "domain/mail/retry.hpp"
#include "mail/mime.hpp"
#include "mail/transport.hpp"

namespace buurtplein::mail {

struct SenderOptions {
  int batch_size = 20;                        ///< mails claimed at once
  std::chrono::milliseconds poll_interval{30'000};  ///< looks for due mail at least this often
  std::chrono::seconds lease{300};            ///< a claim's lifetime; longer than one transport attempt
  domain::mail::RetryPolicy retry;
};

/// Delivers the outbox in a background thread: wakes when a mail is enqueued (Wake) or every
/// poll_interval, claims due mail (a lease, so several senders or servers never send the same
/// mail twice), sends it and marks it sent, or failed with the next attempt from the retry policy.
/// A mail is never lost: a sender that dies mid-send leaves its mail claimed until the lease
/// runs out, and then it is claimed and sent again (at-least-once delivery).
class MailSender {
 public:
  using Clock = std::function<domain::mail::Time()>;
  MailSender(domain::mail::OutboxRepository& outbox, Transport& transport, MimeOptions mime,
             SenderOptions options = {}, Clock clock = {});
  ~MailSender();
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;

  /// Starts the background thread (once).
  void Start();
  /// Look for due mail now (after an Enqueue, or when the clock was moved in a test).
  void Wake();
  /// Asks the thread to stop after the mail it is sending; does not wait. Mail it claimed but
  /// has not tried yet is given back.
  void RequestStop();
  /// RequestStop() and wait for the thread to finish.
  void Stop();

  /// Claims and sends one batch on the calling thread; returns how many mails were tried.
  /// Used by the thread; tests and a CLI command may call it when the thread is not running.
  int RunOnce();

  /// Counters since start, for /metrics and tests.
  long sent() const { return sent_.load(); }
  long failed() const { return failed_.load(); }
  long dead() const { return dead_.load(); }

 private:
  void Loop();
  void SendOne(const domain::mail::Message& message);
  bool StopRequested();

  domain::mail::OutboxRepository& outbox_;
  Transport& transport_;
  const MimeOptions mime_;
  const SenderOptions options_;
  Clock clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool woken_ = false;
  std::thread thread_;
  std::atomic<long> sent_{0}, failed_{0}, dead_{0};
};

}  // namespace buurtplein::mail
