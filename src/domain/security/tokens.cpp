#include "domain/security/tokens.hpp"

#include <sodium.h>

#include "domain/security/encoding.hpp"

namespace buurtplein::domain::security {

std::string NewToken() { return Base64UrlEncode(RandomBytes(32)); }

std::string HashToken(std::string_view token) {
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(hash), sizeof hash));
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace buurtplein::domain::security
