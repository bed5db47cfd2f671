#include "domain/mail/mail_service.hpp"

#include <cctype>

namespace buurtplein::domain::mail {
namespace {

constexpr std::size_t kMaxAddress = 254;
constexpr std::size_t kMaxLocalPart = 64;
constexpr std::size_t kMaxHeaderText = 300;

bool IsAtext(unsigned char c) {
  if (std::isalnum(c)) return true;
  static constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~";
  return kSpecials.find(static_cast<char>(c)) != std::string_view::npos;
}

bool IsDotAtom(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  char prev = 0;
  for (char ch : s) {
    if (ch == '.') {
      if (prev == '.') return false;
    } else if (!IsAtext(static_cast<unsigned char>(ch))) {
      return false;
    }
    prev = ch;
  }
  return true;
}

bool IsDomain(std::string_view s) {
  if (s.empty() || s.size() > 253 || s.find('.') == std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('.', start);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view label = s.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char ch : label) {
      if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-') return false;
    }
    start = end + 1;
  }
  return true;
}

std::string StripTrailingSlashes(std::string_view s) {
  while (!s.empty() && s.back() == '/') s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

bool IsValidAddress(std::string_view address) {
  if (address.size() > kMaxAddress) return false;
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || address.find('@') != at) return false;
  const auto local = address.substr(0, at);
  return local.size() <= kMaxLocalPart && IsDotAtom(local) && IsDomain(address.substr(at + 1));
}

bool HasControlCharacter(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

Result<Message> BuildMessage(const Draft& draft, Time now) {
  if (!IsValidAddress(draft.to_address)) {
    return MakeError(ErrorCode::kValidation, "This e-mail address is not valid.",
                     "invalid recipient address '" + draft.to_address + "'");
  }
  for (const std::string* field : {&draft.to_name, &draft.subject, &draft.from_name}) {
    if (HasControlCharacter(*field) || field->size() > kMaxHeaderText) {
      return MakeError(ErrorCode::kValidation, "A name or subject of an e-mail may not contain a line break.",
                       "header field refused (control character or too long): '" + *field + "'");
    }
  }
  if (draft.subject.empty() || draft.text_body.empty()) {
    return MakeError(ErrorCode::kValidation, "An e-mail needs a subject and a plain-text body.",
                     "empty subject or text body");
  }
  const auto has_nul = [](std::string_view s) { return s.find('\0') != std::string_view::npos; };
  if (has_nul(draft.text_body) || (draft.html_body && has_nul(*draft.html_body))) {
    return MakeError(ErrorCode::kValidation, "An e-mail needs a subject and a plain-text body.",
                     "NUL byte in a body");
  }
  Message m;
  m.site = draft.site;
  m.from_name = draft.from_name;
  m.to_address = draft.to_address;
  m.to_name = draft.to_name;
  m.subject = draft.subject;
  m.text_body = draft.text_body;
  m.html_body = draft.html_body;
  m.status = MessageStatus::kPending;
  m.created_at = now;
  m.next_attempt_at = now;
  return m;
}

std::string Link(std::string_view base_url, std::string_view path) {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return StripTrailingSlashes(base_url) + "/" + std::string(path);
}

std::string SiteBaseUrl(std::string_view platform_base_url, const sites::City& city, const sites::Site& site) {
  const std::string base = StripTrailingSlashes(platform_base_url);
  if (!site.hosts.empty()) {
    const auto scheme_end = base.find("://");
    const std::string scheme = scheme_end == std::string::npos ? "https" : base.substr(0, scheme_end);
    return scheme + "://" + site.hosts.front() + "/";
  }
  return base + "/" + city.slug + "/" + site.slug + "/";
}

MailService::MailService(OutboxRepository& outbox, Clock clock) : outbox_(outbox), clock_(std::move(clock)) {
  if (!clock_) {
    clock_ = [] { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); };
  }
}

Result<Message> MailService::Send(const Draft& draft) {
  auto message = BuildMessage(draft, clock_());
  if (!message) return message.error();
  auto stored = outbox_.Enqueue(*message);
  if (stored && listener_) listener_();
  return stored;
}

}  // namespace buurtplein::domain::mail
