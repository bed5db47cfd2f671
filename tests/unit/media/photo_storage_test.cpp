#include "media/photo_storage.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "domain/security/init.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::media {
namespace {

using domain::profiles::PhotoSize;

TEST(FilePhotoStorageTest, SavesUnderRandomKeysAndReadsOnlyWellFormedOnes) {
  domain::security::Init();
  testing::TempDir dir;
  FilePhotoStorage storage(dir.path() + "/uploads/photos");
  domain::profiles::ProcessedPhoto photo{"large bytes", "small bytes", 512, 384};
  auto a = storage.Save(photo);
  auto b = storage.Save(photo);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(FilePhotoStorage::IsKey(*a));
  EXPECT_NE(*a, *b);
  EXPECT_EQ(storage.Read(*a, PhotoSize::kLarge), "large bytes");
  EXPECT_EQ(storage.Read(*a, PhotoSize::kSmall), "small bytes");
  EXPECT_TRUE(std::filesystem::exists(dir.path() + "/uploads/photos/" + a->substr(0, 2) + "/" + *a + ".jpg"));

  for (const std::string bad : {"", "../../etc/passwd", "0123456789ABCDEF0123456789ABCDEF",
                                "0123456789abcdef0123456789abcde", "/tmp/x", "0123456789abcdef0123456789abcdef/"}) {
    EXPECT_FALSE(storage.Read(bad, PhotoSize::kLarge)) << bad;
  }
  EXPECT_FALSE(storage.Read("0123456789abcdef0123456789abcdef", PhotoSize::kLarge)) << "well-formed, unknown";

  storage.Remove(*a);
  EXPECT_FALSE(storage.Read(*a, PhotoSize::kLarge));
  EXPECT_FALSE(storage.Read(*a, PhotoSize::kSmall));
  EXPECT_EQ(storage.Read(*b, PhotoSize::kLarge), "large bytes") << "only that photo went";
  storage.Remove("../../etc/passwd");  // ignored
}

}  // namespace
}  // namespace buurtplein::media
