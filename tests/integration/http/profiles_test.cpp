// Profiles as residents meet them: the real server, two verified members of Oost and one of
// Zuid, a photo upload with GPS position and all, and who may see what.
#include <gtest/gtest.h>
#include <vips/vips.h>

#include <filesystem>

#include "domain/security/passwords.hpp"
#include "media/vips_runtime.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

using domain::SiteId;
using domain::UserId;
using namespace domain::accounts;

constexpr const char* kPassword = "een lange zin als wachtwoord";

// A JPEG straight from libvips (a grey 800×600 image).
std::string MakeJpeg(int width = 800, int height = 600) {
  media::StartVips("http_tests");
  VipsImage* black = nullptr;
  VipsImage* grey = nullptr;
  EXPECT_EQ(vips_black(&black, width, height, "bands", 3, nullptr), 0);
  EXPECT_EQ(vips_linear1(black, &grey, 1.0, 128.0, "uchar", TRUE, nullptr), 0);
  void* buf = nullptr;
  size_t len = 0;
  EXPECT_EQ(vips_jpegsave_buffer(grey, &buf, &len, nullptr), 0);
  std::string bytes(static_cast<const char*>(buf), len);
  g_free(buf);
  g_object_unref(grey);
  g_object_unref(black);
  return bytes;
}

class ProfilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = TestConfig(dir_.path());
    config.passwords_file = SourceDir() + "/data/passwords/common-passwords.txt";
    server_ = std::make_unique<TestServer>(true, config, true);
    auto& rt = server_->runtime();
    oost_ = rt.sites().directory()->FindSite("nijmegen", "oost")->id;
    zuid_ = rt.sites().directory()->FindSite("nijmegen", "zuid")->id;
    anna_ = Resident("anna@example.nl", "Anna de Vries", oost_);
    bert_ = Resident("bert@example.nl", "Bert Jansen", oost_);
    carla_ = Resident("carla@example.nl", "Carla Bakker", zuid_);
  }

  // A verified resident of `site`, made through the store.
  UserId Resident(const std::string& email, const std::string& name, SiteId site) {
    auto& store = server_->runtime().store();
    NewUser nu;
    nu.email = email;
    nu.display_name = name;
    nu.password_hash = domain::security::HashPassword(kPassword);
    nu.created_at = 1'800'000'000;
    auto user = store.users().CreateUser(nu);
    EXPECT_TRUE(user.ok());
    store.users().SetEmailVerified(user->id, 1'800'000'000);
    Membership m;
    m.user = user->id;
    m.status = MemberStatus::kVerified;
    m.verified_by = VerificationMethod::kApproval;
    m.created_at = 1'800'000'000;
    m.verified_at = 1'800'000'000;
    EXPECT_TRUE(store.memberships().CreateMembership(site, m).ok());
    return user->id;
  }

  void LogIn(BrowserClient& b, const std::string& email) {
    auto r = b.Submit("/account/login", "/account/login",
                      "email=" + FormEncode(email) + "&password=" + FormEncode(kPassword) + "&next=%2Faccount%2F");
    ASSERT_EQ(r.status, 303) << r.body;
    ASSERT_EQ(r.Header("location"), "/account/");
  }

  static std::string PeopleUrl(const std::string& site, UserId user) {
    return "/nijmegen/" + site + "/people/" + std::to_string(user.value);
  }

  // Fills in the profile form (with a photo when given) as `b`.
  WireResponse SaveProfile(BrowserClient& b, const std::string& name, const std::string& about,
                           const std::string& offer, const std::string& photo = {},
                           const std::string& filename = "IMG_2041.jpg") {
    b.Get("/account/profile");
    std::vector<BrowserClient::Part> parts = {{"display_name", name, "", ""}, {"about", about, "", ""},
                                              {"offer", offer, "", ""}};
    if (photo.empty()) {
      parts.push_back({"photo", "", "", "application/octet-stream"});  // no file chosen
    } else {
      parts.push_back({"photo", photo, filename, "image/jpeg"});
    }
    return b.PostMultipart("/account/profile", parts);
  }

  TempDir dir_;
  std::unique_ptr<TestServer> server_;
  SiteId oost_, zuid_;
  UserId anna_, bert_, carla_;
};

TEST_F(ProfilesTest, UploadedPhotoAndTextsShowOnTheProfileForANeighbour) {
  BrowserClient anna(*server_);
  LogIn(anna, "anna@example.nl");
  auto form = anna.Get("/account/profile");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_NE(form.body.find(PeopleUrl("oost", anna_)), std::string::npos) << "where the profile is visible";

  auto saved = SaveProfile(anna, "Anna de Vries", "Ik woon sinds 2004 in Bottendaal.\r\nIk heb twee katten.",
                           "Fietsen repareren & <b>Arabisch</b>", MakeJpeg());
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.Header("location"), "/account/profile?saved=1");
  auto after = anna.Get("/account/profile?saved=1");
  EXPECT_NE(after.body.find("Je profiel is opgeslagen."), std::string::npos);
  EXPECT_NE(after.body.find("src=\"/account/profile/photo?v="), std::string::npos);

  BrowserClient bert(*server_);
  LogIn(bert, "bert@example.nl");
  auto page = bert.Get(PeopleUrl("oost", anna_));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Anna de Vries"), std::string::npos);
  EXPECT_NE(page.body.find("Ik woon sinds 2004 in Bottendaal.\nIk heb twee katten."), std::string::npos);
  EXPECT_NE(page.body.find("Fietsen repareren &amp; &lt;b&gt;Arabisch&lt;/b&gt;"), std::string::npos)
      << "profile text is escaped";
  EXPECT_EQ(page.Header("cache-control"), "no-store");
  const std::string img = "<img class=\"profile-photo\" src=\"" + PeopleUrl("oost", anna_) + "/photo?v=";
  const auto at = page.body.find(img);
  ASSERT_NE(at, std::string::npos) << page.body;
  const auto start = page.body.find("src=\"", at) + 5;
  const std::string photo_url = page.body.substr(start, page.body.find('"', start) - start);

  auto photo = bert.Get(photo_url);
  ASSERT_EQ(photo.status, 200);
  EXPECT_EQ(photo.Header("content-type"), "image/jpeg");
  EXPECT_EQ(photo.Header("cache-control"), "no-store");  // personal data: never stored
  EXPECT_EQ(photo.body.substr(0, 3), "\xFF\xD8\xFF");
  EXPECT_EQ(photo.body.find("Exif"), std::string::npos);
  EXPECT_LT(photo.body.size(), 100'000u);
  auto small = bert.Get(photo_url + "&size=small");
  ASSERT_EQ(small.status, 200);
  EXPECT_LT(small.body.size(), photo.body.size());

  // The files on disk have random names, never the one uploaded, outside the static files.
  int files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(server_->runtime().config().data_dir +
                                                                      "/uploads/photos")) {
    if (!e.is_regular_file()) continue;
    ++files;
    EXPECT_EQ(e.path().filename().string().find("IMG_2041"), std::string::npos);
  }
  EXPECT_EQ(files, 2) << "one photo in two sizes";
}

TEST_F(ProfilesTest, TheEmailAddressIsNeverOnAProfilePage) {
  BrowserClient anna(*server_);
  LogIn(anna, "anna@example.nl");
  ASSERT_EQ(SaveProfile(anna, "Anna de Vries", "Hallo buren", "Koken").status, 303);
  BrowserClient bert(*server_);
  LogIn(bert, "bert@example.nl");
  for (auto* b : {&anna, &bert}) {
    auto page = b->Get(PeopleUrl("oost", anna_));
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("anna@example.nl"), std::string::npos);
    EXPECT_EQ(page.body.find("anna%40example.nl"), std::string::npos);
  }
  auto own = anna.Get(PeopleUrl("oost", anna_));
  EXPECT_NE(own.body.find("href=\"/account/profile\""), std::string::npos) << "the owner gets an edit link";
  auto edit = anna.Get("/account/profile");
  EXPECT_EQ(edit.body.find("anna@example.nl"), std::string::npos);
}

TEST_F(ProfilesTest, OtherSitesSeeNothing) {
  BrowserClient anna(*server_);
  LogIn(anna, "anna@example.nl");
  ASSERT_EQ(SaveProfile(anna, "Anna de Vries", "Hallo", "", MakeJpeg()).status, 303);
  BrowserClient carla(*server_);
  LogIn(carla, "carla@example.nl");
  // Carla (Zuid) is not a member of Oost: every Oost profile is refused alike, whoever it is.
  EXPECT_EQ(carla.Get(PeopleUrl("oost", anna_)).status, 403);
  EXPECT_EQ(carla.Get(PeopleUrl("oost", anna_) + "/photo").status, 403);
  EXPECT_EQ(carla.Get(PeopleUrl("oost", UserId{999999})).status, 403);
  // Anna is not a member of Zuid: not found there, page and photo.
  auto via_zuid = carla.Get(PeopleUrl("zuid", anna_));
  EXPECT_EQ(via_zuid.status, 404);
  EXPECT_EQ(via_zuid.body.find("Anna"), std::string::npos);
  EXPECT_EQ(carla.Get(PeopleUrl("zuid", anna_) + "/photo").status, 404);
  // Carla's own Zuid profile is not found through Oost, by an Oost member.
  BrowserClient bert(*server_);
  LogIn(bert, "bert@example.nl");
  EXPECT_EQ(bert.Get(PeopleUrl("oost", carla_)).status, 404);
  EXPECT_EQ(bert.Get(PeopleUrl("oost", carla_) + "/photo").status, 404);
  EXPECT_EQ(bert.Get(PeopleUrl("oost", UserId{999999})).status, 404);
  EXPECT_EQ(bert.Get("/nijmegen/oost/people/abc").status, 404);
  EXPECT_EQ(bert.Get(PeopleUrl("oost", bert_) + "/photo").status, 404) << "no photo uploaded";
}

TEST_F(ProfilesTest, VisitorsWhoAreNotLoggedInAreSentToTheLoginPage) {
  BrowserClient visitor(*server_);
  for (const std::string& url : {PeopleUrl("oost", anna_), PeopleUrl("oost", anna_) + "/photo",
                                 std::string("/account/profile")}) {
    auto r = visitor.Get(url);
    EXPECT_EQ(r.status, 303) << url;
    EXPECT_EQ(r.Header("location"), "/account/login?next=" + url);
  }
}

TEST_F(ProfilesTest, RefusedUploadsShowTheFormAgain) {
  BrowserClient anna(*server_);
  LogIn(anna, "anna@example.nl");
  auto gif = SaveProfile(anna, "Anna de Vries", "Mijn tekst", "", "GIF89a\x01\x00\x01\x00", "kat.jpg");
  EXPECT_EQ(gif.status, 422);
  EXPECT_NE(gif.body.find("Dit bestand is geen foto die we kunnen gebruiken."), std::string::npos) << gif.body;
  EXPECT_NE(gif.body.find("Mijn tekst"), std::string::npos) << "what was typed stays";

  auto too_long = SaveProfile(anna, "Anna de Vries", std::string(501, 'a'), "");
  EXPECT_EQ(too_long.status, 422);
  auto bad_name = SaveProfile(anna, "A", "", "");
  EXPECT_EQ(bad_name.status, 422);

  // A form without the CSRF token is refused before anything is read.
  auto no_csrf = anna.PostMultipart("/account/profile", {{"about", "x", "", ""}}, false);
  EXPECT_EQ(no_csrf.status, 403);

  // A broken multipart body: 400, and the server carries on.
  const std::string session = anna.Cookie("bp_session");
  const std::string body = "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + anna.csrf() +
                           "\r\n--b\r\nContent-Disposition: form-data; name=\"about\"\r\n\r\nno end";
  auto raw = ParseResponse(server_->SendRaw(
      "POST /account/profile HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: bp_session=" + session +
      "\r\nOrigin: http://localhost\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body));
  EXPECT_EQ(raw.status, 403) << "the CSRF token cannot be read from a broken body";
  const std::string body2 = "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + anna.csrf() +
                            "\r\n--b\r\nContent-Disposition: form-data; name=\"about\"\r\nX: " +
                            std::string(3000, 'x') + "\r\n\r\nx\r\n--b--\r\n";
  auto raw2 = ParseResponse(server_->SendRaw(
      "POST /account/profile HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: bp_session=" + session +
      "\r\nOrigin: http://localhost\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " +
      std::to_string(body2.size()) + "\r\n\r\n" + body2));
  EXPECT_EQ(raw2.status, 403);
  EXPECT_EQ(anna.Get("/account/profile").status, 200);
}

TEST_F(ProfilesTest, AnUploadOverTenMegabytesIsRefusedBeforeItIsRead) {
  BrowserClient anna(*server_);
  LogIn(anna, "anna@example.nl");
  const std::size_t eleven_mb = 11 * 1024 * 1024;
  auto r = ParseResponse(server_->SendRaw(
      "POST /account/profile HTTP/1.1\r\nHost: localhost\r\nCookie: bp_session=" + anna.Cookie("bp_session") +
      "\r\nOrigin: http://localhost\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " +
      std::to_string(eleven_mb) + "\r\n\r\n--b\r\n"));
  EXPECT_EQ(r.status, 413);
}

TEST_F(ProfilesTest, ThePhotoCanBeReplacedAndRemoved) {
  BrowserClient anna(*server_);
  LogIn(anna, "anna@example.nl");
  ASSERT_EQ(SaveProfile(anna, "Anna de Vries", "", "", MakeJpeg(800, 600)).status, 303);
  const std::string first = server_->runtime().store().profiles().FindProfile(anna_)->photo_key;
  ASSERT_EQ(first.size(), 32u);
  const std::string photos = server_->runtime().config().data_dir + "/uploads/photos/";
  EXPECT_TRUE(std::filesystem::exists(photos + first.substr(0, 2) + "/" + first + ".jpg"));

  ASSERT_EQ(SaveProfile(anna, "Anna de Vries", "", "", MakeJpeg(600, 800)).status, 303);
  const std::string second = server_->runtime().store().profiles().FindProfile(anna_)->photo_key;
  EXPECT_NE(second, first);
  EXPECT_FALSE(std::filesystem::exists(photos + first.substr(0, 2) + "/" + first + ".jpg")) << "the old file goes";

  // Saving texts without choosing a file keeps the photo.
  ASSERT_EQ(SaveProfile(anna, "Anna de Vries", "Nieuwe tekst", "").status, 303);
  EXPECT_EQ(server_->runtime().store().profiles().FindProfile(anna_)->photo_key, second);

  anna.Get("/account/profile");
  auto removed = anna.Post("/account/profile", "action=remove-photo");
  EXPECT_EQ(removed.status, 303);
  EXPECT_EQ(removed.Header("location"), "/account/profile?saved=photo-removed");
  EXPECT_EQ(server_->runtime().store().profiles().FindProfile(anna_)->photo_key, "");
  EXPECT_FALSE(std::filesystem::exists(photos + second.substr(0, 2) + "/" + second + ".jpg"));
  EXPECT_EQ(anna.Get("/account/profile/photo").status, 404);
  BrowserClient bert(*server_);
  LogIn(bert, "bert@example.nl");
  EXPECT_EQ(bert.Get(PeopleUrl("oost", anna_) + "/photo").status, 404);
}

}  // namespace
}  // namespace buurtplein::testing
