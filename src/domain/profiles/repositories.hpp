#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/common/app_error.hpp"
#include "domain/profiles/model.hpp"

namespace buurtplein::domain::profiles {

/// Profiles. An account's own profile is platform-wide (read and changed by its owner through
/// the user id); what other people see is read per site with FindMemberProfile.
class ProfileRepository {
 public:
  virtual ~ProfileRepository() = default;
  /// The account's own profile (empty texts when never edited); nullopt when the account does
  /// not exist.
  virtual std::optional<Profile> FindProfile(UserId user) = 0;
  /// Saves the about and offer texts; kNotFound when the account does not exist.
  virtual Status SaveProfileText(UserId user, std::string_view about, std::string_view offer,
                                 std::int64_t at) = 0;
  /// Sets the photo key ("" removes the photo) and returns the key it replaced ("" for none),
  /// in one transaction; kNotFound when the account does not exist.
  virtual Result<std::string> SetPhotoKey(UserId user, std::string_view key, std::int64_t at) = 0;
  /// The profile of `user` as seen in `site`: only when they are a verified member of that
  /// site; nullopt otherwise (whether or not the account exists).
  virtual std::optional<Profile> FindMemberProfile(SiteId site, UserId user) = 0;
};

}  // namespace buurtplein::domain::profiles
