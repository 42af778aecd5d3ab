#ifndef PENATAAN_COMMON_STORAGE_DATABASE_URL_H_
#define PENATAAN_COMMON_STORAGE_DATABASE_URL_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/storage/database.h"

namespace penataan::storage {

struct DatabaseUrl {
  Dialect dialect;
  std::string path;  // sqlite: the file
  std::string user, password, host, database, socket;
  int port = 3306;
  // ?ssl_ca=FILE: TLS required, the server's certificate verified against this CA
  // and the host name. Empty: no TLS asked for (a socket, or a trusted network).
  std::string ssl_ca;
};

// See database.h for the accepted forms. The password may be percent-encoded, or
// read from the file named by ?password_file=. Errors never echo the password.
absl::StatusOr<DatabaseUrl> ParseDatabaseUrl(absl::string_view url);

}  // namespace penataan::storage

#endif  // PENATAAN_COMMON_STORAGE_DATABASE_URL_H_
