#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "mail/transport.hpp"

namespace buurtplein::mail {

/// Development transport (`make run`): each message becomes `<dir>/<created>-<id>.eml`, e.g.
/// var/mail/20261203T100000Z-42.eml, written to a temporary file and renamed into place, so a
/// reader never sees half a file and sending the same mail again replaces it.
class EmlDirectoryTransport final : public Transport {
 public:
  /// Creates `dir` when missing; throws std::runtime_error when that fails.
  explicit EmlDirectoryTransport(std::filesystem::path dir);
  std::optional<std::string> Send(const domain::mail::Message& message, const std::string& envelope_from,
                                  const std::string& rfc5322) override;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

/// The file name a message gets: "20261203T100000Z-42.eml".
std::string EmlFileName(const domain::mail::Message& message);

/// One .eml file, for the development page.
struct EmlFile {
  std::filesystem::path path;
  std::string file_name;
  std::int64_t outbox_id = 0;  ///< from the file name
  std::string date;            ///< headers as written, Subject/To decoded
  std::string from;
  std::string to;
  std::string subject;
  std::uintmax_t size = 0;
};

/// The newest `limit` .eml files in `dir`, newest first (by the time and id in their names);
/// empty when the directory does not exist.
std::vector<EmlFile> ListEmlFiles(const std::filesystem::path& dir, int limit);

/// The value of header `name` (case-insensitive) in a raw message, unfolded and decoded; empty when absent.
std::string HeaderValue(const std::string& rfc5322, std::string_view name);

}  // namespace buurtplein::mail
