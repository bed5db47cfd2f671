#pragma once
#include <cstdint>
#include <string>

#include "domain/news/images.hpp"

namespace buurtplein::media {

/// Limits of the news image processing.
struct NewsImageLimits {
  std::uint64_t max_pixels = 40'000'000;  ///< refused above this, from the header alone
  int quality = 80;                       ///< JPEG quality
};

/// The news ImageProcessor on libvips (StartVips must have run): content sniffing, a pixel limit
/// read from the header before any decoding, EXIF auto-rotation, conversion to sRGB, then JPEG
/// versions 480, 960 and at most 1600 pixels wide (never enlarged) with every piece of metadata
/// (EXIF with GPS, XMP, IPTC, ICC) left out. JPEG, not WebP: see README.md.
class VipsNewsImageProcessor final : public domain::news::ImageProcessor {
 public:
  explicit VipsNewsImageProcessor(NewsImageLimits limits = {}) : limits_(limits) {}
  domain::Result<domain::news::ProcessedImage> Process(std::string_view file) override;

 private:
  NewsImageLimits limits_;
};

/// News images on the file system, outside the web root: `dir`/<site id>/ab/<key>-<width>.jpg,
/// where the key is the first 128 bits of the BLAKE2b hash of the largest version, in hex (its
/// first two characters name the sub-folder). Only keys of exactly that form become a path.
class FileNewsImageStorage final : public domain::news::ImageStorage {
 public:
  /// Creates `dir` when needed; throws std::runtime_error when it cannot.
  explicit FileNewsImageStorage(std::string dir);
  domain::Result<std::string> Save(domain::SiteId site, const domain::news::ProcessedImage& image) override;
  std::optional<std::string> Read(domain::SiteId site, std::string_view key, int width) override;
  void Remove(domain::SiteId site, std::string_view key) override;

  /// True for a key this storage could have made.
  static bool IsKey(std::string_view key);

 private:
  std::string FolderOf(domain::SiteId site, std::string_view key) const;
  std::string dir_;
};

}  // namespace buurtplein::media
