#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/account_service.hpp"
#include "domain/accounts/personal_data.hpp"

namespace buurtplein::domain::accounts {

/// What happens to what a person wrote when they delete their account.
enum class ContentChoice {
  kAnonymise,  ///< stays, signed "oud-buurtbewoner" instead of their name
  kRemove,     ///< removed
};

/// The name that anonymised contributions show.
inline constexpr std::string_view kFormerResident = "oud-buurtbewoner";

/// A feature with contributions (posts, events, offers …) registers one of these with the
/// PrivacyService, which calls every registered eraser before the account itself is deleted.
class ContentEraser {
 public:
  virtual ~ContentEraser() = default;
  /// Anonymises (author shown as kFormerResident, no link to the account) or removes everything
  /// `user` contributed. Runs before the users row goes, so foreign keys still hold.
  virtual Status EraseContent(UserId user, ContentChoice choice) = 0;
};

/// One field of an exported row: its key and value as stored, or a description instead.
struct ExportField {
  std::string_view key;
  ColumnKind kind = ColumnKind::kText;
  PersonalValue value;       ///< empty (monostate) for NULL, or when `described`
  std::string_view description;  ///< set instead of the value for ColumnUse::kDescribed
};

/// The rows of one declared table.
struct ExportSection {
  std::string_view key;  ///< "account", "sessions" …
  bool single = false;   ///< one object rather than a list
  std::vector<std::vector<ExportField>> rows;
};

/// Everything held about one person ("download my data").
struct PersonalDataExport {
  UnixTime exported_at = 0;
  std::vector<ExportSection> sections;
};

/// The rights to one's data: download it, delete the account.
class PrivacyService {
 public:
  PrivacyService(Store& store, security::RateLimiter& limiter, const Clock& clock);

  /// Called by later features at start-up; erasers run in the order registered.
  void RegisterEraser(ContentEraser& eraser) { erasers_.push_back(&eraser); }

  /// Every declared table's rows about `user`, as the declaration says (a section per table).
  PersonalDataExport Export(const User& user);

  /// Deletes the logged-in person's account after checking their current password:
  /// contributions per `choice` (via the registered erasers), then unsent mail to their address,
  /// the address on sent mail, the account, every session and token and membership at once.
  /// kValidation (field current_password) when the password is wrong; kRateLimited when tried
  /// too often.
  Status DeleteAccount(const Authenticated& auth, std::string_view current_password, ContentChoice choice);

 private:
  Store& store_;
  security::RateLimiter& limiter_;
  const Clock& clock_;
  std::vector<ContentEraser*> erasers_;
};

}  // namespace buurtplein::domain::accounts
