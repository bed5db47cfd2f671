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
                {"used_at", kExported, kTime},
                {"expires_at", kNotPersonal}}});
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

  // --- migrations/0018_city_roles.sql: the association board (the rows go with the account) ---
  d.push_back({"city_roles",
               LinkKind::kUserId,
               "user_id",
               "city_roles",
               false,
               "created_at",
               {{"city_id", kExported, kInteger},
                {"user_id", kNotPersonal},
                {"role", kExported, kText},
                {"created_at", kExported, kTime}}});

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
  // --- migrations/0009_agenda.sql: the events you organised (they stay on their site without
  // your name, or go, as you choose when deleting the account) and your sign-ups (who goes
  // where: personal data; removed with the account, the waiting list moves up). --------------
  d.push_back({"events",
               LinkKind::kUserId,
               "organiser_id",
               "events",
               false,
               "created_at",
               {{"id", kExported, kInteger},
                {"site_id", kExported, kInteger},
                {"organiser_id", kNotPersonal},
                {"group_id", kNotPersonal},
                {"organisation_name", kExported, kText},
                {"title", kExported, kText},
                {"description_markdown", kExported, kText, "description"},
                {"place_name", kExported, kText},
                {"address", kExported, kText},
                {"latitude", kNotPersonal},   // where a public event takes place, not where you are
                {"longitude", kNotPersonal},
                {"all_day", kExported, kBool},
                {"start_local", kExported, kText},
                {"end_local", kExported, kText},
                {"start_at", kExported, kTime},
                {"end_at", kExported, kTime},
                {"rrule", kExported, kText, "repeats"},
                {"exdates", kExported, kText, "skipped_dates"},
                {"last_end_at", kNotPersonal},  // derived from the times above
                {"signup", kExported, kBool},
                {"capacity", kExported, kInteger},
                {"visibility", kExported, kText},
                {"image_key", kNotPersonal},
                {"created_at", kExported, kTime},
                {"updated_at", kExported, kTime}}});
  d.push_back({"event_signups",
               LinkKind::kUserId,
               "user_id",
               "event_signups",
               false,
               "created_at",
               {{"id", kExported, kInteger},
                {"site_id", kExported, kInteger},
                {"event_id", kExported, kInteger},
                {"occurrence_start", kExported, kTime},
                {"user_id", kNotPersonal},
                {"status", kExported, kText},
                {"created_at", kExported, kTime}}});
  // [agenda] <<<

  // [market] >>>
  // --- migrations/0010_market.sql: the asks and offers you posted. When the account is deleted
  // they are removed or stay without a poster (author_id NULL), as the person chooses. ---------
  d.push_back({"market_listings",
               LinkKind::kUserId,
               "author_id",
               "asks_and_offers",
               false,
               "created_at",
               {{"id", kExported, kInteger},
                {"site_id", kExported, kInteger},
                {"author_id", kNotPersonal},
                {"kind", kExported, kText},
                {"category", kExported, kText},
                {"title", kExported, kText},
                {"body_markdown", kExported, kText, "text"},
                {"visibility", kExported, kText},
                {"status", kExported, kText},
                {"created_at", kExported, kTime},
                {"updated_at", kExported, kTime},
                {"expires_at", kExported, kTime},
                {"reminded_at", kExported, kTime},
                {"closed_at", kExported, kTime}}});
  // The matches of your own asks and offers. Who helped is the other member's data: not in your
  // export. Both ids become NULL when an account goes; the match stays as a count.
  d.push_back({"market_matches",
               LinkKind::kUserId,
               "poster_id",
               "matches",
               false,
               "matched_at",
               {{"id", kNotPersonal},
                {"site_id", kExported, kInteger},
                {"listing_id", kExported, kInteger},
                {"poster_id", kNotPersonal},
                {"helper_id", kNotPersonal},
                {"matched_at", kExported, kTime}}});
  // [market] <<<

  // [messages] >>>
  // --- migrations/0011_messages.sql: your conversations and the messages you wrote. When the
  // account is deleted you leave every conversation; your messages are removed or stay without
  // your name, as you choose. -----------------------------------------------------------------
  d.push_back({"conversations",
               LinkKind::kUserId,
               "starter_id",
               "conversations_started",
               false,
               "created_at",
               {{"id", kExported, kInteger},
                {"site_id", kExported, kInteger},
                {"listing_id", kExported, kInteger},
                {"starter_id", kNotPersonal},
                {"created_at", kExported, kTime},
                {"last_message_at", kNotPersonal}}});
  d.push_back({"conversation_members",
               LinkKind::kUserId,
               "user_id",
               "conversations",
               false,
               "conversation_id",
               {{"conversation_id", kExported, kInteger},
                {"user_id", kNotPersonal},
                {"site_id", kExported, kInteger},
                {"last_read_id", kNotPersonal}}});
  d.push_back({"messages",
               LinkKind::kUserId,
               "sender_id",
               "messages",
               false,
               "created_at",
               {{"id", kExported, kInteger},
                {"conversation_id", kExported, kInteger},
                {"site_id", kExported, kInteger},
                {"sender_id", kNotPersonal},
                {"body", kExported, kText, "text"},
                {"created_at", kExported, kTime}}});
  d.push_back({"message_reports",
               LinkKind::kUserId,
               "reporter_id",
               "message_reports",
               false,
               "created_at",
               {{"id", kNotPersonal},
                {"site_id", kExported, kInteger},
                {"message_id", kExported, kInteger},
                {"reporter_id", kNotPersonal},
                {"reason", kExported, kText},
                {"created_at", kExported, kTime}}});
  // [messages] <<<

  // [groups] >>>
  // --- migrations/0012_groups.sql: groups you are the contact of, and your memberships. The
  // group itself is the neighbourhood's; when the account goes, another admin becomes contact. --
  d.push_back({"site_groups",
               LinkKind::kUserId,
               "contact_id",
               "groups_contact",
               false,
               "created_at",
               {{"id", kExported, kInteger},
                {"site_id", kExported, kInteger},
                {"name", kExported, kText},
                {"description_markdown", kNotPersonal},  // the group's text, written by its admins
                {"meeting_place", kNotPersonal},
                {"contact_id", kNotPersonal},
                {"image_id", kNotPersonal},
                {"is_open", kNotPersonal},
                {"visibility", kNotPersonal},
                {"created_at", kExported, kTime},
                {"updated_at", kNotPersonal},
                {"active_at", kNotPersonal}}});
  d.push_back({"group_members",
               LinkKind::kUserId,
               "user_id",
               "group_memberships",
               false,
               "created_at",
               {{"group_id", kExported, kInteger},
                {"user_id", kNotPersonal},
                {"role", kExported, kText},
                {"status", kExported, kText},
                {"created_at", kExported, kTime}}});
  // [groups] <<<

  // [questions] >>>
  // --- migrations/0013_questions.sql: the questions you asked and the answers you gave. When
  // the account is deleted they stay without an author, or are removed, as you choose. -------
  d.push_back({"questions",
               LinkKind::kUserId,
               "author_id",
               "questions",
               false,
               "created_at",
               {{"id", kExported, kInteger},
                {"site_id", kExported, kInteger},
                {"author_id", kNotPersonal},
                {"title", kExported, kText},
                {"body_markdown", kExported, kText, "text"},
                {"visibility", kExported, kText},
                {"helpful_answer_id", kExported, kInteger},
                {"answer_count", kNotPersonal},
                {"created_at", kExported, kTime},
                {"updated_at", kExported, kTime}}});
  d.push_back({"question_answers",
               LinkKind::kUserId,
               "author_id",
               "answers",
               false,
               "created_at",
               {{"id", kExported, kInteger},
                {"site_id", kExported, kInteger},
                {"question_id", kExported, kInteger},
                {"author_id", kNotPersonal},
                {"body_markdown", kExported, kText, "text"},
                {"is_professional", kExported, kBool},
                {"organisation_name", kExported, kText},
                {"created_at", kExported, kTime}}});
  // [questions] <<<

  // [search] >>>
  // --- migrations/0014_search.sql: the search index, a copy of what features show (news, events
  // …) so it can be found. owner_id links a document to the person who wrote it: the export
  // lists which of your contributions can be found; removing your contributions removes them
  // from the index (search::SearchService is a ContentEraser). ---------------------------------
  d.push_back({"search_documents",
               LinkKind::kUserId,
               "owner_id",
               "search_index",
               false,
               "id",
               {{"id", kNotPersonal},
                {"kind", kExported, kText},
                {"item_id", kExported, kInteger},
                {"city_id", kNotPersonal},
                {"site_id", kExported, kInteger},
                {"owner_id", kNotPersonal},
                {"title", kExported, kText},
                {"body", kNotPersonal},  // a copy of the text the feature's own export gives
                {"url", kExported, kText},
                {"members_only", kNotPersonal},
                {"visible_from", kNotPersonal},
                {"when_at", kNotPersonal},
                {"indexed_at", kNotPersonal}}});
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
                     {"id", "city_id", "uuid", "taxonomy_id", "code", "name", "description", "position",
                      "retired"}));  // retired: migrations/0022_directory_keepers.sql
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
  // --- migrations/0016_news_extras.sql: categories, images, comments, "bedankt" ---------------
  for (auto& t : d) {
    if (t.table != "news_posts") continue;
    t.columns.push_back({"category_id", kNotPersonal});
    t.columns.push_back({"image_key", kNotPersonal});  // the file's name; the image is in the post
    t.columns.push_back({"image_alt", kExported, kText});
    t.columns.push_back({"image_width", kNotPersonal});
    t.columns.push_back({"image_height", kNotPersonal});
  }
  d.push_back(Public("news_categories", {"id", "site_id", "name", "created_at"}));
  d.push_back({"news_comments",
               LinkKind::kUserId,
               "author_id",
               "news_comments",
               false,
               "created_at",
               {{"id", kExported, kInteger},
                {"site_id", kExported, kInteger},
                {"post_id", kExported, kInteger},
                {"author_id", kNotPersonal},
                {"body", kExported, kText, "text"},
                {"created_at", kExported, kTime}}});
  d.push_back({"news_thanks",
               LinkKind::kUserId,
               "user_id",
               "news_thanks",
               false,
               "created_at",
               {{"post_id", kExported, kInteger},
                {"user_id", kNotPersonal},
                {"site_id", kExported, kInteger},
                {"created_at", kExported, kTime}}});
  // [newsx] <<<
  // [village] >>>
  // --- migrations/0019_group_items.sql: the group that organises a post (a public fact) -----
  for (auto& t : d) {
    if (t.table == "news_posts") t.columns.push_back({"group_id", kNotPersonal});
    // migrations/0023_event_organisations.sql: the sociale-kaart organisation that organises an
    // event (a public fact, decision 0013-event-organisers)
    if (t.table == "events") t.columns.push_back({"organisation_id", kNotPersonal});
  }
  // [village] <<<

  // [roles] >>>
  // --- migrations/0020_professional_roles.sql: questions addressed to a professional (personal
  // data of the professional: which questions they were asked; the asker's part is the question
  // itself, exported above) and withdrawn invitations (a time only: the invitation is the
  // inviter's, exported with it, and both go with the account). ---------------------------------
  d.push_back({"question_addressees",
               LinkKind::kUserId,
               "professional_id",
               "questions_addressed_to_you",
               false,
               "created_at",
               {{"question_id", kExported, kInteger},
                {"site_id", kExported, kInteger},
                {"professional_id", kNotPersonal},
                {"created_at", kExported, kTime}}});
  d.push_back(Public("invitation_withdrawals", {"invitation_id", "withdrawn_at"}));
  // [roles] <<<

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
