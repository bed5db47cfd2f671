#include "media/sniff.hpp"

#include <gtest/gtest.h>

#include <string>

namespace buurtplein::media {
namespace {

using namespace std::string_literals;

TEST(SniffImageTypeTest, KnowsJpegPngWebpByTheirFirstBytes) {
  EXPECT_EQ(SniffImageType("\xFF\xD8\xFF\xE0\x00\x10JFIF"s), ImageType::kJpeg);
  EXPECT_EQ(SniffImageType("\xFF\xD8\xFF\xE1....Exif"s), ImageType::kJpeg);
  EXPECT_EQ(SniffImageType("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s), ImageType::kPng);
  EXPECT_EQ(SniffImageType("RIFF\x24\0\0\0WEBPVP8 "s), ImageType::kWebp);
  EXPECT_EQ(SniffImageType("RIFF\x24\0\0\0WEBPVP8L"s), ImageType::kWebp);
  EXPECT_EQ(SniffImageType("RIFF\x24\0\0\0WEBPVP8X"s), ImageType::kWebp);
  EXPECT_EQ(MimeType(ImageType::kWebp), "image/webp");
}

TEST(SniffImageTypeTest, EverythingElseIsUnknown) {
  for (const std::string& bytes : {""s, "\xFF\xD8"s, "\x89PNG\r\n\x1A"s, "GIF89a\x01\0\x01\0"s,
                                   "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"s, "%PDF-1.7"s, "BM\x36\0\0\0"s,
                                   "II*\0\x08\0\0\0"s, "\0\0\0\x18" "ftypheic\0\0\0\0mif1heic"s,
                                   "RIFF\x24\0\0\0WAVEfmt "s, "RIFF\x24\0\0\0WEBPXXXX"s, "hello, world"s}) {
    EXPECT_EQ(SniffImageType(bytes), ImageType::kUnknown) << bytes;
  }
  // A JPEG's name or declared type does not matter: only the bytes do.
  EXPECT_EQ(SniffImageType("not really a jpeg"), ImageType::kUnknown);
  EXPECT_EQ(MimeType(ImageType::kUnknown), "");
}

}  // namespace
}  // namespace buurtplein::media
