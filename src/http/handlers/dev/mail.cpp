#include "http/handlers/dev/mail.hpp"

#include <algorithm>
#include <cctype>

#include "view/i18n.hpp"

namespace buurtplein::http::handlers::dev {

using domain::ErrorCode;
using domain::Result;
using view::Msg;

namespace {
constexpr int kNewest = 50;
}  // namespace

nlohmann::json LinkPieces(const std::string& text) {
  nlohmann::json pieces = nlohmann::json::array();
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t start = std::string::npos;
    for (const char* scheme : {"http://", "https://"}) {
      start = std::min(start, text.find(scheme, pos));
    }
    if (start == std::string::npos) {
      pieces.push_back({{"text", text.substr(pos)}, {"url", false}});
      break;
    }
    if (start > pos) pieces.push_back({{"text", text.substr(pos, start - pos)}, {"url", false}});
    std::size_t end = start;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) && text[end] != '<' &&
           text[end] != '>' && text[end] != '"') {
      ++end;
    }
    pieces.push_back({{"url", text.substr(start, end - start)}});
    pos = end;
  }
  return pieces;
}

Result<Response> MailList(Context& ctx) {
  auto data = ctx.PageData(ctx.T(Msg("Mail sent in development")));
  nlohmann::json list = nlohmann::json::array();
  if (const auto* box = ctx.services.dev_mailbox) {
    for (const auto& m : box->List(kNewest)) {
      list.push_back({{"url", "/dev/mail/" + m.file_name},
                      {"subject", m.subject},
                      {"to", m.to},
                      {"date", m.date},
                      {"file_name", m.file_name}});
    }
  }
  data["has_mailbox"] = ctx.services.dev_mailbox != nullptr;
  data["has_mails"] = !list.empty();
  data["mails"] = std::move(list);
  data["newest"] = kNewest;
  return ctx.Page("dev/mail_list", std::move(data));
}

Result<Response> MailShow(Context& ctx) {
  const auto* box = ctx.services.dev_mailbox;
  auto mail = box ? box->Read(ctx.Param("file")) : std::nullopt;
  if (!mail) return domain::MakeError(ErrorCode::kNotFound, "This e-mail does not exist.");
  auto data = ctx.PageData(mail->subject);
  data["mail"] = {{"subject", mail->subject},
                  {"from", mail->from},
                  {"to", mail->to},
                  {"date", mail->date},
                  {"file_name", mail->file_name},
                  {"pieces", LinkPieces(mail->text)}};
  return ctx.Page("dev/mail_show", std::move(data));
}

}  // namespace buurtplein::http::handlers::dev
