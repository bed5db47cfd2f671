#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "domain/common/app_error.hpp"
#include "domain/security/common_passwords.hpp"

namespace buurtplein::domain::security {

/// Password length rule (OWASP ASVS 2.1.1, 2.1.2), counted in Unicode code points.
inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 128;

/// An Argon2id hash in libsodium's self-describing string form ("$argon2id$v=19$m=…,t=…,p=1$…")
/// with the INTERACTIVE limits (~80 ms, 64 MiB): run it off the I/O threads. The whole password
/// is hashed, never truncated. Throws std::runtime_error only when memory runs out.
std::string HashPassword(std::string_view password);

/// True when `password` matches `hash` (constant time in the password). False for a hash that
/// is malformed, empty or not made by libsodium's crypto_pwhash_str.
bool VerifyPassword(std::string_view hash, std::string_view password);

/// True when `hash` was not made with Argon2id at the current limits (or is not a valid hash):
/// after a successful VerifyPassword, store HashPassword(password) instead.
bool NeedsRehash(std::string_view hash);

/// Does the work of one VerifyPassword against a hash of a random secret nobody knows, and
/// always fails. Call it when the account does not exist, so that "no such account" and
/// "wrong password" take the same time. The dummy hash is made on first use (one extra hash);
/// call this once at start-up to keep that out of the first login.
void VerifyAgainstDummy(std::string_view password);

/// The hash VerifyAgainstDummy checks against: Argon2id at the current limits, so it costs
/// what a real account's hash costs.
const std::string& DummyPasswordHash();

/// The number of Unicode code points in `text`, or nothing when `text` is not valid UTF-8
/// (overlong forms, surrogates, values above U+10FFFF and cut-off sequences are invalid).
std::optional<std::size_t> CountCodePoints(std::string_view text);

/// The password policy (ASVS 2.1): valid UTF-8 without NUL, 12 to 128 code points, any
/// characters (spaces, emoji, accents), no composition rules; not on the common-password list
/// and not the user's e-mail address, the part of it before '@', or display name (compared
/// ignoring ASCII case; empty ones are skipped). Returns kValidation with a message for the user.
Status CheckPasswordPolicy(std::string_view password, const CommonPasswords& common,
                           std::string_view email = {}, std::string_view display_name = {});

}  // namespace buurtplein::domain::security
