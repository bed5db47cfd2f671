#include "domain/security/recovery_codes.hpp"

#include <sodium.h>

#include <stdexcept>

#include "domain/security/encoding.hpp"
#include "domain/security/tokens.hpp"

namespace buurtplein::domain::security {

std::vector<std::string> NewRecoveryCodes(std::size_t count) {
  std::vector<std::string> codes;
  codes.reserve(count);
  for (std::size_t n = 0; n < count; ++n) {
    std::string code;
    for (std::size_t i = 0; i < kRecoveryCodeLength; ++i) {
      if (i > 0 && i % 4 == 0) code.push_back('-');
      // randombytes_uniform has no modulo bias.
      code.push_back(kRecoveryAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kRecoveryAlphabet.size()))]);
    }
    codes.push_back(std::move(code));
  }
  return codes;
}

std::string NewRecoveryCodeSalt() { return HexEncode(RandomBytes(16)); }

std::optional<std::string> NormaliseRecoveryCode(std::string_view input) {
  std::string out;
  for (char c : input) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (kRecoveryAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    if (out.size() == kRecoveryCodeLength) return std::nullopt;
    out.push_back(c);
  }
  if (out.size() != kRecoveryCodeLength) return std::nullopt;
  return out;
}

std::string HashRecoveryCode(std::string_view code, std::string_view salt) {
  if (salt.size() < crypto_generichash_KEYBYTES_MIN || salt.size() > crypto_generichash_KEYBYTES_MAX) {
    throw std::invalid_argument("A recovery-code salt has 16 to 64 bytes.");
  }
  const std::string normalised = NormaliseRecoveryCode(code).value_or(std::string(code));
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(normalised.data()), normalised.size(),
                     reinterpret_cast<const unsigned char*>(salt.data()), salt.size());
  return HexEncode(std::string_view(reinterpret_cast<const char*>(hash), sizeof hash));
}

std::optional<std::size_t> MatchRecoveryCode(std::string_view input, std::string_view salt,
                                             std::span<const std::string> stored_hashes) {
  const auto normalised = NormaliseRecoveryCode(input);
  if (!normalised) return std::nullopt;
  const std::string hash = HashRecoveryCode(*normalised, salt);
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < stored_hashes.size(); ++i) {
    if (ConstantTimeEquals(hash, stored_hashes[i]) && !found) found = i;
  }
  return found;
}

}  // namespace buurtplein::domain::security
