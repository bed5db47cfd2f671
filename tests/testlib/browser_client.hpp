#pragma once
#include <map>
#include <string>
#include <vector>

#include "testlib/test_server.hpp"

namespace buurtplein::testing {

/// A minimal browser for HTTP tests: keeps cookies, sends forms with the page's CSRF token and
/// an Origin header, like a real browser on our own pages.
class BrowserClient {
 public:
  explicit BrowserClient(const TestServer& server, std::string ip_note = "") : server_(server) { (void)ip_note; }

  WireResponse Get(const std::string& target, const std::string& extra_headers = "");
  /// POSTs `fields` (already URL-encoded pairs "a=1&b=2") with Origin and cookies; when
  /// `with_csrf`, adds the CSRF token taken from the last page that had one.
  WireResponse Post(const std::string& target, const std::string& fields, bool with_csrf = true,
                    const std::string& extra_headers = "");
  /// One field of a multipart form: text, or a file when `filename` or `content_type` is set
  /// (an empty filename with a type: a file input with no file chosen).
  struct Part {
    std::string name;
    std::string value;
    std::string filename;
    std::string content_type;
  };
  /// POSTs a multipart/form-data form (a file upload), like Post; the CSRF token goes first.
  WireResponse PostMultipart(const std::string& target, const std::vector<Part>& parts, bool with_csrf = true);
  /// GETs `form_page` (to receive its CSRF token and cookie), then POSTs the form to `action`.
  WireResponse Submit(const std::string& form_page, const std::string& action, const std::string& fields);

  std::string Cookie(const std::string& name) const;
  void SetCookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
  const std::string& csrf() const { return csrf_; }

 private:
  std::string CookieHeader() const;
  void Remember(const WireResponse& r);
  const TestServer& server_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

/// URL-encodes a form value.
std::string FormEncode(const std::string& value);
/// Decodes a quoted-printable mail body (soft line breaks, =XX).
std::string DecodeQuotedPrintable(const std::string& text);
/// The first link in `text` that starts with `prefix` (up to whitespace).
std::string FindLink(const std::string& text, const std::string& prefix);

}  // namespace buurtplein::testing
