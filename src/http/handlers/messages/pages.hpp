#pragma once
#include "http/context.hpp"

/// Private messages (issue 4 §7): the conversation list with unread counts, a conversation with
/// its reply form, starting a conversation from a profile, reporting a message. Routes in the
/// [messages] block of src/http/routes.cpp; every page is for the site's verified members, and a
/// conversation only for its two members (anyone else: 404).
namespace buurtplein::http::handlers::messages {

domain::Result<Response> List(Context& ctx);
domain::Result<Response> NewForm(Context& ctx);
domain::Result<Response> Create(Context& ctx);
domain::Result<Response> Show(Context& ctx);
domain::Result<Response> Reply(Context& ctx);
domain::Result<Response> ReportForm(Context& ctx);
domain::Result<Response> Report(Context& ctx);

}  // namespace buurtplein::http::handlers::messages
