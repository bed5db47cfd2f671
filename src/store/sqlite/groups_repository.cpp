#include "store/sqlite/groups_repository.hpp"

#include <algorithm>

namespace buurtplein::store::sqlite {

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
  "coalesce(u.display_name, ''), g.image_id, g.is_open, g.visibility, "                                    \
  "(SELECT count(*) FROM group_members c WHERE c.group_id = g.id AND c.status = 'active'), g.created_at, " \
  "g.updated_at, g.active_at FROM site_groups g LEFT JOIN users u ON u.id = g.contact_id "
#define BP_MEMBER_COLUMNS                                                                                       \
  "m.group_id, m.user_id, u.display_name, m.role, m.status, m.created_at FROM group_members m "                 \
  "JOIN site_groups g ON g.id = m.group_id JOIN users u ON u.id = m.user_id "
constexpr const char* kInsertGroup =
    "INSERT INTO site_groups (site_id, name, description_markdown, meeting_place, contact_id, is_open, visibility, "
    "created_at, updated_at, active_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8) RETURNING id";
constexpr const char* kInsertMember =
    "INSERT INTO group_members (group_id, user_id, role, status, created_at) "
    "SELECT g.id, ?3, ?4, ?5, ?6 FROM site_groups g WHERE g.site_id = ?1 AND g.id = ?2 RETURNING group_id";
constexpr const char* kFindGroup = "SELECT " BP_GROUP_COLUMNS "WHERE g.site_id = ?1 AND g.id = ?2";
constexpr const char* kUpdateGroup =
    "UPDATE site_groups SET name = ?3, description_markdown = ?4, meeting_place = ?5, is_open = ?6, visibility = ?7, "
    "updated_at = ?8, active_at = ?8 WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kSetContact =
    "UPDATE site_groups SET contact_id = ?3 WHERE site_id = ?1 AND id = ?2 AND EXISTS (SELECT 1 FROM group_members m "
    "WHERE m.group_id = ?2 AND m.user_id = ?3 AND m.status = 'active') RETURNING id";
constexpr const char* kDeleteGroup = "DELETE FROM site_groups WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kListGroups =
    "SELECT " BP_GROUP_COLUMNS "WHERE g.site_id = ?1 AND (g.visibility = 'public' OR ?2 = 1) "
    "ORDER BY lower(g.name), g.id LIMIT ?3 OFFSET ?4";
constexpr const char* kListActive =
    "SELECT " BP_GROUP_COLUMNS "WHERE g.site_id = ?1 AND (g.visibility = 'public' OR ?2 = 1) "
    "ORDER BY g.active_at DESC, g.id DESC LIMIT ?3";
constexpr const char* kListAdministered =
    "SELECT " BP_GROUP_COLUMNS "WHERE g.site_id = ?1 AND EXISTS (SELECT 1 FROM group_members a WHERE a.group_id = g.id "
    "AND a.user_id = ?2 AND a.role = 'admin' AND a.status = 'active') ORDER BY lower(g.name), g.id LIMIT ?3";
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

Group ReadGroup(const Stmt& s) {
  Group g;
  g.id = GroupId{s.Int(0)};
  g.site = SiteId{s.Int(1)};
  g.name = s.Text(2);
  g.description_markdown = s.Text(3);
  g.meeting_place = s.Text(4);
  if (!s.IsNull(5)) g.contact = UserId{s.Int(5)};
  g.contact_name = s.Text(6);
  if (!s.IsNull(7)) g.image_id = s.Int(7);
  g.is_open = s.Int(8) != 0;
  g.visibility = s.Text(9) == "members" ? Visibility::kMembers : Visibility::kPublic;
  g.member_count = static_cast<int>(s.Int(10));
  g.created_at = s.Int(11);
  g.updated_at = s.Int(12);
  g.active_at = s.Int(13);
  return g;
}

GroupMember ReadMember(const Stmt& s) {
  GroupMember m;
  m.group = GroupId{s.Int(0)};
  m.user = UserId{s.Int(1)};
  m.display_name = s.Text(2);
  m.role = s.Text(3) == "admin" ? MemberRole::kAdmin : MemberRole::kMember;
  m.status = s.Text(4) == "pending" ? MemberStatus::kPending : MemberStatus::kActive;
  m.created_at = s.Int(5);
  return m;
}

// Runs a statement with RETURNING; true when it touched a row.
bool Touched(Stmt& s) {
  const bool found = s.Step();
  if (found) s.Exec();  // finish the statement (stepping past its end would run it again)
  return found;
}

domain::Status Found(bool found, const char* message = kNoSuchGroup) {
  if (!found) return MakeError(ErrorCode::kNotFound, message);
  return domain::Ok{};
}

std::int64_t Count(Connection& c, const char* sql, std::int64_t a, std::int64_t b) {
  auto s = c.Prepare(sql);
  s.Bind(1, a).Bind(2, b);
  return s.Step() ? s.Int(0) : 0;
}

std::vector<Group> ReadGroups(Stmt& s) {
  std::vector<Group> out;
  while (s.Step()) out.push_back(ReadGroup(s));
  return out;
}

}  // namespace

domain::Result<Group> SqliteGroupRepository::CreateGroup(SiteId site, UserId creator, const GroupDraft& draft,
                                                         std::int64_t at) {
  std::int64_t id = 0;
  auto& c = db_.Conn();
  try {
    Transaction tx(c);
    {
      auto s = c.Prepare(kInsertGroup);
      s.Bind(1, site.value)
          .Bind(2, draft.name)
          .Bind(3, draft.description_markdown)
          .Bind(4, draft.meeting_place)
          .Bind(5, creator.value)
          .Bind(6, draft.is_open ? 1 : 0)
          .Bind(7, VisibilityName(draft.visibility))
          .Bind(8, at);
      if (s.Step()) {
        id = s.Int(0);
        s.Exec();
      }
    }
    {
      auto s = c.Prepare(kInsertMember);
      s.Bind(1, site.value).Bind(2, id).Bind(3, creator.value).Bind(4, "admin").Bind(5, "active").Bind(6, at);
      Touched(s);
    }
    tx.Commit();
  } catch (const SqliteError& e) {
    // The site or the creator does not exist, or a check the service should have caught.
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchGroup, e.what());
    throw;
  }
  auto group = FindGroup(site, GroupId{id});
  if (!group) return MakeError(ErrorCode::kInternal, kNoSuchGroup, "group vanished after insert");
  return *group;
}

std::optional<Group> SqliteGroupRepository::FindGroup(SiteId site, GroupId id) {
  auto s = db_.Conn().Prepare(kFindGroup);
  s.Bind(1, site.value).Bind(2, id.value);
  if (!s.Step()) return std::nullopt;
  return ReadGroup(s);
}

domain::Status SqliteGroupRepository::UpdateGroup(SiteId site, GroupId id, const GroupDraft& draft, std::int64_t at) {
  auto s = db_.Conn().Prepare(kUpdateGroup);
  s.Bind(1, site.value)
      .Bind(2, id.value)
      .Bind(3, draft.name)
      .Bind(4, draft.description_markdown)
      .Bind(5, draft.meeting_place)
      .Bind(6, draft.is_open ? 1 : 0)
      .Bind(7, VisibilityName(draft.visibility))
      .Bind(8, at);
  return Found(Touched(s));
}

domain::Status SqliteGroupRepository::SetContact(SiteId site, GroupId id, UserId user) {
  auto s = db_.Conn().Prepare(kSetContact);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, user.value);
  return Found(Touched(s), kNotInGroup);
}

domain::Status SqliteGroupRepository::DeleteGroup(SiteId site, GroupId id) {
  auto s = db_.Conn().Prepare(kDeleteGroup);
  s.Bind(1, site.value).Bind(2, id.value);
  return Found(Touched(s));
}

std::vector<Group> SqliteGroupRepository::ListGroups(SiteId site, bool include_members_only, int limit, int offset) {
  auto s = db_.Conn().Prepare(kListGroups);
  s.Bind(1, site.value).Bind(2, include_members_only ? 1 : 0).Bind(3, std::max(0, limit)).Bind(4, std::max(0, offset));
  return ReadGroups(s);
}

std::vector<Group> SqliteGroupRepository::ListActive(SiteId site, bool include_members_only, int limit) {
  auto s = db_.Conn().Prepare(kListActive);
  s.Bind(1, site.value).Bind(2, include_members_only ? 1 : 0).Bind(3, std::max(0, limit));
  return ReadGroups(s);
}

std::vector<Group> SqliteGroupRepository::ListAdministered(SiteId site, UserId user, int limit) {
  auto s = db_.Conn().Prepare(kListAdministered);
  s.Bind(1, site.value).Bind(2, user.value).Bind(3, std::max(0, limit));
  return ReadGroups(s);
}

std::optional<GroupMember> SqliteGroupRepository::FindMember(SiteId site, GroupId id, UserId user) {
  auto s = db_.Conn().Prepare(kFindMember);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, user.value);
  if (!s.Step()) return std::nullopt;
  return ReadMember(s);
}

domain::Status SqliteGroupRepository::AddMember(SiteId site, GroupId id, UserId user, MemberRole role,
                                                MemberStatus status, std::int64_t at) {
  auto& c = db_.Conn();
  try {
    Transaction tx(c);
    auto s = c.Prepare(kInsertMember);
    s.Bind(1, site.value).Bind(2, id.value).Bind(3, user.value).Bind(4, RoleName(role)).Bind(5, StatusName(status))
        .Bind(6, at);
    if (!Touched(s)) return Found(false);
    if (status == MemberStatus::kActive) {
      auto t = c.Prepare(kTouchGroup);
      t.Bind(1, site.value).Bind(2, id.value).Bind(3, at);
      t.Exec();
    }
    tx.Commit();
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) {
      return MakeError(ErrorCode::kConflict, "You are already in this group, or you have asked to join.", e.what());
    }
    throw;
  }
  return domain::Ok{};
}

domain::Status SqliteGroupRepository::ApproveMember(SiteId site, GroupId id, UserId user, std::int64_t at) {
  auto& c = db_.Conn();
  Transaction tx(c);
  auto s = c.Prepare(kApprove);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, user.value).Bind(4, at);
  if (!Touched(s)) return MakeError(ErrorCode::kNotFound, "This request to join does not exist (any more).");
  auto t = c.Prepare(kTouchGroup);
  t.Bind(1, site.value).Bind(2, id.value).Bind(3, at);
  t.Exec();
  tx.Commit();
  return domain::Ok{};
}

domain::Status SqliteGroupRepository::SetRole(SiteId site, GroupId id, UserId user, MemberRole role) {
  auto& c = db_.Conn();
  Transaction tx(c);  // BEGIN IMMEDIATE: the admin count cannot change under us
  auto member = FindMember(site, id, user);
  if (!member || member->status != MemberStatus::kActive) return Found(false, kNotInGroup);
  if (member->role == MemberRole::kAdmin && role != MemberRole::kAdmin &&
      Count(c, kOtherAdmins, id.value, user.value) == 0) {
    return MakeError(ErrorCode::kConflict, kLastAdmin);
  }
  auto s = c.Prepare(kSetRole);
  s.Bind(1, id.value).Bind(2, user.value).Bind(3, RoleName(role));
  s.Exec();
  if (role != MemberRole::kAdmin) {
    auto r = c.Prepare(kReplaceContactInGroup);
    r.Bind(1, user.value).Bind(2, id.value);
    r.Exec();
  }
  tx.Commit();
  return domain::Ok{};
}

domain::Status SqliteGroupRepository::RemoveMember(SiteId site, GroupId id, UserId user) {
  auto& c = db_.Conn();
  Transaction tx(c);  // BEGIN IMMEDIATE: the admin count cannot change under us
  auto member = FindMember(site, id, user);
  if (!member) return Found(false, kNotInGroup);
  if (member->status == MemberStatus::kActive && member->role == MemberRole::kAdmin &&
      Count(c, kOtherAdmins, id.value, user.value) == 0) {
    return MakeError(ErrorCode::kConflict, kLastAdmin);
  }
  {
    auto s = c.Prepare(kReplaceContactInGroup);
    s.Bind(1, user.value).Bind(2, id.value);
    s.Exec();
  }
  auto s = c.Prepare(kDeleteMember);
  s.Bind(1, id.value).Bind(2, user.value);
  s.Exec();
  tx.Commit();
  return domain::Ok{};
}

std::vector<GroupMember> SqliteGroupRepository::ListMembers(SiteId site, GroupId id, MemberStatus status, int limit,
                                                            int offset) {
  auto s = db_.Conn().Prepare(kListMembers);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, StatusName(status)).Bind(4, std::max(0, limit))
      .Bind(5, std::max(0, offset));
  std::vector<GroupMember> out;
  while (s.Step()) out.push_back(ReadMember(s));
  return out;
}

ErasedMemberships SqliteGroupRepository::EraseMember(UserId user, bool remove_lone_groups) {
  auto& c = db_.Conn();
  Transaction tx(c);
  ErasedMemberships out;
  {
    auto s = c.Prepare(kSitesOfMember);
    s.Bind(1, user.value);
    while (s.Step()) out.sites.push_back(SiteId{s.Int(0)});
  }
  std::vector<std::int64_t> administered;
  {
    auto s = c.Prepare(kAdministeredByUser);
    s.Bind(1, user.value);
    while (s.Step()) administered.push_back(s.Int(0));
  }
  for (std::int64_t group : administered) {
    if (Count(c, kOtherAdmins, group, user.value) > 0) continue;
    auto next = c.Prepare(kSuccessor);
    next.Bind(1, group).Bind(2, user.value);
    if (next.Step()) {
      const std::int64_t successor = next.Int(0);
      next.Exec();
      auto s = c.Prepare(kSetRole);
      s.Bind(1, group).Bind(2, successor).Bind(3, "admin");
      s.Exec();
    } else if (remove_lone_groups) {
      auto s = c.Prepare(kDeleteGroupById);
      s.Bind(1, group);
      s.Exec();
      out.removed_groups.push_back(GroupId{group});
    }
  }
  {
    auto s = c.Prepare(kReplaceContact);
    s.Bind(1, user.value);
    s.Exec();
  }
  {
    auto s = c.Prepare(kDeleteMemberships);
    s.Bind(1, user.value);
    s.Exec();
  }
  tx.Commit();
  return out;
}

}  // namespace buurtplein::store::sqlite
