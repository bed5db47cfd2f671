#include "http/shell.hpp"

#include <fmt/format.h>

#include <chrono>
#include <random>
#include <unordered_map>
#include <unordered_set>

#include "domain/news/news_service.hpp"
#include "view/renderer.hpp"

namespace buurtplein::http::shell {

char Audience(const Context& ctx) {
  if (!ctx.auth) return 'a';
  const auto v = domain::news::Viewer::Of(ctx.auth->user.id, ctx.membership);
  return v.buurtverbinder ? 'b' : v.member ? 'm' : 'l';
}

std::string Key(const Context& ctx, std::string_view kind) {
  std::string key(kind);
  key.push_back(':');
  key += std::to_string(ctx.site->id.value);
  key.push_back('\0');
  key += ctx.site_url;
  key.push_back('\0');
  key += view::LangCode(ctx.lang);
  key.push_back('\0');
  key.push_back(Audience(ctx));
  key.push_back('\0');
  key += ctx.req.path;  // the layout's language links and canonical address
  return key;
}

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

const std::string& Mark(char what) {
  static const std::string nonce = [] {
    std::random_device rd;
    std::mt19937_64 gen((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
    return fmt::format("{:016x}{:016x}", gen(), gen());
  }();
  static std::unordered_map<char, std::string>* marks = [] {
    auto* m = new std::unordered_map<char, std::string>();
    for (char c = 'a'; c <= 'z'; ++c) (*m)[c] = "\x02bp" + nonce + c + "\x03";
    return m;
  }();
  return marks->at(what);
}

bool MarkViewer(nlohmann::json& data, const nlohmann::json& page_data) {
  static const std::unordered_set<std::string> kShared = {
      "lang", "is_nl", "is_en", "page_title", "home_url", "assets", "lang_nl_url", "lang_en_url",
      "needs_map", "city", "og", "alternates", "site"};
  for (const auto& [k, v] : page_data.items()) {
    if (kShared.count(k) || k == "user" || k == "csrf" || k == "messages_link") continue;
    return false;
  }
  if (page_data.contains("user")) {
    const auto& user = page_data["user"];
    if (user.size() != 2 || !user.contains("display_name") || !user.contains("account_url")) return false;
  }
  // The messages link is there for every member (the audience), its unread count is not.
  if (page_data.contains("messages_link")) {
    const auto& link = page_data["messages_link"];
    if (link.size() != 2 || !link.contains("url") || !link.contains("unread_html")) return false;
  }
  if (page_data.contains("user")) data["user"]["display_name"] = Mark('n');
  if (data.contains("csrf")) data["csrf"] = Mark('c');
  if (page_data.contains("messages_link")) data["messages_link"]["unread_html"] = Mark('u');
  return true;
}

void Cut(Fragment& f, const std::string& page, const std::string& holes) {
  f.page_parts.clear();
  f.page_holes.clear();
  std::size_t pos = 0;
  for (;;) {
    std::size_t at = std::string::npos;
    char hole = 0;
    for (const char h : holes) {
      const std::size_t found = page.find(Mark(h), pos);
      if (found < at) at = found, hole = h;
    }
    f.page_parts.push_back(page.substr(pos, at == std::string::npos ? std::string::npos : at - pos));
    if (at == std::string::npos) break;
    f.page_holes.push_back(hole);
    pos = at + Mark(hole).size();
  }
}

std::string Replace(const std::string& piece, char hole, const std::string& with) {
  const std::string& mark = Mark(hole);
  std::string out;
  out.reserve(piece.size() + with.size());
  std::size_t pos = 0;
  for (std::size_t at; (at = piece.find(mark, pos)) != std::string::npos; pos = at + mark.size()) {
    out.append(piece, pos, at - pos);
    out += with;
  }
  out.append(piece, pos, std::string::npos);
  return out;
}

std::string Join(Context& ctx, const Fragment& f, const std::function<std::string(char)>& extra) {
  std::string name, csrf, unread;
  if (ctx.auth) {
    name = view::TemplateEscape(ctx.auth->user.display_name);
    csrf = view::TemplateEscape(ctx.CsrfToken());
    unread = ctx.UnreadBadgeHtml().value_or("");
  }
  std::string body;
  std::size_t size = 0;
  for (const auto& p : f.page_parts) size += p.size();
  body.reserve(size + f.page_holes.size() * 64);
  for (std::size_t i = 0; i < f.page_parts.size(); ++i) {
    body += f.page_parts[i];
    if (i >= f.page_holes.size()) continue;
    const char h = f.page_holes[i];
    if (h == 'n') body += name;
    else if (h == 'c') body += csrf;
    else if (h == 'u') body += unread;
    else if (extra) body += extra(h);
  }
  return body;
}

}  // namespace buurtplein::http::shell
