#include "mail/mail_sender.hpp"

#include <spdlog/spdlog.h>

namespace buurtplein::mail {

using domain::mail::Message;

MailSender::MailSender(domain::mail::OutboxRepository& outbox, Transport& transport, MimeOptions mime,
                       SenderOptions options, Clock clock)
    : outbox_(outbox), transport_(transport), mime_(std::move(mime)), options_(options), clock_(std::move(clock)) {
  if (!clock_) {
    clock_ = [] { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); };
  }
}

MailSender::~MailSender() { Stop(); }

void MailSender::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void MailSender::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void MailSender::RequestStop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
}

void MailSender::Stop() {
  RequestStop();
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    thread = std::move(thread_);
  }
  if (thread.joinable()) thread.join();
}

bool MailSender::StopRequested() {
  std::lock_guard lock(mutex_);
  return stop_;
}

void MailSender::Loop() {
  while (!StopRequested()) {
    int tried = 0;
    try {
      tried = RunOnce();
    } catch (const std::exception& e) {
      // The database is away: what was claimed stays claimed until its lease ends, then it is retried.
      spdlog::warn("mail: sending paused: {}", e.what());
    }
    std::unique_lock lock(mutex_);
    if (stop_) break;
    if (tried >= options_.batch_size && !woken_) continue;  // a full batch: more may be due
    wake_.wait_for(lock, options_.poll_interval, [this] { return stop_ || woken_; });
    woken_ = false;
  }
}

int MailSender::RunOnce() {
  const auto now = clock_();
  const auto batch = outbox_.ClaimDue(now, options_.batch_size, now + options_.lease);
  int tried = 0;
  for (const Message& message : batch) {
    if (StopRequested()) {
      // Not tried: give it back so the next sender need not wait for the lease.
      if (auto released = outbox_.ReleaseClaim(message.id); !released) {
        spdlog::warn("mail {}: {}", message.id.value, released.error().internal_detail);
      }
      continue;
    }
    SendOne(message);
    ++tried;
  }
  return tried;
}

void MailSender::SendOne(const Message& message) {
  const std::string rfc5322 = BuildMime(message, mime_);
  const auto error = transport_.Send(message, mime_.from_address, rfc5322);
  const auto now = clock_();
  if (!error) {
    if (auto marked = outbox_.MarkSent(message.id, now); !marked) {
      spdlog::warn("mail {}: sent, but {}", message.id.value, marked.error().internal_detail);
    }
    ++sent_;
    // The address is personal data: the log names its domain only (issue 3: no log line shows it).
    const auto at = message.to_address.rfind('@');
    spdlog::info("mail {}: sent to a mailbox at {}", message.id.value,
                 at == std::string::npos ? std::string("?") : message.to_address.substr(at + 1));
    return;
  }
  const auto next = domain::mail::NextAttempt(options_.retry, message, now);
  if (auto marked = outbox_.MarkFailed(message.id, *error, next); !marked) {
    spdlog::warn("mail {}: failed, and {}", message.id.value, marked.error().internal_detail);
  }
  if (next) {
    ++failed_;
    // The server's reply may quote the recipient's address: the log never shows it (issue 3).
    spdlog::warn("mail {}: attempt {} failed, retry in {} s: {}", message.id.value, message.attempts,
                 (*next - now).count(), RedactAddresses(*error));
  } else {
    ++dead_;
    spdlog::error("mail {}: given up after {} attempts: {}", message.id.value, message.attempts,
                  RedactAddresses(*error));
  }
}

}  // namespace buurtplein::mail
