#include "domain/security/encoding.hpp"

#include <sodium.h>

namespace buurtplein::domain::security {

namespace {
constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const auto* Bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
}  // namespace

std::string RandomBytes(std::size_t n) {
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

std::string Base64UrlEncode(std::string_view bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), Bytes(bytes), bytes.size(), kVariant);
  out.resize(out.size() - 1);  // the encoded length counts the terminating NUL
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  std::string out(text.size() * 3 / 4 + 1, '\0');
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                        nullptr, &len, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

std::string HexEncode(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), Bytes(bytes), bytes.size());
  out.pop_back();
  return out;
}

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32Alphabet[(buffer >> (bits - 5)) & 31U]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 31U]);
  return out;
}

std::optional<std::string> Base32Decode(std::string_view text) {
  while (!text.empty() && (text.back() == '=' || text.back() == ' ')) text.remove_suffix(1);
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  std::size_t symbols = 0;
  for (char c : text) {
    if (c == ' ') continue;
    unsigned value;
    if (c >= 'A' && c <= 'Z') value = static_cast<unsigned>(c - 'A');
    else if (c >= 'a' && c <= 'z') value = static_cast<unsigned>(c - 'a');
    else if (c >= '2' && c <= '7') value = static_cast<unsigned>(c - '2' + 26);
    else return std::nullopt;
    ++symbols;
    buffer = ((buffer << 5) | value) & 0xFFFFU;
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFFU));
      bits -= 8;
    }
  }
  // Valid unpadded lengths leave 0, 2, 4, 1 or 3 symbols in the last group of 8 (RFC 4648 §6);
  // the bits left over must be zero, so every byte string has exactly one encoding.
  const std::size_t rest = symbols % 8;
  if (rest == 1 || rest == 3 || rest == 6) return std::nullopt;
  if ((buffer & ((1U << bits) - 1U)) != 0) return std::nullopt;
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace buurtplein::domain::security
