#pragma once
#include <string_view>

namespace buurtplein::media {

/// Image types by their first bytes. Only the accepted ones get their own value.
enum class ImageType { kUnknown, kJpeg, kPng, kWebp };

/// The type of an image by its content (magic bytes), never by name or declared type. Pure.
ImageType SniffImageType(std::string_view bytes);

/// "image/jpeg", "image/png", "image/webp" or "" for kUnknown.
std::string_view MimeType(ImageType type);

}  // namespace buurtplein::media
