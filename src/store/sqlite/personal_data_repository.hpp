#pragma once
#include "domain/accounts/personal_data.hpp"
#include "store/sqlite/connection.hpp"

namespace buurtplein::store::sqlite {

class SqlitePersonalDataRepository final : public domain::accounts::PersonalDataRepository {
 public:
  explicit SqlitePersonalDataRepository(Database& db) : db_(db) {}
  std::vector<std::vector<domain::accounts::PersonalValue>> ReadRows(
      const domain::accounts::TableDecl& table, const domain::accounts::PersonalKey& key) override;
  domain::Status EraseAccount(domain::UserId user, std::string_view email) override;
  std::vector<std::pair<std::string, std::string>> ListSchemaColumns() override;

 private:
  Database& db_;
};

}  // namespace buurtplein::store::sqlite
