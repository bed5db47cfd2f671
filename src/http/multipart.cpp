#include "http/multipart.hpp"

#include <strings.h>

namespace buurtplein::http {

using domain::ErrorCode;
using domain::MakeError;

namespace {

domain::AppError Malformed(std::string detail) {
  return MakeError(ErrorCode::kBadRequest, "This form could not be read. Please try again.", std::move(detail));
}
domain::AppError TooLarge(std::string detail) {
  return MakeError(ErrorCode::kPayloadTooLarge, "What you sent is too large.", std::move(detail));
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 2046 bchars, without the space (a trailing space is not allowed, an inner one is rare
// enough to refuse).
bool IsBoundaryChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         std::string_view("'()+_,-./:=?").find(c) != std::string_view::npos;
}

// Walks "; key=value; key="quoted \" value"" parameters. Calls f(key, value) for each; false
// when the syntax is broken.
template <typename F>
bool ForEachParam(std::string_view s, F f) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == ';')) ++i;
    if (i >= s.size()) break;
    const std::size_t key_start = i;
    while (i < s.size() && s[i] != '=' && s[i] != ';') ++i;
    std::string_view key = Trim(s.substr(key_start, i - key_start));
    std::string value;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
      if (i < s.size() && s[i] == '"') {
        ++i;
        bool closed = false;
        while (i < s.size()) {
          char c = s[i++];
          if (c == '\\' && i < s.size()) {
            value.push_back(s[i++]);
          } else if (c == '"') {
            closed = true;
            break;
          } else {
            value.push_back(c);
          }
        }
        if (!closed) return false;
      } else {
        const std::size_t v_start = i;
        while (i < s.size() && s[i] != ';') ++i;
        value = std::string(Trim(s.substr(v_start, i - v_start)));
      }
    }
    if (key.empty()) return false;
    f(key, value);
  }
  return true;
}

// Reads one part's header block ("Name: value\r\n…", without the blank line).
bool ParsePartHeaders(std::string_view block, MultipartPart& part) {
  bool has_disposition = false;
  while (!block.empty()) {
    auto eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view{} : block.substr(eol + 2);
    if (line.empty()) continue;
    // Obsolete line folding and NULs are refused rather than interpreted.
    if (line.front() == ' ' || line.front() == '\t' || line.find('\0') != std::string_view::npos) return false;
    auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    std::string_view name = Trim(line.substr(0, colon));
    std::string_view value = Trim(line.substr(colon + 1));
    if (IEquals(name, "content-disposition")) {
      if (has_disposition) return false;
      has_disposition = true;
      auto semi = value.find(';');
      if (!IEquals(Trim(value.substr(0, semi)), "form-data")) return false;
      if (semi == std::string_view::npos) return false;
      bool has_name = false;
      bool ok = ForEachParam(value.substr(semi + 1), [&](std::string_view k, const std::string& v) {
        if (IEquals(k, "name")) {
          part.name = v;
          has_name = true;
        } else if (IEquals(k, "filename")) {
          part.filename = v;
          part.is_file = true;
        }
      });
      if (!ok || !has_name || part.name.empty()) return false;
    } else if (IEquals(name, "content-type")) {
      part.content_type = std::string(value);
    }
  }
  return has_disposition;
}

}  // namespace

std::optional<std::string> MultipartBoundary(std::string_view content_type) {
  auto semi = content_type.find(';');
  if (!IEquals(Trim(content_type.substr(0, semi)), "multipart/form-data") || semi == std::string_view::npos) {
    return std::nullopt;
  }
  std::optional<std::string> boundary;
  bool ok = ForEachParam(content_type.substr(semi + 1), [&](std::string_view k, const std::string& v) {
    if (IEquals(k, "boundary") && !boundary) boundary = v;
  });
  if (!ok || !boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  for (char c : *boundary) {
    if (!IsBoundaryChar(c)) return std::nullopt;
  }
  return boundary;
}

domain::Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                          const MultipartLimits& limits) {
  if (boundary.empty() || boundary.size() > 70) return Malformed("bad boundary");
  const std::string dash = "--" + std::string(boundary);
  const std::string delimiter = "\r\n" + dash;

  // The first delimiter: at the very start, or after a preamble ending in CRLF.
  std::size_t pos;
  if (body.substr(0, dash.size()) == dash) {
    pos = dash.size();
  } else {
    auto at = body.find(delimiter);
    if (at == std::string_view::npos) return Malformed("no first boundary");
    pos = at + delimiter.size();
  }

  std::vector<MultipartPart> parts;
  while (true) {
    // After a delimiter: "--" ends the body; otherwise optional whitespace and CRLF.
    if (body.substr(pos, 2) == "--") return parts;
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") return Malformed("no CRLF after boundary");
    pos += 2;

    if (parts.size() >= limits.max_parts) {
      return TooLarge("too many parts");
    }
    MultipartPart part;
    // Headers end at the first blank line; a part with no headers starts with CRLF at once.
    std::size_t header_end;
    std::size_t content_start;
    if (body.substr(pos, 2) == "\r\n") {
      header_end = pos;
      content_start = pos + 2;
    } else {
      // Looked for within the limit only: a missing blank line costs no scan of a large body.
      const auto at = body.substr(pos, limits.max_header_bytes + 4).find("\r\n\r\n");
      if (at == std::string_view::npos) {
        return Malformed("part headers unterminated or too long");
      }
      header_end = pos + at;
      content_start = header_end + 4;
    }
    if (!ParsePartHeaders(body.substr(pos, header_end - pos), part)) {
      return Malformed("bad part headers");
    }

    auto end = body.find(delimiter, content_start);
    if (end == std::string_view::npos) return Malformed("truncated part body");
    const std::size_t size = end - content_start;
    if (size > (part.is_file ? limits.max_file_bytes : limits.max_field_bytes)) {
      return TooLarge("part too large: " + part.name);
    }
    part.body = body.substr(content_start, size);
    parts.push_back(std::move(part));
    pos = end + delimiter.size();
  }
}

const MultipartPart* FindPart(const std::vector<MultipartPart>& parts, std::string_view name) {
  for (const auto& p : parts) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace buurtplein::http
