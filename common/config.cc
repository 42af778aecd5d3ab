#include "common/config.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace penataan {
namespace {

bool IsOurFlag(const absl::CommandLineFlag& flag) {
  const std::string file = flag.Filename();  // by value: a string_view would dangle
  return absl::StrContains(file, "services/") || absl::StrContains(file, "common/") ||
         absl::StrContains(file, "bench/");
}

}  // namespace

std::vector<char*> ParseFlagsWithEnv(int argc, char** argv, absl::string_view env_prefix) {
  for (auto& [name, flag] : absl::GetAllFlags()) {
    if (!IsOurFlag(*flag)) continue;
    std::string env = absl::StrCat(env_prefix,
                                   absl::AsciiStrToUpper(absl::StrReplaceAll(name, {{"-", "_"}})));
    const char* value = std::getenv(env.c_str());
    if (value == nullptr) continue;
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      std::fprintf(stderr, "invalid value in environment variable %s: %s\n", env.c_str(),
                   error.c_str());
      std::exit(2);
    }
  }
  return absl::ParseCommandLine(argc, argv);
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace penataan
