#include "domain/mail/retry.hpp"

#include <algorithm>

namespace buurtplein::domain::mail {

std::string_view StatusName(MessageStatus status) {
  switch (status) {
    case MessageStatus::kPending: return "pending";
    case MessageStatus::kSent: return "sent";
    case MessageStatus::kDead: return "dead";
  }
  return "pending";
}

MessageStatus StatusFromName(std::string_view name) {
  if (name == "sent") return MessageStatus::kSent;
  if (name == "dead") return MessageStatus::kDead;
  return MessageStatus::kPending;
}

std::optional<Time> NextAttempt(const RetryPolicy& policy, const Message& message, Time now) {
  const int attempts = std::max(1, message.attempts);
  if (attempts >= policy.max_attempts) return std::nullopt;
  // Doubling in a loop with a cap never overflows, however many attempts were made.
  std::chrono::seconds delay = policy.first_delay;
  for (int i = 1; i < attempts && delay < policy.max_delay; ++i) delay *= 2;
  delay = std::min(delay, policy.max_delay);
  const Time next = now + delay;
  if (next - message.created_at > policy.give_up_after) return std::nullopt;
  return next;
}

}  // namespace buurtplein::domain::mail
