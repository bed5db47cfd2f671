// Download my data and delete my account, as the account owner (and someone else) meets them.
#include <gtest/gtest.h>
#include <vips/vips.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>

#include "domain/accounts/privacy_service.hpp"
#include "media/vips_runtime.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/smtp_server.hpp"
#include "testlib/test_server.hpp"
#include "testlib/zip_reader.hpp"

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

TEST_F(PrivacyTest, ExportIsAZipOfMyDataAndNobodyElses) {
  BrowserClient anna(*server_);
  BrowserClient bert(*server_);
  Join(anna, "anna@example.nl", "Anna de Vries", "6521AA");
  Join(bert, "bert@example.nl", "Bert Jansen", "6522BB");

  auto r = anna.Get("/account/export");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/zip");
  EXPECT_TRUE(std::regex_match(r.Header("content-disposition"),
                               std::regex(R"(attachment; filename="buurtplein-gegevens-\d{4}-\d{2}-\d{2}\.zip")")))
      << r.Header("content-disposition");
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  const auto files = ReadStoredZip(r.body);
  ASSERT_EQ(files.size(), 1u);  // no photo: only the data
  const std::string data = files.at("data.json");
  const auto j = nlohmann::json::parse(data);
  EXPECT_EQ(j["account"]["email"], "anna@example.nl");
  EXPECT_EQ(j["account"]["display_name"], "Anna de Vries");
  EXPECT_EQ(j["account"]["password"], "stored as an Argon2id hash");
  EXPECT_EQ(j["account"]["is_operator"], false);
  EXPECT_TRUE(j["account"]["two_step_login"].is_null());
  ASSERT_EQ(j["memberships"].size(), 1u);
  EXPECT_EQ(j["memberships"][0]["postcode"], "6521AA");
  EXPECT_EQ(j["memberships"][0]["kind"], "home");
  ASSERT_GE(j["sessions"].size(), 1u);  // the sessions are listed, without their cookies
  EXPECT_EQ(j["sessions"][0]["cookie"], "stored as a hash of your session cookie");
  EXPECT_TRUE(j["sessions"][0]["last_seen_at"].is_string());
  EXPECT_FALSE(j["sessions"][0]["ip"].get<std::string>().empty());
  EXPECT_FALSE(j.contains("files"));
  ASSERT_EQ(j["tokens"].size(), 1u);
  EXPECT_EQ(j["tokens"][0]["purpose"], "verify_email");
  ASSERT_EQ(j["mails"].size(), 1u);
  EXPECT_EQ(j["mails"][0]["to_address"], "anna@example.nl");
  EXPECT_NE(j["mails"][0]["subject"].get<std::string>().find("Confirm your e-mail address"), std::string::npos);
  EXPECT_EQ(j["mails"][0]["text"], "not included: it may hold a login link");
  // No secret, and nothing of Bert's.
  EXPECT_EQ(data.find("$argon2id"), std::string::npos);
  EXPECT_EQ(data.find("/account/verify/"), std::string::npos);
  EXPECT_EQ(data.find("bert"), std::string::npos);
  EXPECT_EQ(data.find("Bert"), std::string::npos);
  EXPECT_EQ(data.find("6522BB"), std::string::npos);

  auto rb = bert.Get("/account/export");
  ASSERT_EQ(rb.status, 200);
  const std::string data_b = ReadStoredZip(rb.body).at("data.json");
  EXPECT_EQ(nlohmann::json::parse(data_b)["account"]["email"], "bert@example.nl");
  EXPECT_EQ(data_b.find("anna"), std::string::npos);
  EXPECT_EQ(data_b.find("Anna"), std::string::npos);
  EXPECT_EQ(data_b.find("6521AA"), std::string::npos);
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

TEST_F(PrivacyTest, ExportHoldsTheProfilePhotoAsAFile) {
  BrowserClient anna(*server_);
  Join(anna, "anna@example.nl", "Anna de Vries", "6521AA");
  // A grey JPEG straight from libvips, uploaded through the profile form.
  media::StartVips("http_tests");
  VipsImage* black = nullptr;
  ASSERT_EQ(vips_black(&black, 640, 480, "bands", 3, nullptr), 0);
  void* buf = nullptr;
  size_t len = 0;
  ASSERT_EQ(vips_jpegsave_buffer(black, &buf, &len, nullptr), 0);
  const std::string jpeg(static_cast<const char*>(buf), len);
  g_free(buf);
  g_object_unref(black);
  anna.Get("/account/profile");
  auto saved = anna.PostMultipart("/account/profile", {{"display_name", "Anna de Vries", "", ""},
                                                       {"about", "", "", ""},
                                                       {"offer", "", "", ""},
                                                       {"photo", jpeg, "foto.jpg", "image/jpeg"}});
  ASSERT_EQ(saved.status, 303) << saved.body;

  auto r = anna.Get("/account/export");
  ASSERT_EQ(r.status, 200);
  const auto files = ReadStoredZip(r.body);
  ASSERT_EQ(files.size(), 2u);
  const auto j = nlohmann::json::parse(files.at("data.json"));
  EXPECT_EQ(j["files"]["profile_photo"], "profile-photo.jpg");
  EXPECT_EQ(j["profile"]["photo"], "your profile photo, stored as an image file (512 and 96 pixels, without metadata)");
  // The photo as it is stored (re-encoded, at most 512 pixels), the same bytes the profile shows.
  const std::string& photo = files.at("profile-photo.jpg");
  EXPECT_EQ(photo.substr(0, 3), "\xFF\xD8\xFF");
  EXPECT_EQ(photo, anna.Get("/account/profile/photo").body);
}

}  // namespace
}  // namespace buurtplein::testing
