#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/common/ids.hpp"

namespace buurtplein::domain::groups {

using GroupId = Id<struct GroupTag>;

/// Who may see a group: everyone, or the site's verified members only.
enum class Visibility { kPublic, kMembers };

/// A group or initiative of a neighbourhood (a moestuin, a wandelclub, a repair café). Belongs
/// to one site.
struct Group {
  GroupId id;
  SiteId site;
  std::string name;                  ///< at most kMaxNameLength code points
  std::string description_markdown;  ///< Markdown, at most kMaxDescriptionLength code points
  std::string meeting_place;         ///< where the group meets ("" when not given)
  std::optional<UserId> contact;     ///< a member who is the contact; nullopt once they left
  std::string contact_name;          ///< the contact's display name (never an e-mail address)
  std::optional<std::int64_t> image_id;  ///< for the image pipeline; nullopt: no image
  bool is_open = true;               ///< false: joining needs a group admin's approval
  Visibility visibility = Visibility::kPublic;
  int member_count = 0;              ///< active members, admins included
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t active_at = 0;        ///< last edit or join
};

/// What a group's creator or admin writes.
struct GroupDraft {
  std::string name;
  std::string description_markdown;
  std::string meeting_place;
  bool is_open = true;
  Visibility visibility = Visibility::kPublic;
};

inline constexpr std::size_t kMaxNameLength = 100;
inline constexpr std::size_t kMaxDescriptionLength = 10000;
inline constexpr std::size_t kMaxMeetingPlaceLength = 200;

enum class MemberRole { kMember, kAdmin };
enum class MemberStatus { kPending, kActive };  ///< kPending: asked to join a closed group

/// A person in a group, as other members see them: display name, never an e-mail address.
struct GroupMember {
  GroupId group;
  UserId user;
  std::string display_name;
  MemberRole role = MemberRole::kMember;
  MemberStatus status = MemberStatus::kActive;
  std::int64_t created_at = 0;  ///< joined or asked to join
};

/// One page of groups.
struct GroupPage {
  std::vector<Group> groups;
  int page = 1;
  bool has_more = false;
};

/// One page of a group's members (or of its requests to join).
struct MemberPage {
  std::vector<GroupMember> members;
  int page = 1;
  bool has_more = false;
};

/// What the site's account deletion changed: the sites whose groups changed and the groups
/// that were removed (for the page cache and the search index).
struct ErasedMemberships {
  std::vector<SiteId> sites;
  std::vector<GroupId> removed_groups;
};

}  // namespace buurtplein::domain::groups
