#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "http/context.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace buurtplein::http {

/// The HTTP application: the route table, the tenant and language middleware, the error
/// mapping and the response headers, in one place. Knows nothing of sockets; the server in
/// src/server calls it.
class App {
 public:
  explicit App(Services services);

  /// Splits and decodes the request target into path and query. False: answer 400.
  static bool ParseTarget(Request& req);
  /// The largest body the route for this request accepts (checked before the body is read);
  /// nullopt when no route matches, so the body is never needed.
  std::optional<std::size_t> BodyLimit(const Request& req) const;
  /// Answers from memory when possible (static files, cached anonymous pages). Cheap and
  /// non-blocking: runs on the I/O thread.
  std::optional<Response> TryFast(const Request& req);
  /// Routes and runs the handler. May block on the database: runs on a worker thread.
  Response Handle(const Request& req);
  /// An error page for failures the server detects itself (400, 408, 413, 431, 503).
  Response ErrorPage(const Request& req, int status);
  /// Logs the request once and records metrics.
  void Complete(const Request& req, const Response& resp, double seconds);

  const Router& router() const { return router_; }
  Services& services() { return services_; }

 private:
  Response Dispatch(Context& ctx, const Router::Match& match);
  /// Authenticates, asks the policy and checks CSRF; a response when the request is refused.
  std::optional<Response> Guard(Context& ctx, const Route& route);
  Response RenderError(const Request& req, view::Lang lang, int status, const std::string& message,
                       const domain::sites::City* city, const std::string& internal_detail);
  void Finalize(const Request& req, Response& resp) const;
  view::Lang ChooseLang(const Request& req) const;

  Services services_;
  Router router_;
  std::string csp_;
  std::string embeddable_csp_;  // csp_ with frame-ancestors *
};

/// Registers every route of the product. The one route table: src/http/routes.cpp.
void AddRoutes(Router& router);

/// True when the request carries a session cookie (a logged-in user).
bool HasSession(const Request& req);

/// The HTTP status for an error code.
int StatusFor(domain::ErrorCode code);

}  // namespace buurtplein::http
