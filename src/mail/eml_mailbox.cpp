#include "mail/eml_mailbox.hpp"

#include <cctype>
#include <fstream>
#include <iterator>

#include "mail/eml_directory_transport.hpp"
#include "mail/mime.hpp"

namespace buurtplein::mail {

namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsEmlFileName(std::string_view name) {
  // YYYYMMDD 'T' HHMMSS 'Z' '-' id ".eml"
  if (name.size() < 16 + 1 + 1 + 4 || name.size() > 64) return false;
  if (!AllDigits(name.substr(0, 8)) || name[8] != 'T' || !AllDigits(name.substr(9, 6)) || name[15] != 'Z' ||
      name[16] != '-') {
    return false;
  }
  if (name.substr(name.size() - 4) != ".eml") return false;
  const auto id = name.substr(17, name.size() - 17 - 4);
  return id.size() <= 19 && AllDigits(id);
}

std::string PlainTextOf(const std::string& raw) {
  // The first text/plain part: the whole message, or the first part of multipart/alternative.
  std::size_t pos = 0;
  std::size_t part = std::string::npos;
  while (pos < raw.size()) {
    auto eol = raw.find('\n', pos);
    if (eol == std::string::npos) eol = raw.size();
    if (StartsWithIgnoreCase(std::string_view(raw).substr(pos), "content-type: text/plain")) {
      part = pos;
      break;
    }
    pos = eol + 1;
  }
  if (part == std::string::npos) return {};
  auto body = raw.find("\r\n\r\n", part);
  std::size_t skip = 4;
  if (body == std::string::npos) {
    body = raw.find("\n\n", part);
    skip = 2;
  }
  if (body == std::string::npos) return {};
  body += skip;
  auto end = raw.find("\r\n--=_bp_", body);  // the multipart boundary (mime.cpp), if any
  if (end == std::string::npos) end = raw.size();
  std::string text = DecodeQuotedPrintable(std::string_view(raw).substr(body, end - body));
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c != '\r') out += c;
  }
  return out;
}

std::vector<domain::mail::StoredMail> EmlMailbox::List(int limit) const {
  std::vector<domain::mail::StoredMail> out;
  for (auto& f : ListEmlFiles(dir_, limit)) {
    out.push_back({f.file_name, f.date, f.from, f.to, f.subject, {}});
  }
  return out;
}

std::optional<domain::mail::StoredMail> EmlMailbox::Read(std::string_view file_name) const {
  if (!IsEmlFileName(file_name)) return std::nullopt;
  const auto path = dir_ / std::string(file_name);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(path, ec)) || ec) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  domain::mail::StoredMail m;
  m.file_name = std::string(file_name);
  m.date = HeaderValue(raw, "Date");
  m.from = HeaderValue(raw, "From");
  m.to = HeaderValue(raw, "To");
  m.subject = HeaderValue(raw, "Subject");
  m.text = PlainTextOf(raw);
  return m;
}

}  // namespace buurtplein::mail
