#pragma once
#include <string>

#include "domain/profiles/photos.hpp"

namespace buurtplein::media {

/// Photos on the file system, outside the web root: `dir`/ab/<key>.jpg and <key>-small.jpg,
/// where the key is 32 random hex characters (its first two name the sub-folder, so no folder
/// grows too large). Only keys of exactly that form are ever turned into a path.
class FilePhotoStorage final : public domain::profiles::PhotoStorage {
 public:
  /// Creates `dir` when needed; throws std::runtime_error when it cannot.
  explicit FilePhotoStorage(std::string dir);
  domain::Result<std::string> Save(const domain::profiles::ProcessedPhoto& photo) override;
  std::optional<std::string> Read(std::string_view key, domain::profiles::PhotoSize size) override;
  void Remove(std::string_view key) override;

  /// True for a key this storage could have made.
  static bool IsKey(std::string_view key);

 private:
  std::string PathOf(std::string_view key, domain::profiles::PhotoSize size) const;
  std::string dir_;
};

}  // namespace buurtplein::media
