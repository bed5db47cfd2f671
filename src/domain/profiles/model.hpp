#pragma once
#include <cstdint>
#include <string>

#include "domain/common/ids.hpp"

namespace buurtplein::domain::profiles {

/// What a resident tells their neighbours. Never holds the e-mail address: a profile is shown to
/// other users, the address never is.
struct Profile {
  UserId user;
  std::string display_name;  ///< from the account
  std::string about;         ///< a short text, at most kMaxTextLength code points
  std::string offer;         ///< "what I can offer": skills, interests; at most kMaxTextLength
  std::string photo_key;     ///< random key of the stored photo; empty: no photo
  std::int64_t updated_at = 0;  ///< Unix seconds; the account's creation when never edited
};

/// The longest about and offer texts, in Unicode code points.
inline constexpr std::size_t kMaxTextLength = 500;

/// A photo after processing: re-encoded, without any metadata, in two sizes.
struct ProcessedPhoto {
  std::string large;  ///< JPEG, at most 512×512
  std::string small;  ///< JPEG, 96×96 (cropped to a square)
  int width = 0;      ///< of `large`
  int height = 0;
};

/// The stored sizes of a photo.
enum class PhotoSize { kLarge, kSmall };

}  // namespace buurtplein::domain::profiles
