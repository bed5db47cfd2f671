#include "store/sqlite/personal_data_repository.hpp"

#include "store/personal_data_sql.hpp"

namespace buurtplein::store::sqlite {

using domain::ErrorCode;
using domain::MakeError;
using namespace domain::accounts;

namespace {

// The outbox keeps a record of every mail, except what is owed to a deleted person: mail not
// sent yet is dropped, sent and dead mail keeps no address, name or text.
constexpr const char* kDeletePendingMail = "DELETE FROM mail_outbox WHERE to_address = ?1 AND status = 'pending'";
constexpr const char* kAnonymiseMail =
    "UPDATE mail_outbox SET to_address = '', to_name = '', text_body = '', html_body = NULL WHERE to_address = ?1";
constexpr const char* kDeleteUser = "DELETE FROM users WHERE id = ?1";
// Ordinary tables only: a full-text index (an FTS5 virtual table and its shadow tables) is
// derived from a declared table and holds nothing of its own.
constexpr const char* kSchemaColumns =
    "SELECT m.name, p.name FROM pragma_table_list AS m, pragma_table_info(m.name) AS p "
    "WHERE m.schema = 'main' AND m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
    "ORDER BY m.name, p.cid";

}  // namespace

std::vector<std::vector<PersonalValue>> SqlitePersonalDataRepository::ReadRows(const TableDecl& table,
                                                                               const PersonalKey& key) {
  const std::string sql = PersonalSelectSql(table, "?1");
  const auto columns = ExportColumns(table);
  auto s = db_.Conn().Prepare(sql);
  if (const auto* id = std::get_if<domain::UserId>(&key)) {
    s.Bind(1, id->value);
  } else {
    s.Bind(1, std::get<std::string>(key));
  }
  std::vector<std::vector<PersonalValue>> rows;
  while (s.Step()) {
    std::vector<PersonalValue> row;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const int col = static_cast<int>(i);
      if (s.IsNull(col)) {
        row.emplace_back(std::monostate{});
      } else if (columns[i]->kind == ColumnKind::kText) {
        row.emplace_back(s.Text(col));
      } else {
        row.emplace_back(s.Int(col));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

domain::Status SqlitePersonalDataRepository::EraseAccount(domain::UserId user, std::string_view email) {
  auto& c = db_.Conn();
  Transaction tx(c);
  c.Prepare(kDeletePendingMail).Bind(1, email).Exec();
  c.Prepare(kAnonymiseMail).Bind(1, email).Exec();
  c.Prepare(kDeleteUser).Bind(1, user.value).Exec();
  if (sqlite3_changes(c.raw()) == 0) return MakeError(ErrorCode::kNotFound, "This account does not exist.");
  tx.Commit();
  return domain::Ok{};
}

std::vector<std::pair<std::string, std::string>> SqlitePersonalDataRepository::ListSchemaColumns() {
  auto s = db_.Conn().Prepare(kSchemaColumns);
  std::vector<std::pair<std::string, std::string>> out;
  while (s.Step()) out.emplace_back(s.Text(0), s.Text(1));
  return out;
}

}  // namespace buurtplein::store::sqlite
