#include "domain/security/csrf.hpp"

#include <sodium.h>

#include <stdexcept>

#include "domain/security/encoding.hpp"
#include "domain/security/tokens.hpp"

namespace buurtplein::domain::security {

namespace {

// Keeps CSRF MACs apart from any other MAC made with the same key.
constexpr std::string_view kCsrfContext = "buurtplein-csrf-v1";

struct Authority {
  std::string host;  // lower case, without the port
  std::string port;  // digits, empty when default
};

// Parses "host[:port]" (a Host header or the authority of an origin); "[v6]:port" too.
std::optional<Authority> ParseAuthority(std::string_view s, bool secure) {
  if (s.empty() || s.find_first_of("@/\\?# ") != std::string_view::npos) return std::nullopt;
  std::string_view host = s;
  std::string_view port;
  if (s.front() == '[') {
    const auto close = s.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = s.substr(0, close + 1);
    std::string_view rest = s.substr(close + 1);
    if (!rest.empty()) {
      if (rest.size() < 2 || rest.front() != ':') return std::nullopt;
      port = rest.substr(1);
    }
  } else if (const auto colon = s.find(':'); colon != std::string_view::npos) {
    host = s.substr(0, colon);
    port = s.substr(colon + 1);
  }
  if (host.empty()) return std::nullopt;
  if (s.find(':') != std::string_view::npos && s.front() != '[' && port.empty()) return std::nullopt;
  if (port.size() > 5) return std::nullopt;
  for (char c : port) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  while (port.size() > 1 && port.front() == '0') port.remove_prefix(1);
  if (port == (secure ? "443" : "80")) port = {};
  return Authority{AsciiLower(host), std::string(port)};
}

}  // namespace

CsrfKey CsrfKey::Random() { return CsrfKey(RandomBytes(crypto_auth_hmacsha256_KEYBYTES)); }

CsrfKey CsrfKey::FromSecret(std::string_view secret) {
  if (secret.size() < 32) throw std::invalid_argument("The CSRF secret must be at least 32 bytes long.");
  std::string key(crypto_auth_hmacsha256_KEYBYTES, '\0');
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, key.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(kCsrfContext.data()), kCsrfContext.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(key.data()), key.size());
  return CsrfKey(std::move(key));
}

std::string CsrfTokenFor(const CsrfKey& key, std::string_view session_id) {
  std::string message(kCsrfContext);
  message.push_back('\0');
  message.append(session_id);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         reinterpret_cast<const unsigned char*>(key.key_.data()));
  return Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

bool VerifyCsrf(const CsrfKey& key, std::string_view session_id, std::string_view token) {
  return ConstantTimeEquals(CsrfTokenFor(key, session_id), token);
}

bool SameOrigin(std::string_view origin_or_referer, std::string_view expected_host, bool secure) {
  const std::string_view scheme = secure ? "https://" : "http://";
  if (origin_or_referer.size() <= scheme.size() ||
      AsciiLower(origin_or_referer.substr(0, scheme.size())) != scheme) {
    return false;
  }
  std::string_view rest = origin_or_referer.substr(scheme.size());
  const auto end = rest.find_first_of("/?#");
  const auto got = ParseAuthority(rest.substr(0, end), secure);
  const auto want = ParseAuthority(expected_host, secure);
  return got && want && got->host == want->host && got->port == want->port;
}

bool OriginAllowed(std::optional<std::string_view> origin, std::optional<std::string_view> referer,
                   std::string_view expected_host, bool secure) {
  if (origin) return SameOrigin(*origin, expected_host, secure);
  if (referer) return SameOrigin(*referer, expected_host, secure);
  return false;
}

}  // namespace buurtplein::domain::security
