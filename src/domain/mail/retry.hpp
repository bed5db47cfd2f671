#pragma once
#include <chrono>
#include <optional>

#include "domain/mail/model.hpp"

namespace buurtplein::domain::mail {

/// When a failed mail is tried again: first_delay after the first failure, doubling each time
/// (1, 2, 4, 8 … minutes) up to max_delay; given up after give_up_after since it was created or
/// after max_attempts, whichever comes first. The defaults give about 20 attempts in 3 days.
struct RetryPolicy {
  std::chrono::seconds first_delay{60};
  std::chrono::seconds max_delay{6 * 3600};
  std::chrono::seconds give_up_after{3 * 24 * 3600};
  int max_attempts = 25;
};

/// The moment of the next attempt after `message` (with its attempts counted, including the one
/// that just failed) failed at `now`; empty when the policy says give up.
std::optional<Time> NextAttempt(const RetryPolicy& policy, const Message& message, Time now);

}  // namespace buurtplein::domain::mail
