#pragma once
#include <cstdint>

#include "domain/profiles/photos.hpp"

namespace buurtplein::media {

/// Limits of the photo processing.
struct PhotoLimits {
  std::uint64_t max_pixels = 40'000'000;  ///< refused above this, from the header alone
  int large_size = 512;                   ///< the large version fits in this square
  int small_size = 96;                    ///< the small version is this square, cropped
  int quality = 82;                       ///< JPEG quality
};

/// The PhotoProcessor on libvips (StartVips must have run): content sniffing, a pixel limit read
/// from the header before any decoding, EXIF auto-rotation, conversion to sRGB, re-encoding to
/// JPEG with every piece of metadata (EXIF with GPS, XMP, IPTC, ICC) left out.
class VipsPhotoProcessor final : public domain::profiles::PhotoProcessor {
 public:
  explicit VipsPhotoProcessor(PhotoLimits limits = {}) : limits_(limits) {}
  domain::Result<domain::profiles::ProcessedPhoto> Process(std::string_view file) override;

 private:
  PhotoLimits limits_;
};

}  // namespace buurtplein::media
