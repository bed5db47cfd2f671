#include "domain/security/passwords.hpp"

#include <sodium.h>

#include <stdexcept>

#include "domain/security/encoding.hpp"

namespace buurtplein::domain::security {

namespace {

constexpr std::string_view kArgon2idPrefix = "$argon2id$";

std::string MakeHash(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("Argon2id hashing failed: out of memory.");
  }
  return out;
}

bool SameIgnoringAsciiCase(std::string_view a, std::string_view b) {
  return !b.empty() && AsciiLower(a) == AsciiLower(b);
}

}  // namespace

std::string HashPassword(std::string_view password) { return MakeHash(password); }

bool VerifyPassword(std::string_view hash, std::string_view password) {
  // libsodium reads the hash as a NUL-terminated string of at most STRBYTES - 1 characters.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES || hash.find('\0') != std::string_view::npos) {
    return false;
  }
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view hash) {
  if (!hash.starts_with(kArgon2idPrefix) || hash.size() >= crypto_pwhash_STRBYTES) return true;
  const std::string terminated(hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

const std::string& DummyPasswordHash() {
  // A hash of a random password that is thrown away: no input can match it.
  static const std::string hash = MakeHash(Base64UrlEncode(RandomBytes(32)));
  return hash;
}

void VerifyAgainstDummy(std::string_view password) { (void)VerifyPassword(DummyPasswordHash(), password); }

std::optional<std::size_t> CountCodePoints(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    std::size_t len;
    char32_t cp;
    if (b0 < 0x80) { len = 1; cp = b0; }
    else if (b0 >= 0xC2 && b0 <= 0xDF) { len = 2; cp = b0 & 0x1FU; }
    else if (b0 >= 0xE0 && b0 <= 0xEF) { len = 3; cp = b0 & 0x0FU; }
    else if (b0 >= 0xF0 && b0 <= 0xF4) { len = 4; cp = b0 & 0x07U; }
    else return std::nullopt;  // continuation byte, C0/C1 (overlong) or F5..FF
    if (i + len > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0U) != 0x80U) return std::nullopt;
      cp = (cp << 6) | (b & 0x3FU);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return std::nullopt;  // overlong
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return std::nullopt;          // not a scalar
    i += len;
    ++count;
  }
  return count;
}

Status CheckPasswordPolicy(std::string_view password, const CommonPasswords& common, std::string_view email,
                           std::string_view display_name) {
  const auto length = CountCodePoints(password);
  if (!length || password.find('\0') != std::string_view::npos) {
    return MakeError(ErrorCode::kValidation, "Your password has characters we cannot read. Please type it again.",
                     "password is not valid UTF-8 or contains NUL");
  }
  if (*length < kMinPasswordLength) {
    return MakeError(ErrorCode::kValidation, "Your password is too short. Use at least 12 characters.");
  }
  if (*length > kMaxPasswordLength) {
    return MakeError(ErrorCode::kValidation, "Your password is too long. Use at most 128 characters.");
  }
  if (common.Contains(password)) {
    return MakeError(ErrorCode::kValidation, "Many people use this password, so it is easy to guess. Please choose another one.");
  }
  const std::string_view local_part = email.substr(0, email.find('@'));
  if (SameIgnoringAsciiCase(password, email) || SameIgnoringAsciiCase(password, local_part) ||
      SameIgnoringAsciiCase(password, display_name)) {
    return MakeError(ErrorCode::kValidation, "Your password must not be your e-mail address or your name.");
  }
  return Ok{};
}

}  // namespace buurtplein::domain::security
