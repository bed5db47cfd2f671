#include "testlib/zip_reader.hpp"

#include <cstdint>
#include <stdexcept>

namespace buurtplein::testing {

namespace {

std::uint32_t Get(std::string_view z, std::size_t at, int bytes) {
  if (at + static_cast<std::size_t>(bytes) > z.size()) throw std::runtime_error("zip: truncated");
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(z[at + static_cast<std::size_t>(i)]);
  return v;
}

// CRC-32 (IEEE), bit by bit: independent of the zlib the writer uses.
std::uint32_t Crc32(std::string_view data) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

}  // namespace

std::map<std::string, std::string> ReadStoredZip(std::string_view z) {
  if (z.size() < 22) throw std::runtime_error("zip: too short");
  const std::size_t end = z.size() - 22;  // no archive comment
  if (Get(z, end, 4) != 0x06054b50) throw std::runtime_error("zip: no end of central directory");
  const std::uint32_t count = Get(z, end + 10, 2);
  std::size_t at = Get(z, end + 16, 4);
  std::map<std::string, std::string> out;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (Get(z, at, 4) != 0x02014b50) throw std::runtime_error("zip: bad central directory entry");
    if (Get(z, at + 10, 2) != 0) throw std::runtime_error("zip: entry is compressed");
    const std::uint32_t crc = Get(z, at + 16, 4);
    const std::uint32_t size = Get(z, at + 20, 4);
    const std::uint32_t name_len = Get(z, at + 28, 2);
    const std::uint32_t extra_len = Get(z, at + 30, 2);
    const std::uint32_t comment_len = Get(z, at + 32, 2);
    const std::uint32_t local = Get(z, at + 42, 4);
    const std::string name(z.substr(at + 46, name_len));
    if (Get(z, local, 4) != 0x04034b50) throw std::runtime_error("zip: bad local header");
    if (Get(z, local + 14, 4) != crc || Get(z, local + 22, 4) != size) throw std::runtime_error("zip: headers differ");
    const std::size_t data_at = local + 30 + Get(z, local + 26, 2) + Get(z, local + 28, 2);
    if (data_at + size > z.size()) throw std::runtime_error("zip: truncated data");
    std::string data(z.substr(data_at, size));
    if (Crc32(data) != crc) throw std::runtime_error("zip: CRC of " + name + " is wrong");
    out.emplace(name, std::move(data));
    at += 46 + name_len + extra_len + comment_len;
  }
  return out;
}

}  // namespace buurtplein::testing
