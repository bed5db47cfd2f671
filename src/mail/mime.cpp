#include "mail/mime.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <vector>

namespace buurtplein::mail {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::size_t kQpLine = 76;       // RFC 2045: encoded lines at most 76 characters
constexpr std::size_t kFoldAt = 78;       // RFC 5322: lines SHOULD be at most 78 characters
constexpr std::size_t kWordBytes = 39;    // raw bytes per encoded-word: 52 base64 characters, 64 in all
constexpr char kHex[] = "0123456789ABCDEF";
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

std::string Base64(std::string_view in) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += kBase64[v & 63];
  }
  if (i + 1 == in.size()) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string DecodeBase64(std::string_view in) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char ch : in) {
    const char* p = std::char_traits<char>::find(kBase64, 64, ch);
    if (!p) continue;  // padding and anything else
    buffer = (buffer << 6) | static_cast<unsigned>(p - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Splits UTF-8 text into chunks of at most `max_bytes`, never inside a character.
std::vector<std::string_view> Utf8Chunks(std::string_view s, std::size_t max_bytes) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    std::size_t n = std::min(max_bytes, s.size());
    // Back up while the next byte is a continuation byte (10xxxxxx).
    while (n < s.size() && n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    if (n == 0) n = std::min(max_bytes, s.size());
    out.push_back(s.substr(0, n));
    s.remove_prefix(n);
  }
  return out;
}

// Folds ASCII text at spaces so that no line passes kFoldAt, counting `used` characters already
// on the first line (the header name).
std::string FoldAscii(std::string_view text, std::size_t used) {
  std::string out;
  std::size_t line = used;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start + 1);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);  // includes its leading space
    if (line + word.size() > kFoldAt && !out.empty() && word.front() == ' ') {
      out += kCrlf;
      line = 0;
    }
    out += word;
    line += word.size();
    start = end;
  }
  return out;
}

bool IsAtextOrSpace(unsigned char c) {
  if (std::isalnum(c) || c == ' ') return true;
  static constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~";
  return kSpecials.find(static_cast<char>(c)) != std::string_view::npos;
}

void Header(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += kCrlf;
}

void Part(std::string& out, std::string_view content_type, std::string_view body) {
  Header(out, "Content-Type", std::string(content_type) + "; charset=utf-8");
  Header(out, "Content-Transfer-Encoding", "quoted-printable");
  out += kCrlf;
  out += EncodeQuotedPrintable(body);
}

}  // namespace

std::string EncodeHeaderText(std::string_view text) {
  // "=?" in plain text would be read as the start of an encoded-word: encode that too.
  if (IsAscii(text) && text.find("=?") == std::string_view::npos) return FoldAscii(text, 10);
  std::string out;
  for (const auto chunk : Utf8Chunks(text, kWordBytes)) {
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(chunk) + "?=";
  }
  return out;
}

std::string FormatMailbox(std::string_view name, std::string_view address) {
  if (name.empty()) return std::string(address);
  std::string phrase;
  bool atoms = true;
  for (unsigned char c : name) atoms = atoms && IsAtextOrSpace(c);
  if (atoms && name.front() != ' ' && name.back() != ' ') {
    phrase = name;
  } else if (IsAscii(name) && name.find("=?") == std::string_view::npos) {
    phrase = "\"";
    for (char ch : name) {
      if (ch == '"' || ch == '\\') phrase += '\\';
      phrase += ch;
    }
    phrase += '"';
  } else {
    phrase = EncodeHeaderText(name);
  }
  return phrase + " <" + std::string(address) + ">";
}

std::string EncodeQuotedPrintable(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    const bool last = end == std::string_view::npos;
    if (last) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t width = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(line[i]);
      const bool at_end = i + 1 == line.size();
      std::string piece;
      if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_end)) {
        piece = static_cast<char>(c);
      } else {
        piece = {'=', kHex[c >> 4], kHex[c & 15]};
      }
      // Keep room for the soft break '=' itself.
      if (width + piece.size() > kQpLine - 1) {
        out += "=\r\n";
        width = 0;
      }
      out += piece;
      width += piece.size();
    }
    if (last) break;
    out += kCrlf;
    pos = end + 1;
  }
  if (out.size() < 2 || out.compare(out.size() - 2, 2, kCrlf) != 0) out += kCrlf;
  return out;
}

std::string FormatDate(domain::mail::Time time) {
  const std::time_t t = time.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&t, &tm);
  // Day and month names are fixed English tokens in RFC 5322, whatever the locale.
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string MessageIdFor(const domain::mail::Message& message, const MimeOptions& options) {
  std::string domain = options.message_id_domain;
  if (domain.empty()) {
    const auto at = options.from_address.rfind('@');
    domain = at == std::string::npos ? "localhost" : options.from_address.substr(at + 1);
  }
  return "<bp." + std::to_string(message.id.value) + "." +
         std::to_string(message.created_at.time_since_epoch().count()) + "@" + domain + ">";
}

std::string BuildMime(const domain::mail::Message& message, const MimeOptions& options) {
  std::string out;
  Header(out, "Date", FormatDate(message.created_at));
  Header(out, "From", FormatMailbox(message.from_name.empty() ? options.from_name : message.from_name,
                                    options.from_address));
  Header(out, "To", FormatMailbox(message.to_name, message.to_address));
  Header(out, "Subject", EncodeHeaderText(message.subject));
  Header(out, "Message-ID", MessageIdFor(message, options));
  Header(out, "MIME-Version", "1.0");
  Header(out, "Auto-Submitted", "auto-generated");
  if (!message.html_body) {
    Part(out, "text/plain", message.text_body);
    return out;
  }
  // "=_" never occurs in quoted-printable output, so the boundary cannot appear in a part.
  const std::string boundary = "=_bp_" + std::to_string(message.id.value) + "_alt";
  Header(out, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
  out += kCrlf;
  out += "--" + boundary + "\r\n";
  Part(out, "text/plain", message.text_body);
  out += "--" + boundary + "\r\n";
  Part(out, "text/html", *message.html_body);
  out += "--" + boundary + "--\r\n";
  return out;
}

std::string DecodeHeaderText(std::string_view value) {
  // Unfold: CRLF followed by white space is just that white space.
  std::string unfolded;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\r' && i + 1 < value.size() && value[i + 1] == '\n') {
      ++i;
      continue;
    }
    unfolded += value[i];
  }
  std::string out;
  std::size_t pos = 0;
  bool last_was_word = false;
  while (pos < unfolded.size()) {
    const auto start = unfolded.find("=?", pos);
    std::size_t q1 = start == std::string::npos ? start : unfolded.find('?', start + 2);
    std::size_t q2 = q1 == std::string::npos ? q1 : unfolded.find('?', q1 + 1);
    std::size_t end = q2 == std::string::npos ? q2 : unfolded.find("?=", q2 + 1);
    if (end == std::string::npos) {
      out += unfolded.substr(pos);
      break;
    }
    const std::string between = unfolded.substr(pos, start - pos);
    // White space between two encoded-words is not part of the text (RFC 2047 §6.2).
    if (!(last_was_word && between.find_first_not_of(" \t") == std::string::npos)) out += between;
    const char encoding = static_cast<char>(std::toupper(static_cast<unsigned char>(unfolded[q1 + 1])));
    const std::string_view payload = std::string_view(unfolded).substr(q2 + 1, end - q2 - 1);
    if (encoding == 'B') {
      out += DecodeBase64(payload);
    } else {
      for (std::size_t i = 0; i < payload.size(); ++i) {
        if (payload[i] == '_') {
          out += ' ';
        } else if (payload[i] == '=' && i + 2 < payload.size() && HexValue(payload[i + 1]) >= 0 &&
                   HexValue(payload[i + 2]) >= 0) {
          out += static_cast<char>(HexValue(payload[i + 1]) * 16 + HexValue(payload[i + 2]));
          i += 2;
        } else {
          out += payload[i];
        }
      }
    }
    last_was_word = true;
    pos = end + 2;
  }
  return out;
}

std::string DecodeQuotedPrintable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
      continue;
    }
    if (i + 2 < text.size() && text[i + 1] == '\r' && text[i + 2] == '\n') {
      i += 2;  // soft line break
    } else if (i + 1 < text.size() && text[i + 1] == '\n') {
      i += 1;
    } else if (i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += '=';
    }
  }
  return out;
}

std::string RedactAddresses(std::string_view text) {
  auto local_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' ||
           c == '\'' || c == '!' || c == '#' || c == '$' || c == '&' || c == '*' || c == '/' || c == '=' ||
           c == '?' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}' || c == '~';
  };
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::size_t start = at;
    while (start > copied && local_char(text[start - 1])) --start;
    if (start == at) continue;  // nothing before the @: not an address
    out.append(text.substr(copied, start - copied));
    out += "***";
    copied = at;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace buurtplein::mail
