#include "store/postgres/profiles_repository.hpp"

namespace buurtplein::store::postgres {

using domain::ErrorCode;
using domain::MakeError;
using domain::SiteId;
using domain::UserId;
using domain::profiles::Profile;

namespace {

// Never the e-mail address: these rows are shown to other people.
constexpr const char* kFindProfile =
    "SELECT u.id, u.display_name, coalesce(p.about, ''), coalesce(p.offer, ''), coalesce(p.photo_key, ''), "
    "coalesce(p.updated_at, u.created_at) FROM users u LEFT JOIN profiles p ON p.user_id = u.id WHERE u.id = $1";
// 'verified' is written out: only verified members are members others may see.
constexpr const char* kFindMemberProfile =
    "SELECT u.id, u.display_name, coalesce(p.about, ''), coalesce(p.offer, ''), coalesce(p.photo_key, ''), "
    "coalesce(p.updated_at, u.created_at) FROM memberships m JOIN users u ON u.id = m.user_id "
    "LEFT JOIN profiles p ON p.user_id = u.id WHERE m.site_id = $1 AND m.user_id = $2 AND m.status = 'verified'";
constexpr const char* kUpsertText =
    "INSERT INTO profiles (user_id, about, offer, updated_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (user_id) DO UPDATE SET about = excluded.about, offer = excluded.offer, "
    "updated_at = excluded.updated_at";
// The row lock (FOR UPDATE) makes read-old-key and write-new-key one step against a concurrent
// upload; a first photo has no row to lock, and ON CONFLICT settles two first uploads.
constexpr const char* kPhotoKey = "SELECT photo_key FROM profiles WHERE user_id = $1 FOR UPDATE";
constexpr const char* kUpsertPhotoKey =
    "INSERT INTO profiles (user_id, photo_key, updated_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (user_id) DO UPDATE SET photo_key = excluded.photo_key, updated_at = excluded.updated_at";

constexpr const char* kNoSuchUser = "This account does not exist.";

Profile ReadProfile(const Result& r) {
  Profile p;
  p.user = UserId{r.Int(0, 0)};
  p.display_name = r.Text(0, 1);
  p.about = r.Text(0, 2);
  p.offer = r.Text(0, 3);
  p.photo_key = r.Text(0, 4);
  p.updated_at = r.Int(0, 5);
  return p;
}

}  // namespace

std::optional<Profile> PostgresProfileRepository::FindProfile(UserId user) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindProfile, Params().Add(user.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadProfile(r);
}

std::optional<Profile> PostgresProfileRepository::FindMemberProfile(SiteId site, UserId user) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindMemberProfile, Params().Add(site.value).Add(user.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadProfile(r);
}

domain::Status PostgresProfileRepository::SaveProfileText(UserId user, std::string_view about,
                                                          std::string_view offer, std::int64_t at) {
  auto c = pool_.Acquire();
  try {
    c->Exec(kUpsertText, Params().Add(user.value).Add(about).Add(offer).Add(at));
    return domain::Ok{};
  } catch (const PostgresError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchUser, e.what());
    throw;
  }
}

domain::Result<std::string> PostgresProfileRepository::SetPhotoKey(UserId user, std::string_view key,
                                                                   std::int64_t at) {
  auto c = pool_.Acquire();
  try {
    Transaction tx(*c);
    const Result old = c->Exec(kPhotoKey, Params().Add(user.value));
    std::string previous = old.Rows() > 0 ? old.Text(0, 0) : std::string();
    c->Exec(kUpsertPhotoKey, Params().Add(user.value).Add(key).Add(at));
    tx.Commit();
    return previous;
  } catch (const PostgresError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchUser, e.what());
    throw;
  }
}

}  // namespace buurtplein::store::postgres
