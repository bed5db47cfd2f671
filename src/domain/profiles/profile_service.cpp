#include "domain/profiles/profile_service.hpp"

#include <cctype>

#include "domain/common/text.hpp"

namespace buurtplein::domain::profiles {

namespace {

AppError NoProfile() { return MakeError(ErrorCode::kNotFound, "This profile does not exist, or you cannot see it."); }
AppError NoPhoto(std::string detail = {}) {
  return MakeError(ErrorCode::kNotFound, "There is no photo.", std::move(detail));
}

AppError WithField(AppError e, const char* field) {
  e.field = field;
  return e;
}

}  // namespace

Result<std::string> ProfileService::CleanProfileText(std::string_view text) {
  std::string out;
  std::size_t n = 0;
  if (!CopyCleanText(TrimView(text), true, out, n)) {
    return MakeError(ErrorCode::kValidation, "This text contains characters we cannot use.");
  }
  if (n > kMaxTextLength) return MakeError(ErrorCode::kValidation, "This text is longer than 500 characters.");
  return out;
}

Result<Profile> ProfileService::Own(UserId user) {
  auto p = store_.profiles().FindProfile(user);
  if (!p) return NoProfile();
  return std::move(*p);
}

Status ProfileService::Update(UserId user, std::string_view display_name, std::string_view about,
                              std::string_view offer) {
  std::string name;
  std::size_t n = 0;
  if (!CopyCleanText(TrimView(display_name), false, name, n) || n < 2 || n > 60) {
    return WithField(MakeError(ErrorCode::kValidation, "Your name must be 2 to 60 characters."), "display_name");
  }
  auto clean_about = CleanProfileText(about);
  if (!clean_about) return WithField(clean_about.error(), "about");
  auto clean_offer = CleanProfileText(offer);
  if (!clean_offer) return WithField(clean_offer.error(), "offer");
  if (auto s = store_.users().SetDisplayName(user, name); !s) return s;
  return store_.profiles().SaveProfileText(user, *clean_about, *clean_offer, clock_.Now());
}

Status ProfileService::SetPhoto(UserId user, std::string_view file) {
  auto photo = processor_.Process(file);
  if (!photo) return photo.error();
  auto key = storage_.Save(*photo);
  if (!key) return key.error();
  auto old = store_.profiles().SetPhotoKey(user, *key, clock_.Now());
  if (!old) {
    storage_.Remove(*key);
    return old.error();
  }
  if (!old->empty()) storage_.Remove(*old);
  return Ok{};
}

Status ProfileService::RemovePhoto(UserId user) {
  auto old = store_.profiles().SetPhotoKey(user, "", clock_.Now());
  if (!old) return old.error();
  if (!old->empty()) storage_.Remove(*old);
  return Ok{};
}

Status ProfileService::EraseContent(UserId user, accounts::ContentChoice) {
  auto p = store_.profiles().FindProfile(user);
  if (p && !p->photo_key.empty()) storage_.Remove(p->photo_key);
  return Ok{};
}

Result<Profile> ProfileService::InSite(SiteId site, UserId user) {
  auto p = store_.profiles().FindMemberProfile(site, user);
  if (!p) return NoProfile();
  return std::move(*p);
}

Result<std::string> ProfileService::ReadPhoto(const std::string& key, PhotoSize size) {
  if (key.empty()) return NoPhoto();
  auto bytes = storage_.Read(key, size);
  if (!bytes) return NoPhoto("photo file missing: " + key);
  return std::move(*bytes);
}

Result<std::string> ProfileService::PhotoInSite(SiteId site, UserId user, PhotoSize size) {
  auto p = InSite(site, user);
  if (!p) return p.error();
  return ReadPhoto(p->photo_key, size);
}

Result<std::string> ProfileService::OwnPhoto(UserId user, PhotoSize size) {
  auto p = Own(user);
  if (!p) return p.error();
  return ReadPhoto(p->photo_key, size);
}

}  // namespace buurtplein::domain::profiles
