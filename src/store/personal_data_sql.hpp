#pragma once
#include <stdexcept>
#include <string>

#include "domain/accounts/personal_data.hpp"

namespace buurtplein::store {

/// The export's SELECT for one declared table, built from the declaration only:
///   SELECT "c1", "c2" FROM "table" WHERE "link" = <placeholder> ORDER BY "order_by"
/// Throws std::logic_error when `table` is not an entry of PersonalDataDeclaration() (by
/// address) or a name is not a plain lower-case identifier: no name can come from input.
inline std::string PersonalSelectSql(const domain::accounts::TableDecl& table, const char* placeholder) {
  bool declared = false;
  for (const auto& t : domain::accounts::PersonalDataDeclaration()) declared = declared || &t == &table;
  if (!declared || table.link == domain::accounts::LinkKind::kNone) {
    throw std::logic_error("personal data: table not declared for export");
  }
  const auto quote = [](std::string_view name) {
    if (name.empty()) throw std::logic_error("personal data: empty identifier");
    for (char c : name) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        throw std::logic_error("personal data: bad identifier " + std::string(name));
      }
    }
    return "\"" + std::string(name) + "\"";
  };
  std::string sql = "SELECT ";
  bool first = true;
  for (const auto* c : domain::accounts::ExportColumns(table)) {
    if (!first) sql += ", ";
    sql += quote(c->name);
    first = false;
  }
  if (first) throw std::logic_error("personal data: no columns to export");
  sql += " FROM " + quote(table.table) + " WHERE " + quote(table.link_column) + " = " + placeholder;
  sql += " ORDER BY " + quote(table.order_by.empty() ? table.link_column : table.order_by);
  return sql;
}

}  // namespace buurtplein::store
