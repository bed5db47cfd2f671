#include "http/handlers/questions/pages.hpp"

#include <charconv>

#include "domain/questions/question_service.hpp"
#include "domain/roles/professional_service.hpp"
#include "http/handlers/form_page.hpp"
#include "view/dates.hpp"
#include "view/i18n.hpp"
#include "view/markdown.hpp"

namespace buurtplein::http::handlers::questions {

using domain::ErrorCode;
using domain::Result;
using domain::questions::AnswerId;
using domain::questions::Question;
using domain::questions::QuestionDraft;
using domain::questions::QuestionId;
using domain::questions::QuestionService;
using domain::questions::Viewer;
using domain::questions::Visibility;
using view::Msg;

namespace {

domain::AppError NoQuestion() {
  return domain::MakeError(ErrorCode::kNotFound, "This question does not exist, or you cannot see it.");
}
domain::AppError BadForm() {
  return domain::MakeError(ErrorCode::kBadRequest, "This form could not be read. Please try again.");
}

Viewer ViewerOf(const Context& ctx) {
  return Viewer::Of(ctx.auth ? std::optional<domain::UserId>(ctx.auth->user.id) : std::nullopt, ctx.membership);
}

QuestionService& Service(const Context& ctx) { return *ctx.services.questions; }

std::string QuestionsUrl(const Context& ctx);

// The viewer of one question: a professional working in the site sees a members-only question
// when it was addressed to them (issue 5 §6), as members do.
Viewer ViewerFor(const Context& ctx, QuestionId id) {
  Viewer v = ViewerOf(ctx);
  if (!v.member && v.user && ctx.professional && ctx.services.professionals &&
      ctx.services.professionals->AddresseeOf(ctx.site->id, id) == v.user) {
    v.member = true;
  }
  return v;
}

// The professionals a resident may address a question to, with the chosen one selected.
nlohmann::json ProfessionalChoices(const Context& ctx, const std::string& chosen) {
  nlohmann::json list = nlohmann::json::array();
  if (!ctx.services.professionals) return list;
  for (const auto& p : ctx.services.professionals->Choices(*ctx.site)) {
    const std::string id = std::to_string(p.user.value);
    list.push_back({{"id", id},
                    {"name", p.display_name},
                    {"organisation", p.organization_name},
                    {"selected", id == chosen}});
  }
  return list;
}

nlohmann::json FormExtra(const Context& ctx, const std::string& chosen_professional) {
  auto choices = ProfessionalChoices(ctx, chosen_professional);
  return {{"action", QuestionsUrl(ctx) + "nieuw"},
          {"questions_url", QuestionsUrl(ctx)},
          {"professionals", choices},
          {"has_professionals", !choices.empty()}};
}

std::optional<std::int64_t> ParseId(const std::string& raw) {
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || p != raw.data() + raw.size() || id <= 0) return std::nullopt;
  return id;
}

std::optional<int> PageOf(const Context& ctx) {
  const std::string raw = ctx.req.Query("page");
  if (raw.empty()) return 1;
  int page = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), page);
  if (ec != std::errc() || p != raw.data() + raw.size() || page < 1) return std::nullopt;
  return page;
}

std::string QuestionsUrl(const Context& ctx) { return ctx.site_url + "vragen/"; }
std::string QuestionUrl(const Context& ctx, QuestionId id) { return QuestionsUrl(ctx) + std::to_string(id.value); }

nlohmann::json QuestionView(const Context& ctx, const Question& q, bool with_body) {
  nlohmann::json j = {
      {"id", std::to_string(q.id.value)},
      {"url", QuestionUrl(ctx, q.id)},
      {"title", q.title},
      {"author_name", q.author ? q.author_name : ctx.T(Msg("a former neighbour"))},
      {"asked", view::FormatDate(q.created_at, ctx.lang)},
      {"asked_iso", view::LocalIso(q.created_at)},
      {"is_members_only", q.visibility == Visibility::kMembers},
      {"answer_count", std::to_string(q.answer_count)},
      {"has_answers", q.answer_count > 0},
      {"one_answer", q.answer_count == 1},
      {"is_helped", q.helpful_answer.has_value()},
      {"summary", view::MarkdownSummary(q.body_markdown, 160)},
  };
  if (with_body) j["body_html"] = view::MarkdownToHtml(q.body_markdown);
  return j;
}

nlohmann::json FormValues(const std::string& title, const std::string& body, Visibility v) {
  return {{"title", title},
          {"body", body},
          {"visibility_public", v == Visibility::kPublic},
          {"visibility_members", v == Visibility::kMembers}};
}

Result<Response> ListPage(Context& ctx, bool answered) {
  const Viewer viewer = ViewerOf(ctx);
  auto page = PageOf(ctx);
  if (!page) return NoQuestion();
  auto list = Service(ctx).List(ctx.site->id, viewer, answered, *page);
  if (list.questions.empty() && *page > 1) return NoQuestion();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& q : list.questions) items.push_back(QuestionView(ctx, q, false));
  auto data = ctx.PageData(ctx.T(answered ? Msg("Answered questions") : Msg("Questions waiting for an answer")) +
                           " – " + ctx.site->name);
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["answered"] = answered;
  data["can_ask"] = viewer.member;
  data["new_url"] = QuestionsUrl(ctx) + "nieuw";
  data["open_url"] = QuestionsUrl(ctx);
  data["answered_url"] = QuestionsUrl(ctx) + "beantwoord";
  const std::string base = answered ? QuestionsUrl(ctx) + "beantwoord" : QuestionsUrl(ctx);
  if (list.page > 1) data["prev_url"] = list.page == 2 ? base : base + "?page=" + std::to_string(list.page - 1);
  if (list.has_more) data["next_url"] = base + "?page=" + std::to_string(list.page + 1);
  data["has_pages"] = list.page > 1 || list.has_more;
  if (ctx.req.Query("deleted") == "1") data["notice"] = ctx.T(Msg("The question is deleted."));
  auto r = ctx.Page("questions/list", std::move(data));
  r.cacheable = !viewer.member;
  return r;
}

// The question's page; with `error` the answer form shows it (and what was written).
Result<Response> ShowPage(Context& ctx, QuestionId id, const domain::AppError* error, const std::string& answer_text,
                          int status) {
  const Viewer viewer = ViewerFor(ctx, id);
  auto q = Service(ctx).Find(ctx.site->id, id, viewer);
  if (!q) return q.error();
  auto page = PageOf(ctx);
  if (!page) return NoQuestion();
  auto answers = Service(ctx).Answers(ctx.site->id, id, viewer, *page);
  if (!answers) return answers.error();
  const bool may_mark = QuestionService::MayMarkHelpful(*q, viewer);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& a : answers->answers) {
    const bool helpful = q->helpful_answer && *q->helpful_answer == a.id;
    list.push_back({{"id", std::to_string(a.id.value)},
                    {"author_name", a.author ? a.author_name : ctx.T(Msg("a former neighbour"))},
                    {"answered", view::FormatDate(a.created_at, ctx.lang)},
                    {"answered_iso", view::LocalIso(a.created_at)},
                    {"body_html", view::MarkdownToHtml(a.body_markdown)},
                    {"is_professional", a.is_professional},
                    {"organisation_name", a.organisation_name},
                    {"is_helpful", helpful},
                    {"can_mark", may_mark && !helpful},
                    {"can_unmark", may_mark && helpful},
                    {"can_delete", QuestionService::MayDelete(a.author, viewer)},
                    {"delete_url", QuestionUrl(ctx, id) + "/antwoorden/" + std::to_string(a.id.value) + "/verwijderen"}});
  }
  auto data = ctx.PageData(q->title + " – " + ctx.site->name);
  data["question"] = QuestionView(ctx, *q, true);
  data["answers"] = list;
  data["has_answers"] = !list.empty();
  data["questions_url"] = QuestionsUrl(ctx);
  // [roles] >>>
  // A professional working in the site answers too, with their badge (issue 5 §6).
  const bool can_answer = viewer.member || (viewer.user && ctx.professional);
  data["can_answer"] = can_answer;
  if (ctx.professional) data["answer_as_professional"] = ctx.professional->organisation_name;
  if (ctx.services.professionals) {
    if (auto to = ctx.services.professionals->AddresseeOf(ctx.site->id, id)) {
      if (auto pro = ctx.services.professionals->FindInSite(*ctx.site, *to)) {
        data["addressed_to"] = {{"name", pro->display_name}, {"organisation", pro->organization_name}};
      }
    }
  }
  // [roles] <<<
  data["can_delete"] = QuestionService::MayDelete(q->author, viewer);
  data["logged_out"] = !viewer.user.has_value();
  data["login_url"] = "/account/login?next=" + QuestionUrl(ctx, id);
  data["not_site_member"] = viewer.user.has_value() && !can_answer;
  data["join_url"] = ctx.site_url + "join";
  data["values"] = {{"answer", answer_text}};
  data["has_errors"] = false;
  data["errors"] = nlohmann::json::array();
  if (error) {
    const std::string message = ctx.T(error->public_message);
    data["has_errors"] = true;
    data["errors"].push_back({{"field", "answer"}, {"message", message}});
    data["error_answer"] = message;
  }
  const std::string base = QuestionUrl(ctx, id);
  if (answers->page > 1) data["prev_url"] = answers->page == 2 ? base : base + "?page=" + std::to_string(answers->page - 1);
  if (answers->has_more) data["next_url"] = base + "?page=" + std::to_string(answers->page + 1);
  data["has_pages"] = answers->page > 1 || answers->has_more;
  const bool has_forms = can_answer;
  if (has_forms) data["csrf"] = ctx.CsrfToken();
  const std::string notice = ctx.req.Query("notice");
  if (notice == "asked") data["notice"] = ctx.T(Msg("Your question is posted. Neighbours can answer it now."));
  if (notice == "answered") data["notice"] = ctx.T(Msg("Thank you for your answer!"));
  if (notice == "helpful") data["notice"] = ctx.T(Msg("Saved. Thank you for letting your neighbours know."));
  if (notice == "answer_deleted") data["notice"] = ctx.T(Msg("The answer is deleted."));
  auto r = ctx.Page("questions/show", std::move(data));
  r.status = status;
  r.cacheable = q->visibility == Visibility::kPublic && !viewer.user && status == 200;
  return r;
}

}  // namespace

nlohmann::json WaitingQuestions(Context& ctx, bool& cacheable) {
  const Viewer viewer = ViewerOf(ctx);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& q : Service(ctx).Waiting(ctx.site->id, viewer, 3)) items.push_back(QuestionView(ctx, q, false));
  if (viewer.member) cacheable = false;
  return {{"items", items},
          {"has_items", !items.empty()},
          {"questions_url", QuestionsUrl(ctx)},
          {"can_ask", viewer.member}};
}

Result<Response> ListOpen(Context& ctx) { return ListPage(ctx, false); }
Result<Response> ListAnswered(Context& ctx) { return ListPage(ctx, true); }

Result<Response> Show(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return NoQuestion();
  return ShowPage(ctx, QuestionId{*id}, nullptr, "", 200);
}

Result<Response> NewForm(Context& ctx) {
  return handlers::FormPage(ctx, "questions/form", ctx.T(Msg("Ask a question")), FormValues("", "", Visibility::kPublic),
                            nullptr, 200, FormExtra(ctx, ctx.req.Query("professional")));
}

Result<Response> Create(Context& ctx) {
  QuestionDraft d;
  d.title = ctx.req.Form("title");
  d.body_markdown = ctx.req.Form("body");
  const std::string visibility = ctx.req.Form("visibility");
  if (visibility == "members") {
    d.visibility = Visibility::kMembers;
  } else if (visibility == "public" || visibility.empty()) {
    d.visibility = Visibility::kPublic;
  } else {
    return BadForm();
  }
  // [roles] >>>
  // Optionally addressed to a professional working in the site: checked before the question
  // is stored, so a wrong choice stores nothing.
  const std::string professional = ctx.req.Form("professional");
  std::optional<domain::UserId> addressee;
  if (!professional.empty()) {
    auto pid = ParseId(professional);
    if (!pid || !ctx.services.professionals) return BadForm();
    if (auto pro = ctx.services.professionals->FindInSite(*ctx.site, domain::UserId{*pid}); !pro) {
      auto e = pro.error();
      e.code = ErrorCode::kValidation;
      e.field = "professional";
      return handlers::FormPage(ctx, "questions/form", ctx.T(Msg("Ask a question")),
                                FormValues(d.title, d.body_markdown, d.visibility), &e, 422,
                                FormExtra(ctx, professional));
    }
    addressee = domain::UserId{*pid};
  }
  // [roles] <<<
  auto q = Service(ctx).Ask(ctx.site->id, ViewerOf(ctx), d);
  if (!q) {
    if (q.error().code != ErrorCode::kValidation) return q.error();
    return handlers::FormPage(ctx, "questions/form", ctx.T(Msg("Ask a question")),
                              FormValues(d.title, d.body_markdown, d.visibility), &q.error(), 422,
                              FormExtra(ctx, professional));
  }
  // [roles] >>>
  if (addressee) {
    if (auto s = ctx.services.professionals->AddressQuestion(*ctx.site, q->id, q->title, *addressee,
                                                             ctx.PublicUrl(QuestionUrl(ctx, q->id)));
        !s) {
      return s.error();
    }
  }
  // [roles] <<<
  return Redirect(303, QuestionUrl(ctx, q->id) + "?notice=asked");
}

Result<Response> Delete(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return NoQuestion();
  if (auto s = Service(ctx).Delete(ctx.site->id, QuestionId{*id}, ViewerOf(ctx)); !s) return s.error();
  return Redirect(303, QuestionsUrl(ctx) + "?deleted=1");
}

Result<Response> Answer(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return NoQuestion();
  const std::string text = ctx.req.Form("answer");
  auto a = Service(ctx).AnswerQuestion(ctx.site->id, QuestionId{*id}, ViewerFor(ctx, QuestionId{*id}), text,
                                       ctx.professional);
  if (!a) {
    if (a.error().code != ErrorCode::kValidation) return a.error();
    return ShowPage(ctx, QuestionId{*id}, &a.error(), text, 422);
  }
  return Redirect(303, QuestionUrl(ctx, QuestionId{*id}) + "?notice=answered#answer-" + std::to_string(a->id.value));
}

Result<Response> Helpful(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return NoQuestion();
  const std::string raw = ctx.req.Form("answer");
  std::optional<AnswerId> answer;
  if (!raw.empty()) {
    auto a = ParseId(raw);
    if (!a) return BadForm();
    answer = AnswerId{*a};
  }
  if (auto s = Service(ctx).MarkHelpful(ctx.site->id, QuestionId{*id}, ViewerOf(ctx), answer); !s) return s.error();
  return Redirect(303, QuestionUrl(ctx, QuestionId{*id}) + "?notice=helpful");
}

Result<Response> DeleteAnswer(Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  auto answer = ParseId(ctx.Param("answer"));
  if (!id || !answer) return NoQuestion();
  if (auto s = Service(ctx).DeleteAnswer(ctx.site->id, QuestionId{*id}, AnswerId{*answer}, ViewerOf(ctx)); !s) {
    return s.error();
  }
  return Redirect(303, QuestionUrl(ctx, QuestionId{*id}) + "?notice=answer_deleted");
}

}  // namespace buurtplein::http::handlers::questions
