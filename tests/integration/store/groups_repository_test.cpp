// Groups on both engines: create (the creator is admin and contact), find, edit and delete per
// site; site isolation (a group of one site cannot be read, joined or changed through another);
// joining open and closed groups, approval, roles; the last-admin rule; listing and paging;
// account deletion handing a group to another member.
#include <string>

#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;
using domain::SiteId;
using domain::UserId;
using domain::groups::Group;
using domain::groups::GroupDraft;
using domain::groups::GroupId;
using domain::groups::MemberRole;
using domain::groups::MemberStatus;
using domain::groups::Visibility;
using namespace domain::accounts;

constexpr UnixTime kNow = 1'750'000'000;

class GroupRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const auto nijmegen = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    oost_ = store().sites().CreateSite(nijmegen, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(nijmegen, MakeDraft("zuid", "Zuid"))->id;
    anna_ = User("anna@example.nl", "Anna");
    bert_ = User("bert@example.nl", "Bert");
    carla_ = User("carla@example.nl", "Carla");
  }

  UserId User(const std::string& email, const std::string& name) {
    auto u = store().users().CreateUser(NewUser{email, name, "$argon2id$x", kNow});
    EXPECT_TRUE(u.ok());
    return u.ok() ? u->id : UserId{};
  }

  domain::groups::GroupRepository& groups() { return store().groups(); }

  Group MustCreate(SiteId site, const std::string& name, bool open = true, Visibility v = Visibility::kPublic,
                   std::int64_t at = kNow) {
    GroupDraft d;
    d.name = name;
    d.description_markdown = "Over " + name;
    d.meeting_place = "Buurthuis";
    d.is_open = open;
    d.visibility = v;
    auto g = groups().CreateGroup(site, anna_, d, at);
    EXPECT_TRUE(g.ok()) << (g.ok() ? "" : g.error().internal_detail);
    return g.ok() ? *g : Group{};
  }

  std::vector<std::string> Names(const std::vector<Group>& list) {
    std::vector<std::string> out;
    for (const auto& g : list) out.push_back(g.name);
    return out;
  }

  SiteId oost_, zuid_;
  UserId anna_, bert_, carla_;
};

TEST_P(GroupRepositoryTest, CreatorIsTheFirstAdminAndContact) {
  const Group g = MustCreate(oost_, "Moestuin", false, Visibility::kMembers);
  auto found = groups().FindGroup(oost_, g.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Moestuin");
  EXPECT_EQ(found->description_markdown, "Over Moestuin");
  EXPECT_EQ(found->meeting_place, "Buurthuis");
  EXPECT_FALSE(found->is_open);
  EXPECT_EQ(found->visibility, Visibility::kMembers);
  ASSERT_TRUE(found->contact);
  EXPECT_EQ(*found->contact, anna_);
  EXPECT_EQ(found->contact_name, "Anna");
  EXPECT_FALSE(found->image_id);
  EXPECT_EQ(found->member_count, 1);
  auto me = groups().FindMember(oost_, g.id, anna_);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->role, MemberRole::kAdmin);
  EXPECT_EQ(me->status, MemberStatus::kActive);
  EXPECT_EQ(me->display_name, "Anna");
}

TEST_P(GroupRepositoryTest, AnotherSitesGroupCannotBeReadJoinedOrChanged) {
  const Group g = MustCreate(oost_, "Wandelclub");
  EXPECT_FALSE(groups().FindGroup(zuid_, g.id));
  GroupDraft d{"Overgenomen", "x", "", true, Visibility::kPublic};
  EXPECT_EQ(groups().UpdateGroup(zuid_, g.id, d, kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(groups().DeleteGroup(zuid_, g.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(groups().AddMember(zuid_, g.id, bert_, MemberRole::kMember, MemberStatus::kActive, kNow).error().code,
            ErrorCode::kNotFound);
  EXPECT_FALSE(groups().FindMember(zuid_, g.id, anna_));
  EXPECT_EQ(groups().RemoveMember(zuid_, g.id, anna_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(groups().SetRole(zuid_, g.id, anna_, MemberRole::kMember).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(groups().SetContact(zuid_, g.id, anna_).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(groups().ListMembers(zuid_, g.id, MemberStatus::kActive, 10, 0).empty());
  EXPECT_TRUE(groups().ListGroups(zuid_, true, 10, 0).empty());
  EXPECT_TRUE(groups().ListAdministered(zuid_, anna_, 10).empty());
  // Oost's group is unchanged.
  auto found = groups().FindGroup(oost_, g.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Wandelclub");
  EXPECT_EQ(found->member_count, 1);
}

TEST_P(GroupRepositoryTest, RequestsToJoinAreApprovedOrWithdrawn) {
  const Group g = MustCreate(oost_, "Koor", false);
  ASSERT_TRUE(groups().AddMember(oost_, g.id, bert_, MemberRole::kMember, MemberStatus::kPending, kNow + 1).ok());
  EXPECT_EQ(groups().AddMember(oost_, g.id, bert_, MemberRole::kMember, MemberStatus::kPending, kNow + 2)
                .error()
                .code,
            ErrorCode::kConflict);
  EXPECT_EQ(groups().FindGroup(oost_, g.id)->member_count, 1) << "a request is not a member";
  auto pending = groups().ListMembers(oost_, g.id, MemberStatus::kPending, 10, 0);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].display_name, "Bert");
  EXPECT_EQ(groups().ApproveMember(zuid_, g.id, bert_, kNow + 3).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(groups().ApproveMember(oost_, g.id, bert_, kNow + 3).ok());
  EXPECT_EQ(groups().ApproveMember(oost_, g.id, bert_, kNow + 4).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(groups().FindMember(oost_, g.id, bert_)->status, MemberStatus::kActive);
  EXPECT_EQ(groups().FindGroup(oost_, g.id)->member_count, 2);
  EXPECT_EQ(groups().FindGroup(oost_, g.id)->active_at, kNow + 3);

  ASSERT_TRUE(groups().AddMember(oost_, g.id, carla_, MemberRole::kMember, MemberStatus::kPending, kNow).ok());
  ASSERT_TRUE(groups().RemoveMember(oost_, g.id, carla_).ok());
  EXPECT_FALSE(groups().FindMember(oost_, g.id, carla_));
}

TEST_P(GroupRepositoryTest, AGroupNeverLosesItsLastAdmin) {
  const Group g = MustCreate(oost_, "Repair Café");
  ASSERT_TRUE(groups().AddMember(oost_, g.id, bert_, MemberRole::kMember, MemberStatus::kActive, kNow).ok());
  // The only admin can neither leave nor step down…
  EXPECT_EQ(groups().RemoveMember(oost_, g.id, anna_).error().code, ErrorCode::kConflict);
  EXPECT_EQ(groups().SetRole(oost_, g.id, anna_, MemberRole::kMember).error().code, ErrorCode::kConflict);
  EXPECT_EQ(groups().FindMember(oost_, g.id, anna_)->role, MemberRole::kAdmin);
  // …until another member is admin too; then the contact passes to the other admin.
  ASSERT_TRUE(groups().SetRole(oost_, g.id, bert_, MemberRole::kAdmin).ok());
  ASSERT_TRUE(groups().RemoveMember(oost_, g.id, anna_).ok());
  auto after = groups().FindGroup(oost_, g.id);
  ASSERT_TRUE(after);
  ASSERT_TRUE(after->contact);
  EXPECT_EQ(*after->contact, bert_);
  EXPECT_EQ(after->member_count, 1);
  EXPECT_EQ(groups().RemoveMember(oost_, g.id, bert_).error().code, ErrorCode::kConflict);
  // A pending request is no admin: SetRole refuses people who are not active members.
  ASSERT_TRUE(groups().AddMember(oost_, g.id, carla_, MemberRole::kMember, MemberStatus::kPending, kNow).ok());
  EXPECT_EQ(groups().SetRole(oost_, g.id, carla_, MemberRole::kAdmin).error().code, ErrorCode::kNotFound);
}

TEST_P(GroupRepositoryTest, ListsByNameActiveFirstAndAdministeredWithMembersOnlyFiltered) {
  MustCreate(oost_, "Buurtkoor", true, Visibility::kPublic, kNow - 300);
  const Group b = MustCreate(oost_, "Avondwandeling", true, Visibility::kMembers, kNow - 200);
  MustCreate(oost_, "Computerhulp", true, Visibility::kPublic, kNow - 100);
  MustCreate(zuid_, "Zuidclub");
  EXPECT_EQ(Names(groups().ListGroups(oost_, true, 10, 0)),
            (std::vector<std::string>{"Avondwandeling", "Buurtkoor", "Computerhulp"}));
  EXPECT_EQ(Names(groups().ListGroups(oost_, false, 10, 0)), (std::vector<std::string>{"Buurtkoor", "Computerhulp"}));
  EXPECT_EQ(Names(groups().ListGroups(oost_, true, 2, 2)), (std::vector<std::string>{"Computerhulp"}));
  EXPECT_EQ(Names(groups().ListActive(oost_, true, 2)), (std::vector<std::string>{"Computerhulp", "Avondwandeling"}));
  // Someone joining makes a group active.
  ASSERT_TRUE(groups().AddMember(oost_, b.id, bert_, MemberRole::kMember, MemberStatus::kActive, kNow + 10).ok());
  EXPECT_EQ(Names(groups().ListActive(oost_, false, 5)), (std::vector<std::string>{"Computerhulp", "Buurtkoor"}));
  EXPECT_EQ(Names(groups().ListActive(oost_, true, 1)), (std::vector<std::string>{"Avondwandeling"}));
  // Anna administers all three in Oost; Bert none until made admin.
  EXPECT_EQ(groups().ListAdministered(oost_, anna_, 10).size(), 3u);
  EXPECT_TRUE(groups().ListAdministered(oost_, bert_, 10).empty());
  ASSERT_TRUE(groups().SetRole(oost_, b.id, bert_, MemberRole::kAdmin).ok());
  EXPECT_EQ(Names(groups().ListAdministered(oost_, bert_, 10)), (std::vector<std::string>{"Avondwandeling"}));
}

TEST_P(GroupRepositoryTest, UpdatesAndDeletesWithMemberships) {
  const Group g = MustCreate(oost_, "Schoffelclub");
  ASSERT_TRUE(groups().AddMember(oost_, g.id, bert_, MemberRole::kMember, MemberStatus::kActive, kNow).ok());
  GroupDraft d{"Schoffelclub Oost", "Nieuwe tekst", "Speeltuin", false, Visibility::kMembers};
  ASSERT_TRUE(groups().UpdateGroup(oost_, g.id, d, kNow + 50).ok());
  auto found = groups().FindGroup(oost_, g.id);
  EXPECT_EQ(found->name, "Schoffelclub Oost");
  EXPECT_EQ(found->meeting_place, "Speeltuin");
  EXPECT_FALSE(found->is_open);
  EXPECT_EQ(found->visibility, Visibility::kMembers);
  EXPECT_EQ(found->updated_at, kNow + 50);
  ASSERT_TRUE(groups().SetContact(oost_, g.id, bert_).ok());
  EXPECT_EQ(groups().FindGroup(oost_, g.id)->contact_name, "Bert");
  EXPECT_EQ(groups().SetContact(oost_, g.id, carla_).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(groups().DeleteGroup(oost_, g.id).ok());
  EXPECT_FALSE(groups().FindGroup(oost_, g.id));
  EXPECT_FALSE(groups().FindMember(oost_, g.id, bert_));
}

TEST_P(GroupRepositoryTest, MembersArePagedAdminsFirst) {
  const Group g = MustCreate(oost_, "Taalcafé");
  ASSERT_TRUE(groups().AddMember(oost_, g.id, carla_, MemberRole::kMember, MemberStatus::kActive, kNow).ok());
  ASSERT_TRUE(groups().AddMember(oost_, g.id, bert_, MemberRole::kMember, MemberStatus::kActive, kNow).ok());
  auto first = groups().ListMembers(oost_, g.id, MemberStatus::kActive, 2, 0);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].display_name, "Anna");
  EXPECT_EQ(first[0].role, MemberRole::kAdmin);
  EXPECT_EQ(first[1].display_name, "Bert");
  auto second = groups().ListMembers(oost_, g.id, MemberStatus::kActive, 2, 2);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].display_name, "Carla");
}

TEST_P(GroupRepositoryTest, AccountDeletionHandsTheGroupToTheLongestStandingMember) {
  const Group shared = MustCreate(oost_, "Kookclub");
  ASSERT_TRUE(groups().AddMember(oost_, shared.id, carla_, MemberRole::kMember, MemberStatus::kActive, kNow + 5).ok());
  ASSERT_TRUE(groups().AddMember(oost_, shared.id, bert_, MemberRole::kMember, MemberStatus::kActive, kNow + 1).ok());
  const Group alone = MustCreate(zuid_, "Eenmansclub");
  const Group alone_kept = MustCreate(oost_, "Blijft bestaan");

  auto erased = groups().EraseMember(anna_, true);
  EXPECT_EQ(erased.sites.size(), 2u);
  ASSERT_EQ(erased.removed_groups.size(), 2u);
  EXPECT_FALSE(groups().FindGroup(zuid_, alone.id));
  EXPECT_FALSE(groups().FindGroup(oost_, alone_kept.id));
  auto kept = groups().FindGroup(oost_, shared.id);
  ASSERT_TRUE(kept);
  EXPECT_EQ(groups().FindMember(oost_, shared.id, bert_)->role, MemberRole::kAdmin) << "Bert joined first";
  EXPECT_EQ(groups().FindMember(oost_, shared.id, carla_)->role, MemberRole::kMember);
  EXPECT_FALSE(groups().FindMember(oost_, shared.id, anna_));
  ASSERT_TRUE(kept->contact);
  EXPECT_EQ(*kept->contact, bert_);
  EXPECT_EQ(kept->member_count, 2);
}

TEST_P(GroupRepositoryTest, AccountDeletionWithoutRemovalKeepsLoneGroups) {
  const Group alone = MustCreate(oost_, "Eenmansclub");
  auto erased = groups().EraseMember(anna_, false);
  EXPECT_TRUE(erased.removed_groups.empty());
  auto kept = groups().FindGroup(oost_, alone.id);
  ASSERT_TRUE(kept);
  EXPECT_FALSE(kept->contact);
  EXPECT_EQ(kept->member_count, 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, GroupRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
