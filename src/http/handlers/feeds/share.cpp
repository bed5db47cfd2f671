#include "http/handlers/feeds/share.hpp"

namespace buurtplein::http::handlers::feeds {

namespace {

std::string Encoded(std::string_view s) {
  std::string out;
  PercentEncode(s, out);
  return out;
}

}  // namespace

nlohmann::json ShareLinks(const Context& /*ctx*/, const std::string& title, const std::string& absolute_url) {
  return {{"url", absolute_url},
          {"mailto_url", "mailto:?subject=" + Encoded(title) + "&body=" + Encoded(title + "\n" + absolute_url)},
          {"whatsapp_url", "https://wa.me/?text=" + Encoded(title + " " + absolute_url)}};
}

}  // namespace buurtplein::http::handlers::feeds
