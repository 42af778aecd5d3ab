#ifndef PENATAAN_SERVICES_REGISTRY_CONTRACT_STORE_H_
#define PENATAAN_SERVICES_REGISTRY_CONTRACT_STORE_H_

// The SQL of contracts (SK periods), contract policies with their crucial units,
// performance reviews and renewals (RenewContracts' request_id), and nothing else.
// Every method takes the connection (or the transaction's connection) to run on,
// so that the caller decides what is one transaction. Batches are multi-row
// statements (at most 1,000 rows or ids a statement), never one round trip a row.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/storage/database.h"
#include "services/registry/contract.h"
#include "services/registry/honorer.h"

namespace penataan::registry {

// A current contract ending in a window, with what ListExpiringContracts shows.
struct ExpiringRow {
  Contract contract;
  std::string full_name;
  std::string unit_kerja;
  HonorerStatus status = v1::HONORER_STATUS_UNSPECIFIED;
  // The review of the contract's start year; UNSPECIFIED: none.
  ReviewOutcome review = v1::REVIEW_OUTCOME_UNSPECIFIED;
};

// An instansi's current contracts (the honorer's latest period) ending in
// [from, until]; with `include_ended`, also those ending before `from` that no
// renewal followed (expiry NOT_ENDED, SENT_HOME or KEPT_AT_WORK).
struct ExpiringWindow {
  std::string instansi_code;
  absl::CivilDay from;
  absl::CivilDay until;
  bool include_ended = false;
};

struct ExpiringCounts {
  int64_t total = 0;
  int64_t reviews_missing = 0;
};

// A RenewContracts request_id. `response` is the serialized
// RenewContractsResponse (base64): the final answer once `done`; while running,
// the answer so far, after the last honorer id of the pages committed
// (`after_honorer_id`), so that a resumed renewal goes on from there.
struct RenewalRecord {
  std::string instansi_code;
  std::string request_id;
  std::string principal;
  std::string fingerprint;
  bool done = false;
  // While running: until when its holder owns it. Also the holder's token: every
  // page checks that the value is still the one it set.
  int64_t lease_until_us = 0;
  int64_t after_honorer_id = 0;
  std::string response;  // base64 of the serialized proto; "" before the first page
};

class ContractStore {
 public:
  using Conn = storage::Connection;

  // ---- Periods ----------------------------------------------------------------
  // Inserts the periods; ALREADY_EXISTS when one's (honorer, start) is taken.
  absl::Status InsertContracts(Conn& c, const std::vector<Contract>& contracts);
  // Inserts, or updates the period of the same (honorer, start): its end date,
  // and each SK field (number, signer, date) that is given (empty keeps the stored
  // one, as an empty contact cell does). Expiry, renewal and author stay.
  absl::Status UpsertContracts(Conn& c, const std::vector<Contract>& contracts, absl::Time now);
  // Every period of these honorers, by honorer then start. `for_update` locks them
  // (MySQL; SQLite's BEGIN IMMEDIATE already holds the write lock).
  absl::StatusOr<std::vector<Contract>> ContractsOf(Conn& c, const std::vector<int64_t>& honorer_ids,
                                                    bool for_update = false);
  // One honorer's periods starting before `before_start` (none: all), newest first.
  absl::StatusOr<std::vector<Contract>> ListContracts(Conn& c, int64_t honorer_id,
                                                      std::optional<absl::CivilDay> before_start,
                                                      int limit);
  // honorer id -> id of its period starting on `start`, for those that have one.
  absl::StatusOr<std::map<int64_t, int64_t>> ContractIdsStarting(
      Conn& c, const std::vector<int64_t>& honorer_ids, absl::CivilDay start);
  // NOT_ENDED -> RENEWED for these periods.
  absl::Status MarkRenewed(Conn& c, const std::vector<int64_t>& contract_ids, absl::Time now);
  // NOT_ENDED -> RENEWED for the periods of these honorers starting before `start`.
  absl::Status MarkRenewedBefore(Conn& c, const std::vector<int64_t>& honorer_ids,
                                 absl::CivilDay start, absl::Time now);
  // A correction of one period's dates.
  absl::Status UpdatePeriodDates(Conn& c, int64_t contract_id, absl::CivilDay start,
                                 absl::CivilDay end, absl::Time now);
  // Mirrors a new current period on these honorers (contract_start/end), clears
  // working_without_contract, version+1.
  absl::Status SetCurrentPeriod(Conn& c, const std::vector<int64_t>& honorer_ids,
                                absl::CivilDay start, absl::CivilDay end, absl::Time now);
  // An honorer moved to another instansi takes its periods and reviews along.
  absl::Status MoveToInstansi(Conn& c, int64_t honorer_id, const std::string& instansi_code);

  // ---- Expiring ---------------------------------------------------------------
  // By (end date, honorer id) after (after_end, after_honorer) (none: from the
  // start), at most `limit`.
  absl::StatusOr<std::vector<ExpiringRow>> ListExpiring(
      Conn& c, const ExpiringWindow& w, std::optional<absl::CivilDay> after_end,
      int64_t after_honorer, int limit);
  absl::StatusOr<ExpiringCounts> CountExpiring(Conn& c, const ExpiringWindow& w);

  // ---- Policy -----------------------------------------------------------------
  // The policy of `code` (version 0 and the defaults when never set).
  // `for_update` locks the instansi's row, so that updates of one policy run one
  // after the other (whether or not it was ever set).
  absl::StatusOr<ContractPolicy> GetPolicy(Conn& c, const std::string& code, bool for_update);
  // Replaces the policy (its version, time and author included); `previous_version`
  // as read under lock: 0 inserts, anything else updates.
  absl::Status ReplacePolicy(Conn& c, const ContractPolicy& policy, int64_t previous_version);

  // ---- Reviews ----------------------------------------------------------------
  absl::StatusOr<std::vector<PerformanceReview>> ReviewsOf(Conn& c,
                                                           const std::vector<int64_t>& honorer_ids);
  // Inserts or replaces each (honorer, year).
  absl::Status UpsertReviews(Conn& c, const std::vector<PerformanceReview>& reviews);
  // Ascending honorer id after `after_honorer`; `outcome` UNSPECIFIED: any.
  absl::StatusOr<std::vector<PerformanceReview>> ListReviews(Conn& c, const std::string& code,
                                                             int year, ReviewOutcome outcome,
                                                             int64_t after_honorer, int limit);

  // ---- Renewals ---------------------------------------------------------------
  absl::StatusOr<std::optional<RenewalRecord>> GetRenewal(Conn& c, const std::string& code,
                                                          const std::string& request_id,
                                                          bool for_update);
  // ALREADY_EXISTS when the (instansi, request_id) is taken.
  absl::Status InsertRenewal(Conn& c, const RenewalRecord& r, absl::Time now);
  // Writes state, lease, progress and response where the stored lease is still
  // `held_lease_us`. Callers check the lease under lock (GetRenewal for_update) in
  // the same transaction first: the count of rows changed cannot tell.
  absl::Status UpdateRenewal(Conn& c, const RenewalRecord& r, int64_t held_lease_us,
                             absl::Time now);
};

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_CONTRACT_STORE_H_
