#include "store/postgres/groups_repository.hpp"

#include <algorithm>

namespace buurtplein::store::postgres {

using domain::ErrorCode;
using domain::MakeError;
using domain::SiteId;
using domain::UserId;
using domain::groups::ErasedMemberships;
using domain::groups::Group;
using domain::groups::GroupDraft;
using domain::groups::GroupId;
using domain::groups::GroupMember;
using domain::groups::MemberRole;
using domain::groups::MemberStatus;
using domain::groups::Visibility;

namespace {

// Every statement names the site (directly, or through the group's site): a group of another
// site is never read or changed. Never an e-mail address: these rows are shown to other people.
#define BP_GROUP_COLUMNS                                                                                   \
  "g.id, g.site_id, g.name, g.description_markdown, g.meeting_place, g.contact_id, "                       \
  "coalesce(u.display_name, ''), g.image_id, g.is_open::int, g.visibility, "                                    \
  "(SELECT count(*) FROM group_members c WHERE c.group_id = g.id AND c.status = 'active'), g.created_at, " \
  "g.updated_at, g.active_at FROM site_groups g LEFT JOIN users u ON u.id = g.contact_id "
#define BP_MEMBER_COLUMNS                                                                                       \
  "m.group_id, m.user_id, u.display_name, m.role, m.status, m.created_at FROM group_members m "                 \
  "JOIN site_groups g ON g.id = m.group_id JOIN users u ON u.id = m.user_id "
constexpr const char* kInsertGroup =
    "INSERT INTO site_groups (site_id, name, description_markdown, meeting_place, contact_id, is_open, visibility, "
    "created_at, updated_at, active_at) VALUES ($1, $2, $3, $4, $5, $6::boolean, $7, $8, $8, $8) RETURNING id";
constexpr const char* kInsertMember =
    "INSERT INTO group_members (group_id, user_id, role, status, created_at) "
    "SELECT g.id, $3::bigint, $4, $5, $6::bigint FROM site_groups g WHERE g.site_id = $1 AND g.id = $2 RETURNING group_id";
constexpr const char* kFindGroup = "SELECT " BP_GROUP_COLUMNS "WHERE g.site_id = $1 AND g.id = $2";
constexpr const char* kUpdateGroup =
    "UPDATE site_groups SET name = $3, description_markdown = $4, meeting_place = $5, is_open = $6::boolean, visibility = $7, "
    "updated_at = $8, active_at = $8 WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kSetContact =
    "UPDATE site_groups SET contact_id = $3 WHERE site_id = $1 AND id = $2 AND EXISTS (SELECT 1 FROM group_members m "
    "WHERE m.group_id = $2 AND m.user_id = $3 AND m.status = 'active') RETURNING id";
constexpr const char* kDeleteGroup = "DELETE FROM site_groups WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kListGroups =
    "SELECT " BP_GROUP_COLUMNS "WHERE g.site_id = $1 AND (g.visibility = 'public' OR $2::int = 1) "
    "ORDER BY lower(g.name), g.id LIMIT $3 OFFSET $4";
constexpr const char* kListActive =
    "SELECT " BP_GROUP_COLUMNS "WHERE g.site_id = $1 AND (g.visibility = 'public' OR $2::int = 1) "
    "ORDER BY g.active_at DESC, g.id DESC LIMIT $3";
constexpr const char* kListAdministered =
    "SELECT " BP_GROUP_COLUMNS "WHERE g.site_id = $1 AND EXISTS (SELECT 1 FROM group_members a WHERE a.group_id = g.id "
    "AND a.user_id = $2 AND a.role = 'admin' AND a.status = 'active') ORDER BY lower(g.name), g.id LIMIT $3";
constexpr const char* kTouchGroup = "UPDATE site_groups SET active_at = $3 WHERE site_id = $1 AND id = $2";
constexpr const char* kFindMember =
    "SELECT " BP_MEMBER_COLUMNS "WHERE g.site_id = $1 AND m.group_id = $2 AND m.user_id = $3";
constexpr const char* kApprove =
    "UPDATE group_members SET status = 'active', created_at = $4 WHERE group_id = $2 AND user_id = $3 "
    "AND status = 'pending' AND group_id IN (SELECT id FROM site_groups WHERE site_id = $1) RETURNING group_id";
constexpr const char* kOtherAdmins =
    "SELECT count(*) FROM group_members WHERE group_id = $1 AND user_id <> $2 AND role = 'admin' "
    "AND status = 'active'";
constexpr const char* kSetRole = "UPDATE group_members SET role = $3 WHERE group_id = $1 AND user_id = $2";
constexpr const char* kDeleteMember = "DELETE FROM group_members WHERE group_id = $1 AND user_id = $2";
// A contact who leaves is replaced by the longest-standing other active admin.
constexpr const char* kReplaceContact =
    "UPDATE site_groups SET contact_id = (SELECT m.user_id FROM group_members m WHERE m.group_id = site_groups.id "
    "AND m.user_id <> $1 AND m.role = 'admin' AND m.status = 'active' ORDER BY m.created_at, m.user_id LIMIT 1) "
    "WHERE contact_id = $1";
constexpr const char* kReplaceContactInGroup =
    "UPDATE site_groups SET contact_id = (SELECT m.user_id FROM group_members m WHERE m.group_id = site_groups.id "
    "AND m.user_id <> $1 AND m.role = 'admin' AND m.status = 'active' ORDER BY m.created_at, m.user_id LIMIT 1) "
    "WHERE contact_id = $1 AND id = $2";
constexpr const char* kListMembers =
    "SELECT " BP_MEMBER_COLUMNS "WHERE g.site_id = $1 AND m.group_id = $2 AND m.status = $3 "
    "ORDER BY CASE m.role WHEN 'admin' THEN 0 ELSE 1 END, lower(u.display_name), m.user_id LIMIT $4 OFFSET $5";
// Account deletion.
constexpr const char* kSitesOfMember =
    "SELECT DISTINCT g.site_id FROM site_groups g WHERE g.contact_id = $1 OR EXISTS (SELECT 1 FROM group_members m "
    "WHERE m.group_id = g.id AND m.user_id = $1) ORDER BY g.site_id";
constexpr const char* kAdministeredByUser =
    "SELECT group_id FROM group_members WHERE user_id = $1 AND role = 'admin' AND status = 'active' "
    "ORDER BY group_id";
constexpr const char* kSuccessor =
    "SELECT user_id FROM group_members WHERE group_id = $1 AND user_id <> $2 AND status = 'active' "
    "ORDER BY created_at, user_id LIMIT 1";
constexpr const char* kDeleteGroupById = "DELETE FROM site_groups WHERE id = $1";
constexpr const char* kDeleteMemberships = "DELETE FROM group_members WHERE user_id = $1";
constexpr const char* kLockGroup = "SELECT id FROM site_groups WHERE site_id = $1 AND id = $2 FOR UPDATE";
constexpr const char* kLockGroupById = "SELECT id FROM site_groups WHERE id = $1 FOR UPDATE";
#undef BP_GROUP_COLUMNS
#undef BP_MEMBER_COLUMNS

constexpr const char* kNoSuchGroup = "This group does not exist, or you cannot see it.";
constexpr const char* kNotInGroup = "This person is not in the group.";
constexpr const char* kLastAdmin = "A group needs at least one admin. Make another member admin first.";

const char* VisibilityName(Visibility v) { return v == Visibility::kMembers ? "members" : "public"; }
const char* RoleName(MemberRole r) { return r == MemberRole::kAdmin ? "admin" : "member"; }
const char* StatusName(MemberStatus s) { return s == MemberStatus::kPending ? "pending" : "active"; }

Group ReadGroup(const Result& r, int row) {
  Group g;
  g.id = GroupId{r.Int(row, 0)};
  g.site = SiteId{r.Int(row, 1)};
  g.name = r.Text(row, 2);
  g.description_markdown = r.Text(row, 3);
  g.meeting_place = r.Text(row, 4);
  if (!r.IsNull(row, 5)) g.contact = UserId{r.Int(row, 5)};
  g.contact_name = r.Text(row, 6);
  if (!r.IsNull(row, 7)) g.image_id = r.Int(row, 7);
  g.is_open = r.Int(row, 8) != 0;
  g.visibility = r.Text(row, 9) == "members" ? Visibility::kMembers : Visibility::kPublic;
  g.member_count = static_cast<int>(r.Int(row, 10));
  g.created_at = r.Int(row, 11);
  g.updated_at = r.Int(row, 12);
  g.active_at = r.Int(row, 13);
  return g;
}

GroupMember ReadMember(const Result& r, int row) {
  GroupMember m;
  m.group = GroupId{r.Int(row, 0)};
  m.user = UserId{r.Int(row, 1)};
  m.display_name = r.Text(row, 2);
  m.role = r.Text(row, 3) == "admin" ? MemberRole::kAdmin : MemberRole::kMember;
  m.status = r.Text(row, 4) == "pending" ? MemberStatus::kPending : MemberStatus::kActive;
  m.created_at = r.Int(row, 5);
  return m;
}

domain::Status Found(bool found, const char* message = kNoSuchGroup) {
  if (!found) return MakeError(ErrorCode::kNotFound, message);
  return domain::Ok{};
}

std::vector<Group> ReadGroups(const Result& r) {
  std::vector<Group> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadGroup(r, i));
  return out;
}

std::optional<GroupMember> MemberOn(Connection& c, SiteId site, GroupId id, UserId user) {
  const Result r = c.Exec(kFindMember, Params().Add(site.value).Add(id.value).Add(user.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadMember(r, 0);
}

std::int64_t OtherAdmins(Connection& c, std::int64_t group, std::int64_t user) {
  const Result r = c.Exec(kOtherAdmins, Params().Add(group).Add(user));
  return r.Rows() == 0 ? 0 : r.Int(0, 0);
}

}  // namespace

domain::Result<Group> PostgresGroupRepository::CreateGroup(SiteId site, UserId creator, const GroupDraft& draft,
                                                           std::int64_t at) {
  std::int64_t id = 0;
  {
    auto c = pool_.Acquire();
    try {
      Transaction tx(*c);
      const Result r = c->Exec(kInsertGroup, Params()
                                                 .Add(site.value)
                                                 .Add(draft.name)
                                                 .Add(draft.description_markdown)
                                                 .Add(draft.meeting_place)
                                                 .Add(creator.value)
                                                 .Add(draft.is_open ? "true" : "false")
                                                 .Add(VisibilityName(draft.visibility))
                                                 .Add(at));
      id = r.Int(0, 0);
      c->Exec(kInsertMember,
              Params().Add(site.value).Add(id).Add(creator.value).Add("admin").Add("active").Add(at));
      tx.Commit();
    } catch (const PostgresError& e) {
      // The site or the creator does not exist, or a check the service should have caught.
      if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchGroup, e.what());
      throw;
    }
  }
  auto group = FindGroup(site, GroupId{id});
  if (!group) return MakeError(ErrorCode::kInternal, kNoSuchGroup, "group vanished after insert");
  return *group;
}

std::optional<Group> PostgresGroupRepository::FindGroup(SiteId site, GroupId id) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindGroup, Params().Add(site.value).Add(id.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadGroup(r, 0);
}

domain::Status PostgresGroupRepository::UpdateGroup(SiteId site, GroupId id, const GroupDraft& draft,
                                                    std::int64_t at) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kUpdateGroup, Params()
                                             .Add(site.value)
                                             .Add(id.value)
                                             .Add(draft.name)
                                             .Add(draft.description_markdown)
                                             .Add(draft.meeting_place)
                                             .Add(draft.is_open ? "true" : "false")
                                             .Add(VisibilityName(draft.visibility))
                                             .Add(at));
  return Found(r.Rows() > 0);
}

domain::Status PostgresGroupRepository::SetContact(SiteId site, GroupId id, UserId user) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kSetContact, Params().Add(site.value).Add(id.value).Add(user.value));
  return Found(r.Rows() > 0, kNotInGroup);
}

domain::Status PostgresGroupRepository::DeleteGroup(SiteId site, GroupId id) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kDeleteGroup, Params().Add(site.value).Add(id.value));
  return Found(r.Rows() > 0);
}

std::vector<Group> PostgresGroupRepository::ListGroups(SiteId site, bool include_members_only, int limit,
                                                       int offset) {
  auto c = pool_.Acquire();
  return ReadGroups(c->Exec(kListGroups, Params()
                                             .Add(site.value)
                                             .Add(include_members_only ? 1 : 0)
                                             .Add(std::max(0, limit))
                                             .Add(std::max(0, offset))));
}

std::vector<Group> PostgresGroupRepository::ListActive(SiteId site, bool include_members_only, int limit) {
  auto c = pool_.Acquire();
  return ReadGroups(
      c->Exec(kListActive, Params().Add(site.value).Add(include_members_only ? 1 : 0).Add(std::max(0, limit))));
}

std::vector<Group> PostgresGroupRepository::ListAdministered(SiteId site, UserId user, int limit) {
  auto c = pool_.Acquire();
  return ReadGroups(c->Exec(kListAdministered, Params().Add(site.value).Add(user.value).Add(std::max(0, limit))));
}

std::optional<GroupMember> PostgresGroupRepository::FindMember(SiteId site, GroupId id, UserId user) {
  auto c = pool_.Acquire();
  return MemberOn(*c, site, id, user);
}

domain::Status PostgresGroupRepository::AddMember(SiteId site, GroupId id, UserId user, MemberRole role,
                                                  MemberStatus status, std::int64_t at) {
  auto c = pool_.Acquire();
  try {
    Transaction tx(*c);
    const Result r = c->Exec(kInsertMember, Params()
                                                .Add(site.value)
                                                .Add(id.value)
                                                .Add(user.value)
                                                .Add(RoleName(role))
                                                .Add(StatusName(status))
                                                .Add(at));
    if (r.Rows() == 0) return Found(false);
    if (status == MemberStatus::kActive) c->Exec(kTouchGroup, Params().Add(site.value).Add(id.value).Add(at));
    tx.Commit();
  } catch (const PostgresError& e) {
    if (e.IsConstraint()) {
      return MakeError(ErrorCode::kConflict, "You are already in this group, or you have asked to join.", e.what());
    }
    throw;
  }
  return domain::Ok{};
}

domain::Status PostgresGroupRepository::ApproveMember(SiteId site, GroupId id, UserId user, std::int64_t at) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  const Result r = c->Exec(kApprove, Params().Add(site.value).Add(id.value).Add(user.value).Add(at));
  if (r.Rows() == 0) return MakeError(ErrorCode::kNotFound, "This request to join does not exist (any more).");
  c->Exec(kTouchGroup, Params().Add(site.value).Add(id.value).Add(at));
  tx.Commit();
  return domain::Ok{};
}

domain::Status PostgresGroupRepository::SetRole(SiteId site, GroupId id, UserId user, MemberRole role) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  // The group's row is locked: two admins stepping down at once cannot both pass the count.
  if (c->Exec(kLockGroup, Params().Add(site.value).Add(id.value)).Rows() == 0) return Found(false);
  auto member = MemberOn(*c, site, id, user);
  if (!member || member->status != MemberStatus::kActive) return Found(false, kNotInGroup);
  if (member->role == MemberRole::kAdmin && role != MemberRole::kAdmin && OtherAdmins(*c, id.value, user.value) == 0) {
    return MakeError(ErrorCode::kConflict, kLastAdmin);
  }
  c->Exec(kSetRole, Params().Add(id.value).Add(user.value).Add(RoleName(role)));
  if (role != MemberRole::kAdmin) c->Exec(kReplaceContactInGroup, Params().Add(user.value).Add(id.value));
  tx.Commit();
  return domain::Ok{};
}

domain::Status PostgresGroupRepository::RemoveMember(SiteId site, GroupId id, UserId user) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  // The group's row is locked: two admins leaving at once cannot both pass the count.
  if (c->Exec(kLockGroup, Params().Add(site.value).Add(id.value)).Rows() == 0) return Found(false);
  auto member = MemberOn(*c, site, id, user);
  if (!member) return Found(false, kNotInGroup);
  if (member->status == MemberStatus::kActive && member->role == MemberRole::kAdmin &&
      OtherAdmins(*c, id.value, user.value) == 0) {
    return MakeError(ErrorCode::kConflict, kLastAdmin);
  }
  c->Exec(kReplaceContactInGroup, Params().Add(user.value).Add(id.value));
  c->Exec(kDeleteMember, Params().Add(id.value).Add(user.value));
  tx.Commit();
  return domain::Ok{};
}

std::vector<GroupMember> PostgresGroupRepository::ListMembers(SiteId site, GroupId id, MemberStatus status,
                                                              int limit, int offset) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kListMembers, Params()
                                             .Add(site.value)
                                             .Add(id.value)
                                             .Add(StatusName(status))
                                             .Add(std::max(0, limit))
                                             .Add(std::max(0, offset)));
  std::vector<GroupMember> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadMember(r, i));
  return out;
}

ErasedMemberships PostgresGroupRepository::EraseMember(UserId user, bool remove_lone_groups) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  ErasedMemberships out;
  {
    const Result r = c->Exec(kSitesOfMember, Params().Add(user.value));
    for (int i = 0; i < r.Rows(); ++i) out.sites.push_back(SiteId{r.Int(i, 0)});
  }
  std::vector<std::int64_t> administered;
  {
    const Result r = c->Exec(kAdministeredByUser, Params().Add(user.value));
    for (int i = 0; i < r.Rows(); ++i) administered.push_back(r.Int(i, 0));
  }
  for (std::int64_t group : administered) {
    c->Exec(kLockGroupById, Params().Add(group));
    if (OtherAdmins(*c, group, user.value) > 0) continue;
    const Result next = c->Exec(kSuccessor, Params().Add(group).Add(user.value));
    if (next.Rows() > 0) {
      c->Exec(kSetRole, Params().Add(group).Add(next.Int(0, 0)).Add("admin"));
    } else if (remove_lone_groups) {
      c->Exec(kDeleteGroupById, Params().Add(group));
      out.removed_groups.push_back(GroupId{group});
    }
  }
  c->Exec(kReplaceContact, Params().Add(user.value));
  c->Exec(kDeleteMemberships, Params().Add(user.value));
  tx.Commit();
  return out;
}

}  // namespace buurtplein::store::postgres
