#include "media/photo_processor.hpp"

#include <string>

#include "media/vips_common.hpp"

namespace buurtplein::media {

using domain::AppError;
using domain::ErrorCode;
using domain::profiles::ProcessedPhoto;

namespace {

// A refusal about the "photo" field; libvips' own words go to the log only.
AppError Refuse(AppError e) {
  e.field = "photo";
  return e;
}

AppError Unreadable(std::string detail) {
  return Refuse(domain::MakeError(ErrorCode::kValidation,
                                  "This photo could not be read. It may be damaged. Please try another file.",
                                  std::move(detail)));
}

}  // namespace

domain::Result<ProcessedPhoto> VipsPhotoProcessor::Process(std::string_view file) {
  VipsRef large;  // 512×512 at most
  std::string detail;
  if (auto problem = DecodeUpload(file, limits_.large_size, limits_.large_size, limits_.max_pixels, large, detail)) {
    switch (*problem) {
      case DecodeProblem::kNotAnImage:
        return Refuse(domain::MakeError(ErrorCode::kValidation,
                                        "This file is not a photo we can use. Please choose a JPEG, PNG or WebP file.",
                                        detail));
      case DecodeProblem::kTooManyPixels:
        return Refuse(domain::MakeError(
            ErrorCode::kValidation, "This photo has too many pixels. Please choose a photo of at most 40 megapixels.",
            detail));
      case DecodeProblem::kUnreadable: break;
    }
    return Unreadable(detail);
  }
  VipsRef small;
  if (vips_thumbnail_image(large.get(), small.out(), limits_.small_size, "height", limits_.small_size, "crop",
                           VIPS_INTERESTING_CENTRE, "no_rotate", TRUE, nullptr) != 0) {
    return Unreadable(VipsErrorText());
  }

  ProcessedPhoto out;
  if (!SaveJpegStripped(large.get(), limits_.quality, false, out.large) ||
      !SaveJpegStripped(small.get(), limits_.quality, false, out.small)) {
    return Unreadable(VipsErrorText());
  }
  out.width = vips_image_get_width(large.get());
  out.height = vips_image_get_height(large.get());
  return out;
}

}  // namespace buurtplein::media
