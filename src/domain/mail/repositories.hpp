#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/mail/model.hpp"

namespace buurtplein::domain::mail {

/// The outbox: every mail is written here first, in the flow that causes it, and a sender
/// (src/mail) delivers it later. Rows are never deleted.
class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  /// Stores a new pending mail (its created_at and next_attempt_at as given); returns it with its id.
  virtual Result<Message> Enqueue(const Message& message) = 0;
  /// Claims up to `limit` pending mails that are due at `now` and not claimed by a live lease:
  /// each gets claimed_until = `lease_until` and one more attempt. Two concurrent callers never
  /// claim the same mail. Oldest due first.
  virtual std::vector<Message> ClaimDue(Time now, int limit, Time lease_until) = 0;
  /// Gives a claimed mail back without having tried it (a sender stopping): no lease, attempt
  /// returned, due again at once.
  virtual Status ReleaseClaim(MessageId id) = 0;
  /// The mail was delivered; kNotFound when there is no such pending mail.
  virtual Status MarkSent(MessageId id, Time now) = 0;
  /// The attempt failed with `error`: retry at `next_attempt`, or give up (status dead) when it
  /// is empty. kNotFound when there is no such pending mail.
  virtual Status MarkFailed(MessageId id, std::string_view error, std::optional<Time> next_attempt) = 0;
  /// One site's mail (0: the platform's), newest first.
  virtual std::optional<Message> FindMessage(SiteId site, MessageId id) = 0;
  virtual std::vector<Message> ListForSite(SiteId site, int limit) = 0;
  /// The newest mails of every site, newest first (development page, operators).
  virtual std::vector<Message> ListRecent(int limit) = 0;
};

}  // namespace buurtplein::domain::mail
