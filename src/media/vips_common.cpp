#include "media/vips_common.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "media/sniff.hpp"

namespace buurtplein::media {

namespace {

// Reads the header only: the pixels are decoded later, if at all.
int LoadHeader(ImageType type, std::string_view file, VipsImage** out) {
  void* data = const_cast<char*>(file.data());
  switch (type) {
    case ImageType::kJpeg:
      return vips_jpegload_buffer(data, file.size(), out, "access", VIPS_ACCESS_SEQUENTIAL, nullptr);
    case ImageType::kPng:
      return vips_pngload_buffer(data, file.size(), out, "access", VIPS_ACCESS_SEQUENTIAL, nullptr);
    case ImageType::kWebp:
      return vips_webpload_buffer(data, file.size(), out, "access", VIPS_ACCESS_SEQUENTIAL, nullptr);
    case ImageType::kUnknown: break;
  }
  return -1;
}

}  // namespace

std::string VipsErrorText() {
  char* text = vips_error_buffer_copy();  // copies and clears the error buffer
  std::string out = text ? text : "";
  g_free(text);
  return out;
}

std::optional<DecodeProblem> DecodeUpload(std::string_view file, int box_width, int box_height,
                                          std::uint64_t max_pixels, VipsRef& out, std::string& detail) {
  const ImageType type = SniffImageType(file);
  if (type == ImageType::kUnknown) {
    detail = "unknown image type";
    return DecodeProblem::kNotAnImage;
  }
  {
    VipsRef header;
    if (LoadHeader(type, file, header.out()) != 0) {
      detail = VipsErrorText();
      return DecodeProblem::kUnreadable;
    }
    const auto pixels = static_cast<std::uint64_t>(vips_image_get_width(header.get())) *
                        static_cast<std::uint64_t>(vips_image_get_height(header.get()));
    if (pixels > max_pixels) {
      detail = "pixels: " + std::to_string(pixels);
      return DecodeProblem::kTooManyPixels;
    }
  }
  // Shrink-on-load where the format allows it, EXIF orientation applied, an embedded colour
  // profile turned into sRGB. "fail_on=error": a damaged file is refused, not half-decoded.
  VipsRef thumb;
  if (vips_thumbnail_buffer(const_cast<char*>(file.data()), file.size(), thumb.out(), box_width, "height",
                            box_height, "size", VIPS_SIZE_DOWN, "option_string", "fail_on=error", nullptr) != 0) {
    detail = VipsErrorText();
    return DecodeProblem::kUnreadable;
  }
  VipsRef srgb;
  if (vips_colourspace(thumb.get(), srgb.out(), VIPS_INTERPRETATION_sRGB, nullptr) != 0) {
    detail = VipsErrorText();
    return DecodeProblem::kUnreadable;
  }
  // JPEG has no transparency: a transparent background becomes white.
  VipsRef flat;
  if (vips_image_hasalpha(srgb.get())) {
    VipsArrayDouble* white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
    const int rc = vips_flatten(srgb.get(), flat.out(), "background", white, nullptr);
    vips_area_unref(VIPS_AREA(white));
    if (rc != 0) {
      detail = VipsErrorText();
      return DecodeProblem::kUnreadable;
    }
  } else if (vips_copy(srgb.get(), flat.out(), nullptr) != 0) {
    detail = VipsErrorText();
    return DecodeProblem::kUnreadable;
  }
  // Decoded once into memory: every size is made from it, and a sequential loader cannot be
  // read twice.
  if (!(*out.out() = vips_image_copy_memory(flat.get()))) {
    detail = VipsErrorText();
    return DecodeProblem::kUnreadable;
  }
  return std::nullopt;
}

bool SaveJpegStripped(VipsImage* image, int quality, bool interlace, std::string& out) {
  void* buf = nullptr;
  size_t len = 0;
  if (vips_jpegsave_buffer(image, &buf, &len, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, "interlace",
                           interlace ? TRUE : FALSE, nullptr) != 0) {
    return false;
  }
  out.assign(static_cast<const char*>(buf), len);
  g_free(buf);
  return true;
}

bool WriteFileAtomically(const std::string& path, const std::string& bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::remove(tmp.c_str());
  return !ec;
}

}  // namespace buurtplein::media
