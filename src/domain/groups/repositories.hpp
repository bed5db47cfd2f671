#pragma once
#include <optional>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/groups/model.hpp"

namespace buurtplein::domain::groups {

/// Groups and their members. Every method takes the site first and never sees or changes
/// another site's groups: a group id of site B is "not found" through site A.
class GroupRepository {
 public:
  virtual ~GroupRepository() = default;
  /// Stores a new group with `creator` as its first active admin and its contact, in one
  /// transaction. kNotFound when the site or the creator does not exist.
  virtual Result<Group> CreateGroup(SiteId site, UserId creator, const GroupDraft& draft, std::int64_t at) = 0;
  /// The group, whatever its visibility; nullopt when not in this site.
  virtual std::optional<Group> FindGroup(SiteId site, GroupId id) = 0;
  /// Replaces name, description, meeting place, openness and visibility; kNotFound when not in
  /// this site.
  virtual Status UpdateGroup(SiteId site, GroupId id, const GroupDraft& draft, std::int64_t at) = 0;
  /// Makes an active member the contact; kNotFound when the group or the member is not there.
  virtual Status SetContact(SiteId site, GroupId id, UserId user) = 0;
  /// Deletes the group and its memberships; kNotFound when not in this site.
  virtual Status DeleteGroup(SiteId site, GroupId id) = 0;
  /// Groups of the site by name (id breaks ties); members-only ones only when asked.
  virtual std::vector<Group> ListGroups(SiteId site, bool include_members_only, int limit, int offset) = 0;
  /// Groups of the site, most recently active first (site home).
  virtual std::vector<Group> ListActive(SiteId site, bool include_members_only, int limit) = 0;
  /// Groups of the site in which `user` is an active admin, by name; at most `limit`.
  virtual std::vector<Group> ListAdministered(SiteId site, UserId user, int limit) = 0;

  /// The person's membership of the group (pending or active), if any.
  virtual std::optional<GroupMember> FindMember(SiteId site, GroupId id, UserId user) = 0;
  /// Adds the person; kConflict when already in the group (pending or active), kNotFound when
  /// the group is not in this site. An active join moves the group's active_at.
  virtual Status AddMember(SiteId site, GroupId id, UserId user, MemberRole role, MemberStatus status,
                           std::int64_t at) = 0;
  /// A pending request becomes an active membership; kNotFound when there is no such request.
  virtual Status ApproveMember(SiteId site, GroupId id, UserId user, std::int64_t at) = 0;
  /// Gives an active member a role. Taking the admin role from the last active admin is
  /// refused with kConflict (a group never loses its last admin).
  virtual Status SetRole(SiteId site, GroupId id, UserId user, MemberRole role) = 0;
  /// Removes the person (a member leaving, a request withdrawn or refused). Removing the last
  /// active admin is refused with kConflict. When the person was the contact, another active
  /// admin becomes the contact.
  virtual Status RemoveMember(SiteId site, GroupId id, UserId user) = 0;
  /// Members with this status, admins first, then by name; at most `limit`.
  virtual std::vector<GroupMember> ListMembers(SiteId site, GroupId id, MemberStatus status, int limit,
                                               int offset) = 0;

  /// Account deletion (not site-scoped: one person's memberships on every site). Where the
  /// person is the last active admin, the longest-standing other active member becomes admin;
  /// a group with no other active member is removed when `remove_lone_groups`, else it stays
  /// without members. Then the person's memberships and contact roles go.
  virtual ErasedMemberships EraseMember(UserId user, bool remove_lone_groups) = 0;
};

}  // namespace buurtplein::domain::groups
