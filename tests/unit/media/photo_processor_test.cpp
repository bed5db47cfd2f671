// Photo processing on real libvips: metadata (GPS!) stripped, orientation applied, bombs and
// non-images refused.
#include "media/photo_processor.hpp"

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <cstdint>
#include <string>

#include "media/vips_runtime.hpp"
#include "testlib/test_images.hpp"

namespace buurtplein::media {
namespace {

using testing::ExifWithGps;
using testing::MakeImage;
using testing::Owned;

using domain::ErrorCode;

constexpr const char* kNotAPhoto = "This file is not a photo we can use. Please choose a JPEG, PNG or WebP file.";
constexpr const char* kUnreadable = "This photo could not be read. It may be damaged. Please try another file.";
constexpr const char* kTooManyPixels = "This photo has too many pixels. Please choose a photo of at most 40 megapixels.";

bool HasField(VipsImage* image, const char* name) { return vips_image_get_typeof(image, name) != 0; }

// Every metadata field of an image whose name starts with one of the given prefixes.
std::string MetadataNames(VipsImage* image) {
  std::string names;
  gchar** fields = vips_image_get_fields(image);
  for (int i = 0; fields[i]; ++i) {
    const std::string f = fields[i];
    if (f.rfind("exif", 0) == 0 || f.rfind("xmp", 0) == 0 || f.rfind("icc", 0) == 0 || f.rfind("iptc", 0) == 0 ||
        f.rfind("orientation", 0) == 0) {
      names += f + " ";
    }
  }
  g_strfreev(fields);
  return names;
}

class PhotoProcessorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { StartVips("unit_tests"); }
  VipsPhotoProcessor processor_;
};

TEST_F(PhotoProcessorTest, GpsExifXmpAreGoneFromBothSizes) {
  const std::string jpeg = MakeImage(640, 480, "jpeg", ExifWithGps(1));
  {
    // The input really carries the position.
    Owned in;
    ASSERT_EQ(vips_jpegload_buffer(const_cast<char*>(jpeg.data()), jpeg.size(), &in.p, nullptr), 0);
    ASSERT_TRUE(HasField(in.p, "exif-ifd3-GPSLatitude")) << MetadataNames(in.p);
    ASSERT_TRUE(HasField(in.p, "xmp-data"));
  }
  auto photo = processor_.Process(jpeg);
  ASSERT_TRUE(photo.ok()) << photo.error().internal_detail;
  EXPECT_EQ(photo->width, 512);
  EXPECT_EQ(photo->height, 384);
  for (const std::string* out : {&photo->large, &photo->small}) {
    ASSERT_EQ(out->substr(0, 3), "\xFF\xD8\xFF");
    // No APP1 EXIF or XMP segment, no ICC profile, and no trace of the GPS tags.
    EXPECT_EQ(out->find("Exif"), std::string::npos);
    EXPECT_EQ(out->find("http://ns.adobe.com/xap/"), std::string::npos);
    EXPECT_EQ(out->find("ICC_PROFILE"), std::string::npos);
    EXPECT_EQ(out->find("Secret XMP place"), std::string::npos);
    Owned back;
    ASSERT_EQ(vips_jpegload_buffer(const_cast<char*>(out->data()), out->size(), &back.p, nullptr), 0);
    EXPECT_EQ(MetadataNames(back.p), "");
    EXPECT_FALSE(HasField(back.p, "exif-ifd3-GPSLatitude"));
  }
  Owned small;
  ASSERT_EQ(vips_jpegload_buffer(const_cast<char*>(photo->small.data()), photo->small.size(), &small.p, nullptr), 0);
  EXPECT_EQ(vips_image_get_width(small.p), 96);
  EXPECT_EQ(vips_image_get_height(small.p), 96);
}

TEST_F(PhotoProcessorTest, ExifOrientationIsApplied) {
  // 300×200 stored, orientation 6: shown rotated a quarter turn clockwise, so 200×300.
  const std::string jpeg = MakeImage(300, 200, "jpeg", ExifWithGps(6));
  auto photo = processor_.Process(jpeg);
  ASSERT_TRUE(photo.ok()) << photo.error().internal_detail;
  EXPECT_EQ(photo->width, 200);
  EXPECT_EQ(photo->height, 300);
  Owned back;
  ASSERT_EQ(vips_jpegload_buffer(const_cast<char*>(photo->large.data()), photo->large.size(), &back.p, nullptr), 0);
  EXPECT_EQ(vips_image_get_width(back.p), 200);
  EXPECT_EQ(vips_image_get_height(back.p), 300);
  // The white left half of the stored image is the top half once turned clockwise.
  double top = 0, bottom = 0;
  Owned top_area, bottom_area;
  ASSERT_EQ(vips_extract_area(back.p, &top_area.p, 50, 20, 100, 60, nullptr), 0);
  ASSERT_EQ(vips_extract_area(back.p, &bottom_area.p, 50, 220, 100, 60, nullptr), 0);
  ASSERT_EQ(vips_avg(top_area.p, &top, nullptr), 0);
  ASSERT_EQ(vips_avg(bottom_area.p, &bottom, nullptr), 0);
  EXPECT_GT(top, 200);
  EXPECT_LT(bottom, 50);
  EXPECT_EQ(MetadataNames(back.p), "") << "no orientation tag is left to rotate it twice";
}

TEST_F(PhotoProcessorTest, PngAndWebpAreAcceptedAndSmallImagesAreNotEnlarged) {
  for (const char* format : {"png", "webp"}) {
    auto photo = processor_.Process(MakeImage(120, 80, format));
    ASSERT_TRUE(photo.ok()) << format << ": " << photo.error().internal_detail;
    EXPECT_EQ(photo->large.substr(0, 3), "\xFF\xD8\xFF") << format;
    EXPECT_EQ(photo->width, 120) << format;
    EXPECT_EQ(photo->height, 80) << format;
  }
}

std::uint32_t Crc32(std::string_view data) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void PngChunk(std::string& png, const std::string& type, const std::string& data) {
  auto be32 = [&png](std::uint32_t v) {
    for (int i = 3; i >= 0; --i) png.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  be32(static_cast<std::uint32_t>(data.size()));
  png += type + data;
  be32(Crc32(type + data));
}

TEST_F(PhotoProcessorTest, ADecompressionBombIsRefusedFromItsHeader) {
  // A tiny file claiming 50,000 × 50,000 pixels (2.5 gigapixels): refused without decoding.
  std::string ihdr;
  for (std::uint32_t v : {50000u, 50000u}) {
    for (int i = 3; i >= 0; --i) ihdr.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  ihdr += std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit grey, deflate, no filter, no interlace
  std::string png = "\x89PNG\r\n\x1A\n";
  PngChunk(png, "IHDR", ihdr);
  PngChunk(png, "IDAT", std::string("\x78\x9C\x03\x00\x00\x00\x00\x01", 8));
  PngChunk(png, "IEND", "");
  auto photo = processor_.Process(png);
  ASSERT_FALSE(photo.ok());
  EXPECT_EQ(photo.error().code, ErrorCode::kValidation);
  EXPECT_EQ(photo.error().field, "photo");
  EXPECT_EQ(photo.error().public_message, kTooManyPixels);

  // Just over the limit set lower, with a real image.
  PhotoLimits limits;
  limits.max_pixels = 300 * 200 - 1;
  VipsPhotoProcessor strict(limits);
  auto over = strict.Process(MakeImage(300, 200, "jpeg"));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().public_message, kTooManyPixels);
  limits.max_pixels = 300 * 200;
  EXPECT_TRUE(VipsPhotoProcessor(limits).Process(MakeImage(300, 200, "jpeg")).ok());
}

TEST_F(PhotoProcessorTest, NonImagesAndDamagedImagesAreRefused) {
  for (const std::string& bytes : {std::string("GIF89a\x01\0\x01\0\x80\0\0", 13), std::string("<svg/>"),
                                   std::string("%PDF-1.4"), std::string("plain text"), std::string()}) {
    auto photo = processor_.Process(bytes);
    ASSERT_FALSE(photo.ok()) << bytes;
    EXPECT_EQ(photo.error().code, ErrorCode::kValidation);
    EXPECT_EQ(photo.error().public_message, kNotAPhoto);
  }
  const std::string jpeg = MakeImage(300, 200, "jpeg");
  for (std::size_t keep : {std::size_t{3}, std::size_t{40}, jpeg.size() / 2}) {
    auto photo = processor_.Process(std::string_view(jpeg).substr(0, keep));
    ASSERT_FALSE(photo.ok()) << keep;
    EXPECT_EQ(photo.error().public_message, kUnreadable) << keep;
  }
}

}  // namespace
}  // namespace buurtplein::media
