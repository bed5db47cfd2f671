#include "media/sniff.hpp"

namespace buurtplein::media {

ImageType SniffImageType(std::string_view b) {
  using namespace std::string_view_literals;
  if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF"sv) return ImageType::kJpeg;
  if (b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1A\n"sv) return ImageType::kPng;
  // RIFF <size> WEBP, then a VP8 / VP8L / VP8X chunk.
  if (b.size() >= 16 && b.substr(0, 4) == "RIFF"sv && b.substr(8, 4) == "WEBP"sv && b.substr(12, 3) == "VP8"sv) {
    return ImageType::kWebp;
  }
  return ImageType::kUnknown;
}

std::string_view MimeType(ImageType type) {
  switch (type) {
    case ImageType::kJpeg: return "image/jpeg";
    case ImageType::kPng: return "image/png";
    case ImageType::kWebp: return "image/webp";
    case ImageType::kUnknown: break;
  }
  return "";
}

}  // namespace buurtplein::media
