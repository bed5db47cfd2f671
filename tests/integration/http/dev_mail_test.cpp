// The development mail page (make run): the .eml files, listed and shown; absent otherwise.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "mail/eml_directory_transport.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

constexpr const char* kPassword = "een lange zin als wachtwoord";

std::unique_ptr<TestServer> StartServer(const TempDir& dir, bool dev_mode) {
  auto config = TestConfig(dir.path());
  config.http.dev_mode = dev_mode;
  config.mail_transport = "file";
  config.http.public_url = "http://localhost/";
  return std::make_unique<TestServer>(false, config, true);
}

// The sender writes the file on its own thread: wait (bounded) until it is there.
std::vector<mail::EmlFile> WaitForMail(const std::string& dir, std::size_t count) {
  for (int i = 0; i < 500; ++i) {
    auto files = mail::ListEmlFiles(std::filesystem::path(dir) / "mail", 50);
    if (files.size() >= count) return files;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return {};
}

TEST(DevMailTest, DoesNotExistOutsideDevelopmentMode) {
  TempDir dir;
  auto server = StartServer(dir, false);
  EXPECT_EQ(server->Get("/dev/mail").status, 404);
  EXPECT_EQ(server->Get("/dev/mail/20261203T100000Z-1.eml").status, 404);
}

TEST(DevMailTest, ListsTheNewestMailsAndShowsOneWithClickableLinks) {
  TempDir dir;
  auto server = StartServer(dir, true);
  BrowserClient b(*server);
  auto empty = b.Get("/dev/mail");
  ASSERT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("Er is nog geen e-mail verstuurd."), std::string::npos);

  auto r = b.Submit("/account/signup", "/account/signup",
                    "display_name=Zo%C3%AB&email=zoe%40example.nl&password=" + FormEncode(kPassword));
  ASSERT_EQ(r.status, 303) << r.body;
  const auto files = WaitForMail(dir.path(), 1);
  ASSERT_EQ(files.size(), 1u);

  auto list = b.Get("/dev/mail");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Bevestig je e-mailadres"), std::string::npos) << list.body;
  EXPECT_NE(list.body.find("zoe@example.nl"), std::string::npos);
  EXPECT_NE(list.body.find("href=\"/dev/mail/" + files[0].file_name + "\""), std::string::npos);

  auto show = b.Get("/dev/mail/" + files[0].file_name);
  ASSERT_EQ(show.status, 200);
  EXPECT_NE(show.body.find("<a href=\"http://localhost/account/verify/"), std::string::npos) << show.body;
  EXPECT_NE(show.body.find("Zoë"), std::string::npos);
  EXPECT_EQ(show.body.find("=3D"), std::string::npos) << "quoted-printable is decoded";
}

TEST(DevMailTest, OnlyMailFileNamesAreOpened) {
  TempDir dir;
  auto server = StartServer(dir, true);
  std::filesystem::create_directories(std::filesystem::path(dir.path()) / "mail");
  std::ofstream(std::filesystem::path(dir.path()) / "mail" / ".20261203T100000Z-1.eml.tmp") << "Subject: x\r\n\r\nx";
  std::ofstream(std::filesystem::path(dir.path()) / "secret.eml") << "Subject: secret\r\n\r\nsecret";
  EXPECT_EQ(server->Get("/dev/mail/.20261203T100000Z-1.eml.tmp").status, 404);
  EXPECT_EQ(server->Get("/dev/mail/test.db").status, 404);
  EXPECT_EQ(server->Get("/dev/mail/20261203T100000Z-9.eml").status, 404) << "no such file";
  EXPECT_EQ(server->Get("/dev/mail/..%2Fsecret.eml").status, 400);
  EXPECT_EQ(server->Get("/dev/mail/%2e%2e%2fsecret.eml").status, 400);
}

}  // namespace
}  // namespace buurtplein::testing
