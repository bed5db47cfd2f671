// The sociale kaart's checks without a database: cleaning drafts (the first problem with its
// field), the default Dutch categories, UUIDs and dates.
#include <gtest/gtest.h>

#include <set>

#include "domain/directory/directory_service.hpp"

namespace buurtplein::domain::directory {
namespace {

Service Draft() {
  Service s;
  s.name = "  Schuldhulp  ";
  s.description = "Hulp bij geld";
  return s;
}

TEST(DirectoryClean, TrimsAndAcceptsAGoodDraft) {
  auto s = DirectoryService::Clean(Draft());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->name, "Schuldhulp");
}

TEST(DirectoryClean, NamesTheFieldOfTheFirstProblem) {
  auto expect_field = [](Service s, const std::string& field) {
    auto r = DirectoryService::Clean(s);
    ASSERT_FALSE(r.ok()) << field;
    EXPECT_EQ(r.error().code, ErrorCode::kValidation);
    EXPECT_EQ(r.error().field, field);
  };
  Service s = Draft();
  s.name = "   ";
  expect_field(s, "name");
  s = Draft();
  s.url = "javascript:alert(1)";
  expect_field(s, "url");
  s = Draft();
  s.email = "geen adres";
  expect_field(s, "email");
  s = Draft();
  s.status = "weg";
  expect_field(s, "status");
  s = Draft();
  s.minimum_age = 30;
  s.maximum_age = 20;
  expect_field(s, "minimum_age");
  s = Draft();
  s.areas = {{"", AreaType::kBuurt, "WK026801", ""}};
  expect_field(s, "service_areas");
  s = Draft();
  s.languages = {{"", "Nederlands", "", ""}};
  expect_field(s, "languages");
  s = Draft();
  Schedule bad;
  bad.byday = "MA,DI";
  bad.opens_at = "09:00";
  bad.closes_at = "17:00";
  s.schedules = {bad};
  expect_field(s, "schedules");
  bad.byday = "MO,TU";
  bad.closes_at = "25:00";
  s.schedules = {bad};
  expect_field(s, "schedules");
}

TEST(DirectoryClean, SchedulesAndExceptions) {
  Service s = Draft();
  Schedule week;
  week.byday = "MO,WE,FR";
  week.opens_at = "09:00";
  week.closes_at = "12:30";
  Schedule closed;
  closed.exception = true;
  closed.valid_from = "2026-12-25";
  closed.closed = true;
  s.schedules = {week, closed};
  EXPECT_TRUE(DirectoryService::Clean(s).ok());
  s.schedules[1].valid_from = "25-12-2026";
  EXPECT_FALSE(DirectoryService::Clean(s).ok());
}

TEST(DirectoryClean, LocationsNeedBothCoordinates) {
  Location l;
  l.name = "Buurthuis";
  l.latitude = 51.8;
  EXPECT_EQ(DirectoryService::Clean(l).error().field, "latitude");
  l.longitude = 5.8;
  EXPECT_TRUE(DirectoryService::Clean(l).ok());
  l.location_type = "somewhere";
  EXPECT_EQ(DirectoryService::Clean(l).error().field, "location_type");
}

TEST(DirectoryTaxonomy, HasTheDutchCategories) {
  const auto& terms = DefaultTerms();
  EXPECT_EQ(terms.size(), 14u);
  std::set<std::string> codes;
  for (const auto& t : terms) codes.insert(t.code);
  EXPECT_EQ(codes.size(), terms.size());
  EXPECT_TRUE(codes.count("jeugd-en-gezin"));
  EXPECT_TRUE(codes.count("afval-en-buitenruimte"));
}

TEST(DirectoryIds, UuidsAreVersion4AndRecognised) {
  const std::string a = NewUuid();
  EXPECT_TRUE(IsUuid(a));
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(a, NewUuid());
  EXPECT_FALSE(IsUuid("not-a-uuid"));
  EXPECT_FALSE(IsUuid("3f1c7c1e-8f2a-4c55-9a43-6d2f7c0b1a0"));
}

TEST(DirectoryDates, UtcDates) {
  EXPECT_EQ(DateOf(0), "1970-01-01");
  EXPECT_EQ(DateOf(1'780'000'000), "2026-05-28");
}

}  // namespace
}  // namespace buurtplein::domain::directory
