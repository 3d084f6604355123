// The `minsheng` program: sub-commands serve, demo, migrate.
#pragma once

namespace minsheng::cli {

// Parses argv and runs the sub-command; returns the process exit code.
int Main(int argc, char** argv);

}  // namespace minsheng::cli
