#include "mail/smtp_transport.hpp"

#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>

namespace buurtplein::mail {
namespace {

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t ReadChunk(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data->size() - upload->offset);
  std::memcpy(buffer, upload->data->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// Keeps the server's last reply line: libcurl's own message for a refused DATA is only
// "Weird server reply", and the operator needs to read what the server said.
int KeepLastReply(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (!line.empty()) *static_cast<std::string*>(user) = line;
  return 0;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

std::optional<SmtpSecurity> SmtpSecurityFromName(std::string_view name) {
  if (name == "none") return SmtpSecurity::kNone;
  if (name == "starttls") return SmtpSecurity::kStartTls;
  if (name == "tls") return SmtpSecurity::kTls;
  return std::nullopt;
}

SmtpTransport::SmtpTransport(SmtpOptions options) : options_(std::move(options)) {
  GlobalInit();
  url_ = options_.url;
  if (options_.security == SmtpSecurity::kTls && url_.rfind("smtp://", 0) == 0) url_.insert(4, "s");
  while (!url_.empty() && url_.back() == '/') url_.pop_back();
  // libcurl takes the EHLO name from the URL's path.
  const auto authority = url_.find("://");
  if (url_.find('/', authority == std::string::npos ? 0 : authority + 3) == std::string::npos) {
    url_ += "/" + (options_.helo_name.empty() ? std::string("localhost") : options_.helo_name);
  }
}

std::optional<std::string> SmtpTransport::Send(const domain::mail::Message& message, const std::string& envelope_from,
                                               const std::string& rfc5322) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return std::string("libcurl could not be initialised");
  const std::string from = "<" + envelope_from + ">";
  const std::string to = "<" + message.to_address + ">";
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt(curl_slist_append(nullptr, to.c_str()),
                                                                    &curl_slist_free_all);
  Upload upload{&rfc5322};
  char error[CURL_ERROR_SIZE] = {};
  std::string last_reply;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_USE_SSL,
                   options_.security == SmtpSecurity::kStartTls ? static_cast<long>(CURLUSESSL_ALL)
                                                                : static_cast<long>(CURLUSESSL_NONE));
  if (!options_.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, options_.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &ReadChunk);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(options_.timeout.count()));
  // No SIGALRM for timeouts: this runs on a worker thread of a multi-threaded server.
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, &KeepLastReply);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, &last_reply);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // needed for the debug function; it prints nothing
  const CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) return std::nullopt;
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  const std::string reason = error[0] ? error : curl_easy_strerror(rc);
  if (code >= 400 && !last_reply.empty()) return "SMTP server replied \"" + last_reply + "\" (" + reason + ")";
  return reason;
}

}  // namespace buurtplein::mail
