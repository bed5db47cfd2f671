#pragma once
#include "http/context.hpp"

/// Two-step login (two-factor authentication): status, set-up with a QR code, recovery codes,
/// turning it off. The login's second step is in pages.cpp.
namespace buurtplein::http::handlers::accounts {

domain::Result<Response> TwoFactorStatus(Context& ctx);
domain::Result<Response> TwoFactorSetupForm(Context& ctx);
domain::Result<Response> TwoFactorSetup(Context& ctx);
domain::Result<Response> TwoFactorDisableForm(Context& ctx);
domain::Result<Response> TwoFactorDisable(Context& ctx);
domain::Result<Response> RecoveryCodesForm(Context& ctx);
domain::Result<Response> RecoveryCodes(Context& ctx);

}  // namespace buurtplein::http::handlers::accounts
