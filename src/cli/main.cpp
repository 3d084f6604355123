#include "cli/commands.h"

int main(int argc, char** argv) { return minsheng::cli::Main(argc, argv); }
