#pragma once
#include <nlohmann/json.hpp>

#include "http/context.hpp"

/// Neighbourhood questions (buurtvragen, issue 4 §6): questions waiting for an answer and
/// answered ones, a question with its answers, asking, answering, marking the answer that
/// helped, deleting. Routes in the "[questions]" block of src/http/routes.cpp.
namespace buurtplein::http::handlers::questions {

domain::Result<Response> ListOpen(Context& ctx);
domain::Result<Response> ListAnswered(Context& ctx);
domain::Result<Response> Show(Context& ctx);
domain::Result<Response> NewForm(Context& ctx);
domain::Result<Response> Create(Context& ctx);
domain::Result<Response> Delete(Context& ctx);
domain::Result<Response> Answer(Context& ctx);
domain::Result<Response> Helpful(Context& ctx);
domain::Result<Response> DeleteAnswer(Context& ctx);

/// Questions of the request's site waiting for an answer, for the site home:
/// {"items": [...], "has_items", "questions_url", "can_ask"}. `cacheable` becomes false when
/// the block shows members-only questions.
nlohmann::json WaitingQuestions(Context& ctx, bool& cacheable);

}  // namespace buurtplein::http::handlers::questions
