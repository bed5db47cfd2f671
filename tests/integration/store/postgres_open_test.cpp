#include <stdexcept>

#include "store/open_store.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

// Needs no server: nothing listens on port 1 of the loopback interface.
TEST(PostgresOpenTest, UnreachableServerGivesOneReadableSentenceWithoutThePassword) {
  try {
    store::OpenStore("postgresql://buurtplein:geheim@127.0.0.1:1/buurtplein?connect_timeout=2", 2);
    FAIL() << "OpenStore should have thrown";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("Cannot connect to PostgreSQL at 127.0.0.1:1/buurtplein: ", 0), 0u) << what;
    EXPECT_EQ(what.find("geheim"), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace buurtplein::testlib
