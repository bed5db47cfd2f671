#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace buurtplein::domain::security {

/// `n` bytes from the operating system's CSPRNG (libsodium randombytes).
std::string RandomBytes(std::size_t n);

/// URL-safe base64 without padding (RFC 4648 §5): safe in URLs, cookies and form fields.
std::string Base64UrlEncode(std::string_view bytes);
/// The bytes of URL-safe unpadded base64, or nothing when `text` is not exactly that.
std::optional<std::string> Base64UrlDecode(std::string_view text);

/// Lower-case hexadecimal.
std::string HexEncode(std::string_view bytes);

/// Base32 (RFC 4648 §6, alphabet A–Z 2–7), upper case, without '=' padding: how
/// authenticator apps take TOTP secrets.
std::string Base32Encode(std::string_view bytes);
/// The bytes of Base32 text. Accepts lower case, spaces and trailing '=' padding (people type
/// secrets by hand); refuses other characters and impossible lengths or non-zero trailing bits.
std::optional<std::string> Base32Decode(std::string_view text);

/// Lower-cases ASCII letters only; other bytes (including UTF-8) are kept.
std::string AsciiLower(std::string_view s);

}  // namespace buurtplein::domain::security
