// Reminders on both engines: the owner of a service not verified for 12 months gets one mail in
// the outbox, not again within 30 days; a recently verified service gets none.
#include <string>

#include "domain/common/clock.hpp"
#include "domain/directory/directory_service.hpp"
#include "domain/mail/mail_service.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using namespace domain::directory;

class DirectoryRemindersTest : public StoreTest {};

TEST_P(DirectoryRemindersTest, OwnersOfOutdatedEntriesGetOneReminder) {
  const auto city = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
  domain::ManualClock clock(1'780'000'000);  // 2026-05-28
  DirectoryService service(store(), clock);
  service.EnsureTaxonomy(city);
  Editor op;
  op.operator_ = true;
  op.email = "beheer@example.nl";
  Organization org;
  org.name = "Stichting Oud";
  org.email = "info@oud.example.nl";
  auto o = service.SaveOrganization(city, op, org);
  ASSERT_TRUE(o.ok());
  Service old;
  old.organization = o->id;
  old.name = "Oude dienst";
  auto s1 = service.SaveService(city, op, old);
  ASSERT_TRUE(s1.ok());
  Service fresh = old;
  fresh.name = "Verse dienst";
  auto s2 = service.SaveService(city, op, fresh);
  ASSERT_TRUE(s2.ok());
  ASSERT_TRUE(store().directory().Assure(city, EntityType::kService, s1->id.value, {"2025-01-10", "x@example.nl"}).ok());
  ASSERT_TRUE(service.VerifyService(city, op, s2->id).ok());
  EXPECT_TRUE(service.IsOutdated("2025-01-10"));
  EXPECT_FALSE(service.IsOutdated(service.Today()));
  EXPECT_TRUE(service.IsOutdated(""));

  domain::mail::MailService mail(store().mail());
  EXPECT_EQ(service.SendReminders(city, mail, "http://localhost:8080/nijmegen/sociale-kaart/"), 1);
  auto sent = store().mail().ListRecent(10);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].to_address, "info@oud.example.nl");
  EXPECT_NE(sent[0].text_body.find("Oude dienst"), std::string::npos);
  // Not again within 30 days; after that, yes.
  EXPECT_EQ(service.SendReminders(city, mail, "http://localhost:8080/"), 0);
  clock.Advance(31LL * 24 * 3600);
  EXPECT_EQ(service.SendReminders(city, mail, "http://localhost:8080/"), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, DirectoryRemindersTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
