#include "domain/common/text.hpp"

#include <cctype>

namespace buurtplein::domain {
namespace {

// Folds the two-byte UTF-8 Latin-1 Supplement letters to ASCII; returns 0 when not a letter.
char FoldLatin1(unsigned char lead, unsigned char cont) {
  if (lead != 0xC3) return 0;
  const unsigned cp = 0xC0u + (cont & 0x3Fu);
  static constexpr const char* kMap =
      "aaaaaaaceeeeiiii"   // U+00C0..U+00CF
      "dnooooo*ouuuuyts"   // U+00D0..U+00DF
      "aaaaaaaceeeeiiii"   // U+00E0..U+00EF
      "dnooooo/ouuuuyty";  // U+00F0..U+00FF
  const char c = kMap[cp - 0xC0u];
  return (c == '*' || c == '/') ? 0 : c;
}

}  // namespace

std::string Slugify(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool dash = false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    char ascii = 0;
    if (c < 0x80) {
      if (std::isalnum(c)) ascii = static_cast<char>(std::tolower(c));
      else if (c == '\'' || c == 0x60) continue;  // "'s-Hertogenbosch", "'t Acker"
    } else if (i + 1 < name.size()) {
      ascii = FoldLatin1(c, static_cast<unsigned char>(name[i + 1]));
      // Skip the continuation bytes of this code point.
      while (i + 1 < name.size() && (static_cast<unsigned char>(name[i + 1]) & 0xC0) == 0x80) ++i;
    }
    if (ascii) {
      if (dash && !out.empty()) out.push_back('-');
      dash = false;
      out.push_back(ascii);
    } else {
      dash = true;
    }
  }
  if (out.size() > 64) out.resize(64);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

bool IsSlug(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() == '-' || s.back() == '-') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

bool IsHexColour(std::string_view s) {
  if (s.size() != 7 || s[0] != '#') return false;
  for (std::size_t i = 1; i < 7; ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool CopyCleanText(std::string_view s, bool multi_line, std::string& out, std::size_t& code_points) {
  out.clear();
  code_points = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    if (len == 1 && (c < 0x20 || c == 0x7F)) {
      if (!multi_line) return false;
      if (c == '\r') {
        // A lone CR or CRLF both become one line break.
        out.push_back('\n');
        ++code_points;
        i += (i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
        continue;
      }
      if (c != '\n' && c != '\t') return false;
    }
    out.append(s.substr(i, len));
    i += len;
    ++code_points;
  }
  return true;
}

}  // namespace buurtplein::domain
