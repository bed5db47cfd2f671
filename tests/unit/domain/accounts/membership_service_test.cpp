// MembershipService with a clock the test moves: postcode and house-number rules, household codes
// (format, hashing, single use, per-site, throttling), approval, invitations. The store is a fresh
// SQLite file; the store suite runs the repository on both engines.
#include "domain/accounts/membership_service.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "testlib/store_fixture.hpp"

namespace buurtplein::domain::accounts {
namespace {

using domain::ErrorCode;

TEST(MembershipRules, PostcodesAreNormalised) {
  EXPECT_EQ(*MembershipService::NormalisePostcode("6511AB"), "6511 AB");
  EXPECT_EQ(*MembershipService::NormalisePostcode(" 6511 ab "), "6511 AB");
  EXPECT_EQ(*MembershipService::NormalisePostcode("1234\tzz"), "1234 ZZ");
  for (const char* bad : {"", "0511 AB", "651 AB", "65111 AB", "6511 A", "6511 A1", "6511-AB", "ABCD 12", "6511 ÄB"}) {
    auto r = MembershipService::NormalisePostcode(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kValidation);
    EXPECT_EQ(r.error().field, "postcode");
    EXPECT_EQ(r.error().public_message, "Enter a Dutch postcode: 4 digits and 2 letters, like 6511 AB.");
  }
}

TEST(MembershipRules, HouseNumbersKeepTheirAddition) {
  EXPECT_EQ(*MembershipService::NormaliseHouseNumber("12"), "12");
  EXPECT_EQ(*MembershipService::NormaliseHouseNumber(" 12a "), "12 A");
  EXPECT_EQ(*MembershipService::NormaliseHouseNumber("12 - 2"), "12 2");
  EXPECT_EQ(*MembershipService::NormaliseHouseNumber("140bis"), "140 BIS");
  EXPECT_EQ(*MembershipService::NormaliseHouseNumber("7/hs"), "7 HS");
  for (const char* bad : {"", "a12", "0", "012", "123456", "12 a b", "12 abcdefg", "12;DROP", "١٢"}) {
    auto r = MembershipService::NormaliseHouseNumber(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().field, "house_number");
  }
}

TEST(MembershipRules, HouseholdCodesAreTypeableAndRandom) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string code = MembershipService::NewHouseholdCode();
    ASSERT_EQ(code.size(), 11u) << code;
    EXPECT_EQ(code[5], '-');
    for (std::size_t k = 0; k < code.size(); ++k) {
      if (k == 5) continue;
      EXPECT_NE(MembershipService::kCodeAlphabet.find(code[k]), std::string_view::npos) << code;
    }
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 200u);
  // ≥ 45 bits: 31^10.
  EXPECT_GE(10 * std::log2(static_cast<double>(MembershipService::kCodeAlphabet.size())), 45.0);
  for (char c : std::string("0O1IL")) EXPECT_EQ(MembershipService::kCodeAlphabet.find(c), std::string_view::npos);

  EXPECT_EQ(*MembershipService::NormaliseHouseholdCode("abcde-fghjk"), "ABCDEFGHJK");
  EXPECT_EQ(*MembershipService::NormaliseHouseholdCode(" ABC DE.FGH JK "), "ABCDEFGHJK");
  for (const char* bad : {"", "ABCDE-FGHJ", "ABCDE-FGHJKM", "ABCDE-FGHJ0", "ABCDE-FGHJI", "ABCDE_FGHJK"}) {
    EXPECT_FALSE(MembershipService::NormaliseHouseholdCode(bad)) << bad;
  }
  // Keyed with the site: the same code hashes differently in two sites.
  const auto a = MembershipService::HashHouseholdCode(SiteId{1}, "ABCDEFGHJK");
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a, MembershipService::HashHouseholdCode(SiteId{1}, "ABCDEFGHJK"));
  EXPECT_NE(a, MembershipService::HashHouseholdCode(SiteId{2}, "ABCDEFGHJK"));
}

class MembershipServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = db_.Open();
    store_->Migrate();
    service_ = std::make_unique<MembershipService>(*store_, limiter_, clock_);
    const auto city = store_->cities().CreateCity(testlib::MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    oost_ = store_->sites().CreateSite(city, testlib::MakeDraft("oost", "Oost"))->id;
    zuid_ = store_->sites().CreateSite(city, testlib::MakeDraft("zuid", "Zuid"))->id;
    bv_oost_ = User("bv-oost@example.nl", "Bea");
    bv_zuid_ = User("bv-zuid@example.nl", "Bas");
    MakeBuurtverbinder(oost_, bv_oost_);
    MakeBuurtverbinder(zuid_, bv_zuid_);
    info_.ip = "192.0.2.1";
  }

  UserId User(const std::string& email, const std::string& name) {
    auto r = store_->users().CreateUser(NewUser{email, name, "$argon2id$x", clock_.Now()});
    EXPECT_TRUE(r.ok());
    return r->id;
  }

  void MakeBuurtverbinder(SiteId site, UserId user) {
    Membership m;
    m.user = user;
    m.kind = MembershipKind::kHome;
    m.role = MemberRole::kBuurtverbinder;
    m.status = MemberStatus::kVerified;
    m.verified_by = VerificationMethod::kApproval;
    m.created_at = clock_.Now();
    m.verified_at = clock_.Now();
    ASSERT_TRUE(store_->memberships().CreateMembership(site, m).ok());
  }

  Result<Membership> JoinWithCode(SiteId site, UserId user, const std::string& code) {
    JoinRequest r;
    r.way = JoinWay::kHouseholdCode;
    r.household_code = code;
    return service_->Join(site, user, r, info_);
  }

  testlib::ScratchDatabase db_{"sqlite", ""};
  std::unique_ptr<Store> store_;
  ManualClock clock_{1'800'000'000};
  security::RateLimiter limiter_;
  std::unique_ptr<MembershipService> service_;
  RequestInfo info_;
  SiteId oost_, zuid_;
  UserId bv_oost_, bv_zuid_;
};

TEST_F(MembershipServiceTest, CodesAreGeneratedPerAddressAndWorkOnceInTheirSite) {
  auto batch = service_->GenerateHouseholdCodes(oost_, bv_oost_, "Hoofdstraat 1\r\n\n  Hoofdstraat 2  \nKerkplein 3\n");
  ASSERT_TRUE(batch.ok()) << batch.error().public_message;
  ASSERT_EQ(batch->codes.size(), 3u);
  EXPECT_EQ(batch->codes[1].address_label, "Hoofdstraat 2");
  const auto stored = store_->verification().ListHouseholdCodeBatch(oost_, batch->batch);
  ASSERT_EQ(stored.size(), 3u);
  for (const auto& row : stored) {
    for (const auto& c : batch->codes) EXPECT_EQ(row.code_hash.find(c.code), std::string::npos) << "stored hashed";
  }

  const UserId anna = User("anna@example.nl", "Anna");
  const UserId bert = User("bert@example.nl", "Bert");
  // Another site's code: refused as any wrong code is.
  auto in_zuid = JoinWithCode(zuid_, anna, batch->codes[0].code);
  ASSERT_FALSE(in_zuid.ok());
  EXPECT_EQ(in_zuid.error().code, ErrorCode::kValidation);
  EXPECT_EQ(in_zuid.error().field, "code");
  EXPECT_EQ(in_zuid.error().public_message, "This household code is not right, or it has been used already.");

  // Typed in lower case with spaces: still the code.
  std::string typed = batch->codes[0].code;
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto joined = JoinWithCode(oost_, anna, " " + typed.substr(0, 5) + " " + typed.substr(6) + " ");
  ASSERT_TRUE(joined.ok()) << joined.error().public_message;
  EXPECT_EQ(joined->status, MemberStatus::kVerified);
  EXPECT_EQ(joined->verified_by, VerificationMethod::kHouseholdCode);

  auto again = JoinWithCode(oost_, bert, batch->codes[0].code);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kValidation);

  // A verified member trying another code keeps it for its household.
  auto twice = JoinWithCode(oost_, anna, batch->codes[1].code);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(JoinWithCode(oost_, bert, batch->codes[1].code).ok());
}

TEST_F(MembershipServiceTest, OnlyTheSitesBuurtverbindersGenerateCodesWithinLimits) {
  auto other = service_->GenerateHouseholdCodes(oost_, bv_zuid_, "Hoofdstraat 1");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kForbidden);
  auto empty = service_->GenerateHouseholdCodes(oost_, bv_oost_, " \n \n");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field, "addresses");
  std::string many;
  for (int i = 0; i < 501; ++i) many += "Straat " + std::to_string(i + 1) + "\n";
  auto too_many = service_->GenerateHouseholdCodes(oost_, bv_oost_, many);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().public_message, "At most 500 addresses at a time, please.");
  EXPECT_TRUE(service_->GenerateHouseholdCodes(oost_, bv_oost_, many.substr(0, many.rfind("Straat 501"))).ok());
  auto long_line = service_->GenerateHouseholdCodes(oost_, bv_oost_, std::string(121, 'a'));
  ASSERT_FALSE(long_line.ok());
  EXPECT_EQ(long_line.error().field, "addresses");
  EXPECT_TRUE(service_->GenerateHouseholdCodes(oost_, bv_oost_, "Molenweg 4 — achterhuis").ok());
  EXPECT_FALSE(service_->GenerateHouseholdCodes(oost_, bv_oost_, std::string("Molenweg\x01 4")).ok());
}

TEST_F(MembershipServiceTest, ReprintAcceptsOnlyTheBatchsOwnCodes) {
  auto batch = service_->GenerateHouseholdCodes(oost_, bv_oost_, "A 1\nA 2\nA 3");
  ASSERT_TRUE(batch.ok());
  auto again = service_->ReprintHouseholdCodes(oost_, bv_oost_, batch->batch,
                                              {batch->codes[2].code, batch->codes[0].code, batch->codes[1].code});
  ASSERT_TRUE(again.ok()) << again.error().public_message;
  ASSERT_EQ(again->codes.size(), 3u);
  EXPECT_EQ(again->codes[0].address_label, "A 1") << "in the batch's order";
  EXPECT_EQ(again->codes[0].code, batch->codes[0].code);
  EXPECT_FALSE(service_->ReprintHouseholdCodes(oost_, bv_oost_, batch->batch, {"ABCDE-FGHJK"}).ok());
  EXPECT_FALSE(service_->ReprintHouseholdCodes(zuid_, bv_zuid_, batch->batch, {batch->codes[0].code}).ok());
  EXPECT_EQ(service_->ReprintHouseholdCodes(oost_, bv_zuid_, batch->batch, {batch->codes[0].code}).error().code,
            ErrorCode::kForbidden);
}

TEST_F(MembershipServiceTest, CodeAttemptsAreThrottledPerAccountAndPerIp) {
  const UserId anna = User("anna@example.nl", "Anna");
  for (int i = 0; i < kHouseholdCodePerUser.limit; ++i) {
    auto r = JoinWithCode(oost_, anna, "ABCDE-FGHJK");
    ASSERT_EQ(r.error().code, ErrorCode::kValidation) << i;
  }
  auto limited = JoinWithCode(oost_, anna, "ABCDE-FGHJK");
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, ErrorCode::kRateLimited);
  EXPECT_GT(limited.error().retry_after_seconds, 0);
  // Even the right code waits: the limit comes before the lookup.
  auto batch = service_->GenerateHouseholdCodes(oost_, bv_oost_, "A 1");
  EXPECT_EQ(JoinWithCode(oost_, anna, batch->codes[0].code).error().code, ErrorCode::kRateLimited);
  clock_.Advance(3600);
  EXPECT_TRUE(JoinWithCode(oost_, anna, batch->codes[0].code).ok());

  // Many accounts from one IP address.
  int allowed = 0;
  for (int i = 0; i < 40; ++i) {
    const UserId u = User("u" + std::to_string(i) + "@example.nl", "U");
    if (JoinWithCode(oost_, u, "ABCDE-FGHJK").error().code != ErrorCode::kRateLimited) ++allowed;
  }
  EXPECT_EQ(allowed, kHouseholdCodePerIp.limit - 1) << "one attempt of this IP was Anna's successful one";
}

TEST_F(MembershipServiceTest, ApprovalByTheSitesBuurtverbinder) {
  const UserId anna = User("anna@example.nl", "Anna");
  JoinRequest r;
  r.way = JoinWay::kApproval;
  r.postcode = "6511ab";
  r.house_number = "12a";
  auto asked = service_->Join(oost_, anna, r, info_);
  ASSERT_TRUE(asked.ok()) << asked.error().public_message;
  EXPECT_EQ(asked->status, MemberStatus::kPending);

  auto list = service_->ListPending(oost_, bv_oost_, 50, 0);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].display_name, "Anna");
  EXPECT_EQ((*list)[0].membership.postcode, "6511 AB");
  EXPECT_EQ((*list)[0].membership.house_number, "12 A");

  EXPECT_EQ(service_->ListPending(oost_, bv_zuid_, 50, 0).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->ListPending(oost_, anna, 50, 0).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->Approve(oost_, bv_zuid_, anna).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->Approve(zuid_, bv_zuid_, anna).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(service_->Approve(oost_, bv_oost_, anna).ok());
  EXPECT_EQ(store_->memberships().FindMembership(oost_, anna)->status, MemberStatus::kVerified);

  r.postcode = "65";
  EXPECT_EQ(service_->Join(oost_, User("bert@example.nl", "Bert"), r, info_).error().field, "postcode");
}

TEST_F(MembershipServiceTest, FollowingNeedsNoProofAndIsNotVerified) {
  const UserId anna = User("anna@example.nl", "Anna");
  JoinRequest follow;
  auto r = service_->Join(zuid_, anna, follow, info_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, MembershipKind::kFollow);
  EXPECT_EQ(r->status, MemberStatus::kUnverified);
  EXPECT_EQ(service_->Join(zuid_, anna, follow, info_).error().code, ErrorCode::kConflict);
  EXPECT_EQ(service_->Invite(zuid_, anna).error().code, ErrorCode::kForbidden) << "followers cannot invite";
}

TEST_F(MembershipServiceTest, InvitationsFromVerifiedMembersWithALimit) {
  const UserId anna = User("anna@example.nl", "Anna");
  const UserId bert = User("bert@example.nl", "Bert");
  EXPECT_EQ(service_->Invite(oost_, anna).error().code, ErrorCode::kForbidden);

  auto token = service_->Invite(oost_, bv_oost_);
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(*service_->InviterName(oost_, *token), "Bea");
  EXPECT_EQ(service_->InviterName(zuid_, *token).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->AcceptInvitation(oost_, *token, bv_oost_, info_).error().code, ErrorCode::kConflict);
  EXPECT_EQ(service_->AcceptInvitation(zuid_, *token, anna, info_).error().code, ErrorCode::kNotFound);
  auto accepted = service_->AcceptInvitation(oost_, *token, anna, info_);
  ASSERT_TRUE(accepted.ok()) << accepted.error().public_message;
  EXPECT_EQ(accepted->verified_by, VerificationMethod::kInvitation);
  EXPECT_EQ(service_->AcceptInvitation(oost_, *token, bert, info_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->InviterName(oost_, *token).error().code, ErrorCode::kNotFound) << "used";

  for (int i = 0; i < 5; ++i) ASSERT_TRUE(service_->Invite(oost_, anna).ok()) << i;
  EXPECT_EQ(service_->OpenInvitations(oost_, anna), 5);
  auto sixth = service_->Invite(oost_, anna);
  ASSERT_FALSE(sixth.ok());
  EXPECT_EQ(sixth.error().code, ErrorCode::kConflict);
  clock_.Advance(14 * 24 * 3600);
  EXPECT_EQ(service_->OpenInvitations(oost_, anna), 0) << "expired after two weeks";
  auto late = service_->Invite(oost_, anna);
  EXPECT_TRUE(late.ok());
}

}  // namespace
}  // namespace buurtplein::domain::accounts
