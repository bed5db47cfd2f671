#pragma once
#include "domain/accounts/personal_data.hpp"
#include "store/postgres/pool.hpp"

namespace buurtplein::store::postgres {

class PostgresPersonalDataRepository final : public domain::accounts::PersonalDataRepository {
 public:
  explicit PostgresPersonalDataRepository(Pool& pool) : pool_(pool) {}
  std::vector<std::vector<domain::accounts::PersonalValue>> ReadRows(
      const domain::accounts::TableDecl& table, const domain::accounts::PersonalKey& key) override;
  domain::Status EraseAccount(domain::UserId user, std::string_view email) override;
  std::vector<std::pair<std::string, std::string>> ListSchemaColumns() override;

 private:
  Pool& pool_;
};

}  // namespace buurtplein::store::postgres
