#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace buurtplein::domain::security {

/// TOTP settings (RFC 6238) as authenticator apps expect them by default: HMAC-SHA1, 6 digits,
/// 30-second steps, accepting the step before and after the current one for clock drift.
struct TotpParams {
  int digits = 6;                        ///< 6 to 8
  std::chrono::seconds period{30};       ///< length of one time step, > 0
  int window = 1;                        ///< steps accepted either side of the current one, ≥ 0
};

/// A new TOTP secret: 20 random bytes (160 bits, the HMAC-SHA1 key size RFC 4226 recommends).
/// Store it encrypted or at least server-side only; show it to the user as Base32Encode(secret).
std::string NewTotpSecret();

/// HOTP (RFC 4226): the `digits`-digit code for `counter` (≥ 0), with leading zeros.
/// Throws std::invalid_argument when digits is not 6, 7 or 8 or the counter is negative
/// (programming errors).
std::string Hotp(std::string_view secret, std::int64_t counter, int digits = 6);

/// Times are whole seconds since 1970 (`std::chrono::sys_seconds`, e.g.
/// `sys_seconds{seconds{clock.Now()}}`), which reach far beyond the year 2262 where
/// nanosecond system_clock time points end (the RFC's last vector is in 2603).
///
/// The time step that `now` falls in: floor(seconds since 1970 / period); nothing before 1970.
std::optional<std::int64_t> TotpStep(std::chrono::sys_seconds now,
                                      std::chrono::seconds period = std::chrono::seconds{30});

/// The code for `now` (for tests and for showing a code in development).
std::string TotpAt(std::string_view secret, std::chrono::sys_seconds now, const TotpParams& params = {});

/// Checks a code typed by the user (spaces are ignored, "287 082"). Returns the time step that
/// matched, or nothing. Replay protection: pass the step stored after the last successful
/// check as `last_used_step`; codes of that step or earlier are refused, so each code works
/// once. After success, store the returned step as the new last used step. All candidate steps
/// are compared in constant time. The clock is the caller's: `now` is never read here.
std::optional<std::int64_t> VerifyTotp(std::string_view secret, std::string_view code,
                                        std::chrono::sys_seconds now,
                                        std::optional<std::int64_t> last_used_step = std::nullopt,
                                        const TotpParams& params = {});

/// The same for a system_clock time point, taken to the whole second below (valid until 2262).
std::optional<std::int64_t> TotpStep(std::chrono::system_clock::time_point now,
                                     std::chrono::seconds period = std::chrono::seconds{30});
std::string TotpAt(std::string_view secret, std::chrono::system_clock::time_point now, const TotpParams& params = {});
std::optional<std::int64_t> VerifyTotp(std::string_view secret, std::string_view code,
                                       std::chrono::system_clock::time_point now,
                                       std::optional<std::int64_t> last_used_step = std::nullopt,
                                       const TotpParams& params = {});

/// The otpauth:// URI to show as a QR code (Key Uri Format):
/// otpauth://totp/Issuer:account?secret=BASE32&issuer=Issuer&algorithm=SHA1&digits=6&period=30
/// with issuer and account percent-encoded (RFC 3986 unreserved characters kept).
std::string OtpAuthUri(std::string_view issuer, std::string_view account, std::string_view secret,
                       const TotpParams& params = {});

/// Percent-encodes every byte except RFC 3986 unreserved characters (A–Z a–z 0–9 - . _ ~).
std::string PercentEncode(std::string_view s);

}  // namespace buurtplein::domain::security
