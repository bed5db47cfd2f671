#include "testlib/browser_client.hpp"

#include <sstream>

namespace buurtplein::testing {

std::string BrowserClient::CookieHeader() const {
  if (cookies_.empty()) return "";
  std::string h = "Cookie: ";
  bool first = true;
  for (const auto& [k, v] : cookies_) {
    if (!first) h += "; ";
    first = false;
    h += k + "=" + v;
  }
  return h + "\r\n";
}

void BrowserClient::Remember(const WireResponse& r) {
  // Every Set-Cookie line of the raw response.
  std::istringstream in(r.raw.substr(0, r.raw.find("\r\n\r\n")));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("Set-Cookie: ", 0) != 0) continue;
    std::string pair = line.substr(12, line.find(';') - 12);
    auto eq = pair.find('=');
    std::string name = pair.substr(0, eq), value = pair.substr(eq + 1);
    if (line.find("Max-Age=0") != std::string::npos) cookies_.erase(name);
    else cookies_[name] = value;
  }
  auto pos = r.body.find("name=\"csrf\" value=\"");
  if (pos != std::string::npos) {
    pos += 19;
    csrf_ = r.body.substr(pos, r.body.find('"', pos) - pos);
  }
}

WireResponse BrowserClient::Get(const std::string& target, const std::string& extra_headers) {
  auto r = server_.Request("GET", target, CookieHeader() + extra_headers);
  Remember(r);
  return r;
}

WireResponse BrowserClient::Post(const std::string& target, const std::string& fields, bool with_csrf,
                                 const std::string& extra_headers) {
  std::string body = fields;
  if (with_csrf) body += (body.empty() ? "" : "&") + std::string("csrf=") + FormEncode(csrf_);
  const bool own_origin = extra_headers.find("Origin:") == std::string::npos;
  std::string headers = CookieHeader() + (own_origin ? "Origin: http://localhost\r\n" : "") +
                        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\n" + extra_headers;
  std::string req = "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers + "\r\n" + body;
  auto r = ParseResponse(server_.SendRaw(req));
  Remember(r);
  return r;
}

WireResponse BrowserClient::PostMultipart(const std::string& target, const std::vector<Part>& parts, bool with_csrf) {
  const std::string boundary = "----BuurtpleinTestBoundary7MA4YWxkTrZu0gW";
  std::string body;
  auto add = [&](const Part& p) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
    if (!p.filename.empty() || !p.content_type.empty()) body += "; filename=\"" + p.filename + "\"";
    body += "\r\n";
    if (!p.content_type.empty()) body += "Content-Type: " + p.content_type + "\r\n";
    body += "\r\n" + p.value + "\r\n";
  };
  if (with_csrf) add({"csrf", csrf_, "", ""});
  for (const auto& p : parts) add(p);
  body += "--" + boundary + "--\r\n";
  std::string req = "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + CookieHeader() +
                    "Origin: http://localhost\r\nContent-Type: multipart/form-data; boundary=" + boundary +
                    "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  auto r = ParseResponse(server_.SendRaw(req));
  Remember(r);
  return r;
}

WireResponse BrowserClient::Submit(const std::string& form_page, const std::string& action,
                                   const std::string& fields) {
  Get(form_page);
  return Post(action, fields);
}

std::string BrowserClient::Cookie(const std::string& name) const {
  auto it = cookies_.find(name);
  return it == cookies_.end() ? "" : it->second;
}

std::string FormEncode(const std::string& value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out.push_back(static_cast<char>(c));
    else if (c == ' ') out.push_back('+');
    else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string DecodeQuotedPrintable(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '=' && i + 2 < text.size() + 1) {
      if (text.compare(i, 3, "=\r\n") == 0) {
        i += 2;
        continue;
      }
      if (i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
          std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
        out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

std::string FindLink(const std::string& text, const std::string& prefix) {
  auto pos = text.find(prefix);
  if (pos == std::string::npos) return "";
  auto end = text.find_first_of(" \r\n\t", pos);
  return text.substr(pos, end - pos);
}

}  // namespace buurtplein::testing
