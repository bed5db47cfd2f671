#include "domain/security/common_passwords.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "domain/security/encoding.hpp"

namespace buurtplein::domain::security {

CommonPasswords CommonPasswords::LoadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("The common-password list " + path.string() + " cannot be read.");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw std::runtime_error("The common-password list " + path.string() + " cannot be read.");
  return FromText(text.str());
}

CommonPasswords CommonPasswords::FromText(std::string_view text) {
  CommonPasswords list;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) list.passwords_.insert(AsciiLower(line));
  }
  return list;
}

bool CommonPasswords::Contains(std::string_view password) const {
  return passwords_.contains(AsciiLower(password));
}

}  // namespace buurtplein::domain::security
