#include "domain/groups/group_service.hpp"

#include <algorithm>

#include "domain/common/text.hpp"
#include "domain/search/feature_documents.hpp"

namespace buurtplein::domain::groups {

namespace {

AppError NoGroup() { return MakeError(ErrorCode::kNotFound, "This group does not exist, or you cannot see it."); }
AppError NotManager() {
  return MakeError(ErrorCode::kForbidden, "Only an admin of this group or a buurtverbinder can do this.");
}
AppError NotMember() {
  return MakeError(ErrorCode::kForbidden, "Only verified members of this neighbourhood can join or start groups.");
}

AppError WithField(AppError e, const char* field) {
  e.field = field;
  return e;
}

int ClampPage(int page) { return std::max(1, page); }

}  // namespace

Viewer Viewer::Of(std::optional<UserId> user, const std::optional<accounts::Membership>& membership) {
  Viewer v;
  v.user = user;
  if (user && membership && membership->user == *user && membership->status == accounts::MemberStatus::kVerified) {
    v.member = true;
    v.buurtverbinder = membership->role == accounts::MemberRole::kBuurtverbinder;
  }
  return v;
}

Result<GroupDraft> GroupService::Clean(const GroupDraft& draft) {
  GroupDraft out = draft;
  std::size_t n = 0;
  if (!CopyCleanText(TrimView(draft.name), false, out.name, n)) {
    return WithField(MakeError(ErrorCode::kValidation, "The name contains characters we cannot use."), "name");
  }
  if (n == 0) return WithField(MakeError(ErrorCode::kValidation, "Give the group a name."), "name");
  if (n > kMaxNameLength) {
    return WithField(MakeError(ErrorCode::kValidation, "The name is longer than 100 characters."), "name");
  }
  if (!CopyCleanText(TrimView(draft.description_markdown), true, out.description_markdown, n)) {
    return WithField(MakeError(ErrorCode::kValidation, "The text contains characters we cannot use."), "description");
  }
  if (n == 0) {
    return WithField(MakeError(ErrorCode::kValidation, "Tell your neighbours what the group does."), "description");
  }
  if (n > kMaxDescriptionLength) {
    return WithField(MakeError(ErrorCode::kValidation, "The description is longer than 10,000 characters."),
                     "description");
  }
  if (!CopyCleanText(TrimView(draft.meeting_place), false, out.meeting_place, n)) {
    return WithField(MakeError(ErrorCode::kValidation, "The meeting place contains characters we cannot use."),
                     "meeting_place");
  }
  if (n > kMaxMeetingPlaceLength) {
    return WithField(MakeError(ErrorCode::kValidation, "The meeting place is longer than 200 characters."),
                     "meeting_place");
  }
  return out;
}

bool GroupService::MayManage(const std::optional<GroupMember>& membership, const Viewer& viewer) {
  if (!viewer.user || !viewer.member) return false;
  if (viewer.buurtverbinder) return true;
  return membership && membership->user == *viewer.user && membership->status == MemberStatus::kActive &&
         membership->role == MemberRole::kAdmin;
}

bool GroupService::MaySee(const Group& group, const Viewer& viewer) const {
  return group.visibility == Visibility::kPublic || viewer.member;
}

void GroupService::Index(const Group& g) {
  if (indexer_) indexer_->Put(search::GroupDocument(g));
}

Result<Group> GroupService::Create(SiteId site, const Viewer& viewer, const GroupDraft& draft) {
  if (!viewer.user || !viewer.member) return NotMember();
  auto clean = Clean(draft);
  if (!clean) return clean.error();
  auto group = store_.groups().CreateGroup(site, *viewer.user, *clean, clock_.Now());
  if (!group) return group.error();
  Index(*group);
  Changed(site);
  return group;
}

Result<Group> GroupService::Find(SiteId site, GroupId id, const Viewer& viewer) {
  auto group = store_.groups().FindGroup(site, id);
  if (!group || !MaySee(*group, viewer)) return NoGroup();
  return *group;
}

Result<std::pair<Group, std::optional<GroupMember>>> GroupService::FindForManager(SiteId site, GroupId id,
                                                                                  const Viewer& viewer) {
  auto group = Find(site, id, viewer);
  if (!group) return group.error();
  auto mine = MembershipOf(site, id, viewer);
  if (!MayManage(mine, viewer)) return NotManager();
  return std::make_pair(*group, mine);
}

Result<Group> GroupService::Edit(SiteId site, GroupId id, const Viewer& viewer, const GroupDraft& draft) {
  auto found = FindForManager(site, id, viewer);
  if (!found) return found.error();
  auto clean = Clean(draft);
  if (!clean) return clean.error();
  if (auto s = store_.groups().UpdateGroup(site, id, *clean, clock_.Now()); !s) return s.error();
  auto group = store_.groups().FindGroup(site, id);
  if (!group) return NoGroup();
  Index(*group);
  Changed(site);
  return *group;
}

Status GroupService::Delete(SiteId site, GroupId id, const Viewer& viewer) {
  auto found = FindForManager(site, id, viewer);
  if (!found) return found.error();
  if (auto s = store_.groups().DeleteGroup(site, id); !s) return s;
  if (indexer_) indexer_->Drop(search::Kind::kGroup, id.value);
  Changed(site);
  return Ok{};
}

GroupPage GroupService::List(SiteId site, const Viewer& viewer, int page, int per_page) {
  GroupPage out;
  out.page = ClampPage(page);
  if (out.page > kMaxPage) return out;
  per_page = std::clamp(per_page, 1, 100);
  out.groups = store_.groups().ListGroups(site, viewer.member, per_page + 1, (out.page - 1) * per_page);
  if (out.groups.size() > static_cast<std::size_t>(per_page)) {
    out.has_more = out.page < kMaxPage;
    out.groups.resize(per_page);
  }
  return out;
}

std::vector<Group> GroupService::Active(SiteId site, const Viewer& viewer, int limit) {
  return store_.groups().ListActive(site, viewer.member, std::clamp(limit, 1, 20));
}

std::optional<GroupMember> GroupService::MembershipOf(SiteId site, GroupId id, const Viewer& viewer) {
  if (!viewer.user) return std::nullopt;
  return store_.groups().FindMember(site, id, *viewer.user);
}

Result<MemberStatus> GroupService::Join(SiteId site, GroupId id, const Viewer& viewer) {
  auto group = Find(site, id, viewer);
  if (!group) return group.error();
  if (!viewer.user || !viewer.member) return NotMember();
  if (MembershipOf(site, id, viewer)) {
    return MakeError(ErrorCode::kConflict, "You are already in this group, or you have asked to join.");
  }
  const MemberStatus status = group->is_open ? MemberStatus::kActive : MemberStatus::kPending;
  if (auto s = store_.groups().AddMember(site, id, *viewer.user, MemberRole::kMember, status, clock_.Now()); !s) {
    return s.error();
  }
  Changed(site);
  return status;
}

Status GroupService::Leave(SiteId site, GroupId id, const Viewer& viewer) {
  auto group = Find(site, id, viewer);
  if (!group) return group.error();
  if (!MembershipOf(site, id, viewer)) {
    return MakeError(ErrorCode::kConflict, "You are not in this group.");
  }
  if (auto s = store_.groups().RemoveMember(site, id, *viewer.user); !s) {
    if (s.error().code == ErrorCode::kConflict) {
      return MakeError(ErrorCode::kConflict, "A group needs at least one admin. Make another member admin first.");
    }
    return s;
  }
  Changed(site);
  return Ok{};
}

Status GroupService::Approve(SiteId site, GroupId id, const Viewer& viewer, UserId user) {
  auto found = FindForManager(site, id, viewer);
  if (!found) return found.error();
  if (auto s = store_.groups().ApproveMember(site, id, user, clock_.Now()); !s) return s;
  Changed(site);
  return Ok{};
}

Status GroupService::Reject(SiteId site, GroupId id, const Viewer& viewer, UserId user) {
  auto found = FindForManager(site, id, viewer);
  if (!found) return found.error();
  auto member = store_.groups().FindMember(site, id, user);
  if (!member || member->status != MemberStatus::kPending) {
    return MakeError(ErrorCode::kNotFound, "This request to join does not exist (any more).");
  }
  if (auto s = store_.groups().RemoveMember(site, id, user); !s) return s;
  Changed(site);
  return Ok{};
}

Status GroupService::MakeAdmin(SiteId site, GroupId id, const Viewer& viewer, UserId user) {
  auto found = FindForManager(site, id, viewer);
  if (!found) return found.error();
  if (auto s = store_.groups().SetRole(site, id, user, MemberRole::kAdmin); !s) {
    if (s.error().code == ErrorCode::kNotFound) return MakeError(ErrorCode::kNotFound, "This person is not in the group.");
    return s;
  }
  Changed(site);
  return Ok{};
}

Result<MemberPage> GroupService::Members(SiteId site, GroupId id, const Viewer& viewer, int page) {
  auto group = Find(site, id, viewer);
  if (!group) return group.error();
  auto mine = MembershipOf(site, id, viewer);
  const bool in_group = mine && mine->status == MemberStatus::kActive;
  if (!in_group && !MayManage(mine, viewer)) {
    return MakeError(ErrorCode::kForbidden, "Only members of this group can see who is in it.");
  }
  MemberPage out;
  out.page = ClampPage(page);
  if (out.page > kMaxPage) return out;
  out.members = store_.groups().ListMembers(site, id, MemberStatus::kActive, kMemberPageSize + 1,
                                            (out.page - 1) * kMemberPageSize);
  if (out.members.size() > static_cast<std::size_t>(kMemberPageSize)) {
    out.has_more = out.page < kMaxPage;
    out.members.resize(kMemberPageSize);
  }
  return out;
}

Result<MemberPage> GroupService::Requests(SiteId site, GroupId id, const Viewer& viewer, int page) {
  auto found = FindForManager(site, id, viewer);
  if (!found) return found.error();
  MemberPage out;
  out.page = ClampPage(page);
  if (out.page > kMaxPage) return out;
  out.members = store_.groups().ListMembers(site, id, MemberStatus::kPending, kMemberPageSize + 1,
                                            (out.page - 1) * kMemberPageSize);
  if (out.members.size() > static_cast<std::size_t>(kMemberPageSize)) {
    out.has_more = out.page < kMaxPage;
    out.members.resize(kMemberPageSize);
  }
  return out;
}

std::vector<Group> GroupService::AdministeredBy(SiteId site, UserId user) {
  return store_.groups().ListAdministered(site, user, kMaxAdministered);
}

bool GroupService::IsAdmin(SiteId site, GroupId id, UserId user) {
  auto m = store_.groups().FindMember(site, id, user);
  return m && m->status == MemberStatus::kActive && m->role == MemberRole::kAdmin;
}

Status GroupService::EraseContent(UserId user, accounts::ContentChoice choice) {
  const auto erased = store_.groups().EraseMember(user, choice == accounts::ContentChoice::kRemove);
  if (indexer_) {
    for (GroupId g : erased.removed_groups) indexer_->Drop(search::Kind::kGroup, g.value);
  }
  for (SiteId site : erased.sites) Changed(site);
  return Ok{};
}

}  // namespace buurtplein::domain::groups
