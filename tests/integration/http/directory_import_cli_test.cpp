// `buurtplein import-directory` as an operator runs it (issue 5 §7): the documented CSV template
// is accepted as it is, and a large file prints its progress every 100 rows while it is checked.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

struct Run {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

Run RunBinary(const std::string& args, const std::string& env) {
  std::string cmd = "cd " + SourceDir() + " && " + env + " " + BUURTPLEIN_BINARY + " " + args + " 2>&1";
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) r.output.append(buf.data(), n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(DirectoryImportCli, TheTemplateIsValidAndLargeFilesShowProgress) {
  TempDir dir;
  const std::string env = "BUURTPLEIN_DATA_DIR=" + dir.path();
  const std::string db = "--database sqlite://" + dir.path() + "/kaart.db ";
  ASSERT_EQ(RunBinary(db + "demo", env).exit_code, 0);

  // The documented template, as shipped: no problems.
  auto tmpl = RunBinary(db + "import-directory --city nijmegen --dry-run docs/directory-import-template.csv", env);
  EXPECT_EQ(tmpl.exit_code, 0) << tmpl.output;

  // 250 rows made from the template's example row: progress at 100 and 200 while checking.
  std::ifstream in(SourceDir() + "/docs/directory-import-template.csv");
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
  ASSERT_FALSE(row.empty());
  const std::string needle = ",Koffieochtend,";
  ASSERT_NE(row.find(needle), std::string::npos);
  std::ostringstream csv;
  csv << header << "\n";
  for (int i = 0; i < 250; ++i) {
    std::string r = row;
    r.replace(r.find(needle), needle.size(), ",Koffieochtend " + std::to_string(i) + ",");
    csv << r << "\n";
  }
  std::ofstream(dir.path() + "/groot.csv") << csv.str();
  auto big = RunBinary(db + "import-directory --city nijmegen --dry-run " + dir.path() + "/groot.csv", env);
  EXPECT_EQ(big.exit_code, 0) << big.output;
  EXPECT_NE(big.output.find("check: 100/250 rows"), std::string::npos) << big.output;
  EXPECT_NE(big.output.find("check: 200/250 rows"), std::string::npos) << big.output;
}

}  // namespace
}  // namespace buurtplein::testing
