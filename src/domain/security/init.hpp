#pragma once

namespace buurtplein::domain::security {

/// Initialises libsodium. Call once at start-up (and in test set-up) before any other function
/// of this folder; safe to call again and from several threads. Throws std::runtime_error when
/// libsodium cannot be initialised (a start-up failure).
void Init();

}  // namespace buurtplein::domain::security
