#include "domain/accounts/housekeeping.hpp"

namespace buurtplein::domain::accounts {

HousekeepingReport Housekeeping::RunOnce() {
  const UnixTime now = clock_.Now();
  HousekeepingReport r;
  // The residents' idle limit is the longest; shorter ones are enforced at every request.
  r.sessions = store_.sessions().DeleteExpiredSessions(now, now - settings_.session_idle_seconds);
  r.tokens = store_.tokens().DeleteSpentTokens(now);
  r.household_codes = store_.verification().DeleteExpiredHouseholdCodes(now);
  r.invitations = store_.verification().DeleteExpiredInvitations(now);
  return r;
}

}  // namespace buurtplein::domain::accounts
