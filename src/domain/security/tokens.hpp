#pragma once
#include <string>
#include <string_view>

namespace buurtplein::domain::security {

/// A new secret token (session id, e-mail verification or password-reset link, API key):
/// 32 random bytes (256 bits) as URL-safe base64 without padding, 43 characters.
std::string NewToken();

/// What to store instead of a token: 64 lower-case hex characters of BLAKE2b-256
/// (crypto_generichash). A fast hash is right here, unlike for passwords: a token has 256 bits
/// of entropy, so nobody can guess it from a leaked hash however fast the hash is; the hash
/// only keeps a database leak from handing out live tokens. Look rows up by this hash.
std::string HashToken(std::string_view token);

/// True when a and b are equal, comparing in time that depends only on their lengths
/// (sodium_memcmp). Strings of different lengths are unequal; their lengths are not secret.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace buurtplein::domain::security
