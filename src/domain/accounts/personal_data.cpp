#include "domain/accounts/personal_data.hpp"

namespace buurtplein::domain::accounts {

namespace {

constexpr ColumnUse kExported = ColumnUse::kExported;
constexpr ColumnUse kDescribed = ColumnUse::kDescribed;
constexpr ColumnUse kNotPersonal = ColumnUse::kNotPersonal;
constexpr ColumnKind kText = ColumnKind::kText;
constexpr ColumnKind kInteger = ColumnKind::kInteger;
constexpr ColumnKind kTime = ColumnKind::kTime;
constexpr ColumnKind kBool = ColumnKind::kBool;

// A table that holds no personal data: its columns are listed so a new one is noticed.
TableDecl Public(std::string_view table, std::vector<std::string_view> columns) {
  TableDecl t{table};
  for (auto c : columns) t.columns.push_back({c, kNotPersonal});
  return t;
}

std::vector<TableDecl> Build() {
  std::vector<TableDecl> d;

  // --- migrations/0001_sites.sql: the official CBS areas, cities and sites are public ---------
  d.push_back(Public("areas", {"code", "level", "name", "gemeente_code", "wijk_code", "lon", "lat", "geometry_json",
                               "inhabitants"}));
  d.push_back(Public("cities", {"id", "gemeente_code", "name", "slug", "association_name", "lon", "lat",
                                "created_at"}));
  d.push_back(Public("sites", {"id", "city_id", "slug", "name", "tagline", "primary_colour", "accent_colour",
                               "logo_path", "status", "created_at", "updated_at"}));
  d.push_back(Public("site_buurten", {"site_id", "buurt_code"}));
  d.push_back(Public("site_hosts", {"host", "site_id"}));
  // The migration bookkeeping of both stores.
  d.push_back(Public("schema_migrations", {"version", "name", "applied_at"}));

  // --- migrations/0002_mail.sql: every mail sent to the person's address ---------------------
  d.push_back({"mail_outbox",
               LinkKind::kEmail,
               "to_address",
               "mails",
               false,
               "id",
               {{"id", kExported, kInteger},
                {"site_id", kNotPersonal},
                {"from_name", kNotPersonal},
                {"to_address", kExported, kText},
                {"to_name", kExported, kText},
                {"subject", kExported, kText},
                {"text_body", kDescribed, kText, "text", "not included: it may hold a login link"},
                {"html_body", kDescribed, kText, "html", "not included: it may hold a login link"},
                {"status", kExported, kText},
                {"created_at", kExported, kTime},
                {"attempts", kNotPersonal},
                {"next_attempt_at", kNotPersonal},
                {"claimed_until", kNotPersonal},
                {"sent_at", kExported, kTime},
                {"last_error", kNotPersonal}}});

  // --- migrations/0003_accounts.sql (+ 0006_demo_accounts.sql) -------------------------------
  d.push_back({"users",
               LinkKind::kUserId,
               "id",
               "account",
               true,
               "id",
               {{"id", kExported, kInteger},
                {"email", kExported, kText},
                {"display_name", kExported, kText},
                {"password_hash", kDescribed, kText, "password", "stored as an Argon2id hash"},
                {"email_verified_at", kExported, kTime},
                {"totp_secret", kDescribed, kText, "two_step_login", "on: the secret of your authenticator app is stored"},
                {"totp_last_step", kNotPersonal},
                {"is_operator", kExported, kBool},
                {"created_at", kExported, kTime},
                {"is_demo", kExported, kBool}}});
  d.push_back({"sessions",
               LinkKind::kUserId,
               "user_id",
               "sessions",
               false,
               "created_at",
               {{"id", kExported, kInteger},
                {"token_hash", kDescribed, kText, "cookie", "stored as a hash of your session cookie"},
                {"user_id", kNotPersonal},
                {"created_at", kExported, kTime},
                {"last_seen_at", kExported, kTime},
                {"expires_at", kExported, kTime},
                {"user_agent", kExported, kText},
                {"ip", kExported, kText},
                {"second_factor_done", kExported, kBool}}});
  d.push_back({"account_tokens",
               LinkKind::kUserId,
               "user_id",
               "tokens",
               false,
               "created_at",
               {{"token_hash", kNotPersonal},  // a hash of a one-time link: a secret, not data about you
                {"user_id", kNotPersonal},
                {"purpose", kExported, kText},
                {"new_email", kExported, kText},
                {"created_at", kExported, kTime},
                {"expires_at", kExported, kTime},
                {"used_at", kExported, kTime}}});
  d.push_back({"memberships",
               LinkKind::kUserId,
               "user_id",
               "memberships",
               false,
               "created_at",
               {{"site_id", kExported, kInteger},
                {"user_id", kNotPersonal},
                {"kind", kExported, kText},
                {"role", kExported, kText},
                {"status", kExported, kText},
                {"verified_by", kExported, kText},
                {"postcode", kExported, kText},
                {"house_number", kExported, kText},
                {"created_at", kExported, kTime},
                {"verified_at", kExported, kTime}}});

  // --- migrations/0004_two_factor.sql -------------------------------------------------------
  d.push_back({"totp_pending",
               LinkKind::kUserId,
               "user_id",
               "two_step_login_setup",
               true,
               "user_id",
               {{"user_id", kNotPersonal},
                {"secret", kDescribed, kText, "secret", "a new secret for your authenticator app, waiting for its first code"},
                {"created_at", kExported, kTime}}});
  d.push_back({"recovery_code_sets",
               LinkKind::kUserId,
               "user_id",
               "recovery_codes",
               true,
               "user_id",
               {{"user_id", kNotPersonal},
                {"salt", kNotPersonal},  // random bytes for hashing the codes: says nothing about you
                {"created_at", kExported, kTime}}});
  d.push_back({"recovery_codes",
               LinkKind::kUserId,
               "user_id",
               "unused_recovery_codes",
               false,
               "code_hash",
               {{"user_id", kNotPersonal},
                {"code_hash", kDescribed, kText, "code", "an unused recovery code, stored as a hash"}}});

  // --- migrations/0005_membership_verification.sql -------------------------------------------
  // The household code you joined with: its address. Codes nobody used yet name an address, not
  // a person; who generated a batch and who accepted your invitation are not data about you.
  d.push_back({"household_codes",
               LinkKind::kUserId,
               "used_by",
               "household_code",
               false,
               "used_at",
               {{"id", kNotPersonal},
                {"site_id", kExported, kInteger},
                {"batch", kNotPersonal},
                {"address_label", kExported, kText},
                {"code_hash", kNotPersonal},
                {"created_by", kNotPersonal},
                {"created_at", kNotPersonal},
                {"used_by", kNotPersonal},
                {"used_at", kExported, kTime}}});
  d.push_back({"invitations",
               LinkKind::kUserId,
               "inviter_id",
               "invitations",
               false,
               "created_at",
               {{"id", kNotPersonal},
                {"site_id", kExported, kInteger},
                {"inviter_id", kNotPersonal},
                {"token_hash", kNotPersonal},  // a hash of a link: a secret, not data about you
                {"created_at", kExported, kTime},
                {"expires_at", kExported, kTime},
                {"used_by", kNotPersonal},
                {"used_at", kExported, kTime}}});

  // --- migrations/0007_profiles.sql ---------------------------------------------------------
  d.push_back({"profiles",
               LinkKind::kUserId,
               "user_id",
               "profile",
               true,
               "user_id",
               {{"user_id", kNotPersonal},
                {"about", kExported, kText},
                {"offer", kExported, kText},
                {"photo_key", kDescribed, kText, "photo", "your profile photo, stored as an image file (512 and 96 pixels, without metadata)"},
                {"updated_at", kExported, kTime}}});

  // --- migrations/0008_news.sql: the news you wrote. When the account is deleted the posts
  // stay on their site without an author (author_id ON DELETE SET NULL). ---------------------
  d.push_back({"news_posts",
               LinkKind::kUserId,
               "author_id",
               "news",
               false,
               "created_at",
               {{"id", kExported, kInteger},
                {"site_id", kExported, kInteger},
                {"author_id", kNotPersonal},
                {"title", kExported, kText},
                {"body_markdown", kExported, kText, "text"},
                {"visibility", kExported, kText},
                {"pinned", kNotPersonal},  // a buurtverbinder's choice, not data about you
                {"published_at", kExported, kTime},
                {"created_at", kExported, kTime},
                {"updated_at", kExported, kTime}}});
  // [agenda] >>>
  // [agenda] <<<

  // [market] >>>
  // [market] <<<

  // [messages] >>>
  // [messages] <<<

  // [groups] >>>
  // [groups] <<<

  // [questions] >>>
  // [questions] <<<

  // [search] >>>
  // [search] <<<

  // [api] >>>
  // [api] <<<

  // [directory] >>>
  // --- migrations/0015_directory.sql: the sociale kaart (issue 5). Organisations, services and
  // places are public directory data (contacts there are desks and public addresses, not
  // residents); the links of people to organisations, professional profiles and who changed
  // an entry are personal data of that person.
  d.push_back(Public("directory_taxonomies", {"id", "city_id", "uuid", "name", "description", "version"}));
  d.push_back(Public("directory_taxonomy_terms",
                     {"id", "city_id", "uuid", "taxonomy_id", "code", "name", "description", "position"}));
  d.push_back(Public("directory_organizations",
                     {"id", "city_id", "uuid", "site_id", "name", "alternate_name", "description", "email", "website",
                      "logo", "kvk_number", "is_example", "assured_date", "assurer_email", "reminded_at", "created_at",
                      "updated_at"}));
  d.push_back(Public("directory_services",
                     {"id", "city_id", "uuid", "organization_id", "site_id", "name", "alternate_name", "description",
                      "url", "email", "status", "application_process", "fees_description", "is_free",
                      "eligibility_description", "minimum_age", "maximum_age", "interpretation_services", "alert",
                      "is_example", "assured_date", "assurer_email", "reminded_at", "created_at", "updated_at"}));
  d.push_back(Public("directory_locations",
                     {"id", "city_id", "uuid", "organization_id", "site_id", "location_type", "name", "description",
                      "address_1", "postal_code", "address_city", "state_province", "country", "latitude", "longitude",
                      "buurt_code", "accessibility", "transportation", "closed_on_public_holidays", "is_example",
                      "created_at", "updated_at"}));
  d.push_back(Public("directory_service_at_locations",
                     {"id", "city_id", "uuid", "service_id", "location_id", "description"}));
  d.push_back(Public("directory_service_areas", {"id", "city_id", "uuid", "service_id", "extent_type", "code", "name"}));
  d.push_back(Public("directory_service_terms", {"id", "city_id", "uuid", "service_id", "term_id"}));
  d.push_back(Public("directory_contacts", {"id", "city_id", "uuid", "owner_type", "owner_id", "name", "title",
                                            "department", "email", "phone"}));
  d.push_back(Public("directory_phones",
                     {"id", "city_id", "uuid", "owner_type", "owner_id", "number", "type", "description"}));
  d.push_back(Public("directory_languages", {"id", "city_id", "uuid", "owner_type", "owner_id", "code", "name", "note"}));
  d.push_back(Public("directory_schedules",
                     {"id", "city_id", "uuid", "owner_type", "owner_id", "kind", "freq", "byday", "opens_at",
                      "closes_at", "valid_from", "valid_to", "closed", "description"}));
  // The buurten of a professional profile (exported with the profile below; the rows go with it).
  d.push_back(Public("directory_professional_buurten", {"professional_id", "buurt_code"}));
  d.push_back({"directory_organization_users",
               LinkKind::kUserId,
               "user_id",
               "directory_organisations",
               false,
               "created_at",
               {{"city_id", kExported, kInteger},
                {"organization_id", kExported, kInteger},
                {"user_id", kNotPersonal},
                {"role", kExported, kText},
                {"created_at", kExported, kTime}}});
  d.push_back({"directory_professionals",
               LinkKind::kUserId,
               "user_id",
               "directory_professional_profiles",
               false,
               "created_at",
               {{"id", kExported, kInteger},
                {"city_id", kExported, kInteger},
                {"user_id", kNotPersonal},
                {"organization_id", kExported, kInteger},
                {"display_name", kExported, kText},
                {"job_title", kExported, kText},
                {"come_to_me_for", kExported, kText},
                {"office_hours", kExported, kText},
                {"created_at", kExported, kTime},
                {"updated_at", kExported, kTime}}});
  d.push_back({"directory_changes",
               LinkKind::kUserId,
               "user_id",
               "directory_changes",
               false,
               "created_at",
               {{"id", kNotPersonal},
                {"city_id", kExported, kInteger},
                {"entity_type", kExported, kText},
                {"entity_id", kExported, kInteger},
                {"user_id", kNotPersonal},
                {"action", kExported, kText},
                {"changes_json", kExported, kText},
                {"created_at", kExported, kTime}}});
  // [directory] <<<

  // [newsx] >>>
  // [newsx] <<<

  return d;
}

}  // namespace

const std::vector<TableDecl>& PersonalDataDeclaration() {
  static const std::vector<TableDecl> kDeclaration = Build();
  return kDeclaration;
}

const TableDecl* FindTableDecl(std::string_view table) {
  for (const auto& t : PersonalDataDeclaration()) {
    if (t.table == table) return &t;
  }
  return nullptr;
}

std::vector<const ColumnDecl*> ExportColumns(const TableDecl& table) {
  std::vector<const ColumnDecl*> out;
  for (const auto& c : table.columns) {
    if (c.use != ColumnUse::kNotPersonal) out.push_back(&c);
  }
  return out;
}

}  // namespace buurtplein::domain::accounts
