#include "mail/eml_directory_transport.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "mail/mime.hpp"

namespace buurtplein::mail {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string ReadHeaders(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string out, line;
  while (std::getline(in, line)) {
    if (line == "\r" || line.empty()) break;
    out += line + "\n";
  }
  return out;
}

}  // namespace

EmlDirectoryTransport::EmlDirectoryTransport(std::filesystem::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec || ::access(dir_.c_str(), W_OK) != 0) {
    throw std::runtime_error("The mail directory '" + dir_.string() + "' cannot be created or is not writable.");
  }
}

std::string EmlFileName(const domain::mail::Message& message) {
  const std::time_t t = message.created_at.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  return std::string(stamp) + "-" + std::to_string(message.id.value) + ".eml";
}

std::optional<std::string> EmlDirectoryTransport::Send(const domain::mail::Message& message, const std::string&,
                                                       const std::string& rfc5322) {
  const auto final_path = dir_ / EmlFileName(message);
  const auto temp_path = dir_ / ("." + EmlFileName(message) + ".tmp");
  const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot create " + temp_path.string() + ": " + std::strerror(errno);
  std::size_t done = 0;
  while (done < rfc5322.size()) {
    const ssize_t n = ::write(fd, rfc5322.data() + done, rfc5322.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string reason = std::strerror(errno);
      ::close(fd);
      ::unlink(temp_path.c_str());
      return "cannot write " + temp_path.string() + ": " + reason;
    }
    done += static_cast<std::size_t>(n);
  }
  // Durable before it becomes visible: after the rename the outbox marks the mail sent.
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp_path.c_str());
    return "cannot write " + temp_path.string() + ": " + reason;
  }
  if (::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp_path.c_str());
    return "cannot rename to " + final_path.string() + ": " + reason;
  }
  return std::nullopt;
}

std::string HeaderValue(const std::string& rfc5322, std::string_view name) {
  std::istringstream in(rfc5322);
  std::string line, value;
  bool in_header = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;  // end of the header section
    if (line[0] == ' ' || line[0] == '\t') {
      if (in_header) value += line;
      continue;
    }
    if (in_header) break;
    const auto colon = line.find(':');
    if (colon != std::string::npos && EqualsIgnoreCase(std::string_view(line).substr(0, colon), name)) {
      in_header = true;
      value = line.substr(colon + 1);
      if (!value.empty() && value[0] == ' ') value.erase(0, 1);
    }
  }
  return DecodeHeaderText(value);
}

std::vector<EmlFile> ListEmlFiles(const std::filesystem::path& dir, int limit) {
  std::vector<EmlFile> out;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (name.empty() || name[0] == '.' || it->path().extension() != ".eml") continue;
    EmlFile f;
    f.path = it->path();
    f.file_name = name;
    const auto dash = name.rfind('-');
    if (dash != std::string::npos) f.outbox_id = std::atoll(name.c_str() + dash + 1);
    f.size = it->file_size(ec);
    out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(), [](const EmlFile& a, const EmlFile& b) {
    const auto stamp = [](const EmlFile& f) { return f.file_name.substr(0, f.file_name.rfind('-')); };
    return std::make_tuple(stamp(a), a.outbox_id) > std::make_tuple(stamp(b), b.outbox_id);
  });
  if (limit >= 0 && out.size() > static_cast<std::size_t>(limit)) out.resize(static_cast<std::size_t>(limit));
  for (auto& f : out) {
    const std::string headers = ReadHeaders(f.path) + "\n";
    f.date = HeaderValue(headers, "Date");
    f.from = HeaderValue(headers, "From");
    f.to = HeaderValue(headers, "To");
    f.subject = HeaderValue(headers, "Subject");
  }
  return out;
}

}  // namespace buurtplein::mail
