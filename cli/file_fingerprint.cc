#include "cli/file_fingerprint.h"

#include <cstdint>
#include <fstream>

#include "absl/strings/str_format.h"

namespace penataan::cli {

std::string FileFingerprint(const std::string& path, const std::string& salt) {
  std::ifstream in(path, std::ios::binary);
  uint64_t h = 1469598103934665603ULL;
  char buf[1 << 16];
  while (in.read(buf, sizeof(buf)) || in.gcount() > 0) {
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      h = (h ^ static_cast<unsigned char>(buf[i])) * 1099511628211ULL;
    }
  }
  for (char c : salt) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return absl::StrFormat("%016x", h);
}

}  // namespace penataan::cli
