#pragma once
#include <cstdint>
#include <string>

#include "view/i18n.hpp"

namespace buurtplein::view {

/// The offset of Europe/Amsterdam from UTC at `unix_seconds`, in seconds: +3600 (CET) or
/// +7200 (CEST, from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC).
int AmsterdamOffset(std::int64_t unix_seconds);

/// A date as people write it, in Amsterdam time: "29 november 2026" (nl), "29 November 2026" (en).
std::string FormatDate(std::int64_t unix_seconds, Lang lang);
/// Date and time: "29 november 2026, 14:05" (nl), "29 November 2026, 14:05" (en).
std::string FormatDateTime(std::int64_t unix_seconds, Lang lang);
/// For datetime attributes and form fields: "2026-11-29T14:05" in Amsterdam time.
std::string LocalIso(std::int64_t unix_seconds);
/// Parses "YYYY-MM-DDTHH:MM" (or with ":SS") as Amsterdam time; false when malformed.
bool ParseLocalIso(const std::string& text, std::int64_t& unix_seconds);

}  // namespace buurtplein::view
