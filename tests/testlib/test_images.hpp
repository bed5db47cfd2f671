#pragma once
// Test images made with libvips (for targets that link it: unit_tests, http_tests): a two-tone
// colour image as JPEG, PNG or WebP, and a hand-written EXIF block with a GPS position.
#include <gtest/gtest.h>
#include <vips/vips.h>

#include <cstdint>
#include <string>

namespace buurtplein::testing {

inline void Put16(std::string& s, std::uint16_t v) {
  s.push_back(static_cast<char>(v & 0xFF));
  s.push_back(static_cast<char>(v >> 8));
}
inline void Put32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
inline void Entry(std::string& s, std::uint16_t tag, std::uint16_t type, std::uint32_t count, std::uint32_t value) {
  Put16(s, tag);
  Put16(s, type);
  Put32(s, count);
  Put32(s, value);
}

// An EXIF block written by hand (little-endian TIFF): IFD0 with the orientation and a pointer to
// a GPS IFD holding 51°50'12.34" N, 5°51'0" E — a spot in Nijmegen.
inline std::string ExifWithGps(std::uint16_t orientation) {
  std::string t = "II";
  Put16(t, 42);
  Put32(t, 8);
  // IFD0 at 8: 2 entries → ends at 8 + 2 + 24 + 4 = 38.
  Put16(t, 2);
  Entry(t, 0x0112, 3, 1, orientation);  // Orientation, SHORT
  Entry(t, 0x8825, 4, 1, 38);           // GPSInfo IFD pointer
  Put32(t, 0);
  // GPS IFD at 38: 4 entries → ends at 38 + 2 + 48 + 4 = 92; rationals at 92 and 116.
  Put16(t, 4);
  Entry(t, 0x0001, 2, 2, 'N');  // GPSLatitudeRef "N\0"
  Entry(t, 0x0002, 5, 3, 92);   // GPSLatitude
  Entry(t, 0x0003, 2, 2, 'E');  // GPSLongitudeRef "E\0"
  Entry(t, 0x0004, 5, 3, 116);  // GPSLongitude
  Put32(t, 0);
  for (std::uint32_t v : {51u, 1u, 50u, 1u, 1234u, 100u, 5u, 1u, 51u, 1u, 0u, 1u}) Put32(t, v);
  return std::string("Exif\0\0", 6) + t;
}

struct Owned {
  VipsImage* p = nullptr;
  ~Owned() {
    if (p) g_object_unref(p);
  }
};

// A width×height colour test image (left half white, right half dark) as JPEG with the given
// EXIF (and an XMP packet), or as PNG/WebP without.
inline std::string MakeImage(int width, int height, const char* format, const std::string& exif = {}) {
  Owned mask, x, left, l3, rgb;
  EXPECT_EQ(vips_xyz(&mask.p, width, height, nullptr), 0);
  EXPECT_EQ(vips_extract_band(mask.p, &x.p, 0, nullptr), 0);
  EXPECT_EQ(vips_relational_const1(x.p, &left.p, VIPS_OPERATION_RELATIONAL_LESS, width / 2.0, nullptr), 0);
  VipsImage* bands[3] = {left.p, left.p, left.p};
  EXPECT_EQ(vips_bandjoin(bands, &l3.p, 3, nullptr), 0);
  EXPECT_EQ(vips_cast(l3.p, &rgb.p, VIPS_FORMAT_UCHAR, nullptr), 0);
  vips_image_set_int(rgb.p, "interpretation", VIPS_INTERPRETATION_sRGB);
  if (!exif.empty()) {
    vips_image_set_blob_copy(rgb.p, "exif-data", exif.data(), exif.size());
    const std::string xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">Secret XMP place</x:xmpmeta>";
    vips_image_set_blob_copy(rgb.p, "xmp-data", xmp.data(), xmp.size());
  }
  void* buf = nullptr;
  size_t len = 0;
  int rc = -1;
  if (std::string(format) == "jpeg") rc = vips_jpegsave_buffer(rgb.p, &buf, &len, nullptr);
  if (std::string(format) == "png") rc = vips_pngsave_buffer(rgb.p, &buf, &len, nullptr);
  if (std::string(format) == "webp") rc = vips_webpsave_buffer(rgb.p, &buf, &len, nullptr);
  EXPECT_EQ(rc, 0) << vips_error_buffer();
  std::string bytes(static_cast<const char*>(buf), len);
  g_free(buf);
  return bytes;
}

}  // namespace buurtplein::testing
