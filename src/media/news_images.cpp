#include "media/news_images.hpp"

#include <sodium.h>
#include <vips/vips.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "domain/news/model.hpp"
#include "media/sniff.hpp"

namespace buurtplein::media {

namespace fs = std::filesystem;
using domain::AppError;
using domain::ErrorCode;
using domain::news::ImageVersion;
using domain::news::ProcessedImage;

namespace {

// Owns a VipsImage reference.
class VImage {
 public:
  VImage() = default;
  ~VImage() {
    if (p_) g_object_unref(p_);
  }
  VImage(const VImage&) = delete;
  VImage& operator=(const VImage&) = delete;
  VipsImage** out() { return &p_; }
  VipsImage* get() const { return p_; }

 private:
  VipsImage* p_ = nullptr;
};

AppError Refuse(AppError e) {
  e.field = "image";
  return e;
}

std::string VipsErrorText() {
  char* text = vips_error_buffer_copy();  // copies and clears the error buffer
  std::string out = text ? text : "";
  g_free(text);
  return out;
}

AppError Unreadable(std::string detail) {
  return Refuse(domain::MakeError(ErrorCode::kValidation,
                                  "This image could not be read. It may be damaged. Please try another file.",
                                  std::move(detail)));
}

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

// JPEG without metadata ("strip"): libvips 8.14's WebP writer would keep an EXIF chunk.
bool SaveJpeg(VipsImage* image, int quality, ImageVersion& out) {
  void* buf = nullptr;
  size_t len = 0;
  if (vips_jpegsave_buffer(image, &buf, &len, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, "interlace", TRUE,
                           nullptr) != 0) {
    return false;
  }
  out.bytes.assign(static_cast<const char*>(buf), len);
  g_free(buf);
  out.width = vips_image_get_width(image);
  out.height = vips_image_get_height(image);
  return true;
}

bool WriteFile(const std::string& path, const std::string& bytes) {
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
  fs::rename(tmp, path, ec);
  if (ec) std::remove(tmp.c_str());
  return !ec;
}

constexpr std::size_t kKeyLength = 32;

}  // namespace

domain::Result<ProcessedImage> VipsNewsImageProcessor::Process(std::string_view file) {
  const ImageType type = SniffImageType(file);
  if (type == ImageType::kUnknown) {
    return Refuse(domain::MakeError(ErrorCode::kValidation,
                                    "This file is not an image we can use. Please choose a JPEG, PNG or WebP file.",
                                    "unknown image type"));
  }
  {
    VImage header;
    if (LoadHeader(type, file, header.out()) != 0) return Unreadable(VipsErrorText());
    const auto pixels = static_cast<std::uint64_t>(vips_image_get_width(header.get())) *
                        static_cast<std::uint64_t>(vips_image_get_height(header.get()));
    if (pixels > limits_.max_pixels) {
      return Refuse(domain::MakeError(ErrorCode::kValidation,
                                      "This image has too many pixels. Please choose one of at most 40 megapixels.",
                                      "pixels: " + std::to_string(pixels)));
    }
  }
  // The largest version: at most 1600 wide (and three times as high), never enlarged;
  // shrink-on-load, EXIF orientation applied. "fail_on=error": damaged files are refused.
  const int max_w = domain::news::kImageMaxWidth;
  VImage thumb;
  if (vips_thumbnail_buffer(const_cast<char*>(file.data()), file.size(), thumb.out(), max_w, "height", max_w * 3,
                            "size", VIPS_SIZE_DOWN, "option_string", "fail_on=error", nullptr) != 0) {
    return Unreadable(VipsErrorText());
  }
  VImage srgb;
  if (vips_colourspace(thumb.get(), srgb.out(), VIPS_INTERPRETATION_sRGB, nullptr) != 0) {
    return Unreadable(VipsErrorText());
  }
  VImage flat;  // JPEG has no transparency: a transparent background becomes white
  if (vips_image_hasalpha(srgb.get())) {
    VipsArrayDouble* white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
    const int rc = vips_flatten(srgb.get(), flat.out(), "background", white, nullptr);
    vips_area_unref(VIPS_AREA(white));
    if (rc != 0) return Unreadable(VipsErrorText());
  } else if (vips_copy(srgb.get(), flat.out(), nullptr) != 0) {
    return Unreadable(VipsErrorText());
  }
  VImage large;  // decoded once: every width is made from it
  if (!(*large.out() = vips_image_copy_memory(flat.get()))) return Unreadable(VipsErrorText());

  ProcessedImage out;
  const int large_w = vips_image_get_width(large.get());
  for (int w : domain::news::kImageWidths) {
    if (w >= large_w) continue;
    VImage smaller;
    if (vips_thumbnail_image(large.get(), smaller.out(), w, "height", max_w * 100, "no_rotate", TRUE, nullptr) != 0) {
      return Unreadable(VipsErrorText());
    }
    ImageVersion v;
    if (!SaveJpeg(smaller.get(), limits_.quality, v)) return Unreadable(VipsErrorText());
    v.width = w;  // the width asked for names the file, whatever rounding did
    out.versions.push_back(std::move(v));
  }
  ImageVersion v;
  if (!SaveJpeg(large.get(), limits_.quality, v)) return Unreadable(VipsErrorText());
  out.versions.push_back(std::move(v));
  return out;
}

FileNewsImageStorage::FileNewsImageStorage(std::string dir) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec || !fs::is_directory(dir_)) {
    throw std::runtime_error("The upload directory " + dir_ + " cannot be created: " + ec.message());
  }
}

bool FileNewsImageStorage::IsKey(std::string_view key) {
  if (key.size() != kKeyLength) return false;
  for (char c : key) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string FileNewsImageStorage::FolderOf(domain::SiteId site, std::string_view key) const {
  return dir_ + "/" + std::to_string(site.value) + "/" + std::string(key.substr(0, 2));
}

domain::Result<std::string> FileNewsImageStorage::Save(domain::SiteId site, const ProcessedImage& image) {
  if (image.versions.empty()) {
    return domain::MakeError(ErrorCode::kInternal, "Your image could not be saved. Please try again later.",
                             "no image versions");
  }
  const std::string& largest = image.versions.back().bytes;
  unsigned char hash[kKeyLength / 2];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(largest.data()), largest.size(),
                     nullptr, 0);
  char hex[kKeyLength + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  const std::string key(hex, kKeyLength);
  const std::string folder = FolderOf(site, key);
  std::error_code ec;
  fs::create_directories(folder, ec);
  bool ok = !ec;
  for (const auto& v : image.versions) {
    if (!ok) break;
    ok = WriteFile(folder + "/" + key + "-" + std::to_string(v.width) + ".jpg", v.bytes);
  }
  if (!ok) {
    return domain::MakeError(ErrorCode::kInternal, "Your image could not be saved. Please try again later.",
                             "writing news image " + key + " failed: " + ec.message());
  }
  return key;
}

std::optional<std::string> FileNewsImageStorage::Read(domain::SiteId site, std::string_view key, int width) {
  if (!IsKey(key) || width <= 0) return std::nullopt;
  std::ifstream in(FolderOf(site, key) + "/" + std::string(key) + "-" + std::to_string(width) + ".jpg",
                   std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void FileNewsImageStorage::Remove(domain::SiteId site, std::string_view key) {
  if (!IsKey(key)) return;
  const std::string prefix = std::string(key) + "-";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(FolderOf(site, key), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0) fs::remove(entry.path(), ec);
  }
}

}  // namespace buurtplein::media
