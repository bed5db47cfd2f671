#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/common/ids.hpp"

namespace buurtplein::domain::news {

/// One re-encoded version of an uploaded image (JPEG, no metadata).
struct ImageVersion {
  int width = 0;
  int height = 0;
  std::string bytes;
};

/// An uploaded image made safe: versions for ImageWidths(largest width), smallest first.
struct ProcessedImage {
  std::vector<ImageVersion> versions;
};

/// Turns an uploaded file into a safe news image: type checked by content, decompression bombs
/// refused, EXIF orientation applied, re-encoded into a few widths without any metadata.
/// Implemented with libvips in src/media. Slow: call it on worker threads.
class ImageProcessor {
 public:
  virtual ~ImageProcessor() = default;
  /// kValidation (field "image", with a message for the user) when the file is not a JPEG, PNG
  /// or WebP image, is damaged, or has too many pixels.
  virtual Result<ProcessedImage> Process(std::string_view file) = 0;
};

/// Where news images are kept, per site, under a content-addressed key (a hash of the image):
/// never a name a user supplied. Implemented on the file system in src/media.
class ImageStorage {
 public:
  virtual ~ImageStorage() = default;
  /// Stores every version and returns the key (the same image gives the same key).
  virtual Result<std::string> Save(SiteId site, const ProcessedImage& image) = 0;
  /// The bytes (image/jpeg) of the version `width` wide; nullopt when unknown or malformed.
  virtual std::optional<std::string> Read(SiteId site, std::string_view key, int width) = 0;
  /// Removes every version; an unknown key is no error.
  virtual void Remove(SiteId site, std::string_view key) = 0;
};

}  // namespace buurtplein::domain::news
