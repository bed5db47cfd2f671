#pragma once

namespace buurtplein::app {

/// The command line: buurtplein serve | migrate | demo | import-cbs | backup FILE.
/// Returns the process exit code; never throws.
int RunCli(int argc, char** argv);

}  // namespace buurtplein::app
