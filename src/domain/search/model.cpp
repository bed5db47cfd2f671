#include "domain/search/model.hpp"

namespace buurtplein::domain::search {

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kNews: return "news";
    case Kind::kEvent: return "event";
    case Kind::kListing: return "listing";
    case Kind::kGroup: return "group";
    case Kind::kQuestion: return "question";
    case Kind::kService: return "service";
  }
  return "news";
}

std::optional<Kind> KindFromName(std::string_view name) {
  for (Kind k : kAllKinds) {
    if (KindName(k) == name) return k;
  }
  return std::nullopt;
}

std::optional<char32_t> DecodeUtf8(std::string_view s, std::size_t& pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  int len = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    ++pos;
    return std::nullopt;
  }
  if (pos + len > s.size()) {
    ++pos;
    return std::nullopt;
  }
  for (int i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return std::nullopt;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not valid UTF-8.
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return std::nullopt;
  }
  pos += len;
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsSeparator(char32_t cp) {
  if (cp < 0x80) {
    return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
  }
  if (cp <= 0xBF) return true;                  // C1 controls, no-break space, Latin-1 punctuation
  if (cp == 0xD7 || cp == 0xF7) return true;    // × ÷
  if (cp >= 0x2000 && cp <= 0x206F) return true;  // general punctuation: – — ‘ ’ “ ” … and spaces
  if (cp >= 0x20A0 && cp <= 0x20CF) return true;  // currency symbols (€)
  if (cp >= 0x2190 && cp <= 0x2BFF) return true;  // arrows, maths, boxes, shapes, dingbats
  if (cp >= 0x3000 && cp <= 0x303F) return true;  // CJK punctuation and ideographic space
  if (cp >= 0xFE00 && cp <= 0xFE0F) return true;  // variation selectors
  if (cp == 0xFEFF || cp == 0xFFFD) return true;  // byte-order mark, replacement character
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return true;  // emoji
  return false;
}

std::vector<std::string> WithoutStopWords(const std::vector<std::string>& terms) {
  // Snowball's Dutch stop list (snowballstem.org, BSD licence), as PostgreSQL ships it in
  // tsearch_data/dutch.stop.
  static constexpr std::string_view kStop[] = {
      "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn", "is", "was",
      "op", "aan", "met", "als", "voor", "had", "er", "maar", "om", "hem", "dan", "zou", "of", "wat",
      "mijn", "men", "dit", "zo", "door", "over", "ze", "zich", "bij", "ook", "tot", "je", "mij", "uit",
      "der", "daar", "haar", "naar", "heb", "hoe", "heeft", "hebben", "deze", "u", "want", "nog", "zal",
      "me", "zij", "nu", "ge", "geen", "omdat", "iets", "worden", "toch", "al", "waren", "veel", "meer",
      "doen", "toen", "moet", "ben", "zonder", "kan", "hun", "dus", "alles", "onder", "ja", "eens", "hier",
      "wie", "werd", "altijd", "doch", "wordt", "wezen", "kunnen", "ons", "zelf", "tegen", "na", "reeds",
      "wil", "kon", "niets", "uw", "iemand", "geweest", "andere"};
  std::vector<std::string> out;
  for (const auto& t : terms) {
    std::string lower = t;
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    bool stop = false;
    for (auto w : kStop) stop = stop || w == lower;
    if (!stop) out.push_back(t);
  }
  return out.empty() ? terms : out;
}

std::vector<std::string> ParseQuery(std::string_view text) {
  if (text.size() > kMaxQueryBytes) text = text.substr(0, kMaxQueryBytes);
  std::vector<std::string> terms;
  std::string current;
  auto flush = [&] {
    if (!current.empty() && terms.size() < kMaxTerms) {
      bool seen = false;
      for (const auto& t : terms) seen = seen || t == current;
      if (!seen) terms.push_back(current);
    }
    current.clear();
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto cp = DecodeUtf8(text, pos);
    if (!cp || IsSeparator(*cp)) {
      flush();
      continue;
    }
    std::string bytes;
    AppendUtf8(bytes, *cp);
    // A word longer than kMaxTermBytes is cut (at a code point boundary).
    if (current.size() + bytes.size() <= kMaxTermBytes) current += bytes;
  }
  flush();
  return terms;
}

}  // namespace buurtplein::domain::search
