#include "view/feeds.hpp"

#include <cstdio>
#include <ctime>

namespace buurtplein::view {

namespace {

// Length of the UTF-8 sequence starting at s[i] when it is valid and encodes a character XML
// 1.0 allows (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]); 0 otherwise.
std::size_t ValidXmlChar(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return (c >= 0x20 || c == 0x9 || c == 0xA || c == 0xD) && c != 0x7F ? 1 : 0;
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  // Overlong forms, surrogates, non-characters FFFE/FFFF and beyond Unicode are refused.
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return 0;
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF || cp > 0x10FFFF) return 0;
  // C1 control characters are allowed by XML 1.0 but discouraged; they have no use in news.
  if (cp >= 0x80 && cp <= 0x9F) return 0;
  return n;
}

void Element(std::string& out, std::string_view indent, std::string_view name, std::string_view text) {
  out.append(indent).append("<").append(name).append(">");
  out.append(XmlEscape(text));
  out.append("</").append(name).append(">\n");
}

void Link(std::string& out, std::string_view indent, std::string_view rel, std::string_view type,
          std::string_view href) {
  out.append(indent).append("<link rel=\"").append(rel).append("\"");
  if (!type.empty()) out.append(" type=\"").append(type).append("\"");
  out.append(" href=\"").append(XmlEscape(href)).append("\"/>\n");
}

void Author(std::string& out, std::string_view indent, std::string_view name) {
  out.append(indent).append("<author><name>").append(XmlEscape(name)).append("</name></author>\n");
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = ValidXmlChar(text, i);
    if (n == 0) {
      ++i;  // dropped
      continue;
    }
    if (n == 1) {
      switch (text[i]) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\r': out += "&#13;"; break;  // kept: a literal CR would be normalised away
        default: out.push_back(text[i]);
      }
    } else {
      out.append(text, i, n);
    }
    i += n;
  }
  return out;
}

std::string Rfc3339Utc(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[80];  // room for any int the compiler assumes, not only four-digit years
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string WriteAtom(const AtomFeed& feed) {
  std::string out;
  out.reserve(4096 + feed.entries.size() * 2048);
  out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + XmlEscape(feed.lang) + "\">\n";
  Element(out, "  ", "id", feed.id);
  Element(out, "  ", "title", feed.title);
  if (!feed.subtitle.empty()) Element(out, "  ", "subtitle", feed.subtitle);
  Element(out, "  ", "updated", Rfc3339Utc(feed.updated));
  Link(out, "  ", "self", "application/atom+xml", feed.self_url);
  Link(out, "  ", "alternate", "text/html", feed.html_url);
  Author(out, "  ", feed.author_name);
  out += "  <generator>Buurtplein</generator>\n";
  for (const auto& e : feed.entries) {
    out += "  <entry>\n";
    Element(out, "    ", "id", e.id);
    Element(out, "    ", "title", e.title);
    Link(out, "    ", "alternate", "text/html", e.link);
    Element(out, "    ", "published", Rfc3339Utc(e.published));
    Element(out, "    ", "updated", Rfc3339Utc(e.updated));
    Author(out, "    ", e.author_name.empty() ? feed.author_name : e.author_name);
    if (!e.category.empty()) out += "    <category term=\"" + XmlEscape(e.category) + "\"/>\n";
    if (!e.summary.empty()) {
      out += "    <summary type=\"text\">" + XmlEscape(e.summary) + "</summary>\n";
    }
    if (!e.content_html.empty()) {
      out += "    <content type=\"html\">" + XmlEscape(e.content_html) + "</content>\n";
    }
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace buurtplein::view
