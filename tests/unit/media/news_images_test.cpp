// News images on real libvips: the widths made (never enlarged), metadata (GPS!) stripped,
// non-images refused; the content-addressed file storage.
#include "media/news_images.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <vips/vips.h>

#include <filesystem>
#include <string>

#include "domain/news/model.hpp"
#include "media/vips_runtime.hpp"
#include "testlib/test_images.hpp"

namespace buurtplein::media {
namespace {

using domain::ErrorCode;
using domain::SiteId;
using testing::ExifWithGps;
using testing::MakeImage;
using testing::Owned;

constexpr const char* kNotAnImage = "This file is not an image we can use. Please choose a JPEG, PNG or WebP file.";

class NewsImagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { StartVips("unit_tests"); }
  VipsNewsImageProcessor processor_;
};

std::pair<int, int> SizeOf(const std::string& jpeg) {
  Owned img;
  EXPECT_EQ(vips_jpegload_buffer(const_cast<char*>(jpeg.data()), jpeg.size(), &img.p, nullptr), 0);
  return {vips_image_get_width(img.p), vips_image_get_height(img.p)};
}

TEST_F(NewsImagesTest, ALargeImageGetsThreeWidthsWithItsAspectRatio) {
  auto image = processor_.Process(MakeImage(2400, 1600, "jpeg"));
  ASSERT_TRUE(image.ok()) << image.error().internal_detail;
  ASSERT_EQ(image->versions.size(), 3u);
  const int widths[] = {480, 960, 1600};
  const int heights[] = {320, 640, 1067};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& v = image->versions[i];
    EXPECT_EQ(v.width, widths[i]);
    EXPECT_NEAR(v.height, heights[i], 1);
    EXPECT_EQ(v.bytes.substr(0, 3), "\xFF\xD8\xFF");
    auto [w, h] = SizeOf(v.bytes);
    EXPECT_EQ(w, widths[i]);
    EXPECT_NEAR(h, heights[i], 1);
  }
  EXPECT_EQ(domain::news::ImageWidths(1600), (std::vector<int>{480, 960, 1600}));
}

TEST_F(NewsImagesTest, ASmallImageIsNeverEnlarged) {
  auto image = processor_.Process(MakeImage(700, 400, "png"));
  ASSERT_TRUE(image.ok()) << image.error().internal_detail;
  ASSERT_EQ(image->versions.size(), 2u);
  EXPECT_EQ(image->versions[0].width, 480);
  EXPECT_EQ(image->versions[1].width, 700);
  EXPECT_EQ(image->versions[1].height, 400);
  EXPECT_EQ(domain::news::ImageWidths(700), (std::vector<int>{480, 700}));
  auto tiny = processor_.Process(MakeImage(300, 200, "webp"));
  ASSERT_TRUE(tiny.ok()) << tiny.error().internal_detail;
  ASSERT_EQ(tiny->versions.size(), 1u);
  EXPECT_EQ(tiny->versions[0].width, 300);
}

TEST_F(NewsImagesTest, GpsExifAndXmpAreGoneFromEveryVersion) {
  const std::string jpeg = MakeImage(1200, 900, "jpeg", ExifWithGps(1));
  {
    Owned in;  // the input really carries the position
    ASSERT_EQ(vips_jpegload_buffer(const_cast<char*>(jpeg.data()), jpeg.size(), &in.p, nullptr), 0);
    ASSERT_NE(vips_image_get_typeof(in.p, "exif-ifd3-GPSLatitude"), 0u);
  }
  auto image = processor_.Process(jpeg);
  ASSERT_TRUE(image.ok()) << image.error().internal_detail;
  ASSERT_EQ(image->versions.size(), 3u);
  for (const auto& v : image->versions) {
    EXPECT_EQ(v.bytes.find("Exif"), std::string::npos);
    EXPECT_EQ(v.bytes.find("http://ns.adobe.com/xap/"), std::string::npos);
    EXPECT_EQ(v.bytes.find("Secret XMP place"), std::string::npos);
    Owned back;
    ASSERT_EQ(vips_jpegload_buffer(const_cast<char*>(v.bytes.data()), v.bytes.size(), &back.p, nullptr), 0);
    EXPECT_EQ(vips_image_get_typeof(back.p, "exif-ifd3-GPSLatitude"), 0u);
    EXPECT_EQ(vips_image_get_typeof(back.p, "exif-data"), 0u);
    EXPECT_EQ(vips_image_get_typeof(back.p, "xmp-data"), 0u);
  }
}

TEST_F(NewsImagesTest, NonImagesAreRefusedByContentNotByName) {
  for (const std::string& bytes : {std::string("GIF89a\x01\x00\x01\x00", 10), std::string("%PDF-1.7 hallo"),
                                   std::string("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), std::string()}) {
    auto r = processor_.Process(bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kValidation);
    EXPECT_EQ(r.error().field, "image");
    EXPECT_EQ(r.error().public_message, kNotAnImage);
  }
  // A JPEG start with garbage after it: damaged, refused.
  auto damaged = processor_.Process(std::string("\xFF\xD8\xFF\xE0 this is not really a jpeg", 30));
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.error().field, "image");
}

TEST(FileNewsImageStorage, SameContentSameKeyPerSiteAndRemoval) {
  const auto dir = std::filesystem::temp_directory_path() / ("bp-news-images-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  FileNewsImageStorage storage(dir.string());
  domain::news::ProcessedImage image;
  image.versions.push_back({480, 320, "small bytes"});
  image.versions.push_back({700, 466, "large bytes"});
  auto key = storage.Save(SiteId{1}, image);
  ASSERT_TRUE(key.ok());
  EXPECT_TRUE(FileNewsImageStorage::IsKey(*key));
  EXPECT_EQ(*storage.Save(SiteId{1}, image), *key) << "content-addressed";
  EXPECT_EQ(storage.Read(SiteId{1}, *key, 480).value_or(""), "small bytes");
  EXPECT_EQ(storage.Read(SiteId{1}, *key, 700).value_or(""), "large bytes");
  EXPECT_FALSE(storage.Read(SiteId{2}, *key, 700)) << "another site's folder";
  EXPECT_FALSE(storage.Read(SiteId{1}, *key, 960));
  EXPECT_FALSE(storage.Read(SiteId{1}, "../../etc/passwd", 480));
  storage.Remove(SiteId{1}, *key);
  EXPECT_FALSE(storage.Read(SiteId{1}, *key, 480));
  EXPECT_FALSE(storage.Read(SiteId{1}, *key, 700));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace buurtplein::media
