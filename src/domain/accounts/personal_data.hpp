#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/common/ids.hpp"

namespace buurtplein::domain::accounts {

/// What a column holds, as far as a person's rights to their data are concerned.
enum class ColumnUse {
  kExported,     ///< personal data about the person: in "download my data" with its value
  kDescribed,    ///< about the person, but a secret (a hash, a mail that may hold a login link):
                 ///< the export says what is stored (ColumnDecl::description), never the value
  kNotPersonal,  ///< technical or public: not personal data; not in the export
};

/// How a value is written in the export; both engines store these as integers or text.
enum class ColumnKind { kText, kInteger, kTime, kBool };

/// One column of a table.
struct ColumnDecl {
  std::string_view name;
  ColumnUse use = ColumnUse::kNotPersonal;
  ColumnKind kind = ColumnKind::kText;
  std::string_view export_name = {};  ///< key in the export when not `name` ("password")
  std::string_view description = {};  ///< for kDescribed: shown instead of a non-empty value
};

/// How a table's rows belong to a person.
enum class LinkKind {
  kNone,    ///< the table holds no personal data
  kUserId,  ///< link_column holds the account's id
  kEmail,   ///< link_column holds an e-mail address (the account's current address)
};

/// One table of the schema.
struct TableDecl {
  std::string_view table;
  LinkKind link = LinkKind::kNone;
  std::string_view link_column = {};
  std::string_view section = {};   ///< key of this table's rows in the export ("sessions")
  bool single = false;             ///< one row per person: an object in the export, not a list
  std::string_view order_by = {};  ///< the export lists rows in this column's order
  std::vector<ColumnDecl> columns; ///< every column of the table, personal or not
};

/// THE declaration of personal data: every table of the schema, every column of each, on both
/// engines. The store suite compares it with the live schema (tests/integration/store/
/// personal_data_test.cpp) and fails while a table or column is missing here, so a new table
/// or column cannot ship before someone decided whether it is personal data; what is declared
/// personal is exported by "download my data" without further code.
const std::vector<TableDecl>& PersonalDataDeclaration();

/// The declared table, or nullptr.
const TableDecl* FindTableDecl(std::string_view table);

/// The columns of `table` that the export reads (kExported and kDescribed), in declared order.
std::vector<const ColumnDecl*> ExportColumns(const TableDecl& table);

/// A value read for the export: NULL, an integer (times and booleans too) or text.
using PersonalValue = std::variant<std::monostate, std::int64_t, std::string>;

/// Whose rows to read: an account id (LinkKind::kUserId) or an address (LinkKind::kEmail).
using PersonalKey = std::variant<UserId, std::string>;

/// Reads and erases personal data as the declaration describes it. Table and column names come
/// from the declaration only: an implementation refuses a TableDecl that is not one of
/// PersonalDataDeclaration()'s (by address), so no name ever comes from input.
class PersonalDataRepository {
 public:
  virtual ~PersonalDataRepository() = default;
  /// The rows of `table` whose link column equals `key`, ExportColumns(table) of each, in
  /// `order_by` order. Times come back as Unix seconds and booleans as 0/1 on both engines.
  virtual std::vector<std::vector<PersonalValue>> ReadRows(const TableDecl& table, const PersonalKey& key) = 0;
  /// Deletes the account in one transaction: unsent mail to `email` is removed, sent and dead
  /// mail to it keeps no address, name or text; the users row goes, and its sessions, tokens
  /// and memberships with it (ON DELETE CASCADE). kNotFound when there is no such account.
  virtual Status EraseAccount(UserId user, std::string_view email) = 0;
  /// Every (table, column) of the live schema, tables and columns in order (for the coverage
  /// test and for operators); the engine's own tables are left out.
  virtual std::vector<std::pair<std::string, std::string>> ListSchemaColumns() = 0;
};

}  // namespace buurtplein::domain::accounts
