#include "view/renderer.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <kainjow/mustache.hpp>

namespace buurtplein::view {

namespace mustache = kainjow::mustache;

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string TemplateEscape(const std::string& s) { return mustache::html_escape<std::string>(s); }

namespace {

std::atomic<std::uint64_t> next_renderer_id{1};

// Replaces every [[msgid]] by its escaped translation.
std::string Translate(const std::string& text, const Catalogs& catalogs, Lang lang, const std::string& name) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (true) {
    auto open = text.find("[[", pos);
    if (open == std::string::npos) break;
    auto close = text.find("]]", open + 2);
    if (close == std::string::npos) {
      throw std::runtime_error("Template " + name + " has an unclosed [[ translation marker.");
    }
    out.append(text, pos, open - pos);
    const std::string msgid = text.substr(open + 2, close - open - 2);
    if (msgid.find("{{") != std::string::npos) {
      throw std::runtime_error("Template " + name + " has a mustache tag inside [[" + msgid + "]].");
    }
    out += HtmlEscape(catalogs.Translate(lang, msgid));
    pos = close + 2;
  }
  out.append(text, pos, std::string::npos);
  return out;
}

// Appends to a list without kainjow's push_back, which copies the element (and so every level
// below it). The list is a non-const object owned by `list`, so the cast is sound.
void Append(mustache::data& list, mustache::data&& item) {
  const_cast<mustache::basic_list<std::string>&>(list.list_value()).push_back(std::move(item));
}

// nlohmann::json → mustache data in one pass: nested values are moved into place (kainjow's
// set() and push_back() copy them, which copied each level again for every level above it),
// and strings are moved out of `j` when the caller gives it up (Own = true).
template <bool Own, typename Json>
mustache::data ToDataImpl(Json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data d{mustache::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) d[it.key()] = ToDataImpl<Own>(it.value());
      return d;
    }
    case nlohmann::json::value_t::array: {
      mustache::data d{mustache::data::type::list};
      const_cast<mustache::basic_list<std::string>&>(d.list_value()).reserve(j.size());
      for (auto& v : j) Append(d, ToDataImpl<Own>(v));
      return d;
    }
    case nlohmann::json::value_t::string: {
      mustache::data d{mustache::data::type::string};
      if constexpr (Own) {
        const_cast<std::string&>(d.string_value()) = std::move(j.template get_ref<std::string&>());
      } else {
        const_cast<std::string&>(d.string_value()) = j.template get_ref<const std::string&>();
      }
      return d;
    }
    case nlohmann::json::value_t::boolean: return mustache::data{j.template get<bool>()};
    case nlohmann::json::value_t::null: return mustache::data{false};
    default: return mustache::data{j.dump()};
  }
}

mustache::data ToData(const nlohmann::json& j) { return ToDataImpl<false>(j); }
mustache::data ToData(nlohmann::json&& j) { return ToDataImpl<true>(j); }

// One compiled copy of each template per thread and renderer.
struct ThreadTemplates {
  std::unordered_map<std::string, std::unique_ptr<mustache::mustache>> by_key;
};
thread_local std::unordered_map<std::uint64_t, ThreadTemplates> thread_templates;

}  // namespace

Renderer::Renderer(const std::string& templates_dir, const Catalogs& catalogs)
    : catalogs_(catalogs), id_(next_renderer_id++) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(templates_dir)) {
    throw std::runtime_error("The templates directory " + templates_dir + " does not exist.");
  }
  for (const auto& entry : fs::recursive_directory_iterator(templates_dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
    std::string name = fs::relative(entry.path(), templates_dir).replace_extension().generic_string();
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    for (Lang lang : kLangs) {
      std::string text = Translate(ss.str(), catalogs_, lang, name);
      mustache::mustache check{text};
      if (!check.is_valid()) {
        throw std::runtime_error("Template " + name + " does not parse: " + check.error_message());
      }
      sources_[static_cast<int>(lang)][name] = std::move(text);
    }
  }
}

Renderer::~Renderer() = default;

mustache::mustache& Renderer::Template(const std::string& name, Lang lang) const {
  auto& mine = thread_templates[id_].by_key;
  std::string key = name;
  key.push_back('\0');
  key.append(LangCode(lang));
  auto it = mine.find(key);
  if (it == mine.end()) {
    const auto& sources = sources_[static_cast<int>(lang)];
    auto src = sources.find(name);
    if (src == sources.end()) throw std::runtime_error("No template named " + name);
    it = mine.emplace(std::move(key), std::make_unique<mustache::mustache>(src->second)).first;
  }
  return *it->second;
}

std::string Renderer::RenderData(const std::string& name, Lang lang, const mustache::data& data) const {
  auto& tpl = Template(name, lang);
  std::string out = tpl.render(data);
  if (!tpl.is_valid()) throw std::runtime_error("Template " + name + ": " + tpl.error_message());
  return out;
}

std::string Renderer::Render(const std::string& name, Lang lang, const nlohmann::json& data) const {
  return RenderData(name, lang, ToData(data));
}

std::string Renderer::RenderPage(const std::string& page, Lang lang, nlohmann::json data) const {
  // One conversion serves both templates: the layout sees the page's data plus "body".
  mustache::data d = ToData(std::move(data));
  std::string body = RenderData(page, lang, d);
  mustache::data b{mustache::data::type::string};
  const_cast<std::string&>(b.string_value()) = std::move(body);
  d["body"] = std::move(b);
  return RenderData("layouts/base", lang, d);
}

std::string Renderer::RenderInLayout(Lang lang, nlohmann::json data, std::string body) const {
  mustache::data d = ToData(std::move(data));
  mustache::data b{mustache::data::type::string};
  const_cast<std::string&>(b.string_value()) = std::move(body);
  d["body"] = std::move(b);
  return RenderData("layouts/base", lang, d);
}

}  // namespace buurtplein::view
