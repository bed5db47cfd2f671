#include "view/i18n.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace buurtplein::view {

std::string_view LangCode(Lang lang) { return lang == Lang::kEn ? "en" : "nl"; }

bool ParseLang(std::string_view code, Lang& out) {
  if (code == "nl") {
    out = Lang::kNl;
    return true;
  }
  if (code == "en") {
    out = Lang::kEn;
    return true;
  }
  return false;
}

Lang NegotiateLang(std::string_view header) {
  // Picks the supported language with the highest q; ties go to the first listed.
  double best_q = -1;
  Lang best = Lang::kNl;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semi = item.find(';');
    std::string_view tag = item.substr(0, semi);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    double q = 1.0;
    if (semi != std::string_view::npos) {
      auto qpos = item.find("q=", semi);
      if (qpos != std::string_view::npos) {
        try {
          q = std::stod(std::string(item.substr(qpos + 2)));
        } catch (...) {
          q = 0;
        }
      }
    }
    std::string primary(tag.substr(0, tag.find('-')));
    std::transform(primary.begin(), primary.end(), primary.begin(), [](unsigned char c) { return std::tolower(c); });
    Lang lang;
    if (ParseLang(primary, lang) && q > best_q && q > 0) {
      best_q = q;
      best = lang;
    }
  }
  return best;
}

namespace {

// Decodes one PO string literal "…" with C escapes, appending to `out`.
bool AppendPoString(std::string_view line, std::string& out) {
  auto first = line.find('"');
  auto last = line.rfind('"');
  if (first == std::string_view::npos || last == first) return false;
  for (std::size_t i = first + 1; i < last; ++i) {
    char c = line[i];
    if (c == '\\' && i + 1 < last) {
      char n = line[++i];
      switch (n) {
        case 'n': out.push_back('\n'); break;
        case 't': out.push_back('\t'); break;
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        default: out.push_back(n);
      }
    } else {
      out.push_back(c);
    }
  }
  return true;
}

}  // namespace

std::unordered_map<std::string, std::string> Catalogs::ParsePo(std::string_view text) {
  std::unordered_map<std::string, std::string> out;
  std::string msgid, msgstr;
  enum { kNone, kId, kStr } state = kNone;
  bool fuzzy = false;
  auto flush = [&] {
    if (state == kStr && !msgid.empty() && !msgstr.empty() && !fuzzy) out[msgid] = msgstr;
    msgid.clear();
    msgstr.clear();
    state = kNone;
    fuzzy = false;
  };
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("#,", 0) == 0) {
      if (state == kStr) flush();
      if (line.find("fuzzy") != std::string::npos) fuzzy = true;
      continue;
    }
    if (line.empty() || line[0] == '#') {
      if (state == kStr) flush();
      continue;
    }
    if (line.rfind("msgid ", 0) == 0) {
      if (state == kStr) flush();
      state = kId;
      AppendPoString(line, msgid);
    } else if (line.rfind("msgstr ", 0) == 0) {
      state = kStr;
      AppendPoString(line, msgstr);
    } else if (line[0] == '"') {
      AppendPoString(line, state == kId ? msgid : msgstr);
    }
  }
  flush();
  return out;
}

void Catalogs::Load(const std::string& po_dir) {
  std::ifstream in(po_dir + "/nl.po");
  if (!in) throw std::runtime_error("The translation catalog " + po_dir + "/nl.po cannot be read.");
  std::stringstream ss;
  ss << in.rdbuf();
  nl_ = ParsePo(ss.str());
}

std::string Catalogs::Translate(Lang lang, const std::string& msgid) const {
  if (lang == Lang::kNl) {
    auto it = nl_.find(msgid);
    if (it != nl_.end()) return it->second;
  }
  return msgid;
}

}  // namespace buurtplein::view
