#pragma once
#include <string>
#include <string_view>

namespace buurtplein::http {

/// gzip-compresses `data` (level 6).
std::string Gzip(std::string_view data);
/// True when the Accept-Encoding header accepts gzip (and does not refuse it with q=0).
bool AcceptsGzip(std::string_view accept_encoding);
/// True for content types worth compressing: text, JSON, JavaScript, SVG, XML.
bool IsCompressible(std::string_view content_type);

}  // namespace buurtplein::http
