#include "domain/security/init.hpp"

#include <sodium.h>

#include <stdexcept>

namespace buurtplein::domain::security {

void Init() {
  // sodium_init() returns 1 when already initialised; it is thread-safe.
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised.");
}

}  // namespace buurtplein::domain::security
