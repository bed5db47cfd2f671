#include "domain/security/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

#include "domain/security/encoding.hpp"
#include "domain/security/tokens.hpp"

namespace buurtplein::domain::security {

std::string NewTotpSecret() { return RandomBytes(20); }

std::string Hotp(std::string_view secret, std::int64_t counter, int digits) {
  if (digits < 6 || digits > 8) throw std::invalid_argument("HOTP codes have 6 to 8 digits.");
  if (counter < 0) throw std::invalid_argument("The HOTP counter cannot be negative.");
  auto value = static_cast<std::uint64_t>(counter);
  unsigned char message[8];
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<unsigned char>(value & 0xFFU);
    value >>= 8;
  }
  // Authenticator apps default to SHA-1, which libsodium does not have; HMAC-SHA1 is still
  // sound for HOTP (RFC 4226 relies on HMAC, not on SHA-1's collision resistance).
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), message, sizeof message, mac, &mac_len) ==
          nullptr ||
      mac_len != 20) {
    throw std::runtime_error("HMAC-SHA1 failed.");
  }
  // Dynamic truncation, RFC 4226 §5.3.
  const unsigned offset = mac[19] & 0x0FU;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7FU) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  std::uint32_t modulo = 1;
  for (int i = 0; i < digits; ++i) modulo *= 10;
  std::string code = std::to_string(binary % modulo);
  code.insert(0, static_cast<std::size_t>(digits) - code.size(), '0');
  return code;
}

std::optional<std::int64_t> TotpStep(std::chrono::sys_seconds now, std::chrono::seconds period) {
  if (period.count() <= 0) throw std::invalid_argument("The TOTP period must be positive.");
  const std::int64_t seconds = now.time_since_epoch().count();
  if (seconds < 0) return std::nullopt;
  return seconds / period.count();
}

std::string TotpAt(std::string_view secret, std::chrono::sys_seconds now, const TotpParams& params) {
  return Hotp(secret, TotpStep(now, params.period).value_or(0), params.digits);
}

std::optional<std::int64_t> VerifyTotp(std::string_view secret, std::string_view code,
                                        std::chrono::sys_seconds now,
                                        std::optional<std::int64_t> last_used_step, const TotpParams& params) {
  std::string digits;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits.push_back(c);
  }
  if (digits.size() != static_cast<std::size_t>(params.digits) || params.window < 0) return std::nullopt;
  const auto current = TotpStep(now, params.period);
  if (!current) return std::nullopt;

  std::optional<std::int64_t> matched;
  const std::int64_t window = params.window;
  const std::int64_t first = *current >= window ? *current - window : 0;
  // Every candidate is computed and compared, matched or not, so the time taken does not tell
  // which step matched. The latest matching step wins (it is the one to remember).
  for (std::int64_t step = first; step <= *current + window; ++step) {
    if (ConstantTimeEquals(Hotp(secret, step, params.digits), digits)) matched = step;
  }
  if (!matched || (last_used_step && *matched <= *last_used_step)) return std::nullopt;
  return matched;
}

std::optional<std::int64_t> TotpStep(std::chrono::system_clock::time_point now, std::chrono::seconds period) {
  return TotpStep(std::chrono::floor<std::chrono::seconds>(now), period);
}

std::string TotpAt(std::string_view secret, std::chrono::system_clock::time_point now, const TotpParams& params) {
  return TotpAt(secret, std::chrono::floor<std::chrono::seconds>(now), params);
}

std::optional<std::int64_t> VerifyTotp(std::string_view secret, std::string_view code,
                                       std::chrono::system_clock::time_point now,
                                       std::optional<std::int64_t> last_used_step, const TotpParams& params) {
  return VerifyTotp(secret, code, std::chrono::floor<std::chrono::seconds>(now), last_used_step, params);
}

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0FU]);
    }
  }
  return out;
}

std::string OtpAuthUri(std::string_view issuer, std::string_view account, std::string_view secret,
                       const TotpParams& params) {
  const std::string encoded_issuer = PercentEncode(issuer);
  return "otpauth://totp/" + encoded_issuer + ":" + PercentEncode(account) + "?secret=" + Base32Encode(secret) +
         "&issuer=" + encoded_issuer + "&algorithm=SHA1&digits=" + std::to_string(params.digits) +
         "&period=" + std::to_string(params.period.count());
}

}  // namespace buurtplein::domain::security
