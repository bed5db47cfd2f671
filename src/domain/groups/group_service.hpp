#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/model.hpp"
#include "domain/accounts/privacy_service.hpp"
#include "domain/common/app_error.hpp"
#include "domain/common/clock.hpp"
#include "domain/groups/model.hpp"
#include "domain/search/indexer.hpp"
#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::groups {

/// Who looks at or changes a site's groups (and questions), as far as they need to know.
struct Viewer {
  std::optional<UserId> user;   ///< nullopt: not logged in
  bool member = false;          ///< verified member of the site
  bool buurtverbinder = false;  ///< verified buurtverbinder of the site

  /// From the viewer's membership of the site (if any).
  static Viewer Of(std::optional<UserId> user, const std::optional<accounts::Membership>& membership);
};

/// Groups and initiatives: verified members create groups and join them (a closed group needs a
/// group admin's approval); the creator is the first admin; admins approve requests, make other
/// members admin and edit the group; buurtverbinders edit and remove any group of their site. A
/// group never loses its last admin. Members-only groups are seen by the site's verified members
/// only; a group's member list by its own members (and buurtverbinders). After every change the
/// change listener hears the site, and the search indexer (when set) gets the group.
class GroupService final : public accounts::ContentEraser {
 public:
  GroupService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  /// Groups per list page, members per member page, and the highest page number served.
  static constexpr int kPageSize = 20;
  static constexpr int kMemberPageSize = 50;
  static constexpr int kMaxPage = 500;

  void SetChangeListener(std::function<void(SiteId)> listener) { on_change_ = std::move(listener); }
  /// The search index (may be null). Documents name only their site (search/feature_documents.hpp).
  void SetIndexer(search::Indexer* indexer) { indexer_ = indexer; }

  /// A verified member starts a group and becomes its admin and contact. kForbidden otherwise.
  Result<Group> Create(SiteId site, const Viewer& viewer, const GroupDraft& draft);
  /// The group when this viewer may see it; kNotFound otherwise (also for another site's group).
  Result<Group> Find(SiteId site, GroupId id, const Viewer& viewer);
  /// A group admin or a buurtverbinder changes the group (kForbidden for others).
  Result<Group> Edit(SiteId site, GroupId id, const Viewer& viewer, const GroupDraft& draft);
  /// A group admin or a buurtverbinder removes the group.
  Status Delete(SiteId site, GroupId id, const Viewer& viewer);

  /// Page `page` (from 1) of the site's groups this viewer may see, by name; `per_page`
  /// (1..100) for the JSON API.
  GroupPage List(SiteId site, const Viewer& viewer, int page, int per_page = kPageSize);
  /// The most recently active groups this viewer may see, at most `limit` (site home).
  std::vector<Group> Active(SiteId site, const Viewer& viewer, int limit = 3);

  /// The viewer's own membership of the group (pending or active), if any.
  std::optional<GroupMember> MembershipOf(SiteId site, GroupId id, const Viewer& viewer);
  /// A verified member joins: an open group at once, a closed group as a request. Returns the
  /// resulting status. kConflict when already in the group.
  Result<MemberStatus> Join(SiteId site, GroupId id, const Viewer& viewer);
  /// The viewer leaves the group or withdraws their request. kConflict for the last admin.
  Status Leave(SiteId site, GroupId id, const Viewer& viewer);
  /// A group admin (or buurtverbinder) accepts a request to join.
  Status Approve(SiteId site, GroupId id, const Viewer& viewer, UserId user);
  /// A group admin (or buurtverbinder) refuses a request to join.
  Status Reject(SiteId site, GroupId id, const Viewer& viewer, UserId user);
  /// A group admin (or buurtverbinder) makes an active member admin too.
  Status MakeAdmin(SiteId site, GroupId id, const Viewer& viewer, UserId user);
  /// The group's active members, for its members, admins and buurtverbinders (kForbidden for
  /// others).
  Result<MemberPage> Members(SiteId site, GroupId id, const Viewer& viewer, int page);
  /// Requests to join, for the group's admins and buurtverbinders.
  Result<MemberPage> Requests(SiteId site, GroupId id, const Viewer& viewer, int page);

  /// Integration point for news and the agenda ("organised by group"): the groups of `site`
  /// that `user` administers, by name, at most kMaxAdministered.
  std::vector<Group> AdministeredBy(SiteId site, UserId user);
  static constexpr int kMaxAdministered = 50;
  /// Is `user` an active admin of the group? (A news post or event linked to a group checks it.)
  bool IsAdmin(SiteId site, GroupId id, UserId user);

  /// Account deletion: memberships go; a group whose last admin leaves gets another admin.
  Status EraseContent(UserId user, accounts::ContentChoice choice) override;

  /// May this viewer edit the group and manage its members (`membership`: theirs, if any)?
  static bool MayManage(const std::optional<GroupMember>& membership, const Viewer& viewer);
  /// Checks and cleans a draft; the first problem, with its form field.
  static Result<GroupDraft> Clean(const GroupDraft& draft);

 private:
  bool MaySee(const Group& group, const Viewer& viewer) const;
  Result<std::pair<Group, std::optional<GroupMember>>> FindForManager(SiteId site, GroupId id, const Viewer& viewer);
  void Index(const Group& group);
  void Changed(SiteId site) {
    if (on_change_) on_change_(site);
  }

  Store& store_;
  const Clock& clock_;
  std::function<void(SiteId)> on_change_;
  search::Indexer* indexer_ = nullptr;
};

}  // namespace buurtplein::domain::groups
