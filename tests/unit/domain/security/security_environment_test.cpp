#include <gtest/gtest.h>

#include "domain/security/init.hpp"

namespace buurtplein::domain::security {
namespace {

// libsodium is initialised once for the whole unit-test binary, before any test runs.
class SodiumEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { Init(); }
};

[[maybe_unused]] const auto* const kSodiumEnvironment =
    ::testing::AddGlobalTestEnvironment(new SodiumEnvironment);  // gtest owns it

TEST(SecurityInit, CanBeCalledAgain) {
  Init();
  Init();
}

}  // namespace
}  // namespace buurtplein::domain::security
