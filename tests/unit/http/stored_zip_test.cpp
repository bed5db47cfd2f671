// The stored-ZIP writer of "download my data": read back by our reader and, when the machine has
// it, checked by Info-ZIP's unzip.
#include "http/handlers/accounts/stored_zip.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "testlib/zip_reader.hpp"

namespace buurtplein::http::handlers::accounts {
namespace {

TEST(StoredZip, EntriesReadBackWithTheirBytesAndCrc) {
  std::string binary;
  for (int i = 0; i < 256; ++i) binary.push_back(static_cast<char>(i));
  const std::string zip = StoredZip({{"data.json", "{\"a\": \"ë\"}\n"}, {"profile-photo.jpg", binary}});
  const auto files = testing::ReadStoredZip(zip);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files.at("data.json"), "{\"a\": \"ë\"}\n");
  EXPECT_EQ(files.at("profile-photo.jpg"), binary);
}

TEST(StoredZip, AnEmptyArchiveIsValid) {
  EXPECT_TRUE(testing::ReadStoredZip(StoredZip({})).empty());
}

TEST(StoredZip, DosDateAndTimeOfAUnixTime) {
  unsigned t = 0, d = 0;
  DosDateTime(1'764'400'000, t, d);  // 2025-11-29 07:06:40 UTC
  EXPECT_EQ(d, static_cast<unsigned>(((2025 - 1980) << 9) | (11 << 5) | 29));
  EXPECT_EQ(t, static_cast<unsigned>((7 << 11) | (6 << 5) | (40 / 2)));
  DosDateTime(0, t, d);  // before 1980: the earliest date ZIP knows
  EXPECT_EQ(d, (1u << 5) | 1u);
}

TEST(StoredZip, UnzipAcceptsIt) {
  if (!std::filesystem::exists("/usr/bin/unzip")) GTEST_SKIP() << "no /usr/bin/unzip";
  const auto path = std::filesystem::temp_directory_path() / ("stored-zip-" + std::to_string(::getpid()) + ".zip");
  {
    std::ofstream out(path, std::ios::binary);
    out << StoredZip({{"data.json", "{}\n"}, {"profile-photo.jpg", std::string(1000, 'x')}}, 0, (45u << 9) | (11u << 5) | 29u);
  }
  const int rc = std::system(("/usr/bin/unzip -tq " + path.string() + " > /dev/null").c_str());
  std::filesystem::remove(path);
  EXPECT_EQ(rc, 0);
}

}  // namespace
}  // namespace buurtplein::http::handlers::accounts
