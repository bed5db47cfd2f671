#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace buurtplein::view {

/// One entry of an Atom feed (RFC 4287). Text fields are plain text; `content_html` is HTML
/// (already safe: rendered Markdown) and is sent escaped as type="html".
struct AtomEntry {
  std::string id;            ///< a permanent IRI: the entry's absolute page URL
  std::string title;
  std::string link;          ///< absolute URL of the entry's page
  std::string author_name;   ///< display name only
  std::int64_t published = 0;  ///< Unix seconds
  std::int64_t updated = 0;    ///< Unix seconds
  std::string summary;       ///< plain text; left out when empty
  std::string content_html;  ///< left out when empty
  std::string category;      ///< e.g. the site's name in a city feed; left out when empty
};

/// An Atom feed document.
struct AtomFeed {
  std::string lang;        ///< xml:lang, "nl" or "en"
  std::string id;          ///< a permanent IRI: the feed's own absolute URL
  std::string title;
  std::string subtitle;    ///< left out when empty
  std::string self_url;    ///< absolute URL of this feed (rel="self")
  std::string html_url;    ///< absolute URL of the page it mirrors (rel="alternate")
  std::string author_name; ///< the feed's author (the site or city), used for entries without one
  std::int64_t updated = 0;  ///< Unix seconds; the newest entry's update time, or a fixed time
  std::vector<AtomEntry> entries;
};

/// The feed as an XML document in UTF-8. Text is XML-escaped and characters XML 1.0 does not
/// allow (control characters, invalid UTF-8) are dropped.
std::string WriteAtom(const AtomFeed& feed);

/// Escapes text for XML element content and attribute values, dropping what XML 1.0 forbids.
std::string XmlEscape(std::string_view text);

/// A time as RFC 3339 in UTC: "2026-11-29T13:05:00Z" (Atom dates, JSON API dates).
std::string Rfc3339Utc(std::int64_t unix_seconds);

}  // namespace buurtplein::view
