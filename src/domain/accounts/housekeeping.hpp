#pragma once
#include "domain/accounts/account_service.hpp"
#include "domain/common/clock.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::accounts {

/// What one round of housekeeping removed.
struct HousekeepingReport {
  long sessions = 0;         ///< past their absolute end, or idle too long
  long tokens = 0;           ///< link tokens used or expired
  long household_codes = 0;  ///< expired (used or not)
  long invitations = 0;      ///< expired (used or not)
};

/// Removes what has run out, so secrets and links do not pile up: expired sessions, used and
/// expired link tokens, expired household codes and invitations. The runtime calls RunOnce
/// periodically on a background thread (src/app/runtime.cpp).
class Housekeeping {
 public:
  Housekeeping(Store& store, const Clock& clock, AccountSettings settings = {})
      : store_(store), clock_(clock), settings_(settings) {}

  HousekeepingReport RunOnce();

 private:
  Store& store_;
  const Clock& clock_;
  AccountSettings settings_;
};

}  // namespace buurtplein::domain::accounts
