#include "tests/testing/ctl_runner.h"

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace penataan::testing {
namespace {

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

}  // namespace

CtlResult RunCtl(const std::string& binary, const std::string& global_args,
                 const std::vector<std::string>& args, const std::string& stderr_file) {
  std::vector<std::string> quoted;
  for (const std::string& a : args) quoted.push_back(Quote(a));
  const std::string cmd = absl::StrCat("env -u PENATAAN_TOKEN ", binary, " ", global_args, " ",
                                       absl::StrJoin(quoted, " "), " 2>", stderr_file);
  CtlResult run;
  FILE* pipe = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) run.out.append(buf, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(stderr_file);
  std::stringstream s;
  s << err.rdbuf();
  run.err = s.str();
  return run;
}

}  // namespace penataan::testing
