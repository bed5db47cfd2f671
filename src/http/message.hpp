#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace buurtplein::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
Method ParseMethod(std::string_view m);
std::string_view MethodName(Method m);

/// An HTTP request as the handlers see it; the server fills it from the wire. Header names are
/// lower case.
struct Request {
  Method method = Method::kGet;
  std::string target;  ///< as sent: path and query
  std::string path;    ///< percent-decoded path, always starting with '/'
  std::string query;   ///< raw query string without '?'
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_addr;
  bool secure = false;     ///< served over HTTPS (directly or via a trusted proxy)
  std::string request_id;  ///< short id, shown on 500 pages and logged

  /// The header's value, or "" when absent.
  std::string_view Header(std::string_view lower_name) const;
  /// The decoded value of a query parameter, or "" when absent.
  std::string Query(std::string_view name) const;
  /// The value of a cookie, or "" when absent.
  std::string_view Cookie(std::string_view name) const;
  /// The decoded value of a field of an application/x-www-form-urlencoded body, or of a text
  /// field of a multipart/form-data body (http/multipart.hpp); "" when absent.
  std::string Form(std::string_view name) const;
  /// True when the body is a URL-encoded form.
  bool IsForm() const;
};

/// How a cookie is set.
struct CookieOptions {
  bool http_only = true;
  bool secure = false;        ///< only over HTTPS
  long max_age_seconds = -1;  ///< -1: a browser-session cookie; 0: delete
  std::string same_site = "Lax";
};
/// A Set-Cookie header value. Path is always "/".
std::string SetCookieValue(std::string_view name, std::string_view value, const CookieOptions& options);

/// A response from a handler. The app adds security headers, compression and caching.
struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  /// An anonymous GET of this page may be served from memory until the site changes.
  bool cacheable = false;
  /// When set (Unix seconds): the cached page is stale from then on, changes or not (lists that
  /// change when an event ends).
  std::int64_t cache_expires_at = 0;
  /// May be shown in a frame on any other website (frame-ancestors *): the embeddable agenda.
  /// Such a page reads no cookie and has no forms.
  bool embeddable = false;
  /// Set by the app: the route's name for logs and metrics.
  std::string_view route = "-";

  void SetHeader(std::string name, std::string value);
  std::string_view GetHeader(std::string_view name) const;
};

Response Redirect(int status, std::string location);

/// Percent-encodes everything but unreserved characters and '/', appending to `out`.
void PercentEncode(std::string_view s, std::string& out);

/// Percent-decodes `s`; false when an escape is malformed or decodes to NUL.
bool PercentDecode(std::string_view s, std::string& out, bool plus_as_space);

}  // namespace buurtplein::http
