#include "http/gzip.hpp"

#include <zlib.h>

#include <stdexcept>

namespace buurtplein::http {

std::string Gzip(std::string_view data) {
  z_stream zs{};
  if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
  return out;
}

bool AcceptsGzip(std::string_view ae) {
  auto pos = ae.find("gzip");
  if (pos == std::string_view::npos) return false;
  auto rest = ae.substr(pos + 4);
  auto comma = rest.find(',');
  auto params = rest.substr(0, comma);
  auto q = params.find("q=");
  if (q == std::string_view::npos) return true;
  auto v = params.substr(q + 2);
  return !(v.rfind("0", 0) == 0 && v.find_first_not_of("0.") == std::string_view::npos);
}

bool IsCompressible(std::string_view ct) {
  return ct.rfind("text/", 0) == 0 || ct.find("json") != std::string_view::npos ||
         ct.find("javascript") != std::string_view::npos || ct.find("svg") != std::string_view::npos ||
         ct.find("xml") != std::string_view::npos;
}

}  // namespace buurtplein::http
