#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/common/app_error.hpp"

namespace buurtplein::http {

/// One part of a multipart/form-data body. `body` points into the request body.
struct MultipartPart {
  std::string name;          ///< the form field's name
  std::string filename;      ///< as the browser sent it; never used to name anything we store
  bool is_file = false;      ///< a filename parameter was present (even empty: "no file chosen")
  std::string content_type;  ///< as declared by the browser (not trusted); "" when absent
  std::string_view body;
};

/// Bounds on what ParseMultipart accepts.
struct MultipartLimits {
  std::size_t max_parts = 16;
  std::size_t max_header_bytes = 2048;     ///< per part, the header block
  std::size_t max_field_bytes = 96 * 1024;  ///< a part without a filename (a news text: 20,000 characters)
  std::size_t max_file_bytes = 10 * 1024 * 1024;
};

/// The boundary of a multipart/form-data Content-Type ("multipart/form-data; boundary=xyz",
/// quoted or not); nullopt when the type is another one or the boundary is missing or invalid
/// (RFC 2046: 1–70 characters of a restricted set).
std::optional<std::string> MultipartBoundary(std::string_view content_type);

/// Parses a multipart/form-data body (RFC 7578). A pure function over its input, safe for any
/// bytes: malformed or truncated input is kBadRequest, a part or part count over the limits
/// kPayloadTooLarge. Never throws for bad input.
domain::Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                          const MultipartLimits& limits = {});

/// The first part named `name`, or null.
const MultipartPart* FindPart(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace buurtplein::http
