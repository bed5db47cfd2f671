#pragma once
// What the photo and news image pipelines share: decoding an untrusted upload safely into an
// sRGB image in memory, writing JPEG without metadata, and writing files atomically. Internal
// to src/media (vips.h stays out of every other layer).
#include <vips/vips.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace buurtplein::media {

/// Owns a VipsImage reference.
class VipsRef {
 public:
  VipsRef() = default;
  ~VipsRef() {
    if (p_) g_object_unref(p_);
  }
  VipsRef(const VipsRef&) = delete;
  VipsRef& operator=(const VipsRef&) = delete;
  VipsImage** out() { return &p_; }
  VipsImage* get() const { return p_; }

 private:
  VipsImage* p_ = nullptr;
};

/// libvips' error text (for the log only); clears its error buffer.
std::string VipsErrorText();

/// Why an upload was refused.
enum class DecodeProblem { kNotAnImage, kTooManyPixels, kUnreadable };

/// Decodes an upload into `out`: type by content (JPEG, PNG, WebP), the pixel count read from
/// the header before any decoding (refused above `max_pixels`), shrunk on load to fit
/// `box_width`×`box_height` (never enlarged), EXIF orientation applied, sRGB, transparency
/// flattened onto white, held in memory. `detail` says more for the log.
std::optional<DecodeProblem> DecodeUpload(std::string_view file, int box_width, int box_height,
                                          std::uint64_t max_pixels, VipsRef& out, std::string& detail);

/// JPEG with every piece of metadata left out ("strip": no EXIF, XMP, IPTC, ICC). Not WebP:
/// libvips 8.14.1 (Debian 12) ignores "strip" when writing WebP.
bool SaveJpegStripped(VipsImage* image, int quality, bool interlace, std::string& out);

/// Writes to a temporary name and renames: a reader never sees half a file.
bool WriteFileAtomically(const std::string& path, const std::string& bytes);

}  // namespace buurtplein::media
