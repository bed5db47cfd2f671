#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/accounts/policy.hpp"
#include "domain/common/app_error.hpp"
#include "http/message.hpp"

namespace buurtplein::http {

struct Context;
using Handler = std::function<domain::Result<Response>(Context&)>;

/// Which tenant a route needs resolved before its handler runs.
enum class Scope { kPlatform, kCity, kSite };

/// One line of the route table.
struct Route {
  Method method;
  std::string pattern;  ///< "/{city}/{site}/", "/static/{*path}"
  std::string name;     ///< for logs and metrics, e.g. "site.home"
  Handler handler;
  std::size_t body_limit = 16 * 1024;  ///< larger bodies get 413 before they are read
  Scope scope = Scope::kPlatform;
  /// Who may use it; asked of the one policy (domain/accounts/policy) before the handler runs.
  domain::accounts::Access access = domain::accounts::Access::kUnset;
  std::vector<std::string> segments;   ///< the pattern split at '/'
};

/// Path parameters of the matched route, in pattern order.
using Params = std::vector<std::pair<std::string_view, std::string>>;

/// The route table: method + path with {parameters}, matched segment by segment.
class Router {
 public:
  void Add(Route route);
  struct Match {
    const Route* route = nullptr;  ///< null when nothing matched
    Params params;
    std::string allow;  ///< when the path matched only other methods: "GET, HEAD"
  };
  /// Finds the route for `method` and `path`. HEAD matches GET routes.
  Match Find(Method method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  static bool MatchPath(const Route& r, const std::vector<std::string_view>& segs, Params* params);
  std::vector<Route> routes_;
};

/// Splits "/a/b/" into {"a", "b", ""}: a trailing slash is a segment of its own.
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace buurtplein::http
