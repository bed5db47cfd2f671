#include "http/account_mailer.hpp"

#include <spdlog/spdlog.h>

namespace buurtplein::http {

using view::Lang;
using view::Msg;

namespace {
// Lines starting with this marker are literal (links, names) and are not translated.
constexpr char kLiteral = '\x01';
std::string Literal(const std::string& s) { return std::string(1, kLiteral) + s; }
}  // namespace

std::string AccountMailer::Bilingual(const std::vector<std::string>& lines) const {
  std::string out;
  for (Lang lang : {Lang::kNl, Lang::kEn}) {
    if (lang == Lang::kEn) out += "\n-- English --\n\n";
    for (const auto& line : lines) {
      out += line.empty() || line[0] != kLiteral ? catalogs_.Translate(lang, line) : line.substr(1);
      out += "\n";
    }
  }
  out += "\n-- \nBuurtplein\n";
  return out;
}

void AccountMailer::Send(std::string_view to, std::string_view to_name, const std::string& subject_msgid,
                         const std::vector<std::string>& lines) {
  domain::mail::Draft d;
  d.to_address = std::string(to);
  d.to_name = std::string(to_name);
  d.subject = catalogs_.Translate(Lang::kNl, subject_msgid) + " / " + subject_msgid;
  d.text_body = Bilingual(lines);
  auto sent = mail_.Send(d);
  // The address was checked at sign-up; a failure here is a bug worth seeing in the log,
  // never a reason to tell the visitor something different.
  if (!sent) spdlog::error("account mail not queued: {}", sent.error().internal_detail);
}

void AccountMailer::SendVerification(const domain::accounts::User& user, const std::string& link) {
  Send(user.email, user.display_name, Msg("Confirm your e-mail address"),
       {Msg("Hello,"), "",
        Msg("You signed up for Buurtplein. Please confirm your e-mail address with this link:"), Literal(link), "",
        Msg("The link works for 48 hours. Did you not sign up? Then you can ignore this mail.")});
}

void AccountMailer::SendAlreadyRegistered(std::string_view email, const std::string& login_link,
                                          const std::string& reset_link) {
  Send(email, "", Msg("You already have an account"),
       {Msg("Hello,"), "",
        Msg("Someone tried to sign up for Buurtplein with this e-mail address. You already have an account."),
        Msg("Log in here:"), Literal(login_link), Msg("Forgot your password? Choose a new one here:"),
        Literal(reset_link), "", Msg("Was this not you? Then you can ignore this mail.")});
}

void AccountMailer::SendPasswordReset(const domain::accounts::User& user, const std::string& link) {
  Send(user.email, user.display_name, Msg("Choose a new password"),
       {Msg("Hello,"), "", Msg("Someone asked to choose a new password for your Buurtplein account."),
        Msg("Choose a new password with this link:"), Literal(link), "",
        Msg("The link works for 30 minutes and only once. Did you not ask for this? Then you can ignore this mail.")});
}

void AccountMailer::SendPasswordChanged(const domain::accounts::User& user) {
  Send(user.email, user.display_name, Msg("Your password was changed"),
       {Msg("Hello,"), "",
        Msg("The password of your Buurtplein account was just changed. You have been logged out everywhere else."),
        "", Msg("Was this not you? Choose a new password at once via 'Forgot your password?' on the login page.")});
}

void AccountMailer::SendEmailChange(const domain::accounts::User& user, std::string_view new_email,
                                    const std::string& link) {
  Send(new_email, user.display_name, Msg("Confirm your new e-mail address"),
       {Msg("Hello,"), "", Msg("You want to use this e-mail address for your Buurtplein account. Please confirm it with this link:"),
        Literal(link), "", Msg("The link works for 48 hours. Did you not ask for this? Then you can ignore this mail.")});
}

void AccountMailer::SendEmailChangeNotice(const domain::accounts::User& user) {
  Send(user.email, user.display_name, Msg("Your e-mail address is being changed"),
       {Msg("Hello,"), "",
        Msg("Someone asked to change the e-mail address of your Buurtplein account. The new address gets a link to confirm it."),
        "", Msg("Was this not you? Change your password at once and look at your sessions on your account page.")});
}

}  // namespace buurtplein::http
