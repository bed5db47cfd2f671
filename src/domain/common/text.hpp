#pragma once
#include <string>
#include <string_view>

namespace buurtplein::domain {

/// A URL slug from a Dutch name: "'s-Hertogenbosch" → "s-hertogenbosch", "Nijmegen-Oost" →
/// "nijmegen-oost". Accented Latin letters lose their accent; other characters become '-'.
std::string Slugify(std::string_view name);

/// True for a valid slug: 1–64 of [a-z0-9-], not starting or ending with '-'.
bool IsSlug(std::string_view s);

/// True for a colour written as #rrggbb.
bool IsHexColour(std::string_view s);

/// `s` without leading and trailing ASCII white space.
std::string_view TrimView(std::string_view s);

/// Copies user text that is valid UTF-8 and holds no control characters (line breaks and tabs
/// are allowed when `multi_line`; "\r\n" and a lone "\r" become "\n") into `out`, counting code
/// points. False when the text is not clean: then it must be refused, not repaired.
bool CopyCleanText(std::string_view s, bool multi_line, std::string& out, std::size_t& code_points);

}  // namespace buurtplein::domain
