#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace buurtplein::testing {

/// Checks JSON against the JSON Schema subset our OpenAPI 3.1 document uses: $ref (to
/// "#/components/schemas/…"), type (one or a list, "integer" apart from "number", "null"),
/// properties, required, additionalProperties (false), items, enum, minimum, maximum, format
/// (date-time as RFC 3339 in UTC; uri as absolute http(s)), oneOf. Any other keyword makes the
/// check fail, so the validator cannot silently accept what it does not understand.
class ApiSchema {
 public:
  /// `document`: the whole OpenAPI document (for $ref).
  explicit ApiSchema(nlohmann::json document) : doc_(std::move(document)) {}

  /// The problems found in `value` against `schema` ("$.items[0].title: expected string");
  /// empty when it conforms.
  std::vector<std::string> Validate(const nlohmann::json& value, const nlohmann::json& schema) const;
  /// The same against the response schema of `path` (as in the document, "/cities/{city}"),
  /// GET, `status` and application/json.
  std::vector<std::string> ValidateResponse(const nlohmann::json& value, const std::string& path, int status) const;

  const nlohmann::json& document() const { return doc_; }

 private:
  void Check(const nlohmann::json& value, const nlohmann::json& schema, const std::string& where,
             std::vector<std::string>& problems, int depth) const;
  const nlohmann::json& Resolve(const nlohmann::json& schema) const;

  nlohmann::json doc_;
};

/// Joins problems for a test message.
std::string Describe(const std::vector<std::string>& problems);

}  // namespace buurtplein::testing
