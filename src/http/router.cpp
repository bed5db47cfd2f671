#include "http/router.hpp"

namespace buurtplein::http {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

void Router::Add(Route route) {
  for (auto seg : SplitPath(route.pattern)) route.segments.emplace_back(seg);
  routes_.push_back(std::move(route));
}

bool Router::MatchPath(const Route& r, const std::vector<std::string_view>& segs, Params* params) {
  const auto& pat = r.segments;
  for (std::size_t i = 0; i < pat.size(); ++i) {
    const std::string& p = pat[i];
    if (p.size() > 3 && p[0] == '{' && p[1] == '*') {  // {*rest}: the rest of the path
      if (i >= segs.size() || segs[i].empty()) return false;
      std::string rest;
      for (std::size_t j = i; j < segs.size(); ++j) {
        if (j > i) rest.push_back('/');
        rest.append(segs[j]);
      }
      if (params) params->emplace_back(std::string_view(p).substr(2, p.size() - 3), std::move(rest));
      return true;
    }
    if (i >= segs.size()) return false;
    if (p.size() > 2 && p.front() == '{') {
      if (segs[i].empty()) return false;
      if (params) params->emplace_back(std::string_view(p).substr(1, p.size() - 2), std::string(segs[i]));
    } else if (p != segs[i]) {
      return false;
    }
  }
  return pat.size() == segs.size();
}

Router::Match Router::Find(Method method, std::string_view path) const {
  const auto segs = SplitPath(path);
  Match m;
  const Method want = method == Method::kHead ? Method::kGet : method;
  // Literal routes are listed before parameterised ones in the table, so the first match wins.
  for (const auto& r : routes_) {
    if (r.method != want) continue;
    if (MatchPath(r, segs, &m.params)) {
      m.route = &r;
      return m;
    }
    m.params.clear();
  }
  bool get = false, post = false;
  for (const auto& r : routes_) {
    if (!MatchPath(r, segs, nullptr)) continue;
    if (r.method == Method::kGet) get = true;
    if (r.method == Method::kPost) post = true;
  }
  if (get) m.allow = "GET, HEAD";
  if (post) m.allow += m.allow.empty() ? "POST" : ", POST";
  return m;
}

}  // namespace buurtplein::http
