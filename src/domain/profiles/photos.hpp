#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/common/app_error.hpp"
#include "domain/profiles/model.hpp"

namespace buurtplein::domain::profiles {

/// Turns an uploaded file into a safe photo: checks the type by content, refuses decompression
/// bombs, applies the EXIF orientation, re-encodes and drops every piece of metadata.
/// Implemented with libvips in src/media. Slow (tens of milliseconds): call it on worker threads.
class PhotoProcessor {
 public:
  virtual ~PhotoProcessor() = default;
  /// kValidation (field "photo", with a message for the user) when the file is not a JPEG, PNG
  /// or WebP image, is damaged, or has too many pixels.
  virtual Result<ProcessedPhoto> Process(std::string_view file) = 0;
};

/// Where processed photos are kept, under random keys: never a name a user supplied.
/// Implemented on the file system in src/media.
class PhotoStorage {
 public:
  virtual ~PhotoStorage() = default;
  /// Stores both sizes under a new random key and returns the key.
  virtual Result<std::string> Save(const ProcessedPhoto& photo) = 0;
  /// The stored bytes (image/jpeg); nullopt when the key is unknown or malformed.
  virtual std::optional<std::string> Read(std::string_view key, PhotoSize size) = 0;
  /// Removes both sizes; an unknown key is no error.
  virtual void Remove(std::string_view key) = 0;
};

}  // namespace buurtplein::domain::profiles
