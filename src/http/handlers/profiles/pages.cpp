#include "http/handlers/profiles/pages.hpp"

#include <charconv>

#include "http/handlers/form_page.hpp"
#include "http/multipart.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::profiles {

using domain::ErrorCode;
using domain::Result;
using domain::UserId;
using domain::profiles::PhotoSize;
using domain::profiles::Profile;
using view::Msg;

namespace {

constexpr const char* kTemplateEdit = "profiles/edit";
domain::AppError NoProfile() {
  return domain::MakeError(ErrorCode::kNotFound, "This profile does not exist, or you cannot see it.");
}

// A photo's URL carries the start of its key: a new photo is a new URL, so browsers may keep
// one for a day without ever showing an old one.
std::string PhotoUrl(const std::string& base, const Profile& p, bool small) {
  if (p.photo_key.empty()) return {};
  return base + "?v=" + p.photo_key.substr(0, 8) + (small ? "&size=small" : "");
}

// The sites where neighbours can see the profile: the owner's verified memberships.
nlohmann::json VisibleIn(const Context& ctx, UserId user) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : ctx.services.store.memberships().ListMembershipsOfUser(user)) {
    if (m.status != domain::accounts::MemberStatus::kVerified) continue;
    const domain::sites::City* city = nullptr;
    if (const auto* s = ctx.directory->FindSiteById(m.site, &city)) {
      list.push_back({{"site_name", s->name},
                      {"profile_url", SiteUrl(*city, *s) + "people/" + std::to_string(user.value)}});
    }
  }
  return list;
}

Response EditPage(Context& ctx, const nlohmann::json& values, const domain::AppError* error, int status) {
  nlohmann::json extra = nlohmann::json::object();
  auto own = ctx.services.profiles->Own(ctx.auth->user.id);
  if (own && !own->photo_key.empty()) extra["photo_url"] = PhotoUrl("/account/profile/photo", *own, false);
  extra["visible_in"] = VisibleIn(ctx, ctx.auth->user.id);
  extra["has_visible"] = !extra["visible_in"].empty();
  if (ctx.req.Query("saved") == "1") extra["notice"] = ctx.T(Msg("Your profile is saved."));
  if (ctx.req.Query("saved") == "photo-removed") extra["notice"] = ctx.T(Msg("Your photo is removed."));
  return handlers::FormPage(ctx, kTemplateEdit, ctx.T(Msg("Your profile")), values, error, status, extra);
}

std::optional<UserId> ParseUserId(const std::string& raw) {
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || p != raw.data() + raw.size() || id <= 0) return std::nullopt;
  return UserId{id};
}

Response ImageResponse(std::string bytes) {
  Response r;
  r.content_type = "image/jpeg";
  r.body = std::move(bytes);
  // A personal photo: Finalize marks it no-store like every response for a logged-in person.
  return r;
}

}  // namespace

Result<Response> EditForm(Context& ctx) {
  auto own = ctx.services.profiles->Own(ctx.auth->user.id);
  if (!own) return own.error();
  return EditPage(ctx, {{"display_name", own->display_name}, {"about", own->about}, {"offer", own->offer}}, nullptr,
                  200);
}

Result<Response> Edit(Context& ctx) {
  auto& profiles = *ctx.services.profiles;
  const UserId user = ctx.auth->user.id;

  // The "remove photo" button is a small form of its own (URL-encoded).
  if (ctx.req.IsForm()) {
    if (ctx.req.Form("action") != "remove-photo") {
      return domain::MakeError(ErrorCode::kBadRequest, "This form could not be read. Please try again.");
    }
    if (auto s = profiles.RemovePhoto(user); !s) return s.error();
    return Redirect(303, "/account/profile?saved=photo-removed");
  }

  auto boundary = MultipartBoundary(ctx.req.Header("content-type"));
  if (!boundary) return domain::MakeError(ErrorCode::kBadRequest, "This form could not be read. Please try again.");
  auto parts = ParseMultipart(ctx.req.body, *boundary);
  if (!parts) return parts.error();
  auto text = [&](std::string_view name) {
    const MultipartPart* p = FindPart(*parts, name);
    return p && !p->is_file ? std::string(p->body) : std::string();
  };
  const nlohmann::json values = {{"display_name", text("display_name")}, {"about", text("about")},
                                 {"offer", text("offer")}};

  if (auto s = profiles.Update(user, text("display_name"), text("about"), text("offer")); !s) {
    return EditPage(ctx, values, &s.error(), StatusFor(s.error()));
  }
  // No file chosen: browsers send the part with an empty filename and no content.
  if (const MultipartPart* photo = FindPart(*parts, "photo"); photo && photo->is_file && !photo->body.empty()) {
    if (auto s = profiles.SetPhoto(user, photo->body); !s) {
      if (s.error().code == ErrorCode::kInternal) return s.error();
      return EditPage(ctx, values, &s.error(), StatusFor(s.error()));
    }
  }
  return Redirect(303, "/account/profile?saved=1");
}

Result<Response> OwnPhoto(Context& ctx) {
  const PhotoSize size = ctx.req.Query("size") == "small" ? PhotoSize::kSmall : PhotoSize::kLarge;
  auto bytes = ctx.services.profiles->OwnPhoto(ctx.auth->user.id, size);
  if (!bytes) return bytes.error();
  return ImageResponse(std::move(*bytes));
}

Result<Response> Show(Context& ctx) {
  // The viewer is a verified member of this site (the route's access rule); the profile is
  // found only when its owner is one too: anyone else is "not found", whoever they are.
  auto id = ParseUserId(ctx.Param("user_id"));
  if (!id) return NoProfile();
  auto profile = ctx.services.profiles->InSite(ctx.site->id, *id);
  if (!profile) return profile.error();
  const std::string base = ctx.site_url + "people/" + std::to_string(id->value);
  auto data = ctx.PageData(profile->display_name);
  data["profile"] = {{"display_name", profile->display_name},
                     {"about", profile->about},
                     {"offer", profile->offer},
                     {"has_about", !profile->about.empty()},
                     {"has_offer", !profile->offer.empty()},
                     {"photo_url", PhotoUrl(base + "/photo", *profile, false)},
                     {"has_photo", !profile->photo_key.empty()},
                     {"is_self", *id == ctx.auth->user.id},
                     {"message_url", ctx.site_url + "berichten/nieuw?aan=" + std::to_string(id->value)}};
  return ctx.Page("profiles/show", std::move(data));
}

Result<Response> Photo(Context& ctx) {
  auto id = ParseUserId(ctx.Param("user_id"));
  if (!id) return NoProfile();
  const PhotoSize size = ctx.req.Query("size") == "small" ? PhotoSize::kSmall : PhotoSize::kLarge;
  auto bytes = ctx.services.profiles->PhotoInSite(ctx.site->id, *id, size);
  if (!bytes) return bytes.error();
  return ImageResponse(std::move(*bytes));
}

}  // namespace buurtplein::http::handlers::profiles
