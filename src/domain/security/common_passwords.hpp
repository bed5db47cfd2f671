#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>

namespace buurtplein::domain::security {

/// The list of passwords too common to allow (data/passwords/common-passwords.txt), held in
/// memory, compared case-insensitively (ASCII letters). Immutable once built, so one instance
/// can be shared by every thread.
class CommonPasswords {
 public:
  /// An empty list (nothing is common).
  CommonPasswords() = default;

  /// Reads a file with one password per line ('\n' or "\r\n"; empty lines are skipped).
  /// Throws std::runtime_error naming the file when it cannot be read (a start-up failure).
  static CommonPasswords LoadFile(const std::filesystem::path& path);

  /// Builds the list from text with one password per line, as LoadFile reads it.
  static CommonPasswords FromText(std::string_view text);

  /// True when `password` is on the list, ignoring the case of ASCII letters.
  bool Contains(std::string_view password) const;

  /// Number of distinct (lower-cased) entries.
  std::size_t size() const { return passwords_.size(); }

 private:
  std::unordered_set<std::string> passwords_;
};

}  // namespace buurtplein::domain::security
