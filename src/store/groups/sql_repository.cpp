#include "store/groups/sql_repository.hpp"

#include <algorithm>

namespace buurtplein::store::groups {

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
using sql::FirstInt;
using sql::V;

namespace {

// Every statement names the site (directly, or through the group's site): a group of another
// site is never read or changed. Never an e-mail address: these rows are shown to other people.
// Parameters are cast where PostgreSQL could not infer their type (is_open is INTEGER 0/1 on
// SQLite and BOOLEAN on PostgreSQL: CAST(? AS BOOLEAN) writes both, the runner reads both as 0/1).
#define BP_GROUP_COLUMNS                                                                                   \
  "g.id, g.site_id, g.name, g.description_markdown, g.meeting_place, g.contact_id, "                       \
  "coalesce(u.display_name, ''), g.image_id, g.is_open, g.visibility, "                                    \
  "(SELECT count(*) FROM group_members c WHERE c.group_id = g.id AND c.status = 'active'), g.created_at, " \
  "g.updated_at, g.active_at FROM site_groups g LEFT JOIN users u ON u.id = g.contact_id "
#define BP_MEMBER_COLUMNS                                                                                       \
  "m.group_id, m.user_id, u.display_name, m.role, m.status, m.created_at FROM group_members m "                 \
  "JOIN site_groups g ON g.id = m.group_id JOIN users u ON u.id = m.user_id "
constexpr const char* kInsertGroup =
    "INSERT INTO site_groups (site_id, name, description_markdown, meeting_place, contact_id, is_open, visibility, "
    "created_at, updated_at, active_at) VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS BOOLEAN), ?7, ?8, ?8, ?8) RETURNING id";
constexpr const char* kInsertMember =
    "INSERT INTO group_members (group_id, user_id, role, status, created_at) "
    "SELECT g.id, CAST(?3 AS BIGINT), CAST(?4 AS TEXT), CAST(?5 AS TEXT), CAST(?6 AS BIGINT) FROM site_groups g "
    "WHERE g.site_id = ?1 AND g.id = ?2 RETURNING group_id";
constexpr const char* kFindGroup = "SELECT " BP_GROUP_COLUMNS "WHERE g.site_id = ?1 AND g.id = ?2";
constexpr const char* kUpdateGroup =
    "UPDATE site_groups SET name = ?3, description_markdown = ?4, meeting_place = ?5, is_open = CAST(?6 AS BOOLEAN), "
    "visibility = ?7, updated_at = ?8, active_at = ?8 WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kSetContact =
    "UPDATE site_groups SET contact_id = ?3 WHERE site_id = ?1 AND id = ?2 AND EXISTS (SELECT 1 FROM group_members m "
    "WHERE m.group_id = ?2 AND m.user_id = ?3 AND m.status = 'active') RETURNING id";
constexpr const char* kDeleteGroup = "DELETE FROM site_groups WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kListGroups =
    "SELECT " BP_GROUP_COLUMNS "WHERE g.site_id = ?1 AND (g.visibility = 'public' OR CAST(?2 AS INTEGER) = 1) "
    "ORDER BY lower(g.name), g.id LIMIT ?3 OFFSET ?4";
constexpr const char* kListActive =
    "SELECT " BP_GROUP_COLUMNS "WHERE g.site_id = ?1 AND (g.visibility = 'public' OR CAST(?2 AS INTEGER) = 1) "
    "ORDER BY g.active_at DESC, g.id DESC LIMIT ?3";
constexpr const char* kListAdministered =
    "SELECT " BP_GROUP_COLUMNS "WHERE g.site_id = ?1 AND EXISTS (SELECT 1 FROM group_members a WHERE a.group_id = g.id "
    "AND a.user_id = ?2 AND a.role = 'admin' AND a.status = 'active') ORDER BY lower(g.name), g.id LIMIT ?3";
// PostgreSQL only: the group's row is locked, so two admins stepping down or leaving at once
// cannot both pass the admin count. SQLite needs no lock: BEGIN IMMEDIATE lets one writer in.
constexpr const char* kLockGroupPostgres = "SELECT id FROM site_groups WHERE site_id = ?1 AND id = ?2 FOR UPDATE";
constexpr const char* kLockGroupByIdPostgres = "SELECT id FROM site_groups WHERE id = ?1 FOR UPDATE";
constexpr const char* kTouchGroup = "UPDATE site_groups SET active_at = ?3 WHERE site_id = ?1 AND id = ?2";
constexpr const char* kFindMember =
    "SELECT " BP_MEMBER_COLUMNS "WHERE g.site_id = ?1 AND m.group_id = ?2 AND m.user_id = ?3";
constexpr const char* kApprove =
    "UPDATE group_members SET status = 'active', created_at = ?4 WHERE group_id = ?2 AND user_id = ?3 "
    "AND status = 'pending' AND group_id IN (SELECT id FROM site_groups WHERE site_id = ?1) RETURNING group_id";
constexpr const char* kOtherAdmins =
    "SELECT count(*) FROM group_members WHERE group_id = ?1 AND user_id <> ?2 AND role = 'admin' "
    "AND status = 'active'";
constexpr const char* kSetRole = "UPDATE group_members SET role = ?3 WHERE group_id = ?1 AND user_id = ?2";
constexpr const char* kDeleteMember = "DELETE FROM group_members WHERE group_id = ?1 AND user_id = ?2";
// A contact who leaves is replaced by the longest-standing other active admin.
constexpr const char* kReplaceContact =
    "UPDATE site_groups SET contact_id = (SELECT m.user_id FROM group_members m WHERE m.group_id = site_groups.id "
    "AND m.user_id <> ?1 AND m.role = 'admin' AND m.status = 'active' ORDER BY m.created_at, m.user_id LIMIT 1) "
    "WHERE contact_id = ?1";
constexpr const char* kReplaceContactInGroup =
    "UPDATE site_groups SET contact_id = (SELECT m.user_id FROM group_members m WHERE m.group_id = site_groups.id "
    "AND m.user_id <> ?1 AND m.role = 'admin' AND m.status = 'active' ORDER BY m.created_at, m.user_id LIMIT 1) "
    "WHERE contact_id = ?1 AND id = ?2";
constexpr const char* kListMembers =
    "SELECT " BP_MEMBER_COLUMNS "WHERE g.site_id = ?1 AND m.group_id = ?2 AND m.status = ?3 "
    "ORDER BY CASE m.role WHEN 'admin' THEN 0 ELSE 1 END, lower(u.display_name), m.user_id LIMIT ?4 OFFSET ?5";
// Account deletion.
constexpr const char* kSitesOfMember =
    "SELECT DISTINCT g.site_id FROM site_groups g WHERE g.contact_id = ?1 OR EXISTS (SELECT 1 FROM group_members m "
    "WHERE m.group_id = g.id AND m.user_id = ?1) ORDER BY g.site_id";
constexpr const char* kAdministeredByUser =
    "SELECT group_id FROM group_members WHERE user_id = ?1 AND role = 'admin' AND status = 'active' "
    "ORDER BY group_id";
constexpr const char* kSuccessor =
    "SELECT user_id FROM group_members WHERE group_id = ?1 AND user_id <> ?2 AND status = 'active' "
    "ORDER BY created_at, user_id LIMIT 1";
constexpr const char* kDeleteGroupById = "DELETE FROM site_groups WHERE id = ?1";
constexpr const char* kDeleteMemberships = "DELETE FROM group_members WHERE user_id = ?1";
#undef BP_GROUP_COLUMNS
#undef BP_MEMBER_COLUMNS

constexpr const char* kNoSuchGroup = "This group does not exist, or you cannot see it.";
constexpr const char* kNotInGroup = "This person is not in the group.";
constexpr const char* kLastAdmin = "A group needs at least one admin. Make another member admin first.";

const char* VisibilityName(Visibility v) { return v == Visibility::kMembers ? "members" : "public"; }
const char* RoleName(MemberRole r) { return r == MemberRole::kAdmin ? "admin" : "member"; }
const char* StatusName(MemberStatus s) { return s == MemberStatus::kPending ? "pending" : "active"; }

Group ReadGroup(const sql::Row& r) {
  Group g;
  g.id = GroupId{r.Int(0)};
  g.site = SiteId{r.Int(1)};
  g.name = r.Text(2);
  g.description_markdown = r.Text(3);
  g.meeting_place = r.Text(4);
  if (auto contact = r.OptId<UserId>(5)) g.contact = *contact;
  g.contact_name = r.Text(6);
  if (!r.IsNull(7)) g.image_id = r.Int(7);
  g.is_open = r.Bool(8);
  g.visibility = r.Text(9) == "members" ? Visibility::kMembers : Visibility::kPublic;
  g.member_count = static_cast<int>(r.Int(10));
  g.created_at = r.Int(11);
  g.updated_at = r.Int(12);
  g.active_at = r.Int(13);
  return g;
}

GroupMember ReadMember(const sql::Row& r) {
  GroupMember m;
  m.group = GroupId{r.Int(0)};
  m.user = UserId{r.Int(1)};
  m.display_name = r.Text(2);
  m.role = r.Text(3) == "admin" ? MemberRole::kAdmin : MemberRole::kMember;
  m.status = r.Text(4) == "pending" ? MemberStatus::kPending : MemberStatus::kActive;
  m.created_at = r.Int(5);
  return m;
}

domain::Status Found(bool found, const char* message = kNoSuchGroup) {
  if (!found) return MakeError(ErrorCode::kNotFound, message);
  return domain::Ok{};
}

}  // namespace

std::int64_t SqlGroupRepository::OtherAdmins(std::int64_t group, UserId user) {
  return sql_.One(kOtherAdmins, {V(group), V(user)}, FirstInt).value_or(0);
}

domain::Result<Group> SqlGroupRepository::CreateGroup(SiteId site, UserId creator, const GroupDraft& draft,
                                                      std::int64_t at) {
  std::int64_t id = 0;
  try {
    sql_.Transact([&] {
      id = sql_.One(kInsertGroup,
                    {V(site), V(draft.name), V(draft.description_markdown), V(draft.meeting_place), V(creator),
                     V(draft.is_open), V(VisibilityName(draft.visibility)), V(at)},
                    FirstInt)
               .value_or(0);
      sql_.Exec(kInsertMember, {V(site), V(id), V(creator), V("admin"), V("active"), V(at)});
      return true;
    });
  } catch (const sql::ConstraintViolation& e) {
    // The site or the creator does not exist, or a check the service should have caught.
    return MakeError(ErrorCode::kNotFound, kNoSuchGroup, e.what());
  }
  auto group = FindGroup(site, GroupId{id});
  if (!group) return MakeError(ErrorCode::kInternal, kNoSuchGroup, "group vanished after insert");
  return *group;
}

std::optional<Group> SqlGroupRepository::FindGroup(SiteId site, GroupId id) {
  return sql_.One(kFindGroup, {V(site), V(id)}, ReadGroup);
}

domain::Status SqlGroupRepository::UpdateGroup(SiteId site, GroupId id, const GroupDraft& draft, std::int64_t at) {
  return Found(sql_.Exec(kUpdateGroup, {V(site), V(id), V(draft.name), V(draft.description_markdown),
                                        V(draft.meeting_place), V(draft.is_open),
                                        V(VisibilityName(draft.visibility)), V(at)}) > 0);
}

domain::Status SqlGroupRepository::SetContact(SiteId site, GroupId id, UserId user) {
  return Found(sql_.Exec(kSetContact, {V(site), V(id), V(user)}) > 0, kNotInGroup);
}

domain::Status SqlGroupRepository::DeleteGroup(SiteId site, GroupId id) {
  return Found(sql_.Exec(kDeleteGroup, {V(site), V(id)}) > 0);
}

std::vector<Group> SqlGroupRepository::ListGroups(SiteId site, bool include_members_only, int limit, int offset) {
  return sql_.List(kListGroups, {V(site), V(include_members_only), V(std::max(0, limit)), V(std::max(0, offset))},
                   ReadGroup);
}

std::vector<Group> SqlGroupRepository::ListActive(SiteId site, bool include_members_only, int limit) {
  return sql_.List(kListActive, {V(site), V(include_members_only), V(std::max(0, limit))}, ReadGroup);
}

std::vector<Group> SqlGroupRepository::ListAdministered(SiteId site, UserId user, int limit) {
  return sql_.List(kListAdministered, {V(site), V(user), V(std::max(0, limit))}, ReadGroup);
}

std::optional<GroupMember> SqlGroupRepository::FindMember(SiteId site, GroupId id, UserId user) {
  return sql_.One(kFindMember, {V(site), V(id), V(user)}, ReadMember);
}

domain::Status SqlGroupRepository::AddMember(SiteId site, GroupId id, UserId user, MemberRole role,
                                             MemberStatus status, std::int64_t at) {
  bool found = false;
  try {
    sql_.Transact([&] {
      found = sql_.Exec(kInsertMember, {V(site), V(id), V(user), V(RoleName(role)), V(StatusName(status)), V(at)}) > 0;
      if (!found) return false;
      if (status == MemberStatus::kActive) sql_.Exec(kTouchGroup, {V(site), V(id), V(at)});
      return true;
    });
  } catch (const sql::ConstraintViolation& e) {
    return MakeError(ErrorCode::kConflict, "You are already in this group, or you have asked to join.", e.what());
  }
  return Found(found);
}

domain::Status SqlGroupRepository::ApproveMember(SiteId site, GroupId id, UserId user, std::int64_t at) {
  const bool found = sql_.Transact([&] {
    if (sql_.Exec(kApprove, {V(site), V(id), V(user), V(at)}) == 0) return false;
    sql_.Exec(kTouchGroup, {V(site), V(id), V(at)});
    return true;
  });
  if (!found) return MakeError(ErrorCode::kNotFound, "This request to join does not exist (any more).");
  return domain::Ok{};
}

domain::Status SqlGroupRepository::SetRole(SiteId site, GroupId id, UserId user, MemberRole role) {
  domain::Status out = domain::Ok{};
  // One transaction: the admin count cannot change under us.
  sql_.Transact([&] {
    if (sql_.engine() == sql::Engine::kPostgres && sql_.Exec(kLockGroupPostgres, {V(site), V(id)}) == 0) {
      out = Found(false);
      return false;
    }
    auto member = FindMember(site, id, user);
    if (!member || member->status != MemberStatus::kActive) {
      out = Found(false, kNotInGroup);
      return false;
    }
    if (member->role == MemberRole::kAdmin && role != MemberRole::kAdmin && OtherAdmins(id.value, user) == 0) {
      out = MakeError(ErrorCode::kConflict, kLastAdmin);
      return false;
    }
    sql_.Exec(kSetRole, {V(id), V(user), V(RoleName(role))});
    if (role != MemberRole::kAdmin) sql_.Exec(kReplaceContactInGroup, {V(user), V(id)});
    return true;
  });
  return out;
}

domain::Status SqlGroupRepository::RemoveMember(SiteId site, GroupId id, UserId user) {
  domain::Status out = domain::Ok{};
  // One transaction: the admin count cannot change under us.
  sql_.Transact([&] {
    if (sql_.engine() == sql::Engine::kPostgres && sql_.Exec(kLockGroupPostgres, {V(site), V(id)}) == 0) {
      out = Found(false);
      return false;
    }
    auto member = FindMember(site, id, user);
    if (!member) {
      out = Found(false, kNotInGroup);
      return false;
    }
    if (member->status == MemberStatus::kActive && member->role == MemberRole::kAdmin &&
        OtherAdmins(id.value, user) == 0) {
      out = MakeError(ErrorCode::kConflict, kLastAdmin);
      return false;
    }
    sql_.Exec(kReplaceContactInGroup, {V(user), V(id)});
    sql_.Exec(kDeleteMember, {V(id), V(user)});
    return true;
  });
  return out;
}

std::vector<GroupMember> SqlGroupRepository::ListMembers(SiteId site, GroupId id, MemberStatus status, int limit,
                                                         int offset) {
  return sql_.List(kListMembers,
                   {V(site), V(id), V(StatusName(status)), V(std::max(0, limit)), V(std::max(0, offset))},
                   ReadMember);
}

ErasedMemberships SqlGroupRepository::EraseMember(UserId user, bool remove_lone_groups) {
  ErasedMemberships out;
  sql_.Transact([&] {
    out = {};
    sql_.Each(kSitesOfMember, {V(user)}, [&](const sql::Row& r) { out.sites.push_back(SiteId{r.Int(0)}); });
    const auto administered = sql_.List(kAdministeredByUser, {V(user)}, FirstInt);
    for (std::int64_t group : administered) {
      if (sql_.engine() == sql::Engine::kPostgres) sql_.Exec(kLockGroupByIdPostgres, {V(group)});
      if (OtherAdmins(group, user) > 0) continue;
      if (auto successor = sql_.One(kSuccessor, {V(group), V(user)}, FirstInt)) {
        sql_.Exec(kSetRole, {V(group), V(*successor), V("admin")});
      } else if (remove_lone_groups) {
        sql_.Exec(kDeleteGroupById, {V(group)});
        out.removed_groups.push_back(GroupId{group});
      }
    }
    sql_.Exec(kReplaceContact, {V(user)});
    sql_.Exec(kDeleteMemberships, {V(user)});
    return true;
  });
  return out;
}

}  // namespace buurtplein::store::groups
