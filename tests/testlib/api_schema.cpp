#include "testlib/api_schema.hpp"

#include <regex>
#include <set>
#include <stdexcept>

namespace buurtplein::testing {

namespace {

bool HasType(const nlohmann::json& v, const std::string& type) {
  if (type == "null") return v.is_null();
  if (type == "boolean") return v.is_boolean();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  if (type == "string") return v.is_string();
  if (type == "array") return v.is_array();
  if (type == "object") return v.is_object();
  throw std::runtime_error("unknown type in schema: " + type);
}

bool IsDateTime(const std::string& s) {
  static const std::regex kRfc3339(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$)");
  return std::regex_match(s, kRfc3339);
}

bool IsUri(const std::string& s) {
  static const std::regex kUri(R"(^https?://[^\s/?#]+(/[^\s]*)?$)");
  return std::regex_match(s, kUri);
}

const std::set<std::string>& Known() {
  static const std::set<std::string> kKnown = {"$ref",     "type",    "properties", "required", "additionalProperties",
                                               "items",    "enum",    "minimum",    "maximum",  "format",
                                               "oneOf",    "description", "default", "example"};
  return kKnown;
}

}  // namespace

const nlohmann::json& ApiSchema::Resolve(const nlohmann::json& schema) const {
  if (!schema.contains("$ref")) return schema;
  const std::string ref = schema["$ref"];
  const std::string prefix = "#/components/schemas/";
  if (ref.rfind(prefix, 0) != 0) throw std::runtime_error("unsupported $ref: " + ref);
  const auto& schemas = doc_.at("components").at("schemas");
  const std::string name = ref.substr(prefix.size());
  if (!schemas.contains(name)) throw std::runtime_error("dangling $ref: " + ref);
  return Resolve(schemas[name]);
}

void ApiSchema::Check(const nlohmann::json& value, const nlohmann::json& raw_schema, const std::string& where,
                      std::vector<std::string>& problems, int depth) const {
  if (depth > 32) throw std::runtime_error("schema nests too deep at " + where);
  const nlohmann::json& schema = Resolve(raw_schema);
  for (const auto& [key, _] : schema.items()) {
    if (!Known().count(key)) problems.push_back(where + ": the validator does not know schema keyword " + key);
  }
  if (schema.contains("oneOf")) {
    int matches = 0;
    for (const auto& alt : schema["oneOf"]) {
      std::vector<std::string> p;
      Check(value, alt, where, p, depth + 1);
      if (p.empty()) ++matches;
    }
    if (matches != 1) problems.push_back(where + ": matches " + std::to_string(matches) + " of oneOf, not 1");
  }
  if (schema.contains("type")) {
    bool ok = false;
    if (schema["type"].is_array()) {
      for (const auto& t : schema["type"]) ok = ok || HasType(value, t.get<std::string>());
    } else {
      ok = HasType(value, schema["type"].get<std::string>());
    }
    if (!ok) {
      problems.push_back(where + ": expected " + schema["type"].dump() + ", got " + value.dump().substr(0, 80));
      return;
    }
  }
  if (schema.contains("enum")) {
    bool found = false;
    for (const auto& e : schema["enum"]) found = found || e == value;
    if (!found) problems.push_back(where + ": " + value.dump() + " is not one of " + schema["enum"].dump());
  }
  if (value.is_number()) {
    if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>()) {
      problems.push_back(where + ": below the minimum " + schema["minimum"].dump());
    }
    if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>()) {
      problems.push_back(where + ": above the maximum " + schema["maximum"].dump());
    }
  }
  if (value.is_string() && schema.contains("format")) {
    const std::string format = schema["format"];
    const std::string s = value.get<std::string>();
    if (format == "date-time" && !IsDateTime(s)) problems.push_back(where + ": not an RFC 3339 date-time: " + s);
    if (format == "uri" && !IsUri(s)) problems.push_back(where + ": not an absolute http(s) URI: " + s);
    if (format != "date-time" && format != "uri") problems.push_back(where + ": unknown format " + format);
  }
  if (value.is_object()) {
    if (schema.contains("required")) {
      for (const auto& name : schema["required"]) {
        if (!value.contains(name.get<std::string>())) problems.push_back(where + ": missing " + name.get<std::string>());
      }
    }
    const nlohmann::json no_properties = nlohmann::json::object();
    const auto& props = schema.contains("properties") ? schema["properties"] : no_properties;
    for (const auto& [name, v] : value.items()) {
      if (props.contains(name)) {
        Check(v, props[name], where + "." + name, problems, depth + 1);
      } else if (schema.contains("additionalProperties") && schema["additionalProperties"] == false) {
        problems.push_back(where + ": property " + name + " is not in the schema");
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      Check(value[i], schema["items"], where + "[" + std::to_string(i) + "]", problems, depth + 1);
    }
  }
}

std::vector<std::string> ApiSchema::Validate(const nlohmann::json& value, const nlohmann::json& schema) const {
  std::vector<std::string> problems;
  Check(value, schema, "$", problems, 0);
  return problems;
}

std::vector<std::string> ApiSchema::ValidateResponse(const nlohmann::json& value, const std::string& path,
                                                     int status) const {
  const auto& paths = doc_.at("paths");
  if (!paths.contains(path)) return {"the document has no path " + path};
  const auto& responses = paths[path].at("get").at("responses");
  const std::string code = std::to_string(status);
  if (!responses.contains(code)) return {"the document has no " + code + " response for " + path};
  const auto& schema = responses[code].at("content").at("application/json").at("schema");
  return Validate(value, schema);
}

std::string Describe(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& p : problems) out += p + "\n";
  return out;
}

}  // namespace buurtplein::testing
