#include "http/handlers/accounts/stored_zip.hpp"

#include <zlib.h>

#include <cstdint>
#include <ctime>

namespace buurtplein::http::handlers::accounts {

namespace {

void Put16(std::string& out, unsigned v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
}

void Put32(std::string& out, std::uint32_t v) {
  Put16(out, v & 0xFFFF);
  Put16(out, v >> 16);
}

}  // namespace

void DosDateTime(long long unix_seconds, unsigned& dos_time, unsigned& dos_date) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  const int year = tm.tm_year + 1900;
  if (year < 1980) {
    dos_time = 0;
    dos_date = (1 << 5) | 1;  // 1980-01-01
    return;
  }
  dos_time = static_cast<unsigned>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
  dos_date = static_cast<unsigned>(((year - 1980) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

std::string StoredZip(const std::vector<ZipEntry>& entries, unsigned dos_time, unsigned dos_date) {
  std::string out, central;
  for (const auto& e : entries) {
    const auto crc = static_cast<std::uint32_t>(
        crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(e.data.data()), static_cast<uInt>(e.data.size())));
    const auto size = static_cast<std::uint32_t>(e.data.size());
    const auto offset = static_cast<std::uint32_t>(out.size());
    // Local file header
    Put32(out, 0x04034b50);
    Put16(out, 20);         // version needed: 2.0
    Put16(out, 0x0800);     // flags: names are UTF-8
    Put16(out, 0);          // method: stored
    Put16(out, dos_time);
    Put16(out, dos_date);
    Put32(out, crc);
    Put32(out, size);
    Put32(out, size);
    Put16(out, static_cast<unsigned>(e.name.size()));
    Put16(out, 0);          // no extra field
    out += e.name;
    out += e.data;
    // Its entry in the central directory
    Put32(central, 0x02014b50);
    Put16(central, 0x0314);  // made by: Unix, 2.0
    Put16(central, 20);
    Put16(central, 0x0800);
    Put16(central, 0);
    Put16(central, dos_time);
    Put16(central, dos_date);
    Put32(central, crc);
    Put32(central, size);
    Put32(central, size);
    Put16(central, static_cast<unsigned>(e.name.size()));
    Put16(central, 0);       // extra
    Put16(central, 0);       // comment
    Put16(central, 0);       // disk
    Put16(central, 0);       // internal attributes
    Put32(central, 0100644u << 16);  // external attributes: a regular file, rw-r--r--
    Put32(central, offset);
    central += e.name;
  }
  const auto central_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  // End of central directory
  Put32(out, 0x06054b50);
  Put16(out, 0);
  Put16(out, 0);
  Put16(out, static_cast<unsigned>(entries.size()));
  Put16(out, static_cast<unsigned>(entries.size()));
  Put32(out, static_cast<std::uint32_t>(central.size()));
  Put32(out, central_offset);
  Put16(out, 0);
  return out;
}

}  // namespace buurtplein::http::handlers::accounts
