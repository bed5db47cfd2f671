#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/accounts/privacy_service.hpp"
#include "domain/common/app_error.hpp"
#include "domain/common/clock.hpp"
#include "domain/profiles/model.hpp"
#include "domain/profiles/photos.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::profiles {

/// A resident's profile: edited by its owner, seen by the verified members of the sites the
/// owner is a verified member of. Nothing here ever returns the e-mail address.
class ProfileService final : public accounts::ContentEraser {
 public:
  ProfileService(Store& store, PhotoProcessor& processor, PhotoStorage& storage, const Clock& clock)
      : store_(store), processor_(processor), storage_(storage), clock_(clock) {}

  /// The owner's own profile; kNotFound when the account does not exist.
  Result<Profile> Own(UserId user);
  /// Saves name, about and offer (trimmed; line breaks allowed in about and offer).
  /// kValidation with the field at fault.
  Status Update(UserId user, std::string_view display_name, std::string_view about, std::string_view offer);
  /// Processes and stores a new photo, replacing (and deleting) the old one.
  Status SetPhoto(UserId user, std::string_view file);
  /// Removes the photo, if any.
  Status RemovePhoto(UserId user);
  /// The profile as a member of `site` sees it; kNotFound unless `user` is a verified member.
  Result<Profile> InSite(SiteId site, UserId user);
  /// The photo bytes (image/jpeg) as a member of `site` sees them; kNotFound as above, or when
  /// there is no photo.
  Result<std::string> PhotoInSite(SiteId site, UserId user, PhotoSize size);
  /// The owner's own photo; kNotFound when there is none.
  Result<std::string> OwnPhoto(UserId user, PhotoSize size);

  /// When an account is deleted: its photo files go (the profile row goes with the account).
  Status EraseContent(UserId user, accounts::ContentChoice choice) override;

  /// Trims and checks an about or offer text: valid UTF-8, no control characters except line
  /// breaks and tabs, at most kMaxTextLength code points; "\r\n" becomes "\n".
  static Result<std::string> CleanProfileText(std::string_view text);

 private:
  Result<std::string> ReadPhoto(const std::string& key, PhotoSize size);

  Store& store_;
  PhotoProcessor& processor_;
  PhotoStorage& storage_;
  const Clock& clock_;
};

}  // namespace buurtplein::domain::profiles
