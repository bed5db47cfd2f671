#include "media/photo_processor.hpp"

#include <vips/vips.h>

#include <string>

#include "media/sniff.hpp"

namespace buurtplein::media {

using domain::AppError;
using domain::ErrorCode;
using domain::profiles::ProcessedPhoto;

namespace {

// Owns a VipsImage reference.
class Image {
 public:
  Image() = default;
  ~Image() {
    if (p_) g_object_unref(p_);
  }
  Image(const Image&) = delete;
  Image& operator=(const Image&) = delete;
  VipsImage** out() { return &p_; }
  VipsImage* get() const { return p_; }

 private:
  VipsImage* p_ = nullptr;
};

// A refusal about the "photo" field; libvips' own words go to the log only.
AppError Refuse(AppError e) {
  e.field = "photo";
  return e;
}

AppError Unreadable(std::string detail) {
  return Refuse(domain::MakeError(ErrorCode::kValidation,
                                  "This photo could not be read. It may be damaged. Please try another file.",
                                  std::move(detail)));
}

std::string VipsErrorText() {
  char* text = vips_error_buffer_copy();  // copies and clears the error buffer
  std::string out = text ? text : "";
  g_free(text);
  return out;
}

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

// JPEG without metadata. Not WebP: libvips 8.14.1 (Debian 12) ignores "strip" when writing
// WebP and always writes an EXIF chunk; its JPEG writer honours it (tests/unit/media checks).
bool SaveJpeg(VipsImage* image, int quality, std::string& out) {
  void* buf = nullptr;
  size_t len = 0;
  if (vips_jpegsave_buffer(image, &buf, &len, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, nullptr) != 0) {
    return false;
  }
  out.assign(static_cast<const char*>(buf), len);
  g_free(buf);
  return true;
}

}  // namespace

domain::Result<ProcessedPhoto> VipsPhotoProcessor::Process(std::string_view file) {
  const ImageType type = SniffImageType(file);
  if (type == ImageType::kUnknown) {
    return Refuse(domain::MakeError(ErrorCode::kValidation,
                                    "This file is not a photo we can use. Please choose a JPEG, PNG or WebP file.",
                                    "unknown image type"));
  }
  {
    Image header;
    if (LoadHeader(type, file, header.out()) != 0) return Unreadable(VipsErrorText());
    const auto pixels = static_cast<std::uint64_t>(vips_image_get_width(header.get())) *
                        static_cast<std::uint64_t>(vips_image_get_height(header.get()));
    if (pixels > limits_.max_pixels) {
      return Refuse(domain::MakeError(ErrorCode::kValidation,
                                      "This photo has too many pixels. Please choose a photo of at most 40 megapixels.",
                                      "pixels: " + std::to_string(pixels)));
    }
  }

  // Shrink-on-load where the format allows it, EXIF orientation applied, an embedded colour
  // profile turned into sRGB. "fail_on=error": a damaged file is refused, not half-decoded.
  Image thumb;
  if (vips_thumbnail_buffer(const_cast<char*>(file.data()), file.size(), thumb.out(), limits_.large_size, "height",
                            limits_.large_size, "size", VIPS_SIZE_DOWN, "option_string", "fail_on=error",
                            nullptr) != 0) {
    return Unreadable(VipsErrorText());
  }
  Image srgb;
  if (vips_colourspace(thumb.get(), srgb.out(), VIPS_INTERPRETATION_sRGB, nullptr) != 0) {
    return Unreadable(VipsErrorText());
  }
  // JPEG has no transparency: a transparent background becomes white.
  Image flat;
  if (vips_image_hasalpha(srgb.get())) {
    VipsArrayDouble* white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
    const int rc = vips_flatten(srgb.get(), flat.out(), "background", white, nullptr);
    vips_area_unref(VIPS_AREA(white));
    if (rc != 0) return Unreadable(VipsErrorText());
  } else if (vips_copy(srgb.get(), flat.out(), nullptr) != 0) {
    return Unreadable(VipsErrorText());
  }
  // Decoded once into memory (512×512 at most): both sizes are made from it, and a
  // sequential loader cannot be read twice.
  Image large;
  if (!(*large.out() = vips_image_copy_memory(flat.get()))) return Unreadable(VipsErrorText());
  Image small;
  if (vips_thumbnail_image(large.get(), small.out(), limits_.small_size, "height", limits_.small_size, "crop",
                           VIPS_INTERESTING_CENTRE, "no_rotate", TRUE, nullptr) != 0) {
    return Unreadable(VipsErrorText());
  }

  ProcessedPhoto out;
  if (!SaveJpeg(large.get(), limits_.quality, out.large) || !SaveJpeg(small.get(), limits_.quality, out.small)) {
    return Unreadable(VipsErrorText());
  }
  out.width = vips_image_get_width(large.get());
  out.height = vips_image_get_height(large.get());
  return out;
}

}  // namespace buurtplein::media
