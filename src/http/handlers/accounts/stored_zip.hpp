#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace buurtplein::http::handlers::accounts {

/// One file in a ZIP archive.
struct ZipEntry {
  std::string name;  ///< ASCII path inside the archive, e.g. "data.json"
  std::string data;
};

/// A ZIP archive (PKWARE APPNOTE 6.3) with the files stored, not compressed: for "download my
/// data", whose JSON is small and whose photo is JPEG already. Every unzip tool reads it.
/// `dos_time`/`dos_date` are the MS-DOS modification time and date of every entry.
std::string StoredZip(const std::vector<ZipEntry>& entries, unsigned dos_time = 0, unsigned dos_date = (1 << 5) | 1);

/// The MS-DOS date and time (local fields, here UTC) of a Unix time, as ZIP stores them.
void DosDateTime(long long unix_seconds, unsigned& dos_time, unsigned& dos_date);

}  // namespace buurtplein::http::handlers::accounts
