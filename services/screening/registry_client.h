#ifndef PENATAAN_SERVICES_SCREENING_REGISTRY_CLIENT_H_
#define PENATAAN_SERVICES_SCREENING_REGISTRY_CLIENT_H_

// What screening reads from and writes to the registry, through the process's one
// peer client (common/peer): an instansi's zone (cached), honorers by id in the
// SCREENING view (never the NIK), the honorers of an instansi matching a filter,
// page by page, and MS/TMS written back in batches (RecordScreeningOutcomes). Every
// call acts for the caller (request id, origin, deadline); a call outside a request
// (the sweeper) passes a Caller with no deadline and gets the peer's default. A
// registry that cannot be reached is UNAVAILABLE naming it. At most `max_inflight`
// calls are open at once (common/peer/inflight_limit.h). Thread-safe.

#include <cstdint>
#include <functional>
#include <map>
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
#include "penataan/registry/v1/registry.pb.h"

namespace penataan::screening {

struct InstansiInfo {
  std::string code;
  std::string display_name;
  std::string time_zone;  // IANA
};

struct HonorerOutcome {
  int64_t honorer_id = 0;
  registry::v1::HonorerStatus status = registry::v1::HONORER_STATUS_UNSPECIFIED;  // MS or TMS
  std::string reason;
};

struct OutcomeWriteResult {
  int64_t changed = 0, unchanged = 0;
  std::vector<int64_t> not_found, refused;  // honorer ids
};

class RegistryClient {
 public:
  // BatchGetHonorers and RecordScreeningOutcomes take at most this many per call.
  static constexpr size_t kBatchSize = 5000;

  RegistryClient(const PeerClient& peer, const Clock& clock,
                 absl::Duration instansi_ttl = absl::Minutes(5), int max_inflight = 16);

  // NOT_FOUND when the registry has no such instansi.
  absl::StatusOr<InstansiInfo> GetInstansi(const Caller& caller, const std::string& code);
  // The instansi's admin contacts (email, webhook), for its summary and appeal notices.
  absl::StatusOr<registry::v1::InstansiContacts> GetInstansiContacts(const Caller& caller,
                                                                     const std::string& code);
  // The admin contacts of many instansi, by code, in calls of at most
  // kContactsBatchSize codes (a run's summaries: one call per thousand instansi,
  // not one per instansi). An instansi the registry does not know is absent.
  static constexpr size_t kContactsBatchSize = 1000;
  absl::StatusOr<std::map<std::string, registry::v1::InstansiContacts>> BatchGetInstansiContacts(
      const Caller& caller, const std::vector<std::string>& codes);
  // The honorers that exist among `ids` (SCREENING view), by id; missing ones are
  // absent. Chunks of kBatchSize.
  absl::StatusOr<absl::flat_hash_map<int64_t, registry::v1::Honorer>> GetHonorers(
      const Caller& caller, const std::vector<int64_t>& ids);
  // Every honorer of `instansi_code` matching the categories and statuses (empty:
  // any), page by page (BASIC view): `page` is called with each page of ids, in
  // ascending order, and stops the walk by returning an error.
  absl::Status ForEachHonorerPage(const Caller& caller, const std::string& instansi_code,
                                  const std::vector<common::v1::JabatanCategory>& categories,
                                  const std::vector<registry::v1::HonorerStatus>& statuses,
                                  const std::function<absl::Status(const std::vector<int64_t>&)>& page);
  // MS/TMS in chunks of kBatchSize.
  absl::StatusOr<OutcomeWriteResult> RecordOutcomes(const Caller& caller,
                                                    const std::vector<HonorerOutcome>& outcomes);

 private:
  struct Cached {
    InstansiInfo info;
    absl::Time until;
  };
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

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_REGISTRY_CLIENT_H_
