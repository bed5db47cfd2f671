#pragma once
#include <string>
#include <string_view>

#include "domain/mail/model.hpp"

namespace buurtplein::mail {

/// The sender side of every message, from the configuration.
struct MimeOptions {
  std::string from_address = "buurtplein@localhost";  ///< envelope sender and From address
  std::string from_name = "Buurtplein";               ///< From display name when the message has none
  std::string message_id_domain;                      ///< right side of Message-ID; empty: from_address's domain
};

/// The whole RFC 5322 message with CRLF line endings: Date (created_at), From, To, Subject,
/// Message-ID (stable across retries: derived from the outbox id), MIME-Version, Auto-Submitted,
/// and a text/plain body, or multipart/alternative with text/plain first and text/html second.
/// Every part is UTF-8 in quoted-printable. Dot-stuffing is left to the SMTP client (libcurl).
std::string BuildMime(const domain::mail::Message& message, const MimeOptions& options);

/// A header value safe for any header: ASCII as is (folded at spaces when long), anything else
/// as RFC 2047 encoded-words (=?UTF-8?B?…?=), split on character boundaries and folded.
std::string EncodeHeaderText(std::string_view text);
/// "Name <address>" with the name quoted or encoded as needed; just the address when no name.
std::string FormatMailbox(std::string_view name, std::string_view address);
/// Quoted-printable (RFC 2045) with CRLF line endings; LF or CRLF in the input end a line.
std::string EncodeQuotedPrintable(std::string_view text);
/// RFC 5322 date in UTC: "Thu, 03 Dec 2026 10:00:00 +0000".
std::string FormatDate(domain::mail::Time time);
/// "<bp.42.1796292000@example.nl>".
std::string MessageIdFor(const domain::mail::Message& message, const MimeOptions& options);

/// `text` with the local part of every e-mail address in it replaced by "***" ("***@example.nl"):
/// for log lines that quote a mail server's reply, which may name the recipient.
std::string RedactAddresses(std::string_view text);

/// Unfolds a header value and decodes its RFC 2047 encoded-words (B and Q; charset taken as UTF-8).
std::string DecodeHeaderText(std::string_view value);
/// Decodes quoted-printable; soft line breaks vanish, hard ones become CRLF.
std::string DecodeQuotedPrintable(std::string_view text);

}  // namespace buurtplein::mail
