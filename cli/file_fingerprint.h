#ifndef PENATAAN_CLI_FILE_FINGERPRINT_H_
#define PENATAAN_CLI_FILE_FINGERPRINT_H_

// A stable 64-bit FNV-1a hash of a file's bytes and a salt, as 16 hex digits: the
// same file names the same import or batch on every run and every machine, so
// that running a command again resumes or replays instead of doing it twice.

#include <string>

namespace penataan::cli {

std::string FileFingerprint(const std::string& path, const std::string& salt);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_FILE_FINGERPRINT_H_
