// The --database URL (ParseDatabaseUrl). Invariants: a parsed URL has what its
// dialect needs (sqlite: a path; mysql: a database and a host or socket); an error
// never echoes the password. ?password_file= is read only by a plain name (a file
// of the working directory, scripts/fuzz.sh's is the checkout: the dictionary names
// CMakeLists.txt): the fuzzer must not read the machine's files, or block on
// /dev/stdin.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "common/storage/database_url.h"
#include "fuzz/fuzz_check.h"

namespace {

using penataan::storage::DatabaseUrl;
using penataan::storage::Dialect;

// Whether a password_file= value could leave the working directory (or name a
// device): an absolute path, "..", or a percent escape that could spell either.
bool MayReadOutside(absl::string_view url) {
  const size_t at = url.find("password_file=");
  if (at == absl::string_view::npos) return false;
  absl::string_view rest = url.substr(at);
  return absl::StrContains(rest, "/") || absl::StrContains(rest, "%") ||
         absl::StrContains(rest, "..");
}

bool IsAlnum(char c) { return absl::ascii_isalnum(static_cast<unsigned char>(c)); }
bool IsDigit(char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); }

// The password as typed between "user:" and "@host", when the URL has one.
std::string TypedPassword(absl::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == absl::string_view::npos) return "";
  absl::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find('?'));
  const size_t at = rest.rfind('@');
  if (at == absl::string_view::npos) return "";
  absl::string_view credentials = rest.substr(0, at);
  const size_t colon = credentials.find(':');
  if (colon == absl::string_view::npos) return "";
  return std::string(credentials.substr(colon + 1));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 2048) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (MayReadOutside(text)) return 0;
  absl::StatusOr<DatabaseUrl> url = penataan::storage::ParseDatabaseUrl(text);
  if (!url.ok()) {
    FUZZ_CHECK(url.status().code() == absl::StatusCode::kInvalidArgument);
    const std::string password = TypedPassword(text);
    // A MySQL URL's password that cannot be a piece of a message's own words (six
    // or more letters and digits, a digit among them) and is nowhere else in the URL.
    const bool mysql = absl::StartsWith(text, "mysql://") || absl::StartsWith(text, "mariadb://");
    if (mysql && password.size() >= 6 && std::all_of(password.begin(), password.end(), IsAlnum) &&
        std::any_of(password.begin(), password.end(), IsDigit) &&
        text.find(password) == text.rfind(password)) {
      FUZZ_CHECK(!absl::StrContains(url.status().message(), password));
    }
    return 0;
  }
  if (url->dialect == Dialect::kSqlite) {
    FUZZ_CHECK(!url->path.empty());
  } else {
    FUZZ_CHECK(!url->database.empty());
    FUZZ_CHECK(!url->host.empty() || !url->socket.empty());
  }
  return 0;
}
