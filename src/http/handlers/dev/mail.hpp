#pragma once
#include "http/context.hpp"

/// Development only (`make run`): the mails written as .eml files under data_dir/mail.
namespace buurtplein::http::handlers::dev {

domain::Result<Response> MailList(Context& ctx);
domain::Result<Response> MailShow(Context& ctx);

/// Splits plain text into pieces of text and http(s) links, for a page that shows links
/// clickable (escaped by the template like any other text).
nlohmann::json LinkPieces(const std::string& text);

}  // namespace buurtplein::http::handlers::dev
