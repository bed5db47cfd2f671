#pragma once
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace buurtplein::domain::security {

/// The characters of a recovery code: lower-case letters and digits without the look-alikes
/// 0 o 1 l i (31 characters).
inline constexpr std::string_view kRecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
/// Characters per code, shown in groups of 4: "abcd-efgh-jkmn". 12 × log2(31) ≈ 59.4 bits.
inline constexpr std::size_t kRecoveryCodeLength = 12;
/// Codes handed out at a time.
inline constexpr std::size_t kRecoveryCodeCount = 10;

/// `count` new codes, each "xxxx-xxxx-xxxx", uniformly random over kRecoveryAlphabet.
/// Show them once; store only their hashes.
std::vector<std::string> NewRecoveryCodes(std::size_t count = kRecoveryCodeCount);

/// A new per-user salt for HashRecoveryCode: 16 random bytes as 32 hex characters. Store it
/// with the user; make a new one with every new set of codes.
std::string NewRecoveryCodeSalt();

/// The code as the user may type it, reduced to its 12 characters: lower case, spaces and
/// dashes removed. Nothing when anything else is left or the length is wrong.
std::optional<std::string> NormaliseRecoveryCode(std::string_view input);

/// What to store for a code: 64 hex characters of BLAKE2b-256 keyed with the user's salt,
/// over the normalised code. A fast keyed hash suffices (rather than Argon2id) because each
/// code carries ~59 bits of entropy: a leaked hash takes ~2^58 guesses per code per user to
/// invert, the salt stops precomputation and comparing across users, and a code is only a
/// second factor (the password is still needed). Argon2id would cost ~80 ms × 10 per attempt.
/// Throws std::invalid_argument when the salt is shorter than 16 or longer than 64 bytes.
std::string HashRecoveryCode(std::string_view code, std::string_view salt);

/// The index in `stored_hashes` of the code the user typed, or nothing. Every stored hash is
/// compared, in constant time, whether or not one matched. Codes are single use: the caller
/// removes (or empties) the matched hash in the same transaction that accepts it; empty
/// entries never match.
std::optional<std::size_t> MatchRecoveryCode(std::string_view input, std::string_view salt,
                                             std::span<const std::string> stored_hashes);

}  // namespace buurtplein::domain::security
