// The buurtplein program as an operator runs it: configuration errors, migrate, backup, and a
// graceful stop on SIGTERM with a request still in flight.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <thread>

#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

struct Run {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs the binary with `args` through the shell; `env` is prefixed (VAR=value …).
Run RunBinary(const std::string& args, const std::string& env = "") {
  std::string cmd = "cd " + SourceDir() + " && " + env + " " + BUURTPLEIN_BINARY + " " + args + " 2>&1";
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) r.output.append(buf.data(), n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(Cli, UnknownKeyInConfigFileStopsWithOneClearSentence) {
  TempDir dir;
  std::ofstream(dir.path() + "/bad.toml") << "prot = 8080\n";
  auto r = RunBinary("--config " + dir.path() + "/bad.toml serve");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("has an unknown setting 'prot'"), std::string::npos) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
}

TEST(Cli, BadPortIsRefused) {
  TempDir dir;
  auto r = RunBinary("--database sqlite://" + dir.path() + "/x.db serve --port 70000");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("The setting port must be a whole number from 0 to 65535, not '70000'."),
            std::string::npos)
      << r.output;
  r = RunBinary("--database sqlite://" + dir.path() + "/x.db migrate", "BUURTPLEIN_PORT=abc BUURTPLEIN_DATA_DIR=" + dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("The setting port must be a whole number from 0 to 65535, not 'abc'."), std::string::npos);
}

TEST(Cli, EnvironmentOverridesTheFileAndFlagsOverrideBoth) {
  TempDir dir;
  std::ofstream(dir.path() + "/c.toml") << "port = \"x\"\n";
  auto r = RunBinary("--config " + dir.path() + "/c.toml --database sqlite://" + dir.path() + "/x.db migrate",
                     "BUURTPLEIN_DATA_DIR=" + dir.path());
  EXPECT_EQ(r.exit_code, 1);  // the file's bad port is still read
  std::ofstream(dir.path() + "/c.toml") << "port = 1\ndatabase = \"nonsense://\"\n";
  r = RunBinary("--config " + dir.path() + "/c.toml migrate",
                "BUURTPLEIN_DATA_DIR=" + dir.path() + " BUURTPLEIN_DATABASE=sqlite://" + dir.path() + "/env.db");
  EXPECT_EQ(r.exit_code, 0) << r.output;  // the environment's database wins over the file's
  EXPECT_NE(r.output.find("Database schema at version "), std::string::npos) << r.output;
}

TEST(Cli, UnknownEnvironmentVariableIsRefused) {
  auto r = RunBinary("migrate", "BUURTPLEIN_DATABSE=sqlite:///tmp/x.db");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("BUURTPLEIN_DATABSE is not a known setting"), std::string::npos) << r.output;
}

TEST(Cli, AccountAndMailSettingsAreKnownAndChecked) {
  TempDir dir;
  const std::string base = "BUURTPLEIN_DATA_DIR=" + dir.path() + " BUURTPLEIN_DATABASE=sqlite://" + dir.path() + "/x.db";
  auto r = RunBinary("migrate", base + " BUURTPLEIN_MAIL_TRANSPORT=smtp BUURTPLEIN_SMTP_URL=smtp://127.0.0.1:2525"
                                       " BUURTPLEIN_SMTP_SECURITY=none BUURTPLEIN_PUBLIC_URL=http://127.0.0.1:9/"
                                       " BUURTPLEIN_MAIL_FROM=buurtplein@example.nl BUURTPLEIN_MAIL_FROM_NAME=Buurtplein"
                                       " BUURTPLEIN_SMTP_USERNAME= BUURTPLEIN_SMTP_PASSWORD=");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = RunBinary("migrate", base + " BUURTPLEIN_MAIL_TRANSPORT=pigeon");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("The setting mail_transport must be file or smtp, not 'pigeon'."), std::string::npos)
      << r.output;
  std::ofstream(dir.path() + "/c.toml") << "public_url = \"ftp://x/\"\n";
  r = RunBinary("--config " + dir.path() + "/c.toml migrate", base);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("The setting public_url must start with http:// or https://"), std::string::npos) << r.output;
}

TEST(Cli, UnreachableDatabaseStopsTheProgram) {
  auto r = RunBinary("--database postgresql://nobody@127.0.0.1:1/none migrate", "BUURTPLEIN_DATA_DIR=/tmp");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("Cannot connect to PostgreSQL at 127.0.0.1:1/none"), std::string::npos) << r.output;
  r = RunBinary("--database mysql://x/y migrate", "BUURTPLEIN_DATA_DIR=/tmp");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("is not supported; use sqlite:///path/to/file.db or postgresql://"), std::string::npos);
}

TEST(Cli, UnwritableDataDirectoryStopsTheProgram) {
  auto r = RunBinary("--database sqlite:///proc/nope/x.db migrate", "BUURTPLEIN_DATA_DIR=/proc/nope");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("The data directory '/proc/nope' cannot be created or is not writable."),
            std::string::npos)
      << r.output;
}

TEST(Cli, PortInUseIsReportedClearly) {
  TestServer server(false);
  TempDir dir;
  auto r = RunBinary("--database sqlite://" + dir.path() + "/x.db serve --port " + std::to_string(server.port()),
                     "BUURTPLEIN_DATA_DIR=" + dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("Cannot listen on 127.0.0.1:" + std::to_string(server.port())), std::string::npos)
      << r.output;
}

TEST(Cli, MigrateIsIdempotentAndBackupCopiesTheDatabase) {
  TempDir dir;
  const std::string db = "--database sqlite://" + dir.path() + "/b.db ";
  const std::string env = "BUURTPLEIN_DATA_DIR=" + dir.path();
  EXPECT_EQ(RunBinary(db + "migrate", env).exit_code, 0);
  EXPECT_EQ(RunBinary(db + "migrate", env).exit_code, 0);
  auto demo = RunBinary(db + "demo", env);
  ASSERT_EQ(demo.exit_code, 0) << demo.output;
  auto backup = RunBinary(db + "backup " + dir.path() + "/copy.db", env);
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  auto copy = RunBinary("--database sqlite://" + dir.path() + "/copy.db demo", env);
  EXPECT_EQ(copy.exit_code, 0) << copy.output;  // the copy is a complete, usable database
}

TEST(Cli, GrantRoleGivesAndTakesBoardBuurtverbinderAndOperator) {
  TempDir dir;
  const std::string db = "--database sqlite://" + dir.path() + "/g.db ";
  const std::string env = "BUURTPLEIN_DATA_DIR=" + dir.path();
  ASSERT_EQ(RunBinary(db + "demo", env).exit_code, 0);
  const std::string who = "--email Bewoner1.Oost@example.nl ";
  auto r = RunBinary(db + "grant-role " + who + "--role board --city nijmegen", env);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("is now on the board of Nijmegen"), std::string::npos) << r.output;
  r = RunBinary(db + "grant-role " + who + "--role board --city nijmegen --remove", env);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = RunBinary(db + "grant-role " + who + "--role board --city nijmegen --remove", env);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("does not have this role"), std::string::npos) << r.output;
  r = RunBinary(db + "grant-role " + who + "--role buurtverbinder --site zuid", env);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("is now a buurtverbinder of"), std::string::npos) << r.output;
  r = RunBinary(db + "grant-role " + who + "--role operator", env);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = RunBinary(db + "grant-role --email niemand@example.nl --role board --city nijmegen", env);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("There is no account with this e-mail address."), std::string::npos) << r.output;
  r = RunBinary(db + "grant-role " + who + "--role board --city atlantis", env);
  EXPECT_EQ(r.exit_code, 1);
  r = RunBinary(db + "grant-role " + who + "--role koning", env);
  EXPECT_NE(r.exit_code, 0);
}

TEST(Cli, SigtermFinishesTheRequestInFlightAndExitsZero) {
  TempDir dir;
  const std::string db = "sqlite://" + dir.path() + "/s.db";
  ASSERT_EQ(RunBinary("--database " + db + " demo", "BUURTPLEIN_DATA_DIR=" + dir.path()).exit_code, 0);
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    if (chdir(SourceDir().c_str()) != 0) _exit(3);
    setenv("BUURTPLEIN_DATA_DIR", dir.path().c_str(), 1);
    setenv("BUURTPLEIN_LOG_LEVEL", "warn", 1);
    execl(BUURTPLEIN_BINARY, "buurtplein", "--database", db.c_str(), "serve", "--port", "0", nullptr);
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  auto colon = line.rfind(':');
  ASSERT_NE(colon, std::string::npos) << line;
  const auto port = static_cast<unsigned short>(std::stoi(line.substr(colon + 1)));

  int idle = Connect(port);  // a keep-alive connection doing nothing: closed at once on SIGTERM
  int busy = Connect(port);  // a request whose body is still arriving
  WriteAll(busy, "GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  kill(pid, SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  WriteAll(busy, "0\r\n\r\n");
  auto resp = ParseResponse(ReadAll(busy, std::chrono::seconds(3)));
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.Header("connection"), "close");
  EXPECT_EQ(ReadAll(idle, std::chrono::seconds(3)), "");
  close(idle);
  close(busy);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  close(out[0]);
}

}  // namespace
}  // namespace buurtplein::testing
