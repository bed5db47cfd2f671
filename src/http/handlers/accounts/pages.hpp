#pragma once
#include "http/context.hpp"

/// Sign-up, e-mail verification, login and logout, sessions, passwords: the account pages.
namespace buurtplein::http::handlers::accounts {

domain::Result<Response> SignupForm(Context& ctx);
domain::Result<Response> Signup(Context& ctx);
domain::Result<Response> CheckMail(Context& ctx);
domain::Result<Response> Verify(Context& ctx);
domain::Result<Response> LoginForm(Context& ctx);
domain::Result<Response> Login(Context& ctx);
domain::Result<Response> SecondFactorForm(Context& ctx);
domain::Result<Response> SecondFactor(Context& ctx);
domain::Result<Response> Logout(Context& ctx);
domain::Result<Response> Account(Context& ctx);
domain::Result<Response> Sessions(Context& ctx);
domain::Result<Response> EndSession(Context& ctx);
domain::Result<Response> EndOtherSessions(Context& ctx);
domain::Result<Response> ResetRequestForm(Context& ctx);
domain::Result<Response> ResetRequest(Context& ctx);
domain::Result<Response> ResetForm(Context& ctx);
domain::Result<Response> Reset(Context& ctx);
domain::Result<Response> EmailForm(Context& ctx);
domain::Result<Response> Email(Context& ctx);
domain::Result<Response> EmailConfirm(Context& ctx);
domain::Result<Response> PasswordForm(Context& ctx);
domain::Result<Response> Password(Context& ctx);
domain::Result<Response> ResendVerification(Context& ctx);
domain::Result<Response> Privacy(Context& ctx);

}  // namespace buurtplein::http::handlers::accounts
