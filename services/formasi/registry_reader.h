#ifndef PENATAAN_SERVICES_FORMASI_REGISTRY_READER_H_
#define PENATAAN_SERVICES_FORMASI_REGISTRY_READER_H_

// What formasi reads from the registry, through the process's one peer client
// (common/peer): an instansi (its zone, cached for a few minutes since zones
// rarely change), every instansi, honorers by name in batches, and the eligible
// honorers of an instansi. Every call acts for the caller (request id, origin,
// deadline). A registry that cannot be reached is UNAVAILABLE naming it. At
// most `max_inflight` calls are open at once (common/peer/inflight_limit.h): on
// the last day submissions queue here instead of overrunning the registry.
// Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/peer/inflight_limit.h"
#include "common/peer/peer_client.h"
#include "common/server/caller.h"
#include "services/formasi/formasi_model.h"
#include "services/formasi/honorer_eligibility.h"

namespace penataan::formasi {

class RegistryReader {
 public:
  // BatchGetHonorers takes at most this many names per call.
  static constexpr size_t kBatchSize = 5000;

  RegistryReader(const PeerClient& peer, const Clock& clock,
                 absl::Duration instansi_ttl = absl::Minutes(5), int max_inflight = 16)
      : peer_(peer), clock_(clock), ttl_(instansi_ttl), inflight_(peer.name(), max_inflight) {}

  // NOT_FOUND when the registry has no such instansi.
  absl::StatusOr<InstansiInfo> GetInstansi(const Caller& caller, const std::string& code);
  // The zone last read for `code`, even past its time in the cache; none when
  // never read. For a refusal worded while the registry cannot be reached.
  std::optional<std::string> CachedZone(const std::string& code);
  // Every instansi, by code.
  absl::StatusOr<std::vector<InstansiInfo>> ListInstansi(const Caller& caller);
  // What the registry says of each id (found=false for a missing one), in chunks
  // of kBatchSize; view BASIC.
  absl::StatusOr<absl::flat_hash_map<int64_t, HonorerFacts>> GetHonorers(
      const Caller& caller, const std::vector<int64_t>& ids);
  // The ids of the honorers of `instansi_code` eligible for Paruh Waktu (ACTIVE or
  // TMS, in the BKN database), ascending.
  absl::StatusOr<std::vector<int64_t>> EligibleHonorers(const Caller& caller,
                                                        const std::string& instansi_code);
  // How many there are: one counting call instead of paging through them all.
  absl::StatusOr<int64_t> EligibleCount(const Caller& caller, const std::string& instansi_code);

 private:
  struct Cached {
    InstansiInfo info;
    absl::Time until;
  };
  void Remember(const InstansiInfo& info);
  // A slot for one call, waiting no longer than the caller's deadline (30 s at most).
  absl::StatusOr<InflightLimit::Slot> Slot(const Caller& caller);

  const PeerClient& peer_;
  const Clock& clock_;
  const absl::Duration ttl_;
  InflightLimit inflight_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Cached> instansi_ ABSL_GUARDED_BY(mu_);
};

// "honorers/42" -> 42; INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<int64_t> ParseHonorerName(const std::string& name, const std::string& field);
std::string HonorerName(int64_t id);

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_REGISTRY_READER_H_
