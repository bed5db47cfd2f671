// Download my data and delete my account, as the account owner (and someone else) meets them.
#include <gtest/gtest.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>

#include "domain/accounts/privacy_service.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/smtp_server.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

using domain::accounts::ContentChoice;

constexpr const char* kPassword = "een lange zin als wachtwoord";

// Stands in for a later feature with contributions: records what it was asked to do.
class RecordingEraser final : public domain::accounts::ContentEraser {
 public:
  domain::Status EraseContent(domain::UserId user, ContentChoice choice) override {
    std::lock_guard lock(mutex_);
    calls_.emplace_back(user, choice);
    return domain::Ok{};
  }
  std::vector<std::pair<domain::UserId, ContentChoice>> calls() {
    std::lock_guard lock(mutex_);
    return calls_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::pair<domain::UserId, ContentChoice>> calls_;
};

class PrivacyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = TestConfig(dir_.path());
    config.mail_transport = "smtp";
    config.smtp_url = smtp_.url();
    config.smtp_security = "none";
    config.http.public_url = "http://localhost/";
    server_ = std::make_unique<TestServer>(true, config, true);
    server_->runtime().privacy().RegisterEraser(eraser_);
  }

  // Signs up, joins Oost (Nijmegen) with `postcode`, logs in.
  domain::UserId Join(BrowserClient& b, const std::string& email, const std::string& name,
                      const std::string& postcode) {
    const std::size_t before = smtp_.received().size();
    auto r = b.Submit("/account/signup", "/account/signup",
                      "display_name=" + FormEncode(name) + "&email=" + FormEncode(email) +
                          "&password=" + FormEncode(kPassword));
    EXPECT_EQ(r.status, 303) << r.body;
    EXPECT_TRUE(smtp_.WaitFor(before + 1));
    auto& store = server_->runtime().store();
    auto user = store.users().FindUserByEmail(email);
    EXPECT_TRUE(user);
    if (!user) return {};
    const auto* site = server_->runtime().sites().directory()->FindSite("nijmegen", "oost");
    domain::accounts::Membership m;
    m.site = site->id;
    m.user = user->id;
    m.postcode = postcode;
    m.house_number = "7";
    m.created_at = 1'750'000'000;
    EXPECT_TRUE(store.memberships().CreateMembership(site->id, m).ok());
    auto login = LogIn(b, email);
    EXPECT_EQ(login.status, 303) << login.body;
    return user->id;
  }

  WireResponse LogIn(BrowserClient& b, const std::string& email, const std::string& password = kPassword) {
    return b.Submit("/account/login", "/account/login",
                    "email=" + FormEncode(email) + "&password=" + FormEncode(password) + "&next=%2Faccount%2F");
  }

  TempDir dir_;
  testlib::SmtpTestServer smtp_;
  std::unique_ptr<TestServer> server_;
  RecordingEraser eraser_;
};

TEST_F(PrivacyTest, ExportIsAJsonDownloadOfMyDataAndNobodyElses) {
  BrowserClient anna(*server_);
  BrowserClient bert(*server_);
  Join(anna, "anna@example.nl", "Anna de Vries", "6521AA");
  Join(bert, "bert@example.nl", "Bert Jansen", "6522BB");

  auto r = anna.Get("/account/export");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_TRUE(std::regex_match(r.Header("content-disposition"),
                               std::regex(R"(attachment; filename="buurtplein-gegevens-\d{4}-\d{2}-\d{2}\.json")")))
      << r.Header("content-disposition");
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  const auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["account"]["email"], "anna@example.nl");
  EXPECT_EQ(j["account"]["display_name"], "Anna de Vries");
  EXPECT_EQ(j["account"]["password"], "stored as an Argon2id hash");
  EXPECT_EQ(j["account"]["is_operator"], false);
  EXPECT_TRUE(j["account"]["two_step_login"].is_null());
  ASSERT_EQ(j["memberships"].size(), 1u);
  EXPECT_EQ(j["memberships"][0]["postcode"], "6521AA");
  EXPECT_EQ(j["memberships"][0]["kind"], "home");
  ASSERT_GE(j["sessions"].size(), 1u);
  EXPECT_EQ(j["sessions"][0]["cookie"], "stored as a hash of your session cookie");
  ASSERT_EQ(j["tokens"].size(), 1u);
  EXPECT_EQ(j["tokens"][0]["purpose"], "verify_email");
  ASSERT_EQ(j["mails"].size(), 1u);
  EXPECT_EQ(j["mails"][0]["to_address"], "anna@example.nl");
  EXPECT_NE(j["mails"][0]["subject"].get<std::string>().find("Confirm your e-mail address"), std::string::npos);
  EXPECT_EQ(j["mails"][0]["text"], "not included: it may hold a login link");
  // No secret, and nothing of Bert's.
  EXPECT_EQ(r.body.find("$argon2id"), std::string::npos);
  EXPECT_EQ(r.body.find("/account/verify/"), std::string::npos);
  EXPECT_EQ(r.body.find("bert"), std::string::npos);
  EXPECT_EQ(r.body.find("Bert"), std::string::npos);
  EXPECT_EQ(r.body.find("6522BB"), std::string::npos);

  auto rb = bert.Get("/account/export");
  ASSERT_EQ(rb.status, 200);
  EXPECT_EQ(nlohmann::json::parse(rb.body)["account"]["email"], "bert@example.nl");
  EXPECT_EQ(rb.body.find("anna"), std::string::npos);
  EXPECT_EQ(rb.body.find("Anna"), std::string::npos);
  EXPECT_EQ(rb.body.find("6521AA"), std::string::npos);
}

TEST_F(PrivacyTest, ExportAndDeleteNeedALogin) {
  BrowserClient visitor(*server_);
  auto r = visitor.Get("/account/export");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location"), "/account/login?next=/account/export");
  EXPECT_EQ(visitor.Get("/account/delete").status, 303);
}

TEST_F(PrivacyTest, DeletingEndsEverySessionAtOnceAndTheOldPasswordNoLongerWorks) {
  BrowserClient anna(*server_);
  BrowserClient anna_phone(*server_);
  BrowserClient bert(*server_);
  const auto anna_id = Join(anna, "anna@example.nl", "Anna de Vries", "6521AA");
  ASSERT_EQ(LogIn(anna_phone, "anna@example.nl").status, 303);
  Join(bert, "bert@example.nl", "Bert Jansen", "6522BB");

  auto form = anna.Get("/account/delete");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("oud-buurtbewoner"), std::string::npos);
  EXPECT_NE(form.body.find("name=\"current_password\""), std::string::npos);

  auto wrong = anna.Post("/account/delete", "content=remove&current_password=" + FormEncode("not my password"));
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("Je huidige wachtwoord klopt niet"), std::string::npos) << wrong.body;
  EXPECT_TRUE(eraser_.calls().empty());
  auto no_choice = anna.Post("/account/delete", "current_password=" + FormEncode(kPassword));
  EXPECT_EQ(no_choice.status, 422);
  EXPECT_NE(no_choice.body.find("Kies wat er gebeurt met wat je hebt geschreven."), std::string::npos);
  EXPECT_TRUE(server_->runtime().store().users().FindUser(anna_id));

  auto done = anna.Post("/account/delete", "content=remove&current_password=" + FormEncode(kPassword));
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.Header("location"), "/account/goodbye");
  EXPECT_NE(done.Header("set-cookie").find("bp_session=;"), std::string::npos) << done.Header("set-cookie");
  auto bye = anna.Get("/account/goodbye");
  EXPECT_EQ(bye.status, 200);
  EXPECT_NE(bye.body.find("Je account is verwijderd"), std::string::npos);

  ASSERT_EQ(eraser_.calls().size(), 1u);
  EXPECT_EQ(eraser_.calls()[0].first, anna_id);
  EXPECT_EQ(eraser_.calls()[0].second, ContentChoice::kRemove);
  auto& store = server_->runtime().store();
  EXPECT_FALSE(store.users().FindUser(anna_id));
  EXPECT_FALSE(store.users().FindUserByEmail("anna@example.nl"));
  EXPECT_TRUE(store.sessions().ListSessions(anna_id).empty());
  EXPECT_TRUE(store.memberships().ListMembershipsOfUser(anna_id).empty());

  // The phone's session ended with the account.
  auto phone = anna_phone.Get("/account/");
  EXPECT_EQ(phone.status, 303);
  EXPECT_EQ(phone.Header("location"), "/account/login?next=/account/");
  BrowserClient again(*server_);
  EXPECT_EQ(LogIn(again, "anna@example.nl").status, 422);
  // Bert is untouched.
  EXPECT_EQ(bert.Get("/account/").status, 200);
}

TEST_F(PrivacyTest, TheAnonymiseChoiceReachesTheContentErasers) {
  BrowserClient bert(*server_);
  const auto bert_id = Join(bert, "bert@example.nl", "Bert Jansen", "6522BB");
  bert.Get("/account/delete");
  auto done = bert.Post("/account/delete", "content=anonymise&current_password=" + FormEncode(kPassword));
  ASSERT_EQ(done.status, 303) << done.body;
  ASSERT_EQ(eraser_.calls().size(), 1u);
  EXPECT_EQ(eraser_.calls()[0].first, bert_id);
  EXPECT_EQ(eraser_.calls()[0].second, ContentChoice::kAnonymise);
}

}  // namespace
}  // namespace buurtplein::testing
