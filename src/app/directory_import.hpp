#pragma once
#include <functional>
#include <string>
#include <vector>

#include "domain/common/clock.hpp"
#include "domain/mail/mail_service.hpp"
#include "domain/store.hpp"

namespace CLI {
class App;
}

/// `buurtplein import-directory`: loads a city's sociale kaart from the CSV template
/// (docs/directory-import.md, data/directory/import-template.csv) or from HSDS 3.0 JSON.
namespace buurtplein::app {

/// One problem in the file: its row (1 = the first data row; for JSON the item number), the
/// column or JSON field, and what is wrong.
struct ImportProblem {
  int row = 0;
  std::string field;
  std::string message;
};

struct ImportOptions {
  bool dry_run = false;     ///< check everything, change nothing
  bool only_valid = false;  ///< import the valid rows, skip the others
  /// Called every `progress_every` rows while checking and while importing.
  std::function<void(const char* phase, int done, int total)> progress;
  int progress_every = 100;
};

struct ImportReport {
  int rows = 0;      ///< data rows read
  int valid = 0;     ///< rows without problems
  int imported = 0;  ///< services written
  bool changed = false;  ///< anything was written
  std::vector<ImportProblem> problems;
};

/// Imports CSV text (the template's columns; comma or semicolon separated).
ImportReport ImportDirectoryCsv(domain::Store& store, domain::CityId city, const std::string& csv,
                                const ImportOptions& options, const domain::Clock& clock);
/// Imports HSDS 3.0 JSON: an array of services, or an API page ({"contents": [...]}), each
/// with its organization, service_at_locations (with location), attributes (taxonomy_term
/// code), languages, service_areas, phones and schedules.
ImportReport ImportDirectoryHsds(domain::Store& store, domain::CityId city, const std::string& json,
                                 const ImportOptions& options, const domain::Clock& clock);

/// The sub-command: registers itself on `cli`; Run returns the exit code (0 ok, 1 problems).
class DirectoryImportCommand {
 public:
  explicit DirectoryImportCommand(CLI::App& cli);
  bool Chosen() const;
  int Run(domain::Store& store);

 private:
  CLI::App* sub_ = nullptr;
  std::string city_, file_;
  bool dry_run_ = false, only_valid_ = false;
};

/// `buurtplein directory-reminders`: mails the owners of sociale kaart entries not verified for
/// 12 months (through the outbox; at most once per 30 days per entry). Meant for a daily timer.
class DirectoryRemindersCommand {
 public:
  explicit DirectoryRemindersCommand(CLI::App& cli);
  bool Chosen() const;
  int Run(domain::Store& store, domain::mail::MailService& mail, const std::string& public_url);

 private:
  CLI::App* sub_ = nullptr;
};

}  // namespace buurtplein::app
