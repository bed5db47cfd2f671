#pragma once
#include "domain/groups/repositories.hpp"
#include "store/sql/runner.hpp"

/// The groups' repository, written once for both engines on the SQL runner (decision 0010).
namespace buurtplein::store::groups {

class SqlGroupRepository final : public domain::groups::GroupRepository {
 public:
  explicit SqlGroupRepository(sql::Runner& sql) : sql_(sql) {}
  domain::Result<domain::groups::Group> CreateGroup(domain::SiteId site, domain::UserId creator,
                                                    const domain::groups::GroupDraft& draft, std::int64_t at) override;
  std::optional<domain::groups::Group> FindGroup(domain::SiteId site, domain::groups::GroupId id) override;
  domain::Status UpdateGroup(domain::SiteId site, domain::groups::GroupId id, const domain::groups::GroupDraft& draft,
                             std::int64_t at) override;
  domain::Status SetContact(domain::SiteId site, domain::groups::GroupId id, domain::UserId user) override;
  domain::Status DeleteGroup(domain::SiteId site, domain::groups::GroupId id) override;
  std::vector<domain::groups::Group> ListGroups(domain::SiteId site, bool include_members_only, int limit,
                                                int offset) override;
  std::vector<domain::groups::Group> ListActive(domain::SiteId site, bool include_members_only, int limit) override;
  std::vector<domain::groups::Group> ListAdministered(domain::SiteId site, domain::UserId user, int limit) override;
  std::optional<domain::groups::GroupMember> FindMember(domain::SiteId site, domain::groups::GroupId id,
                                                        domain::UserId user) override;
  domain::Status AddMember(domain::SiteId site, domain::groups::GroupId id, domain::UserId user,
                           domain::groups::MemberRole role, domain::groups::MemberStatus status,
                           std::int64_t at) override;
  domain::Status ApproveMember(domain::SiteId site, domain::groups::GroupId id, domain::UserId user,
                               std::int64_t at) override;
  domain::Status SetRole(domain::SiteId site, domain::groups::GroupId id, domain::UserId user,
                         domain::groups::MemberRole role) override;
  domain::Status RemoveMember(domain::SiteId site, domain::groups::GroupId id, domain::UserId user) override;
  std::vector<domain::groups::GroupMember> ListMembers(domain::SiteId site, domain::groups::GroupId id,
                                                       domain::groups::MemberStatus status, int limit,
                                                       int offset) override;
  domain::groups::ErasedMemberships EraseMember(domain::UserId user, bool remove_lone_groups) override;

 private:
  /// Active admins of `group` other than `user`.
  std::int64_t OtherAdmins(std::int64_t group, domain::UserId user);

  sql::Runner& sql_;
};

}  // namespace buurtplein::store::groups
