#include "store/sqlite/profiles_repository.hpp"

namespace buurtplein::store::sqlite {

using domain::ErrorCode;
using domain::MakeError;
using domain::SiteId;
using domain::UserId;
using domain::profiles::Profile;

namespace {

// Never the e-mail address: these rows are shown to other people.
constexpr const char* kFindProfile =
    "SELECT u.id, u.display_name, coalesce(p.about, ''), coalesce(p.offer, ''), coalesce(p.photo_key, ''), "
    "coalesce(p.updated_at, u.created_at) FROM users u LEFT JOIN profiles p ON p.user_id = u.id WHERE u.id = ?1";
// 'verified' is written out: only verified members are members others may see.
constexpr const char* kFindMemberProfile =
    "SELECT u.id, u.display_name, coalesce(p.about, ''), coalesce(p.offer, ''), coalesce(p.photo_key, ''), "
    "coalesce(p.updated_at, u.created_at) FROM memberships m JOIN users u ON u.id = m.user_id "
    "LEFT JOIN profiles p ON p.user_id = u.id WHERE m.site_id = ?1 AND m.user_id = ?2 AND m.status = 'verified'";
constexpr const char* kUpsertText =
    "INSERT INTO profiles (user_id, about, offer, updated_at) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (user_id) DO UPDATE SET about = excluded.about, offer = excluded.offer, "
    "updated_at = excluded.updated_at";
constexpr const char* kPhotoKey = "SELECT photo_key FROM profiles WHERE user_id = ?1";
constexpr const char* kUpsertPhotoKey =
    "INSERT INTO profiles (user_id, photo_key, updated_at) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (user_id) DO UPDATE SET photo_key = excluded.photo_key, updated_at = excluded.updated_at";

constexpr const char* kNoSuchUser = "This account does not exist.";

Profile ReadProfile(const Stmt& s) {
  Profile p;
  p.user = UserId{s.Int(0)};
  p.display_name = s.Text(1);
  p.about = s.Text(2);
  p.offer = s.Text(3);
  p.photo_key = s.Text(4);
  p.updated_at = s.Int(5);
  return p;
}

}  // namespace

std::optional<Profile> SqliteProfileRepository::FindProfile(UserId user) {
  auto s = db_.Conn().Prepare(kFindProfile);
  s.Bind(1, user.value);
  if (!s.Step()) return std::nullopt;
  return ReadProfile(s);
}

std::optional<Profile> SqliteProfileRepository::FindMemberProfile(SiteId site, UserId user) {
  auto s = db_.Conn().Prepare(kFindMemberProfile);
  s.Bind(1, site.value).Bind(2, user.value);
  if (!s.Step()) return std::nullopt;
  return ReadProfile(s);
}

domain::Status SqliteProfileRepository::SaveProfileText(UserId user, std::string_view about, std::string_view offer,
                                                        std::int64_t at) {
  try {
    auto s = db_.Conn().Prepare(kUpsertText);
    s.Bind(1, user.value).Bind(2, about).Bind(3, offer).Bind(4, at);
    s.Exec();
    return domain::Ok{};
  } catch (const SqliteError& e) {
    // The foreign key (no such account) or a length check the service should have caught.
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchUser, e.what());
    throw;
  }
}

domain::Result<std::string> SqliteProfileRepository::SetPhotoKey(UserId user, std::string_view key, std::int64_t at) {
  auto& c = db_.Conn();
  try {
    Transaction tx(c);
    std::string old;
    {
      auto s = c.Prepare(kPhotoKey);
      s.Bind(1, user.value);
      if (s.Step()) old = s.Text(0);
    }
    {
      auto s = c.Prepare(kUpsertPhotoKey);
      s.Bind(1, user.value).Bind(2, key).Bind(3, at);
      s.Exec();
    }
    tx.Commit();
    return old;
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchUser, e.what());
    throw;
  }
}

}  // namespace buurtplein::store::sqlite
