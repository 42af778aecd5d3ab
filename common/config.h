#ifndef PENATAAN_COMMON_CONFIG_H_
#define PENATAAN_COMMON_CONFIG_H_

// Flags with environment overrides. Precedence: command line, then environment,
// then the flag's default. The environment name is the prefix and the flag name in
// upper case with '-' as '_': prefix "PENATAAN_REGISTRY_" and flag "database" read
// PENATAAN_REGISTRY_DATABASE.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace penataan {

// Parses argv with Abseil flags after applying environment overrides for every
// registered flag defined in a file under services/ or common/. Exits with a message
// on a bad value. Returns the positional arguments.
std::vector<char*> ParseFlagsWithEnv(int argc, char** argv, absl::string_view env_prefix);

// Reads a whole file (secrets come from files, never the command line).
std::string ReadFileOrDie(const std::string& path);

}  // namespace penataan

#endif  // PENATAAN_COMMON_CONFIG_H_
