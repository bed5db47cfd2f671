#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "domain/common/app_error.hpp"
#include "domain/mail/model.hpp"
#include "domain/mail/repositories.hpp"
#include "domain/sites/model.hpp"

namespace buurtplein::domain::mail {

/// True for an address we can put in an SMTP envelope and a To header: local@domain in ASCII,
/// dot-atom local part, a domain of letters, digits and hyphens with at least one dot, at most
/// 254 characters. No quoted local parts, no comments, no internationalised addresses.
bool IsValidAddress(std::string_view address);

/// True when `text` holds a character that must never be in a header value: CR, LF, NUL or
/// another control character (header injection).
bool HasControlCharacter(std::string_view text);

/// Checks a draft and makes a pending message due at `now`. kValidation with a message safe to
/// show when the address is not valid, a header field holds a line break or control character,
/// or the subject or the plain-text body is empty.
Result<Message> BuildMessage(const Draft& draft, Time now);

/// An absolute link: `base_url` ("https://oost.example.nl" or "http://localhost:8080/nijmegen/oost/")
/// joined with `path` ("/nieuws/3" or "nieuws/3") with exactly one slash between them.
std::string Link(std::string_view base_url, std::string_view path);

/// The base URL of a site's pages, for links in its mails: its first own host name on the
/// platform's scheme ("https://oost.example.nl/"), else the path form under the platform's base
/// URL ("https://buurtplein.nl/nijmegen/oost/"). Mirrors how the HTTP layer serves the site.
std::string SiteBaseUrl(std::string_view platform_base_url, const sites::City& city, const sites::Site& site);

/// Writes mail to the outbox. Delivery happens later, in a sender (src/mail), so a failing
/// mail server never fails the request that sends the mail.
class MailService {
 public:
  using Clock = std::function<Time()>;
  explicit MailService(OutboxRepository& outbox, Clock clock = {});

  /// Validates the draft and enqueues it; then tells the listener (the sender wakes up).
  Result<Message> Send(const Draft& draft);
  /// Called after every enqueued mail, e.g. MailSender::Wake.
  void SetEnqueueListener(std::function<void()> listener) { listener_ = std::move(listener); }

 private:
  OutboxRepository& outbox_;
  Clock clock_;
  std::function<void()> listener_;
};

}  // namespace buurtplein::domain::mail
