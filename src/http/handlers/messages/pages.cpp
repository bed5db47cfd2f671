#include "http/handlers/messages/pages.hpp"

#include <charconv>

#include "domain/messages/message_service.hpp"
#include "http/handlers/form_page.hpp"
#include "view/dates.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::messages {

using domain::ErrorCode;
using domain::Result;
using domain::UserId;
using domain::market::Viewer;
using domain::messages::Conversation;
using domain::messages::ConversationId;
using domain::messages::MessageId;
using domain::messages::MessageService;
using view::Msg;

namespace {

domain::AppError NoConversation() {
  return domain::MakeError(ErrorCode::kNotFound, "This conversation does not exist, or you cannot see it.");
}
domain::AppError NoRecipient() {
  return domain::MakeError(ErrorCode::kNotFound, "This neighbour cannot receive messages here.");
}

Viewer ViewerOf(const Context& ctx) {
  Viewer v = Viewer::Of(ctx.auth ? std::optional<UserId>(ctx.auth->user.id) : std::nullopt, ctx.membership);
  // A professional working in the site takes part in conversations without living there.
  if (v.user && ctx.professional) v.member = true;
  return v;
}

MessageService& Service(const Context& ctx) { return *ctx.services.messages; }

std::optional<std::int64_t> ParseId(const std::string& raw) {
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || p != raw.data() + raw.size() || id <= 0) return std::nullopt;
  return id;
}

int PageQuery(const Context& ctx, bool& ok) {
  ok = true;
  const std::string raw = ctx.req.Query("page");
  if (raw.empty()) return 1;
  int v = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (ec != std::errc() || p != raw.data() + raw.size() || v < 1) ok = false;
  return v;
}

std::string MessagesUrl(const Context& ctx) { return ctx.site_url + "berichten/"; }
std::string ConversationUrl(const Context& ctx, ConversationId id) {
  return MessagesUrl(ctx) + std::to_string(id.value);
}

std::string OtherName(const Context& ctx, const Conversation& c) {
  return c.other ? c.other_name : ctx.T(Msg("a former neighbour"));
}

// The conversation page; `error` (if any) belongs to the reply form.
Result<Response> ConversationPage(Context& ctx, ConversationId id, const domain::AppError* error, int status,
                                  const std::string& body_value = "") {
  const Viewer viewer = ViewerOf(ctx);
  bool ok = true;
  const int page = PageQuery(ctx, ok);
  if (!ok) return NoConversation();
  auto c = Service(ctx).Find(ctx.site->id, id, viewer);
  if (!c) return c.error();
  auto messages = Service(ctx).Messages(ctx.site->id, id, viewer, page);
  if (!messages) return messages.error();
  if (messages->messages.empty() && page > 1) return NoConversation();
  const std::string url = ConversationUrl(ctx, id);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& m : messages->messages) {
    const bool mine = m.sender && *m.sender == *viewer.user;
    items.push_back({{"id", std::to_string(m.id.value)},
                     {"sender_name", mine ? ctx.T(Msg("You wrote")) : (m.sender ? m.sender_name : ctx.T(Msg("a former neighbour")))},
                     {"is_mine", mine},
                     {"body", m.body},
                     {"sent", view::FormatDateTime(m.created_at, ctx.lang)},
                     {"sent_iso", view::LocalIso(m.created_at)},
                     {"report_url", url + "/melden/" + std::to_string(m.id.value)}});
  }
  auto data = ctx.PageData(ctx.T(Msg("Conversation with")) + " " + OtherName(ctx, *c) + " – " + ctx.site->name);
  data["other_name"] = OtherName(ctx, *c);
  data["can_reply"] = c->other.has_value();
  if (c->listing) {
    data["listing"] = {{"title", c->listing_title},
                       {"url", ctx.site_url + "vraag-aanbod/" + std::to_string(c->listing->value)}};
  }
  data["items"] = items;
  data["action"] = url;
  data["messages_url"] = MessagesUrl(ctx);
  if (messages->has_older) data["older_url"] = url + "?page=" + std::to_string(messages->page + 1);
  if (messages->page > 1) data["newer_url"] = messages->page == 2 ? url : url + "?page=" + std::to_string(messages->page - 1);
  data["has_pages"] = messages->has_older || messages->page > 1;
  data["csrf"] = ctx.CsrfToken();
  data["values"] = {{"body", body_value}};
  data["has_errors"] = false;
  data["errors"] = nlohmann::json::array();
  if (error) {
    const std::string field = error->field.empty() ? "form" : error->field;
    data["has_errors"] = true;
    data["errors"].push_back({{"field", field}, {"message", ctx.T(error->public_message)}});
    data["error_" + field] = ctx.T(error->public_message);
  }
  if (ctx.req.Query("reported") == "1") {
    data["notice"] = ctx.T(Msg("Thank you. Your report is stored; a buurtverbinder will look at it."));
  }
  auto r = ctx.Page("messages/show", std::move(data));
  r.status = status;
  return r;
}

}  // namespace

Result<Response> List(Context& ctx) {
  const Viewer viewer = ViewerOf(ctx);
  bool ok = true;
  const int page = PageQuery(ctx, ok);
  if (!ok) return NoConversation();
  auto list = Service(ctx).List(ctx.site->id, viewer, page);
  if (list.conversations.empty() && page > 1) return NoConversation();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : list.conversations) {
    items.push_back({{"url", ConversationUrl(ctx, c.id)},
                     {"other_name", OtherName(ctx, c)},
                     {"listing_title", c.listing_title},
                     {"has_listing", c.listing.has_value()},
                     {"last", view::FormatDateTime(c.last_message_at, ctx.lang)},
                     {"last_iso", view::LocalIso(c.last_message_at)},
                     {"unread", std::to_string(c.unread)},
                     {"has_unread", c.unread > 0}});
  }
  auto data = ctx.PageData(ctx.T(Msg("Your messages")) + " – " + ctx.site->name);
  data["items"] = items;
  data["has_items"] = !items.empty();
  if (list.page > 1) {
    data["prev_url"] = list.page == 2 ? MessagesUrl(ctx) : MessagesUrl(ctx) + "?page=" + std::to_string(list.page - 1);
  }
  if (list.has_more) data["next_url"] = MessagesUrl(ctx) + "?page=" + std::to_string(list.page + 1);
  data["has_pages"] = list.page > 1 || list.has_more;
  data["unread"] = std::to_string(Service(ctx).Unread(ctx.site->id, viewer));
  return ctx.Page("messages/list", std::move(data));
}

namespace {

// The recipient of a new conversation: a verified member of this site, by account id; never
// their e-mail address.
Result<std::pair<UserId, std::string>> Recipient(Context& ctx, const std::string& raw) {
  auto id = ParseId(raw);
  if (!id) return NoRecipient();
  if (!Service(ctx).MayTakePart(ctx.site->id, UserId{*id})) return NoRecipient();
  auto user = ctx.services.store.users().FindUser(UserId{*id});
  if (!user) return NoRecipient();
  return std::pair{user->id, user->display_name};
}

Response NewPage(Context& ctx, const std::pair<UserId, std::string>& to, const std::string& body,
                 const domain::AppError* error) {
  nlohmann::json extra = {{"to_id", std::to_string(to.first.value)},
                          {"to_name", to.second},
                          {"action", MessagesUrl(ctx) + "nieuw"},
                          {"messages_url", MessagesUrl(ctx)}};
  const std::string title = ctx.T(Msg("Send a private message"));
  if (error) return handlers::Refused(ctx, "messages/new", title, {{"body", body}}, *error, extra);
  return handlers::FormPage(ctx, "messages/new", title, {{"body", body}}, nullptr, 200, extra);
}

}  // namespace

Result<Response> NewForm(Context& ctx) {
  auto to = Recipient(ctx, ctx.req.Query("aan"));
  if (!to) return to.error();
  if (ctx.auth && to->first == ctx.auth->user.id) return NoRecipient();
  return NewPage(ctx, *to, "", nullptr);
}

Result<Response> Create(Context& ctx) {
  auto to = Recipient(ctx, ctx.req.Form("aan"));
  if (!to) return to.error();
  const std::string body = ctx.req.Form("body");
  auto id = Service(ctx).Start(ctx.site->id, ViewerOf(ctx), to->first, std::nullopt, body);
  if (!id) {
    const auto& e = id.error();
    if (e.code != ErrorCode::kValidation && e.code != ErrorCode::kRateLimited) return e;
    return NewPage(ctx, *to, body, &e);
  }
  return Redirect(303, ConversationUrl(ctx, *id));
}

Result<Response> Show(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return NoConversation();
  return ConversationPage(ctx, ConversationId{*id}, nullptr, 200);
}

Result<Response> Reply(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return NoConversation();
  const std::string body = ctx.req.Form("body");
  auto sent = Service(ctx).Reply(ctx.site->id, ConversationId{*id}, ViewerOf(ctx), body);
  if (!sent) {
    if (sent.error().code != ErrorCode::kValidation) return sent.error();
    return ConversationPage(ctx, ConversationId{*id}, &sent.error(), 422, body);
  }
  return Redirect(303, ConversationUrl(ctx, ConversationId{*id}) + "#message-" + std::to_string(sent->id.value));
}

namespace {

Result<Response> ReportPage(Context& ctx, const std::string& reason, const domain::AppError* error) {
  auto id = ParseId(ctx.Param("id"));
  auto message = ParseId(ctx.Param("message"));
  if (!id || !message) return NoConversation();
  auto m = Service(ctx).FindMessage(ctx.site->id, ConversationId{*id}, MessageId{*message}, ViewerOf(ctx));
  if (!m) return m.error();
  const std::string url = ConversationUrl(ctx, ConversationId{*id});
  nlohmann::json extra = {{"action", url + "/melden/" + std::to_string(*message)},
                          {"conversation_url", url},
                          {"message_body", m->body},
                          {"sender_name", m->sender ? m->sender_name : ctx.T(Msg("a former neighbour"))}};
  const std::string title = ctx.T(Msg("Report a message"));
  if (error) return handlers::Refused(ctx, "messages/report", title, {{"reason", reason}}, *error, extra);
  return handlers::FormPage(ctx, "messages/report", title, {{"reason", reason}}, nullptr, 200, extra);
}

}  // namespace

Result<Response> ReportForm(Context& ctx) { return ReportPage(ctx, "", nullptr); }

Result<Response> Report(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  auto message = ParseId(ctx.Param("message"));
  if (!id || !message) return NoConversation();
  const std::string reason = ctx.req.Form("reason");
  auto s = Service(ctx).Report(ctx.site->id, ConversationId{*id}, MessageId{*message}, ViewerOf(ctx), reason);
  if (!s) {
    if (s.error().code != ErrorCode::kValidation) return s.error();
    return ReportPage(ctx, reason, &s.error());
  }
  return Redirect(303, ConversationUrl(ctx, ConversationId{*id}) + "?reported=1");
}

}  // namespace buurtplein::http::handlers::messages
