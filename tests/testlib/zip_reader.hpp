#pragma once
#include <map>
#include <string>
#include <string_view>

namespace buurtplein::testing {

/// Reads a ZIP archive whose entries are stored (not compressed) through its central directory,
/// checking each entry's local header and CRC-32. Throws std::runtime_error when malformed.
std::map<std::string, std::string> ReadStoredZip(std::string_view zip);

}  // namespace buurtplein::testing
