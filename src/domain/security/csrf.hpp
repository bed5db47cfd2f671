#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace buurtplein::domain::security {

/// The server-side key CSRF tokens are made with (32 bytes for HMAC-SHA256). Tokens made with
/// one key verify only with the same key: use one key per deployment (FromSecret, the same on
/// every server) so tokens survive a restart, or Random() per process.
class CsrfKey {
 public:
  /// A new random key: tokens stop verifying when the process restarts.
  static CsrfKey Random();
  /// A key derived from a configured deployment secret (BLAKE2b-256 of it, domain-separated).
  /// Throws std::invalid_argument when the secret is shorter than 32 bytes (a start-up failure).
  static CsrfKey FromSecret(std::string_view secret);

 private:
  explicit CsrfKey(std::string key) : key_(std::move(key)) {}
  std::string key_;
  friend std::string CsrfTokenFor(const CsrfKey& key, std::string_view session_id);
};

/// The CSRF token for a session, to put in every form of that session (hidden field) and to
/// expect back on state-changing requests: HMAC-SHA256(key, session id), URL-safe base64, 43
/// characters. It needs no storage and is the same for the whole session, so a new session
/// (log in, log out) gets a new token. `session_id` is whatever identifies the session on the
/// server (e.g. the stored hash of the session token); an empty one gives a token too, for
/// forms shown before log-in that are tied to a pre-session cookie.
std::string CsrfTokenFor(const CsrfKey& key, std::string_view session_id);

/// True when `token` is CsrfTokenFor(key, session_id); compared in constant time.
bool VerifyCsrf(const CsrfKey& key, std::string_view session_id, std::string_view token);

/// True when an Origin (or Referer) header value names exactly this site:
/// scheme "https" when `secure` else "http", and host[:port] equal to `expected_host` (the
/// request's Host header), ignoring the case of the host and a default port (443 for https,
/// 80 for http). A Referer may carry a path, query or fragment after the authority; user info
/// ("user@host"), "null", an empty value and anything unparsable are refused.
bool SameOrigin(std::string_view origin_or_referer, std::string_view expected_host, bool secure);

/// The Origin check for a state-changing request (POST, PUT, PATCH, DELETE): the Origin header
/// must be SameOrigin; when it is absent, the Referer must be; when both are absent the request
/// is refused. An Origin of "null" is refused, without falling back to the Referer.
bool OriginAllowed(std::optional<std::string_view> origin, std::optional<std::string_view> referer,
                   std::string_view expected_host, bool secure);

}  // namespace buurtplein::domain::security
