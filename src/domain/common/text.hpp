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

}  // namespace buurtplein::domain
