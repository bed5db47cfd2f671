#include "store/postgres/personal_data_repository.hpp"

#include <charconv>
#include <ctime>

#include "store/personal_data_sql.hpp"

namespace buurtplein::store::postgres {

using domain::ErrorCode;
using domain::MakeError;
using namespace domain::accounts;

namespace {

// See store/sqlite/personal_data_repository.cpp.
constexpr const char* kDeletePendingMail = "DELETE FROM mail_outbox WHERE to_address = $1 AND status = 'pending'";
constexpr const char* kAnonymiseMail =
    "UPDATE mail_outbox SET to_address = '', to_name = '', text_body = '', html_body = NULL WHERE to_address = $1";
constexpr const char* kDeleteUser = "DELETE FROM users WHERE id = $1";
constexpr const char* kSchemaColumns =
    "SELECT table_name::text, column_name::text FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position";

int Digits(std::string_view s, std::size_t pos, std::size_t n) {
  int v = 0;
  if (pos + n > s.size()) return -1;
  auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + n, v);
  return ec == std::errc() && p == s.data() + pos + n ? v : -1;
}

// A time column as Unix seconds: BIGINT columns come as digits, TIMESTAMPTZ ones as
// "2026-12-03 10:00:00[.123456]+01[:30]" (ISO DateStyle, in the session's time zone).
std::int64_t UnixSeconds(const std::string& text) {
  std::int64_t v = 0;
  if (auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      ec == std::errc() && p == text.data() + text.size()) {
    return v;
  }
  std::tm tm{};
  tm.tm_year = Digits(text, 0, 4) - 1900;
  tm.tm_mon = Digits(text, 5, 2) - 1;
  tm.tm_mday = Digits(text, 8, 2);
  tm.tm_hour = Digits(text, 11, 2);
  tm.tm_min = Digits(text, 14, 2);
  tm.tm_sec = Digits(text, 17, 2);
  std::int64_t t = timegm(&tm);
  std::size_t pos = 19;
  while (pos < text.size() && text[pos] != '+' && text[pos] != '-') ++pos;  // fraction
  if (pos < text.size()) {
    const int sign = text[pos] == '-' ? -1 : 1;
    const int hours = Digits(text, pos + 1, 2);
    const int minutes = pos + 3 < text.size() && text[pos + 3] == ':' ? Digits(text, pos + 4, 2) : 0;
    t -= sign * (std::int64_t{hours} * 3600 + std::int64_t{minutes} * 60);
  }
  return t;
}

}  // namespace

std::vector<std::vector<PersonalValue>> PostgresPersonalDataRepository::ReadRows(const TableDecl& table,
                                                                                 const PersonalKey& key) {
  const std::string sql = PersonalSelectSql(table, "$1");
  const auto columns = ExportColumns(table);
  Params p;
  if (const auto* id = std::get_if<domain::UserId>(&key)) {
    p.Add(id->value);
  } else {
    p.Add(std::get<std::string>(key));
  }
  auto c = pool_.Acquire();
  const Result r = c->Exec(sql.c_str(), p);
  std::vector<std::vector<PersonalValue>> rows;
  for (int i = 0; i < r.Rows(); ++i) {
    std::vector<PersonalValue> row;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const int col = static_cast<int>(k);
      if (r.IsNull(i, col)) {
        row.emplace_back(std::monostate{});
        continue;
      }
      switch (columns[k]->kind) {
        case ColumnKind::kText: row.emplace_back(r.Text(i, col)); break;
        case ColumnKind::kInteger: row.emplace_back(r.Int(i, col)); break;
        case ColumnKind::kTime: row.emplace_back(UnixSeconds(r.Text(i, col))); break;
        case ColumnKind::kBool: {
          const std::string t = r.Text(i, col);
          row.emplace_back(std::int64_t{t == "t" || t == "true" || t == "1"});
          break;
        }
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

domain::Status PostgresPersonalDataRepository::EraseAccount(domain::UserId user, std::string_view email) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  c->Exec(kDeletePendingMail, Params().Add(email));
  c->Exec(kAnonymiseMail, Params().Add(email));
  if (c->Exec(kDeleteUser, Params().Add(user.value)).Affected() == 0) {
    return MakeError(ErrorCode::kNotFound, "This account does not exist.");
  }
  tx.Commit();
  return domain::Ok{};
}

std::vector<std::pair<std::string, std::string>> PostgresPersonalDataRepository::ListSchemaColumns() {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kSchemaColumns);
  std::vector<std::pair<std::string, std::string>> out;
  for (int i = 0; i < r.Rows(); ++i) out.emplace_back(r.Text(i, 0), r.Text(i, 1));
  return out;
}

}  // namespace buurtplein::store::postgres
