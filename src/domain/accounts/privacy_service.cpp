#include "domain/accounts/privacy_service.hpp"

#include "domain/security/passwords.hpp"
#include "domain/security/rate_limiter.hpp"

namespace buurtplein::domain::accounts {

PrivacyService::PrivacyService(Store& store, security::RateLimiter& limiter, const Clock& clock)
    : store_(store), limiter_(limiter), clock_(clock) {}

PersonalDataExport PrivacyService::Export(const User& user) {
  PersonalDataExport out;
  out.exported_at = clock_.Now();
  for (const auto& table : PersonalDataDeclaration()) {
    if (table.link == LinkKind::kNone) continue;
    const PersonalKey key = table.link == LinkKind::kUserId ? PersonalKey{user.id} : PersonalKey{user.email};
    const auto columns = ExportColumns(table);
    ExportSection section{table.section, table.single, {}};
    for (auto& values : store_.personal_data().ReadRows(table, key)) {
      std::vector<ExportField> row;
      for (std::size_t i = 0; i < columns.size() && i < values.size(); ++i) {
        const ColumnDecl& c = *columns[i];
        ExportField f{c.export_name.empty() ? c.name : c.export_name, c.kind, {}, {}};
        if (c.use == ColumnUse::kDescribed) {
          // Only whether something is stored, never the secret itself.
          const auto* text = std::get_if<std::string>(&values[i]);
          const bool present = text ? !text->empty() : !std::holds_alternative<std::monostate>(values[i]);
          if (present) f.description = c.description;
        } else {
          f.value = std::move(values[i]);
        }
        row.push_back(std::move(f));
      }
      section.rows.push_back(std::move(row));
    }
    out.sections.push_back(std::move(section));
  }
  return out;
}

Status PrivacyService::DeleteAccount(const Authenticated& auth, std::string_view current_password,
                                     ContentChoice choice) {
  const auto now = security::RateLimiter::Clock::time_point(std::chrono::seconds(clock_.Now()));
  auto d = limiter_.Check("delete:account:" + std::to_string(auth.user.id.value), 10, std::chrono::minutes(15), now);
  if (!d.allowed) {
    auto e = MakeError(ErrorCode::kRateLimited, "Too many attempts. Please wait a moment and try again.");
    e.retry_after_seconds = static_cast<long>(d.retry_after_seconds);
    return e;
  }
  if (!security::VerifyPassword(auth.user.password_hash, current_password)) {
    auto e = MakeError(ErrorCode::kValidation, "Your current password is not right.");
    e.field = "current_password";
    return e;
  }
  for (auto* eraser : erasers_) {
    if (auto s = eraser->EraseContent(auth.user.id, choice); !s) return s;
  }
  return store_.personal_data().EraseAccount(auth.user.id, auth.user.email);
}

}  // namespace buurtplein::domain::accounts
