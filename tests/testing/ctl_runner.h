#ifndef PENATAAN_TESTS_TESTING_CTL_RUNNER_H_
#define PENATAAN_TESTS_TESTING_CTL_RUNNER_H_

// Runs the real penataanctl binary as a person would, and keeps what they see.

#include <string>
#include <vector>

namespace penataan::testing {

struct CtlResult {
  int exit_code;
  std::string out, err;
};

// `binary global_args args...` (each of args shell-quoted), without any
// PENATAAN_TOKEN from the environment; stderr goes through `stderr_file`.
CtlResult RunCtl(const std::string& binary, const std::string& global_args,
                 const std::vector<std::string>& args, const std::string& stderr_file);

}  // namespace penataan::testing

#endif  // PENATAAN_TESTS_TESTING_CTL_RUNNER_H_
