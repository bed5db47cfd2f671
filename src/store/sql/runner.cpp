#include "store/sql/runner.hpp"

namespace buurtplein::store::sql {

std::vector<TextRow> Runner::Run(std::string_view sql, Params params) {
  std::vector<TextRow> rows;
  Each(sql, params, [&](const Row& r) {
    TextRow row;
    const int columns = r.Columns();
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (r.IsNull(c)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(r.Text(c));
      }
    }
    rows.push_back(std::move(row));
  });
  return rows;
}

}  // namespace buurtplein::store::sql
