// Every URL of Buurtplein, in one table. Literal routes come before parameterised ones.
#include "http/app.hpp"
#include "http/handlers/accounts/pages.hpp"
#include "http/handlers/accounts/privacy.hpp"
#include "http/handlers/accounts/roles.hpp"
#include "http/handlers/dev/mail.hpp"
#include "http/handlers/membership/membership.hpp"
#include "http/handlers/news/pages.hpp"
#include "http/handlers/accounts/two_factor.hpp"
#include "http/handlers/ops/ops.hpp"
#include "http/handlers/profiles/pages.hpp"
#include "http/handlers/sites/pages.hpp"

// Feature includes (one marked block per feature, so parallel work merges cleanly)
// [agenda] >>>
#include "http/handlers/events/pages.hpp"
// [agenda] <<<

// [market] >>>
#include "http/handlers/market/pages.hpp"
// [market] <<<

// [messages] >>>
#include "http/handlers/messages/pages.hpp"
// [messages] <<<

// [groups] >>>
#include "http/handlers/groups/pages.hpp"
// [groups] <<<

// [questions] >>>
#include "http/handlers/questions/pages.hpp"
// [questions] <<<

// [search] >>>
#include "http/handlers/api/market_groups.hpp"
#include "http/handlers/search/pages.hpp"
// [search] <<<

// [api] >>>
#include "http/handlers/api/api.hpp"
#include "http/handlers/feeds/atom.hpp"
// [api] <<<

// [directory] >>>
#include "http/handlers/directory/manage.hpp"
#include "http/handlers/directory/pages.hpp"
#include "http/handlers/hsds/api.hpp"
// [directory] <<<

// [roles] >>>
#include "http/handlers/roles/pages.hpp"
// [roles] <<<

// [newsx] >>>
#include "http/handlers/news/categories.hpp"
// [newsx] <<<

// [village] >>>
#include "http/handlers/api/events.hpp"
// [village] <<<

namespace buurtplein::http {

void AddRoutes(Router& r) {
  namespace ops = handlers::ops;
  namespace sites = handlers::sites;
  namespace acc = handlers::accounts;
  namespace dev = handlers::dev;
  using enum Method;
  using enum Scope;
  using enum domain::accounts::Access;
  constexpr std::size_t kForm = 16 * 1024;  // a form's body

  // Operations
  r.Add({kGet, "/healthz", "ops.healthz", ops::Healthz, 16 * 1024, kPlatform, kPublic});
  r.Add({kGet, "/readyz", "ops.readyz", ops::Readyz, 16 * 1024, kPlatform, kPublic});
  r.Add({kGet, "/metrics", "ops.metrics", ops::MetricsText, 16 * 1024, kPlatform, kPublic});

  // Accounts (platform-wide: one account for every site)
  r.Add({kGet, "/account/signup", "account.signup_form", acc::SignupForm, kForm, kPlatform, kAnonymousOnly});
  r.Add({kPost, "/account/signup", "account.signup", acc::Signup, kForm, kPlatform, kAnonymousOnly});
  r.Add({kGet, "/account/check-mail", "account.check_mail", acc::CheckMail, kForm, kPlatform, kPublic});
  r.Add({kPost, "/account/verify/resend", "account.verify_resend", acc::ResendVerification, kForm, kPlatform,
         kAccount});
  r.Add({kGet, "/account/verify/{token}", "account.verify", acc::Verify, kForm, kPlatform, kPublic});
  r.Add({kGet, "/account/login", "account.login_form", acc::LoginForm, kForm, kPlatform, kAnonymousOnly});
  r.Add({kPost, "/account/login", "account.login", acc::Login, kForm, kPlatform, kAnonymousOnly});
  r.Add({kGet, "/account/login/second-factor", "account.second_factor_form", acc::SecondFactorForm, kForm, kPlatform,
         kPendingSecondFactor});
  r.Add({kPost, "/account/login/second-factor", "account.second_factor", acc::SecondFactor, kForm, kPlatform,
         kPendingSecondFactor});
  r.Add({kPost, "/account/logout", "account.logout", acc::Logout, kForm, kPlatform, kPublic});
  r.Add({kGet, "/account/", "account.home", acc::Account, kForm, kPlatform, kAccount});
  r.Add({kGet, "/account/sessions", "account.sessions", acc::Sessions, kForm, kPlatform, kAccount});
  r.Add({kPost, "/account/sessions/end-others", "account.sessions_end_others", acc::EndOtherSessions, kForm,
         kPlatform, kAccount});
  r.Add({kPost, "/account/sessions/{id}/end", "account.session_end", acc::EndSession, kForm, kPlatform, kAccount});
  r.Add({kGet, "/account/reset", "account.reset_request_form", acc::ResetRequestForm, kForm, kPlatform, kPublic});
  r.Add({kPost, "/account/reset", "account.reset_request", acc::ResetRequest, kForm, kPlatform, kPublic});
  r.Add({kGet, "/account/reset/{token}", "account.reset_form", acc::ResetForm, kForm, kPlatform, kPublic});
  r.Add({kPost, "/account/reset/{token}", "account.reset", acc::Reset, kForm, kPlatform, kPublic});
  r.Add({kGet, "/account/email", "account.email_form", acc::EmailForm, kForm, kPlatform, kAccount});
  r.Add({kPost, "/account/email", "account.email", acc::Email, kForm, kPlatform, kAccount});
  r.Add({kGet, "/account/email/confirm/{token}", "account.email_confirm", acc::EmailConfirm, kForm, kPlatform,
         kPublic});
  r.Add({kGet, "/account/password", "account.password_form", acc::PasswordForm, kForm, kPlatform, kAccount});
  r.Add({kPost, "/account/password", "account.password", acc::Password, kForm, kPlatform, kAccount});
  r.Add({kGet, "/privacy", "page.privacy", acc::Privacy, kForm, kPlatform, kPublic});

  // Two-step login (two-factor authentication). kAccount: reachable for an operator or
  // buurtverbinder who still has to set it up, because without a secret their session's
  // second factor counts as done.
  r.Add({kGet, "/account/two-factor", "account.two_factor", acc::TwoFactorStatus, kForm, kPlatform, kAccount});
  r.Add({kGet, "/account/two-factor/setup", "account.two_factor_setup_form", acc::TwoFactorSetupForm, kForm,
         kPlatform, kAccount});
  r.Add({kPost, "/account/two-factor/setup", "account.two_factor_setup", acc::TwoFactorSetup, kForm, kPlatform,
         kAccount});
  r.Add({kGet, "/account/two-factor/disable", "account.two_factor_disable_form", acc::TwoFactorDisableForm, kForm,
         kPlatform, kAccount});
  r.Add({kPost, "/account/two-factor/disable", "account.two_factor_disable", acc::TwoFactorDisable, kForm,
         kPlatform, kAccount});
  r.Add({kGet, "/account/two-factor/recovery-codes", "account.recovery_codes_form", acc::RecoveryCodesForm, kForm,
         kPlatform, kAccount});
  r.Add({kPost, "/account/two-factor/recovery-codes", "account.recovery_codes", acc::RecoveryCodes, kForm,
         kPlatform, kAccount});

  // Privacy: download my data, delete my account (issue 3 §6)
  r.Add({kGet, "/account/export", "account.export", acc::ExportData, kForm, kPlatform, kAccount});
  r.Add({kGet, "/account/delete", "account.delete_form", acc::DeleteAccountForm, kForm, kPlatform, kAccount});
  r.Add({kPost, "/account/delete", "account.delete", acc::DeleteAccount, kForm, kPlatform, kAccount});
  r.Add({kGet, "/account/goodbye", "account.goodbye", acc::Goodbye, kForm, kPlatform, kPublic});

  // Profiles (issue 3 §5): the owner edits theirs; a site's verified members see the profiles
  // of its verified members (anyone else's: 404). The form takes a photo of up to 10 MB.
  {
    namespace prof = handlers::profiles;
    constexpr std::size_t kPhotoUpload = 10 * 1024 * 1024;
    r.Add({kGet, "/account/profile", "profile.edit_form", prof::EditForm, kForm, kPlatform, kAccount});
    r.Add({kPost, "/account/profile", "profile.edit", prof::Edit, kPhotoUpload, kPlatform, kAccount});
    r.Add({kGet, "/account/profile/photo", "profile.own_photo", prof::OwnPhoto, kForm, kPlatform, kAccount});
    r.Add({kGet, "/{city}/{site}/people/{user_id}", "profile.show", prof::Show, kForm, kSite, kSiteMember});
    r.Add({kGet, "/{city}/{site}/people/{user_id}/photo", "profile.photo", prof::Photo, kForm, kSite, kSiteMember});
  }

  // Membership (issue 3 §3): joining a neighbourhood and the three ways to be verified as living
  // there — a household code from a flyer, approval by a buurtverbinder (who alone sees the
  // postcode and house number), an invitation from a verified neighbour.
  {
    namespace mem = handlers::membership;
    constexpr std::size_t kAddressList = 128 * 1024;  // up to 500 addresses, or 500 codes
    r.Add({kGet, "/{city}/{site}/join", "membership.join_form", mem::JoinForm, kForm, kSite, kAccount});
    r.Add({kPost, "/{city}/{site}/join", "membership.join", mem::Join, kForm, kSite, kAccount});
    r.Add({kGet, "/{city}/{site}/members/pending", "membership.pending", mem::Pending, kForm, kSite,
           kSiteBuurtverbinder});
    r.Add({kPost, "/{city}/{site}/members/{user}/approve", "membership.approve", mem::Approve, kForm, kSite,
           kSiteBuurtverbinder});
    r.Add({kPost, "/{city}/{site}/members/{user}/reject", "membership.reject", mem::Reject, kForm, kSite,
           kSiteBuurtverbinder});
    r.Add({kGet, "/{city}/{site}/household-codes", "membership.codes_form", mem::HouseholdCodesForm, kForm, kSite,
           kSiteBuurtverbinder});
    r.Add({kPost, "/{city}/{site}/household-codes", "membership.codes", mem::GenerateHouseholdCodes, kAddressList,
           kSite, kSiteBuurtverbinder});
    r.Add({kPost, "/{city}/{site}/household-codes/csv", "membership.codes_csv", mem::HouseholdCodesCsv, kAddressList,
           kSite, kSiteBuurtverbinder});
    r.Add({kPost, "/{city}/{site}/household-codes/flyers", "membership.codes_flyers", mem::HouseholdCodesFlyers,
           kAddressList, kSite, kSiteBuurtverbinder});
    r.Add({kGet, "/{city}/{site}/invite", "membership.invite_form", mem::InviteForm, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/invite", "membership.invite", mem::Invite, kForm, kSite, kSiteMember});
    r.Add({kGet, "/{city}/{site}/invitation/{token}", "membership.invitation", mem::InvitationForm, kForm, kSite,
           kAccount});
    r.Add({kPost, "/{city}/{site}/invitation/{token}", "membership.accept_invitation", mem::AcceptInvitation, kForm,
           kSite, kAccount});
  }

  // Roles (issue 3 §4): operators appoint each city's association board and each site's
  // buurtverbinders at /beheer/ (they alone see e-mail addresses there); the association's page
  // names its board; the board sees its city's sites with member counts (figures only).
  r.Add({kGet, "/beheer/", "admin.home", acc::AdminHome, kForm, kPlatform, kOperator});
  r.Add({kGet, "/beheer/{city}/", "admin.city", acc::AdminCity, kForm, kCity, kOperator});
  r.Add({kPost, "/beheer/{city}/bestuur", "admin.board_appoint", acc::AdminAppointBoard, kForm, kCity, kOperator});
  r.Add({kPost, "/beheer/{city}/bestuur/{user}/verwijderen", "admin.board_remove", acc::AdminRemoveBoard, kForm, kCity,
         kOperator});
  r.Add({kPost, "/beheer/{city}/{site}/buurtverbinders", "admin.buurtverbinder_appoint",
         acc::AdminAppointBuurtverbinder, kForm, kSite, kOperator});
  r.Add({kPost, "/beheer/{city}/{site}/buurtverbinders/{user}/verwijderen", "admin.buurtverbinder_remove",
         acc::AdminRemoveBuurtverbinder, kForm, kSite, kOperator});
  r.Add({kGet, "/{city}/vereniging/", "city.association", acc::Association, kForm, kCity, kPublic});
  r.Add({kGet, "/{city}/vereniging/wijken", "city.association_sites", acc::AssociationSites, kForm, kCity,
         kCityBoard});

  // News (issue 4 §2): anyone reads public news; verified members post and see members-only
  // news; the author or a buurtverbinder edits and deletes (checked by the NewsService: 403);
  // buurtverbinders pin. "nieuw" comes before "{id}".
  {
    namespace nws = handlers::news;
    constexpr std::size_t kNewsForm = 10 * 1024 * 1024;  // the text and an image: 10 MB at most (413)
    r.Add({kGet, "/{city}/{site}/nieuws/", "news.list", nws::List, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/nieuws/nieuw", "news.new_form", nws::NewForm, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/nieuws/nieuw", "news.create", nws::Create, kNewsForm, kSite, kSiteMember});
    r.Add({kGet, "/{city}/{site}/nieuws/{id}", "news.show", nws::Show, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/nieuws/{id}/bewerken", "news.edit_form", nws::EditForm, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/nieuws/{id}/bewerken", "news.edit", nws::Edit, kNewsForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/nieuws/{id}/verwijderen", "news.delete", nws::Delete, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/nieuws/{id}/vastzetten", "news.pin", nws::Pin, kForm, kSite, kSiteBuurtverbinder});
  }

  // [agenda] >>>
  // Agenda (issue 4 §3): anyone sees public events, the archive, the iCal feeds and the
  // embeddable agenda; verified members add events, sign up and cancel; the organiser or a
  // buurtverbinder edits and deletes (checked by the EventService: 403). A professional working
  // in the site adds public events as their organisation and changes their own ([proevents],
  // decision 0013; the EventService checks it). "agenda.ics" has a dot,
  // which no site slug may have, so no site can shadow the city's feed.
  {
    namespace evt = handlers::events;
    constexpr std::size_t kEventForm = 256 * 1024;  // 20,000 characters, percent-encoded
    r.Add({kGet, "/{city}/agenda.ics", "events.city_feed", evt::CityFeed, kForm, kCity, kPublic});
    r.Add({kGet, "/{city}/{site}/agenda.ics", "events.site_feed", evt::SiteFeed, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/agenda/", "events.list", evt::List, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/agenda/archief", "events.past", evt::Past, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/agenda/embed", "events.embed", evt::Embed, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/agenda/nieuw", "events.new_form", evt::NewForm, kForm, kSite, kSiteMemberOrProfessional});
    r.Add({kPost, "/{city}/{site}/agenda/nieuw", "events.create", evt::Create, kEventForm, kSite, kSiteMemberOrProfessional});
    r.Add({kGet, "/{city}/{site}/agenda/{id}", "events.show", evt::Show, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/agenda/{id}/agenda.ics", "events.event_feed", evt::EventFeed, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/agenda/{id}/aanmeldingen.json", "events.counts", evt::Counts, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/agenda/{id}/aanmeldingen", "events.attendees", evt::AttendeeList, kForm, kSite, kSiteMemberOrProfessional});
    r.Add({kGet, "/{city}/{site}/agenda/{id}/bewerken", "events.edit_form", evt::EditForm, kForm, kSite, kSiteMemberOrProfessional});
    r.Add({kPost, "/{city}/{site}/agenda/{id}/bewerken", "events.edit", evt::Edit, kEventForm, kSite, kSiteMemberOrProfessional});
    r.Add({kPost, "/{city}/{site}/agenda/{id}/verwijderen", "events.delete", evt::Delete, kForm, kSite, kSiteMemberOrProfessional});
    r.Add({kPost, "/{city}/{site}/agenda/{id}/aanmelden", "events.sign_up", evt::SignUp, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/agenda/{id}/afmelden", "events.cancel", evt::Cancel, kForm, kSite, kSiteMember});
  }
  // [agenda] <<<

  // [market] >>>
  // Ask & offer (issue 4 §4): anyone reads public listings; verified members post, respond
  // (which opens a conversation) and see members-only ones; the poster edits, renews, closes and
  // marks as matched (checked by the MarketService: 403). "nieuw" and "archief" come before "{id}".
  {
    namespace mkt = handlers::market;
    constexpr std::size_t kListingForm = 64 * 1024;  // 5,000 characters, percent-encoded
    r.Add({kGet, "/{city}/{site}/vraag-aanbod/", "market.list", mkt::List, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/vraag-aanbod/archief", "market.archive", mkt::Archive, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/vraag-aanbod/nieuw", "market.new_form", mkt::NewForm, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/vraag-aanbod/nieuw", "market.create", mkt::Create, kListingForm, kSite,
           kSiteMember});
    r.Add({kGet, "/{city}/{site}/vraag-aanbod/{id}", "market.show", mkt::Show, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/vraag-aanbod/{id}/bewerken", "market.edit_form", mkt::EditForm, kForm, kSite,
           kSiteMember});
    r.Add({kPost, "/{city}/{site}/vraag-aanbod/{id}/bewerken", "market.edit", mkt::Edit, kListingForm, kSite,
           kSiteMember});
    r.Add({kPost, "/{city}/{site}/vraag-aanbod/{id}/reageren", "market.respond", mkt::Respond, kListingForm, kSite,
           kSiteMember});
    r.Add({kPost, "/{city}/{site}/vraag-aanbod/{id}/match", "market.match", mkt::MarkMatched, kForm, kSite,
           kSiteMember});
    r.Add({kPost, "/{city}/{site}/vraag-aanbod/{id}/verlengen", "market.renew", mkt::Renew, kForm, kSite,
           kSiteMember});
    r.Add({kPost, "/{city}/{site}/vraag-aanbod/{id}/sluiten", "market.close", mkt::Close, kForm, kSite,
           kSiteMember});
  }
  // [market] <<<

  // [messages] >>>
  // Messages (issue 4 §7): verified members of the site and professionals working in it; a conversation only for its two
  // members (anyone else: 404). "nieuw" comes before "{id}".
  {
    namespace msg = handlers::messages;
    constexpr std::size_t kMessageForm = 64 * 1024;  // 5,000 characters, percent-encoded
    r.Add({kGet, "/{city}/{site}/berichten/", "messages.list", msg::List, kForm, kSite, kSiteMemberOrProfessional});
    r.Add({kGet, "/{city}/{site}/berichten/nieuw", "messages.new_form", msg::NewForm, kForm, kSite, kSiteMemberOrProfessional});
    r.Add({kPost, "/{city}/{site}/berichten/nieuw", "messages.create", msg::Create, kMessageForm, kSite,
           kSiteMemberOrProfessional});
    r.Add({kGet, "/{city}/{site}/berichten/{id}", "messages.show", msg::Show, kForm, kSite, kSiteMemberOrProfessional});
    r.Add({kPost, "/{city}/{site}/berichten/{id}", "messages.reply", msg::Reply, kMessageForm, kSite, kSiteMemberOrProfessional});
    r.Add({kGet, "/{city}/{site}/berichten/{id}/melden/{message}", "messages.report_form", msg::ReportForm, kForm,
           kSite, kSiteMemberOrProfessional});
    r.Add({kPost, "/{city}/{site}/berichten/{id}/melden/{message}", "messages.report", msg::Report, kForm, kSite,
           kSiteMemberOrProfessional});
  }
  // [messages] <<<

  // [groups] >>>
  // Groups and initiatives (issue 4 §5): anyone sees public groups; verified members start,
  // join and leave groups and see members-only ones; group admins (or buurtverbinders) edit,
  // remove, approve requests and make admins, and group members see the member list — those
  // are checked by the GroupService (403). "nieuw" comes before "{id}".
  {
    namespace grp = handlers::groups;
    constexpr std::size_t kGroupForm = 128 * 1024;  // 10,000 characters, percent-encoded
    r.Add({kGet, "/{city}/{site}/groepen/", "groups.list", grp::List, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/groepen/nieuw", "groups.new_form", grp::NewForm, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/groepen/nieuw", "groups.create", grp::Create, kGroupForm, kSite, kSiteMember});
    r.Add({kGet, "/{city}/{site}/groepen/{id}", "groups.show", grp::Show, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/groepen/{id}/bewerken", "groups.edit_form", grp::EditForm, kForm, kSite,
           kSiteMember});
    r.Add({kPost, "/{city}/{site}/groepen/{id}/bewerken", "groups.edit", grp::Edit, kGroupForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/groepen/{id}/verwijderen", "groups.delete", grp::Delete, kForm, kSite,
           kSiteMember});
    r.Add({kPost, "/{city}/{site}/groepen/{id}/aanmelden", "groups.join", grp::Join, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/groepen/{id}/verlaten", "groups.leave", grp::Leave, kForm, kSite, kSiteMember});
    r.Add({kGet, "/{city}/{site}/groepen/{id}/leden", "groups.members", grp::Members, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/groepen/{id}/leden/{user}/goedkeuren", "groups.approve", grp::Approve, kForm,
           kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/groepen/{id}/leden/{user}/afwijzen", "groups.reject", grp::Reject, kForm, kSite,
           kSiteMember});
    r.Add({kPost, "/{city}/{site}/groepen/{id}/leden/{user}/beheerder", "groups.make_admin", grp::MakeAdmin, kForm,
           kSite, kSiteMember});
  }
  // [groups] <<<

  // [questions] >>>
  // Questions (buurtvragen, issue 4 §6): anyone reads public questions; verified members ask,
  // answer and see members-only ones; the asker marks the answer that helped, the author or a
  // buurtverbinder deletes (checked by the QuestionService: 403). Literal segments before "{id}".
  {
    namespace qst = handlers::questions;
    constexpr std::size_t kQuestionForm = 64 * 1024;  // 5,000 characters, percent-encoded
    r.Add({kGet, "/{city}/{site}/vragen/", "questions.list", qst::ListOpen, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/vragen/beantwoord", "questions.answered", qst::ListAnswered, kForm, kSite,
           kPublic});
    r.Add({kGet, "/{city}/{site}/vragen/nieuw", "questions.new_form", qst::NewForm, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/vragen/nieuw", "questions.create", qst::Create, kQuestionForm, kSite,
           kSiteMember});
    r.Add({kGet, "/{city}/{site}/vragen/{id}", "questions.show", qst::Show, kForm, kSite, kPublic});
    r.Add({kPost, "/{city}/{site}/vragen/{id}/verwijderen", "questions.delete", qst::Delete, kForm, kSite,
           kSiteMember});
    r.Add({kPost, "/{city}/{site}/vragen/{id}/antwoorden", "questions.answer", qst::Answer, kQuestionForm, kSite,
           kSiteMemberOrProfessional});  // professionals working in the site answer too (issue 5 §6)
    r.Add({kPost, "/{city}/{site}/vragen/{id}/geholpen", "questions.helpful", qst::Helpful, kForm, kSite,
           kSiteMember});
    r.Add({kPost, "/{city}/{site}/vragen/{id}/antwoorden/{answer}/verwijderen", "questions.delete_answer",
           qst::DeleteAnswer, kForm, kSite, kSiteMember});
  }
  // [questions] <<<

  // [search] >>>
  // Search (issue 4 §8): anyone searches; what they find depends on who they are (members-only
  // content for members of its site only, checked by the SearchService). GET forms, no CSRF.
  {
    namespace srch = handlers::search;
    r.Add({kGet, "/{city}/{site}/zoeken", "search.site", srch::SiteSearch, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/zoeken", "search.city", srch::CitySearch, kForm, kCity, kPublic});
  }
  // The JSON API's asks & offers and groups (docs/api/README.md): public items only, for anyone.
  {
    namespace api = handlers::api;
    constexpr std::size_t kNoBody = 16 * 1024;
    r.Add({kGet, "/api/v1/cities/{city}/sites/{site}/listings", "api.site_listings", api::SiteListings, kNoBody,
           kSite, kPublic});
    r.Add({kGet, "/api/v1/cities/{city}/sites/{site}/groups", "api.site_groups", api::SiteGroups, kNoBody, kSite,
           kPublic});
  }
  // [search] <<<

  // [api] >>>
  // Feeds and the JSON API (issue 4 §9, §10): public news only, for anyone (CORS for /api/).
  // The city feed is a city-level path: "nieuws.atom" can never be a site slug (slugs have no
  // dot), and a literal route wins over "/{city}/{site}/" anyway.
  {
    namespace feeds = handlers::feeds;
    namespace api = handlers::api;
    constexpr std::size_t kNoBody = 16 * 1024;
    r.Add({kGet, "/{city}/nieuws.atom", "feeds.city_news", feeds::CityNewsAtom, kNoBody, kCity, kPublic});
    r.Add({kGet, "/{city}/{site}/nieuws.atom", "feeds.site_news", feeds::SiteNewsAtom, kNoBody, kSite, kPublic});
    r.Add({kGet, "/api/v1/openapi.json", "api.openapi", api::OpenApi, kNoBody, kPlatform, kPublic});
    r.Add({kGet, "/api/v1/cities", "api.cities", api::Cities, kNoBody, kPlatform, kPublic});
    r.Add({kGet, "/api/v1/cities/{city}", "api.city", api::City, kNoBody, kCity, kPublic});
    r.Add({kGet, "/api/v1/cities/{city}/sites", "api.city_sites", api::CitySites, kNoBody, kCity, kPublic});
    r.Add({kGet, "/api/v1/cities/{city}/news", "api.city_news", api::CityNews, kNoBody, kCity, kPublic});
    r.Add({kGet, "/api/v1/cities/{city}/sites/{site}", "api.site", api::Site, kNoBody, kSite, kPublic});
    r.Add({kGet, "/api/v1/cities/{city}/sites/{site}/news", "api.site_news", api::SiteNews, kNoBody, kSite, kPublic});
    r.Add({kGet, "/api/v1/cities/{city}/sites/{site}/news/{id}", "api.site_news_item", api::SiteNewsItem, kNoBody,
           kSite, kPublic});
  }
  // [api] <<<

  // [directory] >>>
  // Sociale kaart (issue 5). The HSDS 3.0 API of each city: open data, read-only JSON.
  {
    namespace hsds = handlers::hsds;
    constexpr std::size_t kNoBody = 16 * 1024;
    r.Add({kGet, "/{city}/hsds/", "hsds.root", hsds::Root, kNoBody, kCity, kPublic});
    r.Add({kGet, "/{city}/hsds/services", "hsds.services", hsds::Services, kNoBody, kCity, kPublic});
    r.Add({kGet, "/{city}/hsds/services/{id}", "hsds.service", hsds::Service, kNoBody, kCity, kPublic});
    r.Add({kGet, "/{city}/hsds/organizations", "hsds.organizations", hsds::Organizations, kNoBody, kCity, kPublic});
    r.Add({kGet, "/{city}/hsds/organizations/{id}", "hsds.organization", hsds::Organization, kNoBody, kCity,
           kPublic});
    r.Add({kGet, "/{city}/hsds/service_at_locations", "hsds.service_at_locations", hsds::ServiceAtLocations, kNoBody,
           kCity, kPublic});
    r.Add({kGet, "/{city}/hsds/service_at_locations/{id}", "hsds.service_at_location", hsds::ServiceAtLocation,
           kNoBody, kCity, kPublic});
    r.Add({kGet, "/{city}/hsds/taxonomies", "hsds.taxonomies", hsds::Taxonomies, kNoBody, kCity, kPublic});
    r.Add({kGet, "/{city}/hsds/taxonomy_terms", "hsds.taxonomy_terms", hsds::TaxonomyTerms, kNoBody, kCity, kPublic});
  }
  // Who keeps it right (issue 5 §2, §5). The association: its board at /{city}/sociale-kaart/beheer/
  // and operators at /beheer/{city}/sociale-kaart/ (same pages), a review list (oldest check first)
  // and the categories. Organisation admins (and the association) change an organisation, its
  // services, places and people: kAccount here, the DirectoryService answers 403 to anyone else.
  // Buurtverbinders add local places for their site. Listed before the site routes below:
  // "/beheer/{city}/sociale-kaart/" would match "/{city}/{site}/sociale-kaart/" too.
  {
    namespace dir = handlers::directory;
    constexpr std::size_t kNoBody = 16 * 1024;
    constexpr std::size_t kEntryForm = 64 * 1024;
    r.Add({kGet, "/{city}/sociale-kaart/beheer/", "directory.review", dir::ReviewList, kNoBody, kCity, kCityBoard});
    r.Add({kGet, "/{city}/sociale-kaart/beheer/categorieen", "directory.terms", dir::TermsPage, kNoBody, kCity,
           kCityBoard});
    r.Add({kPost, "/{city}/sociale-kaart/beheer/categorieen", "directory.term_add", dir::AddTerm, kEntryForm, kCity,
           kCityBoard});
    r.Add({kPost, "/{city}/sociale-kaart/beheer/categorieen/{code}", "directory.term_update", dir::UpdateTerm,
           kEntryForm, kCity, kCityBoard});
    r.Add({kGet, "/beheer/{city}/sociale-kaart/", "admin.directory_review", dir::ReviewList, kNoBody, kCity,
           kOperator});
    r.Add({kGet, "/beheer/{city}/sociale-kaart/categorieen", "admin.directory_terms", dir::TermsPage, kNoBody, kCity,
           kOperator});
    r.Add({kPost, "/beheer/{city}/sociale-kaart/categorieen", "admin.directory_term_add", dir::AddTerm, kEntryForm,
           kCity, kOperator});
    r.Add({kPost, "/beheer/{city}/sociale-kaart/categorieen/{code}", "admin.directory_term_update", dir::UpdateTerm,
           kEntryForm, kCity, kOperator});
    r.Add({kGet, "/{city}/sociale-kaart/organisaties/{id}/bewerken", "directory.organization_edit_form",
           dir::EditOrganizationForm, kNoBody, kCity, kAccount});
    r.Add({kPost, "/{city}/sociale-kaart/organisaties/{id}/bewerken", "directory.organization_edit",
           dir::EditOrganization, kEntryForm, kCity, kAccount});
    r.Add({kGet, "/{city}/sociale-kaart/organisaties/{id}/mensen", "directory.people", dir::PeoplePage, kNoBody, kCity,
           kAccount});
    r.Add({kPost, "/{city}/sociale-kaart/organisaties/{id}/mensen", "directory.person_add", dir::AddPerson, kEntryForm,
           kCity, kAccount});
    r.Add({kPost, "/{city}/sociale-kaart/organisaties/{id}/mensen/{user}/verwijderen", "directory.person_remove",
           dir::RemovePerson, kNoBody, kCity, kAccount});
    r.Add({kGet, "/{city}/sociale-kaart/organisaties/{id}/diensten/nieuw", "directory.service_new_form",
           dir::NewServiceForm, kNoBody, kCity, kAccount});
    r.Add({kPost, "/{city}/sociale-kaart/organisaties/{id}/diensten/nieuw", "directory.service_new", dir::NewService,
           kEntryForm, kCity, kAccount});
    r.Add({kGet, "/{city}/sociale-kaart/organisaties/{id}/locaties/nieuw", "directory.location_new_form",
           dir::NewLocationForm, kNoBody, kCity, kAccount});
    r.Add({kPost, "/{city}/sociale-kaart/organisaties/{id}/locaties/nieuw", "directory.location_new",
           dir::NewLocation, kEntryForm, kCity, kAccount});
    r.Add({kGet, "/{city}/sociale-kaart/locaties/{id}/bewerken", "directory.location_edit_form",
           dir::EditLocationForm, kNoBody, kCity, kAccount});
    r.Add({kPost, "/{city}/sociale-kaart/locaties/{id}/bewerken", "directory.location_edit", dir::EditLocation,
           kEntryForm, kCity, kAccount});
    r.Add({kGet, "/{city}/{site}/sociale-kaart/nieuwe-plek", "directory.local_place_form", dir::LocalPlaceForm,
           kNoBody, kSite, kSiteBuurtverbinder});
    r.Add({kPost, "/{city}/{site}/sociale-kaart/nieuwe-plek", "directory.local_place_add", dir::AddLocalPlace,
           kEntryForm, kSite, kSiteBuurtverbinder});
  }
  // Finding help: the whole city, and what serves one site's buurten; a service and an
  // organisation page. Organisation admins and the association change entries (checked by the
  // DirectoryService: 403 for anyone else).
  {
    namespace dir = handlers::directory;
    constexpr std::size_t kNoBody = 16 * 1024;
    constexpr std::size_t kEntryForm = 64 * 1024;
    r.Add({kGet, "/{city}/sociale-kaart/", "directory.city", dir::CityList, kNoBody, kCity, kPublic});
    r.Add({kGet, "/{city}/sociale-kaart/map.geojson", "directory.city_map", dir::CityMapGeoJson, kNoBody, kCity,
           kPublic});
    r.Add({kGet, "/{city}/sociale-kaart/diensten/{id}", "directory.service", dir::ShowService, kNoBody, kCity,
           kPublic});
    r.Add({kGet, "/{city}/sociale-kaart/diensten/{id}/bewerken", "directory.service_edit_form", dir::EditServiceForm,
           kNoBody, kCity, kAccount});
    r.Add({kPost, "/{city}/sociale-kaart/diensten/{id}/bewerken", "directory.service_edit", dir::EditService,
           kEntryForm, kCity, kAccount});
    r.Add({kPost, "/{city}/sociale-kaart/diensten/{id}/controleren", "directory.service_verify", dir::VerifyService,
           kNoBody, kCity, kAccount});
    r.Add({kGet, "/{city}/sociale-kaart/mijn-profiel", "directory.professional_form", dir::ProfessionalForm, kNoBody,
         kCity, kAccount});
  r.Add({kPost, "/{city}/sociale-kaart/mijn-profiel", "directory.professional_save", dir::SaveProfessional, kEntryForm,
         kCity, kAccount});
  r.Add({kGet, "/{city}/sociale-kaart/organisaties/{id}", "directory.organization", dir::ShowOrganization, kNoBody,
           kCity, kPublic});
    r.Add({kGet, "/{city}/{site}/sociale-kaart/", "directory.site", dir::SiteList, kNoBody, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/sociale-kaart/map.geojson", "directory.site_map", dir::SiteMapGeoJson, kNoBody, kSite,
           kPublic});
  }
  // [directory] <<<

  // [newsx] >>>
  // News extras (issue 4 §2): images, comments, "bedankt", categories. Paths chosen so none is
  // taken by "nieuws/{id}" above: an extra segment, or "categorieen/" with its trailing slash.
  {
    namespace nws = handlers::news;
    r.Add({kGet, "/{city}/{site}/nieuws/{id}/afbeelding/{file}", "news.image", nws::Image, kForm, kSite, kPublic});
    r.Add({kPost, "/{city}/{site}/nieuws/{id}/bedankt", "news.thank", nws::Thank, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/nieuws/{id}/reacties", "news.comment", nws::AddComment, kForm, kSite,
           kSiteMember});
    r.Add({kPost, "/{city}/{site}/nieuws/{id}/reacties/{comment}/verwijderen", "news.comment_delete",
           nws::DeleteComment, kForm, kSite, kSiteMember});
    r.Add({kGet, "/{city}/{site}/nieuws/categorieen/", "news.categories", nws::Categories, kForm, kSite,
           kSiteBuurtverbinder});
    r.Add({kPost, "/{city}/{site}/nieuws/categorieen/", "news.category_create", nws::CreateCategory, kForm, kSite,
           kSiteBuurtverbinder});
    r.Add({kPost, "/{city}/{site}/nieuws/categorieen/{category}/hernoemen", "news.category_rename",
           nws::RenameCategory, kForm, kSite, kSiteBuurtverbinder});
    r.Add({kPost, "/{city}/{site}/nieuws/categorieen/{category}/verwijderen", "news.category_delete",
           nws::DeleteCategory, kForm, kSite, kSiteBuurtverbinder});
  }
  // [newsx] <<<

  // [roles] >>>
  // Professionals and invitations (issue 3 §3–4, issue 5 §6): anyone sees a site's professionals;
  // a professional working in the site sees the questions addressed to them; a member sees and
  // withdraws their own open invitations (others': 404 by the service).
  {
    namespace rol = handlers::roles;
    r.Add({kGet, "/{city}/{site}/wijkprofessionals/", "roles.professionals", rol::Professionals, kForm, kSite,
           kPublic});
    r.Add({kGet, "/{city}/{site}/wijkprofessionals/vragen", "roles.addressed", rol::AddressedToMe, kForm, kSite,
           kSiteMemberOrProfessional});
    r.Add({kGet, "/{city}/{site}/uitnodigingen/", "roles.invitations", rol::Invitations, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/uitnodigingen/{id}/intrekken", "roles.withdraw_invitation", rol::WithdrawInvitation,
           kForm, kSite, kSiteMember});
  }
  // [roles] <<<

  // [village] >>>
  // A group's iCal feed (issue 4 §3, §5): public events of a public group, for anyone.
  r.Add({kGet, "/{city}/{site}/groepen/{id}/agenda.ics", "groups.feed", handlers::events::GroupFeed, kForm, kSite,
         kPublic});
  // The JSON API's agenda (docs/api/README.md): public coming events only, for anyone.
  {
    namespace api = handlers::api;
    constexpr std::size_t kNoBody = 16 * 1024;
    r.Add({kGet, "/api/v1/cities/{city}/events", "api.city_events", api::CityEvents, kNoBody, kCity, kPublic});
    r.Add({kGet, "/api/v1/cities/{city}/sites/{site}/events", "api.site_events", api::SiteEvents, kNoBody, kSite,
           kPublic});
    r.Add({kGet, "/api/v1/cities/{city}/sites/{site}/events/{id}", "api.site_event", api::SiteEvent, kNoBody, kSite,
           kPublic});
  }
  // [village] <<<

  // Development mail: the .eml files of `make run` (404 outside development mode; issue 3 §2)
  r.Add({kGet, "/dev/mail", "dev.mail", dev::MailList, kForm, kPlatform, kDevelopment});
  r.Add({kGet, "/dev/mail/{file}", "dev.mail_show", dev::MailShow, kForm, kPlatform, kDevelopment});

  // Platform, city portals, neighbourhood sites
  r.Add({kGet, "/", "platform.home", sites::PlatformHome, 16 * 1024, kPlatform, kPublic});
  r.Add({kGet, "/{city}/", "city.portal", sites::CityPortal, 16 * 1024, kCity, kPublic});
  r.Add({kGet, "/{city}/map.geojson", "city.map", sites::CityMapGeoJson, 16 * 1024, kCity, kPublic});
  r.Add({kGet, "/{city}/{site}/", "site.home", sites::SiteHome, 16 * 1024, kSite, kPublic});
  r.Add({kGet, "/{city}/{site}/map.geojson", "site.map", sites::SiteMapGeoJson, 16 * 1024, kSite, kPublic});
  r.Add({kGet, "/{city}/{site}/theme.css", "site.theme", sites::SiteTheme, 16 * 1024, kSite, kPublic});
}

}  // namespace buurtplein::http
