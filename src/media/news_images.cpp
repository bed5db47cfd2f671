#include "media/news_images.hpp"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "domain/news/model.hpp"
#include "media/vips_common.hpp"

namespace buurtplein::media {

namespace fs = std::filesystem;
using domain::AppError;
using domain::ErrorCode;
using domain::news::ImageVersion;
using domain::news::ProcessedImage;

namespace {

// A refusal about the "image" field; libvips' own words go to the log only.
AppError Refuse(AppError e) {
  e.field = "image";
  return e;
}

AppError Unreadable(std::string detail) {
  return Refuse(domain::MakeError(ErrorCode::kValidation,
                                  "This image could not be read. It may be damaged. Please try another file.",
                                  std::move(detail)));
}

constexpr std::size_t kKeyLength = 32;

}  // namespace

domain::Result<ProcessedImage> VipsNewsImageProcessor::Process(std::string_view file) {
  // The largest version: at most 1600 wide (and three times as high), never enlarged.
  const int max_w = domain::news::kImageMaxWidth;
  VipsRef large;
  std::string detail;
  if (auto problem = DecodeUpload(file, max_w, max_w * 3, limits_.max_pixels, large, detail)) {
    switch (*problem) {
      case DecodeProblem::kNotAnImage:
        return Refuse(domain::MakeError(ErrorCode::kValidation,
                                        "This file is not an image we can use. Please choose a JPEG, PNG or WebP file.",
                                        detail));
      case DecodeProblem::kTooManyPixels:
        return Refuse(domain::MakeError(ErrorCode::kValidation,
                                        "This image has too many pixels. Please choose one of at most 40 megapixels.",
                                        detail));
      case DecodeProblem::kUnreadable: break;
    }
    return Unreadable(detail);
  }
  ProcessedImage out;
  const int large_w = vips_image_get_width(large.get());
  for (int w : domain::news::kImageWidths) {
    if (w >= large_w) continue;
    VipsRef smaller;
    if (vips_thumbnail_image(large.get(), smaller.out(), w, "height", max_w * 100, "no_rotate", TRUE, nullptr) != 0) {
      return Unreadable(VipsErrorText());
    }
    ImageVersion v;
    if (!SaveJpegStripped(smaller.get(), limits_.quality, true, v.bytes)) return Unreadable(VipsErrorText());
    v.width = w;  // the width asked for names the file, whatever rounding did
    v.height = vips_image_get_height(smaller.get());
    out.versions.push_back(std::move(v));
  }
  ImageVersion v;
  if (!SaveJpegStripped(large.get(), limits_.quality, true, v.bytes)) return Unreadable(VipsErrorText());
  v.width = large_w;
  v.height = vips_image_get_height(large.get());
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
    ok = WriteFileAtomically(folder + "/" + key + "-" + std::to_string(v.width) + ".jpg", v.bytes);
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
