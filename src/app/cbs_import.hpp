#pragma once
#include <string>

#include "domain/store.hpp"

namespace buurtplein::app {

/// What an import loaded, for the command's report.
struct CbsImportReport {
  long gemeenten = 0, wijken = 0, buurten = 0, polygons = 0;
};

/// Loads the official CBS areas from `cbs_dir` (see data/cbs/SOURCES.md): the five cities'
/// gemeenten, wijken and buurten with label points and 2024 inhabitants, and Nijmegen's
/// polygons. With `national`, also every gemeente, wijk and buurt of the Netherlands (label
/// points, 2014 division). Idempotent; all or nothing. Throws std::runtime_error naming the
/// file and line of a problem.
CbsImportReport ImportCbs(domain::Store& store, const std::string& cbs_dir, bool national);

/// Splits one CSV line (RFC 4180 quoting, "" for a quote inside a quoted field).
std::vector<std::string> SplitCsvLine(const std::string& line);

}  // namespace buurtplein::app
