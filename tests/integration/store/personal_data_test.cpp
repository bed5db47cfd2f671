// The declaration of personal data against the live schema, and the export and deletion
// queries it drives, on both engines.
#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "domain/accounts/personal_data.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;
using domain::SiteId;
using domain::UserId;
using namespace domain::accounts;
using namespace std::chrono_literals;

constexpr UnixTime kNow = 1'750'000'000;

class PersonalDataTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const auto nijmegen = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    site_ = store().sites().CreateSite(nijmegen, MakeDraft("oost", "Oost"))->id;
  }

  UserId MustCreateUser(const std::string& email, const std::string& name) {
    auto r = store().users().CreateUser(NewUser{email, name, "$argon2id$v=19$secret-hash-of-" + name, kNow});
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->id : UserId{};
  }

  void AddSession(UserId user, const std::string& token_hash, const std::string& ip) {
    Session s;
    s.token_hash = token_hash;
    s.user = user;
    s.created_at = s.last_seen_at = kNow;
    s.expires_at = kNow + 3600;
    s.user_agent = "Firefox";
    s.ip = ip;
    ASSERT_TRUE(store().sessions().CreateSession(s).ok());
  }

  void AddMembership(UserId user, const std::string& postcode) {
    Membership m;
    m.site = site_;
    m.user = user;
    m.postcode = postcode;
    m.house_number = "12";
    m.created_at = kNow;
    ASSERT_TRUE(store().memberships().CreateMembership(site_, m).ok());
  }

  domain::mail::Message Mail(const std::string& to, const std::string& subject) {
    domain::mail::Message m;
    m.to_address = to;
    m.to_name = "Naam";
    m.subject = subject;
    m.text_body = "https://example.nl/account/verify/SECRET-LINK";
    m.created_at = m.next_attempt_at = domain::mail::Time{std::chrono::seconds{kNow}};
    auto r = store().mail().Enqueue(m);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : m;
  }

  // Every value of every exported row of `table` for `key`, as text, for searching.
  std::string Dump(std::string_view table, const PersonalKey& key) {
    std::string out;
    for (const auto& row : store().personal_data().ReadRows(*FindTableDecl(table), key)) {
      for (const auto& v : row) {
        if (const auto* s = std::get_if<std::string>(&v)) out += *s + "|";
        if (const auto* n = std::get_if<std::int64_t>(&v)) out += std::to_string(*n) + "|";
        if (std::holds_alternative<std::monostate>(v)) out += "NULL|";
      }
      out += "\n";
    }
    return out;
  }

  SiteId site_;
};

// "A table gains a personal column that the export does not cover": every column of every
// table of the live schema must be declared (personal or not) in domain/accounts/personal_data.cpp.
TEST_P(PersonalDataTest, EveryTableAndColumnOfTheLiveSchemaIsDeclared) {
  const auto live = store().personal_data().ListSchemaColumns();
  ASSERT_FALSE(live.empty());
  std::set<std::pair<std::string, std::string>> live_set(live.begin(), live.end());
  for (const auto& [table, column] : live) {
    const TableDecl* decl = FindTableDecl(table);
    ASSERT_NE(decl, nullptr) << "Table '" << table << "' is not declared in src/domain/accounts/personal_data.cpp: "
                             << "say which of its columns are personal data and how a row belongs to a person.";
    const bool declared = std::any_of(decl->columns.begin(), decl->columns.end(),
                                      [&](const ColumnDecl& c) { return c.name == column; });
    EXPECT_TRUE(declared) << "Column " << table << "." << column
                          << " is not declared in src/domain/accounts/personal_data.cpp (personal or not?).";
  }
  // And the declaration describes this schema, not an older one.
  for (const auto& t : PersonalDataDeclaration()) {
    for (const auto& c : t.columns) {
      EXPECT_TRUE(live_set.count({std::string(t.table), std::string(c.name)}))
          << t.table << "." << c.name << " is declared but not in the schema";
    }
    if (t.link != LinkKind::kNone) {
      EXPECT_TRUE(live_set.count({std::string(t.table), std::string(t.link_column)})) << t.table;
      EXPECT_FALSE(t.section.empty()) << t.table;
      EXPECT_FALSE(ExportColumns(t).empty()) << t.table;
    }
  }
}

TEST_P(PersonalDataTest, ReadRowsReturnsOnlyThatPersonsRows) {
  const UserId anna = MustCreateUser("anna@example.nl", "Anna");
  const UserId bert = MustCreateUser("bert@example.nl", "Bert");
  AddSession(anna, "hash-anna", "192.0.2.1");
  AddSession(bert, "hash-bert", "192.0.2.2");
  AddMembership(anna, "6521AA");
  AddMembership(bert, "6521BB");
  Mail("anna@example.nl", "Voor Anna");
  Mail("bert@example.nl", "Voor Bert");

  const std::string account = Dump("users", anna);
  EXPECT_TRUE(Contains(account, "anna@example.nl"));
  // Secrets are read only to say whether they are set; the export never shows them.
  EXPECT_EQ(account.find("bert"), std::string::npos) << account;
  const std::string sessions = Dump("sessions", anna);
  EXPECT_TRUE(Contains(sessions, "192.0.2.1"));
  EXPECT_EQ(sessions.find("192.0.2.2"), std::string::npos) << sessions;
  EXPECT_EQ(sessions.find("hash-bert"), std::string::npos) << sessions;
  const std::string memberships = Dump("memberships", anna);
  EXPECT_TRUE(Contains(memberships, "6521AA"));
  EXPECT_TRUE(Contains(memberships, std::to_string(site_.value)));
  EXPECT_EQ(memberships.find("6521BB"), std::string::npos) << memberships;
  const std::string mails = Dump("mail_outbox", std::string("anna@example.nl"));
  EXPECT_TRUE(Contains(mails, "Voor Anna"));
  EXPECT_TRUE(Contains(mails, "pending"));
  EXPECT_TRUE(Contains(mails, std::to_string(kNow))) << "times are Unix seconds on both engines";
  EXPECT_EQ(mails.find("Voor Bert"), std::string::npos) << mails;

  // Nobody's rows for an id or address that is not an account's.
  EXPECT_TRUE(store().personal_data().ReadRows(*FindTableDecl("sessions"), UserId{bert.value + 100}).empty());
  EXPECT_TRUE(store().personal_data().ReadRows(*FindTableDecl("mail_outbox"), std::string("x@example.nl")).empty());
}

TEST_P(PersonalDataTest, ATableNotFromTheDeclarationIsRefused) {
  TableDecl forged = *FindTableDecl("users");  // a copy: same names, but not the declaration's entry
  EXPECT_THROW(store().personal_data().ReadRows(forged, UserId{1}), std::logic_error);
  EXPECT_THROW(store().personal_data().ReadRows(*FindTableDecl("areas"), UserId{1}), std::logic_error);
}

TEST_P(PersonalDataTest, EraseAccountRemovesTheAccountAndWhatHangsOnItOnly) {
  const UserId anna = MustCreateUser("anna@example.nl", "Anna");
  const UserId bert = MustCreateUser("bert@example.nl", "Bert");
  AddSession(anna, "hash-anna-1", "192.0.2.1");
  AddSession(anna, "hash-anna-2", "192.0.2.1");
  AddSession(bert, "hash-bert", "192.0.2.2");
  AddMembership(anna, "6521AA");
  AddMembership(bert, "6521BB");
  AccountToken t;
  t.token_hash = "token-anna";
  t.user = anna;
  t.created_at = kNow;
  t.expires_at = kNow + 60;
  ASSERT_TRUE(store().tokens().CreateToken(t).ok());
  const auto sent = Mail("anna@example.nl", "Verzonden");
  ASSERT_TRUE(store().mail().MarkSent(sent.id, sent.created_at + 1s).ok());
  Mail("anna@example.nl", "Nog niet verzonden");
  const auto for_bert = Mail("bert@example.nl", "Voor Bert");

  ASSERT_TRUE(store().personal_data().EraseAccount(anna, "anna@example.nl").ok());

  EXPECT_FALSE(store().users().FindUser(anna));
  EXPECT_FALSE(store().sessions().FindSessionByTokenHash("hash-anna-1"));
  EXPECT_FALSE(store().sessions().FindSessionByTokenHash("hash-anna-2"));
  EXPECT_FALSE(store().memberships().FindMembership(site_, anna));
  EXPECT_FALSE(store().tokens().ConsumeToken("token-anna", TokenPurpose::kVerifyEmail, kNow));
  EXPECT_TRUE(store().personal_data().ReadRows(*FindTableDecl("mail_outbox"), std::string("anna@example.nl")).empty());
  // The sent mail stays as a record, without address, name or text; the unsent one is gone.
  auto kept = store().mail().FindMessage(SiteId{0}, sent.id);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->to_address, "");
  EXPECT_EQ(kept->to_name, "");
  EXPECT_EQ(kept->text_body, "");
  EXPECT_EQ(kept->subject, "Verzonden");
  const auto recent = store().mail().ListRecent(10);
  EXPECT_EQ(std::count_if(recent.begin(), recent.end(), [](const auto& m) { return m.subject == "Nog niet verzonden"; }),
            0);

  // Bert keeps everything.
  EXPECT_TRUE(store().users().FindUser(bert));
  EXPECT_TRUE(store().sessions().FindSessionByTokenHash("hash-bert"));
  EXPECT_TRUE(store().memberships().FindMembership(site_, bert));
  auto berts = store().mail().FindMessage(SiteId{0}, for_bert.id);
  ASSERT_TRUE(berts);
  EXPECT_EQ(berts->to_address, "bert@example.nl");

  auto again = store().personal_data().EraseAccount(anna, "anna@example.nl");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Engines, PersonalDataTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
