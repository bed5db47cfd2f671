#pragma once
#include "http/context.hpp"

/// The rights to one's data: download everything held about you, delete your account.
namespace buurtplein::http::handlers::accounts {

domain::Result<Response> ExportData(Context& ctx);
domain::Result<Response> DeleteAccountForm(Context& ctx);
domain::Result<Response> DeleteAccount(Context& ctx);
domain::Result<Response> Goodbye(Context& ctx);

}  // namespace buurtplein::http::handlers::accounts
