#ifndef PENATAAN_SERVICES_REGISTRY_REGISTRY_H_
#define PENATAAN_SERVICES_REGISTRY_REGISTRY_H_

// The registry's behaviour on plain types: what is one transaction, what is
// audited, and whose data a caller may touch. Which principals may call a method
// at all is the access table's (registry_access.cc), checked before this runs.
// No gRPC, no SQL.
// Thread-safe. Point reads go through a HonorerLookup, which owns a few threads.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/principal.h"
#include "common/clock.h"
#include "common/server/caller.h"
#include "common/storage/audit_log.h"
#include "common/storage/database.h"
#include "services/registry/contract_rules.h"
#include "services/registry/contract_store.h"
#include "services/registry/honorer.h"
#include "services/registry/honorer_lookup.h"
#include "services/registry/registry_store.h"
#include "services/registry/renewal_rules.h"

namespace penataan::registry {

using ::penataan::Caller;

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_page_token;
  int64_t total_size = 0;
};

// GetHonorer's key: a resource name "honorers/{id}" or a NIK.
struct HonorerKey {
  std::string name;
  std::string nik;
};

struct BulkStatusChange {
  HonorerFilter filter;  // filter.instansi_code is required
  HonorerStatus new_status = v1::HONORER_STATUS_UNSPECIFIED;
  std::string reason;
  bool dry_run = false;
  // Also leave out the instansi's crucial units (its ContractPolicy, IsCrucialUnit):
  // not matched, as if named in exclude_unit_kerja.
  bool exclude_crucial_units = false;
};

struct BulkStatusResult {
  int64_t matched = 0, changed = 0, skipped = 0;
};

struct BknEntry {
  std::string nik;
  bool in_bkn_database = false;
  // BKN's record when in its database; replaces the one stored. Empty (or not in
  // BKN) clears it, and with it the honorer's differences.
  BknRecord record;
};

// One honorer's result of a screening round, written back by the screening.
struct ScreeningOutcome {
  std::string name;  // "honorers/{id}"
  HonorerStatus status = v1::HONORER_STATUS_UNSPECIFIED;  // MS or TMS
  std::string reason;
};

struct OutcomesResult {
  int64_t changed = 0, unchanged = 0;
  std::vector<int> not_found, refused;  // indexes into the request, ascending
};

// BatchGetHonorers' answer: what the caller may see of the names asked, in their
// order (a name asked twice is answered twice), and the rest as asked.
struct HonorerBatch {
  std::vector<Honorer> honorers;
  std::vector<std::string> missing;
};

struct VerifyResult {
  int64_t updated = 0, unchanged = 0;
  std::vector<int> not_found;  // indexes into the request
};

// ListExpiringContracts' answer, in the instansi's dates.
struct ExpiringContract {
  Contract contract;
  std::string full_name;
  std::string unit_kerja;
  HonorerStatus status = v1::HONORER_STATUS_UNSPECIFIED;
  bool crucial_unit = false;
  ReviewOutcome review = v1::REVIEW_OUTCOME_UNSPECIFIED;
  int days_left = 0;  // 0: ends today; negative: ended
};

struct ExpiringQuery {
  std::string instansi_code;
  int within_days = 0;  // 0: the policy's expiry_notice_days
  bool include_ended = false;
  int page_size = 0;
  std::string page_token;
};

struct ExpiringPage {
  std::vector<ExpiringContract> items;
  std::string next_page_token;
  int64_t total_size = 0;
  int64_t reviews_missing = 0;
  absl::CivilDay today, until;
};

// One row of ImportPerformanceReviews, as the client sent it.
struct ReviewImportRow {
  int64_t row_number = 0;
  std::string nik;
  std::string honorer;  // "honorers/{id}"
  int year = 0;
  std::string outcome;  // "BAIK", "cukup", …
  std::string reviewer;
  std::string note;
};

struct ReviewImportResult {
  int64_t created = 0, updated = 0, unchanged = 0;
};

// RenewContracts' request on plain types; the answer is the API's message (its
// stored form too, contract_renewals.response).
struct RenewalRequest {
  std::string instansi_code;
  std::vector<std::string> unit_kerja;
  JabatanCategory jabatan_category = common::v1::JABATAN_CATEGORY_UNSPECIFIED;
  std::optional<absl::CivilDay> current_contract_end;
  std::vector<std::string> honorers;          // "honorers/{id}"; empty: any
  std::vector<std::string> exclude_honorers;  // "honorers/{id}"
  NewSk sk;
  RenewalOptions options;
  bool dry_run = false;
  std::string request_id;
};

inline constexpr size_t kMaxBatchGetHonorers = 5000;
inline constexpr size_t kMaxVerifyEntries = 10000;
inline constexpr size_t kMaxReviewImportRows = 10000;
inline constexpr size_t kMaxRenewalNames = 10000;
inline constexpr size_t kMaxRenewalExclusions = 10000;
inline constexpr size_t kMaxBatchGetInstansiContacts = 1000;
inline constexpr size_t kMaxScreeningOutcomes = 5000;
// Units one filter names (BulkChangeStatus's unit_kerja and exclude_unit_kerja,
// RenewContracts' unit_kerja): a province's schools and clinics number in the low
// thousands, and each unit is one SQL parameter of every page read (SQLite takes
// 32,766 in one statement).
inline constexpr size_t kMaxUnitFilter = 2000;

std::string HonorerName(int64_t id);
// "instansi/{code}/contacts".
std::string ContactsName(const std::string& instansi_code);
std::string Etag(int64_t version);

class Registry {
 public:
  Registry(storage::Database& db, const Clock& clock)
      : db_(db), clock_(clock), lookup_(db, store_) {}

  absl::StatusOr<Instansi> CreateInstansi(const Caller& caller, Instansi instansi);
  absl::StatusOr<Instansi> GetInstansi(const Caller& caller, const std::string& code);
  absl::StatusOr<Page<Instansi>> ListInstansi(const Caller& caller, int page_size,
                                              const std::string& page_token);

  // `request_id` (optional) makes a retried create answer the honorer it created.
  absl::StatusOr<Honorer> CreateHonorer(const Caller& caller, Honorer honorer,
                                        const std::string& request_id);
  absl::StatusOr<Honorer> GetHonorer(const Caller& caller, const HonorerKey& key);
  // AIP-231, for formasi checking a proposal's named honorers: at most
  // kMaxBatchGetHonorers names, read by primary key in a few IN (...) queries (one
  // per 1,000 distinct ids), never one per name. An honorer of another instansi is
  // missing to an instansi caller, exactly like one that does not exist (the try is
  // audited once per call, as a refusal). Without `allow_missing`, NOT_FOUND naming
  // the first missing name (violation on "names", row = its 1-based place).
  // Malformed names: INVALID_ARGUMENT, each a violation on "names" with its place.
  absl::StatusOr<HonorerBatch> BatchGetHonorers(const Caller& caller,
                                                const std::vector<std::string>& names,
                                                bool allow_missing);
  absl::StatusOr<Page<Honorer>> ListHonorers(const Caller& caller, HonorerFilter filter,
                                             int page_size, const std::string& page_token);
  // Applies the fields of `patch` named in `mask`; `etag`, when given, must be current.
  absl::StatusOr<Honorer> UpdateHonorer(const Caller& caller, const Honorer& patch,
                                        const std::vector<std::string>& mask,
                                        const std::string& name, const std::string& etag);
  absl::StatusOr<Honorer> ChangeStatus(const Caller& caller, const std::string& name,
                                       HonorerStatus status, const std::string& reason,
                                       const std::string& etag);
  absl::StatusOr<Page<StatusEvent>> ListStatusHistory(const Caller& caller,
                                                      const std::string& name, int page_size,
                                                      const std::string& page_token);
  absl::StatusOr<BulkStatusResult> BulkChangeStatus(const Caller& caller,
                                                    const BulkStatusChange& change);
  // BKN's flag and record of each NIK, in one transaction; a row is written (and
  // counted `updated`, version+1) only when its flag or record changes.
  absl::StatusOr<VerifyResult> VerifyHonorers(const Caller& caller,
                                              const std::vector<BknEntry>& entries);

  // The screening's MS/TMS write-back (registry_outcomes.cc). Guarantees:
  //  - at most kMaxScreeningOutcomes entries; each names an honorer once, status MS
  //    or TMS, a reason of 1..500 bytes of valid UTF-8: otherwise INVALID_ARGUMENT
  //    naming every bad entries[i].name / .status / .reason, nothing written;
  //  - one transaction for the whole batch, rows read under lock in IN (...)
  //    queries; an honorer already in the status is `unchanged` (no event); one
  //    whose current status is not ACTIVE, MS or TMS (DIRUMAHKAN, CONTRACT_ENDED,
  //    PPPK_PARUH_WAKTU, a final status: status_rules.h) is `refused` and keeps its
  //    status; an unknown id is `not_found`; every other changes
  //    with one history event (the caller's principal, request id and origin);
  //  - a few statements per 500 changes (status_rules' moves grouped), and one audit
  //    record per call with the counts, whatever the batch's size.
  absl::StatusOr<OutcomesResult> RecordScreeningOutcomes(
      const Caller& caller, const std::vector<ScreeningOutcome>& entries);

  // The view a read answers in. A service never receives the NIK: UNSPECIFIED is
  // BASIC for it, FULL is PERMISSION_DENIED naming "view" (audited as a refusal
  // of `action`), and so is SCREENING (contacts, BKN's values, the birth date) for
  // every service but those registry_access.h MayReadScreeningView names. Anyone
  // else: UNSPECIFIED is FULL. An unknown view is INVALID_ARGUMENT.
  absl::StatusOr<v1::HonorerView> ResolveView(const Caller& caller, v1::HonorerView view,
                                              const char* action);

  // Contact lists (registry_contacts.cc). An instansi caller that leaves the code
  // empty means its own; naming another instansi is PERMISSION_DENIED (audited),
  // before anything is read. An unknown instansi is NOT_FOUND; a registered one
  // that never set a list answers an empty one with etag "0".
  absl::StatusOr<InstansiContactList> GetInstansiContacts(const Caller& caller,
                                                          std::string code);
  // Replaces the whole list (ValidateContacts first, every violation named under
  // "contacts.contacts"). `etag` empty: unconditional; stale: ABORTED. Audited in
  // the same transaction with counts only: contact details are personal data.
  absl::StatusOr<InstansiContactList> UpdateInstansiContacts(
      const Caller& caller, std::string code, const std::vector<InstansiContact>& contacts,
      const std::string& etag);
  // At most kMaxBatchGetInstansiContacts codes; answers in the order asked, unknown
  // codes left out. An instansi caller naming any code but its own is refused
  // (PERMISSION_DENIED, as ListHonorers naming another instansi).
  absl::StatusOr<std::vector<InstansiContactList>> BatchGetInstansiContacts(
      const Caller& caller, const std::vector<std::string>& codes);

  // ---- Contracts (SK), crucial units, performance reviews (registry_contracts.cc,
  // RenewContracts in registry_renewal.cc). Guarantees of them all:
  //  - an instansi caller that leaves instansi_code empty means its own; one naming
  //    another instansi is PERMISSION_DENIED (audited) before anything is read; a
  //    national principal must name one;
  //  - another instansi's honorer is NOT_FOUND exactly like a missing one, and the
  //    try is audited as a refusal (LoadForRead);
  //  - every write is one transaction (RenewContracts: one a page) with its audit
  //    record inside, with counts and never a NIK or contact;
  //  - dates are the instansi's (its time_zone: TodayIn).

  // One honorer's SK periods, newest start first, keyset-paged by start date.
  absl::StatusOr<Page<Contract>> ListContracts(const Caller& caller, const std::string& honorer,
                                               int page_size, const std::string& page_token);
  // The instansi's current contracts (each honorer's latest period) ending in
  // [today, today + N] (N = within_days, or the policy's expiry_notice_days; at most
  // 366); include_ended adds current ones already ended that no renewal followed
  // (expiry NOT_ENDED, SENT_HOME, KEPT_AT_WORK). By (end date, honorer), keyset-paged;
  // the window is fixed by the first page (carried in the token), and total_size
  // and reviews_missing count the whole window on every page. A review is that of
  // the contract's start year; crucial_unit is IsCrucialUnit of the policy.
  absl::StatusOr<ExpiringPage> ListExpiringContracts(const Caller& caller, ExpiringQuery query);
  // Version 0 with the defaults (30 days, no unit) when never set.
  absl::StatusOr<ContractPolicy> GetContractPolicy(const Caller& caller, std::string code);
  // `mask`: "crucial_units", "expiry_notice_days" (empty: both); anything else is
  // INVALID_ARGUMENT naming update_mask. The fields named are validated
  // (ValidateCrucialUnits, every violation under "policy.crucial_units"; days
  // 1..366) before anything is read. `etag` empty: unconditional; stale: ABORTED.
  absl::StatusOr<ContractPolicy> UpdateContractPolicy(const Caller& caller, std::string code,
                                                      const ContractPolicy& policy,
                                                      const std::vector<std::string>& mask,
                                                      const std::string& etag);
  // Replaces the honorer's review of `review.year` (ValidateReview; every bad field
  // named under "review.").
  absl::StatusOr<PerformanceReview> SetPerformanceReview(const Caller& caller,
                                                         const std::string& honorer,
                                                         PerformanceReview review);
  // All or nothing: at most kMaxReviewImportRows rows; every bad row is named by
  // its row number (a malformed or unknown NIK or name — another instansi's is
  // reported exactly like an unknown one —, a second row for the same honorer and
  // year, a bad year, outcome, reviewer or note) and then nothing is written. The
  // first 100 violations travel in the error (a trailer's size); the message
  // counts them all. Otherwise one transaction: reviews that differ are written
  // (created or updated), the rest unchanged.
  absl::StatusOr<ReviewImportResult> ImportPerformanceReviews(
      const Caller& caller, std::string code, const std::vector<ReviewImportRow>& rows);
  // The instansi's reviews of one year (required, 2000..2100), by honorer.
  absl::StatusOr<Page<PerformanceReview>> ListPerformanceReviews(const Caller& caller,
                                                                 std::string code, int year,
                                                                 ReviewOutcome outcome,
                                                                 int page_size,
                                                                 const std::string& page_token);
  // A new SK for every honorer of the instansi matching the filter, less the
  // exclusions (renewal_rules.h decides each one). Guarantees:
  //  - validated first (ValidateNewSk, names of the form honorers/{id}, at most
  //    kMaxRenewalNames each, review_year 0 or 2000..2100, request_id ≤ 100 bytes);
  //  - the honorers are read by keyset, kMaxRenewalPage a page; each page is one
  //    transaction with its rows locked: the periods inserted (renewal_id = the
  //    request_id), the new current period mirrored and working_without_contract
  //    cleared, older NOT_ENDED periods RENEWED, an honorer the expiry sent home
  //    returned to the status it had (one history event "SK … kembali bekerja"), a
  //    kRenewed notice owed to each renewed honorer with a contact, the request's
  //    progress and an audit record (counts only);
  //  - dry_run: the same decisions on the same reads, nothing written (no renewal
  //    row either; the request_id is not looked at);
  //  - request_id: the same id with other parameters is FAILED_PRECONDITION naming
  //    request_id; one running under a live lease is ABORTED; one whose holder died
  //    (lease expired) or failed is resumed after its last committed page, with its
  //    counts; a finished one answers its stored response, replayed. Nobody gets a
  //    period twice in any case (unique (honorer, start)).
  //  - at most kMaxRenewalExclusions exclusions are listed (exclusions_truncated);
  //    all are counted, by reason.
  absl::StatusOr<v1::RenewContractsResponse> RenewContracts(const Caller& caller,
                                                            const RenewalRequest& request);

  // OK when `caller` may touch data of `instansi_code`; otherwise audits the
  // attempt and answers `answer` (storage::RequireOwner). Outside transactions.
  absl::Status RequireOwner(const Caller& caller, const std::string& instansi_code,
                            const char* action, const std::string& resource,
                            absl::Status answer = storage::OwnDataOnly());
  absl::StatusOr<Instansi> RequireInstansi(storage::Connection& c, const std::string& code,
                                           const char* field);
  absl::CivilDay TodayIn(const Instansi& instansi) const;

  storage::Database& db() { return db_; }
  RegistryStore& store() { return store_; }
  ContractStore& contract_store() { return contracts_; }
  const Clock& clock() const { return clock_; }

 private:
  absl::StatusOr<Honorer> LoadForRead(const Caller& caller, const std::string& name,
                                      const char* action);
  // Returns `status` of a transaction that ended; first audits what it refused:
  // another instansi's record (`foreign`, answered as missing) or a rule's
  // PERMISSION_DENIED.
  absl::Status AuditRefusalAfter(const Caller& caller, const absl::Status& status, bool foreign,
                                 const char* action, const std::string& resource);
  absl::Status Audit(storage::Connection& c, const Caller& caller, const char* action,
                     const std::string& resource, const std::string& detail);
  // The instansi a contract method acts on: `code`, or the caller's own when empty;
  // INVALID_ARGUMENT naming `field` when a national caller leaves it out;
  // PERMISSION_DENIED (audited) for another instansi's.
  absl::StatusOr<std::string> OwnedInstansi(const Caller& caller, std::string code,
                                            const char* field, const char* action);
  // UpdateHonorer's side of the periods: `after`'s contract dates correct the
  // current period (or record the first), and a move takes periods and reviews to
  // the new instansi. INVALID_ARGUMENT naming the field when the dates cannot be.
  absl::Status CorrectPeriods(storage::Connection& c, const Honorer& before, Honorer& after,
                              const std::string& principal, absl::Time now);
  // RenewContracts' pieces (registry_renewal.cc).
  struct RenewalRun;
  // Decides one page of honorers and, when `write`, writes what it decided; adds
  // to `response`.
  absl::Status RenewPage(storage::Connection& c, const Caller& caller, const RenewalRun& run,
                         const std::vector<Honorer>& page, bool write,
                         v1::RenewContractsResponse& response);
  // Every page, in order; `write` false reads without locks and writes nothing.
  absl::Status RenewAll(const Caller& caller, RenewalRun& run, bool write);
  // Takes run.request_id: a new one, or one whose holder's lease expired (its
  // progress loaded into `run`). Answers the stored response of a finished one.
  absl::StatusOr<std::optional<v1::RenewContractsResponse>> ClaimRenewal(const Caller& caller,
                                                                         RenewalRun& run);
  // Gives the lease up after a failure, so that a retry resumes at once.
  void ReleaseRenewal(const RenewalRun& run);

  storage::Database& db_;
  const Clock& clock_;
  RegistryStore store_;
  ContractStore contracts_;
  HonorerLookup lookup_;  // after store_, which it uses
};

// "honorers/42" -> 42; INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<int64_t> ParseHonorerName(const std::string& name, const char* field);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_REGISTRY_H_
