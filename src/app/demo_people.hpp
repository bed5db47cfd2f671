#pragma once
#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"

namespace buurtplein::app {

/// The demo's one password for every demo account (README.md, "Demo logins").
inline constexpr const char* kDemoPassword = "buurtplein demo wachtwoord";
/// The demo's TOTP secret (Base32) of every buurtverbinder and the operator:
/// `oathtool --totp -b BUURTPLEINDEMOBUURTPLEINDEMO2345` gives the code.
inline constexpr const char* kDemoTotpSecret = "BUURTPLEINDEMOBUURTPLEINDEMO2345";

/// Demo people for Nijmegen's nine sites: per site one buurtverbinder (with two-step login) and
/// three verified residents, plus one platform operator. Every address is at example.nl, every
/// name is made up, every account is marked is_demo (it logs in only in development mode).
/// Idempotent: accounts that exist are left as they are. Returns how many accounts it created.
int LoadDemoPeople(domain::Store& store, const domain::sites::Directory& directory);

}  // namespace buurtplein::app
