#pragma once
#include <filesystem>

#include "domain/mail/mailbox.hpp"

namespace buurtplein::mail {

/// The .eml files of EmlDirectoryTransport, read back for the development mail page.
class EmlMailbox final : public domain::mail::Mailbox {
 public:
  explicit EmlMailbox(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::vector<domain::mail::StoredMail> List(int limit) const override;
  std::optional<domain::mail::StoredMail> Read(std::string_view file_name) const override;

 private:
  std::filesystem::path dir_;
};

/// True for names EmlFileName makes, and only those: "20261203T100000Z-42.eml". Nothing else
/// (no '/', "..", hidden or temporary files) is ever opened.
bool IsEmlFileName(std::string_view name);

/// The decoded text/plain part of a raw message (quoted-printable undone, CRLF → LF); "" when
/// it has none.
std::string PlainTextOf(const std::string& rfc5322);

}  // namespace buurtplein::mail
