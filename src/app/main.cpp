#include "app/cli.hpp"

int main(int argc, char** argv) { return buurtplein::app::RunCli(argc, argv); }
