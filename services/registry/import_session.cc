#include "services/registry/import_session.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/registry/contract_periods.h"
#include "services/registry/contract_rules.h"
#include "services/registry/registry_metrics.h"

namespace penataan::registry {
namespace {

using storage::Connection;

absl::Status ValidateImportId(const std::string& id) {
  if (id.empty() || id.size() > 100) {
    return InvalidField("header.import_id", "is required, at most 100 characters");
  }
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' &&
        c != ':') {
      return InvalidField("header.import_id", "may contain letters, digits and - _ . : only");
    }
  }
  return absl::OkStatus();
}

// Whether the row gives both contract dates, read or not: its SK cells are checked
// against that, so that a row whose dates are wrong is not told its SK lacks them.
bool HasPeriodCells(const v1::ImportRow& row) {
  return !absl::StripAsciiWhitespace(row.contract_start()).empty() &&
         !absl::StripAsciiWhitespace(row.contract_end()).empty();
}

// The row's SK cells, checked whatever the rest of the row holds.
absl::StatusOr<Contract> SkOf(const v1::ImportRow& row) {
  return ParseImportSk(row.sk_number(), row.sk_signed_by(), row.sk_signed_date(),
                       HasPeriodCells(row));
}

// The SK period a good row records: its contract dates with its SK cells, if any.
std::optional<Contract> PeriodOf(const Honorer& h, Contract sk) {
  if (!h.contract_start || !h.contract_end) return std::nullopt;
  sk.instansi_code = h.instansi_code;
  sk.start_date = *h.contract_start;
  sk.end_date = *h.contract_end;
  sk.expiry = v1::Contract::NOT_ENDED;
  return sk;
}

// The errors of a row's cells: ParseImportRow's, then its SK cells'.
std::vector<Violation> CellErrors(const absl::StatusOr<Honorer>& parsed,
                                  const absl::StatusOr<Contract>& sk, int64_t row) {
  std::vector<Violation> out;
  if (!parsed.ok()) out = ViolationsOf(parsed.status());
  if (!sk.ok()) {
    for (Violation& v : ViolationsOf(sk.status())) out.push_back(std::move(v));
  }
  for (Violation& v : out) v.row = row;
  return out;
}

Violation RepeatedNik(int64_t row, int64_t first) {
  return {"nik", row, absl::StrCat("appears again in this import (first at row ", first, ")")};
}

// The rows that `errors` (a row's together) reject.
int64_t RowsIn(const std::vector<Violation>& errors) {
  int64_t rows = 0;
  for (size_t i = 0; i < errors.size(); ++i) {
    if (i == 0 || errors[i].row != errors[i - 1].row) ++rows;
  }
  return rows;
}

// Sorts a batch's errors by row, keeping each row's in its order, and answers how
// many rows they reject.
int64_t SortByRow(std::vector<Violation>& errors) {
  std::stable_sort(errors.begin(), errors.end(),
                   [](const Violation& a, const Violation& b) { return a.row < b.row; });
  return RowsIn(errors);
}

// How many of `errors` (sorted by row) belong to their first `rows` rows.
size_t ErrorsOfFirstRows(const std::vector<Violation>& errors, int64_t rows) {
  size_t end = 0;
  for (int64_t seen = 0; end < errors.size(); ++end) {
    if (end == 0 || errors[end].row != errors[end - 1].row) {
      if (seen == rows) break;
      ++seen;
    }
  }
  return end;
}

bool SameSkFields(const Contract& a, const Contract& b) {
  return a.sk_number == b.sk_number && a.signed_by == b.signed_by &&
         a.signed_date == b.signed_date;
}

// The registered honorers whose stored periods their rows need: those whose rows
// may change them. The others (the same dates again and no SK cells: a file sent
// again) are planned from what their honorer's row shows (PlanFromShown), unread.
std::vector<int64_t> PeriodsToRead(const std::vector<Honorer>& rows,
                                   const std::vector<std::optional<Contract>>& periods,
                                   const absl::flat_hash_map<std::string, const Honorer*>& by_nik) {
  std::vector<int64_t> ids;
  for (size_t i = 0; i < rows.size(); ++i) {
    auto it = by_nik.find(rows[i].nik);
    if (it == by_nik.end() || it->second->instansi_code != rows[i].instansi_code) continue;
    const Honorer& stored = *it->second;
    if (!PlanFromShown(periods[i], stored.contract_start, stored.contract_end)) {
      ids.push_back(stored.id);
    }
  }
  return ids;
}

// What a registered honorer's row writes: the row, with the stored contact where
// its contact cells are empty (a file of names and posts must not erase what was
// set elsewhere), the current period's dates (an older period imported does not
// change them) and the stored working_without_contract unless a later period
// became current. Copied into `merged` only when it differs from the row.
const Honorer& Candidate(const Honorer& row, const Honorer& stored, const PeriodPlan& plan,
                         std::vector<Honorer>& merged) {
  const bool keep_email = row.contact.email.empty() && !stored.contact.email.empty();
  const bool keep_whatsapp = row.contact.whatsapp.empty() && !stored.contact.whatsapp.empty();
  const bool mirror = plan.mirror_start && (plan.mirror_start != row.contract_start ||
                                            plan.mirror_end != row.contract_end);
  const bool keep_flag = stored.working_without_contract && !plan.new_current;
  if (!keep_email && !keep_whatsapp && !mirror && !keep_flag) return row;
  merged.push_back(row);
  Honorer& m = merged.back();
  if (keep_email) m.contact.email = stored.contact.email;
  if (keep_whatsapp) m.contact.whatsapp = stored.contact.whatsapp;
  if (mirror) {
    m.contract_start = plan.mirror_start;
    m.contract_end = plan.mirror_end;
  }
  m.working_without_contract = keep_flag;
  return m;
}

}  // namespace

int DefaultImportBatchSize(storage::Dialect dialect) {
  return dialect == storage::Dialect::kSqlite ? 20000 : 4000;
}

ImportSession::ImportSession(Registry& registry, Caller caller, Instansi instansi,
                             ImportProgress progress, bool validate_only, int batch_size)
    : registry_(registry),
      caller_(std::move(caller)),
      instansi_(std::move(instansi)),
      today_(registry.TodayIn(instansi_)),
      validate_only_(validate_only),
      batch_size_(batch_size),
      resume_after_(progress.rows_committed),
      progress_(std::move(progress)) {
  last_row_seen_ = resume_after_;
}

absl::StatusOr<std::unique_ptr<ImportSession>> ImportSession::Start(
    Registry& registry, const Caller& caller, const std::string& instansi_code,
    const std::string& import_id, bool validate_only, int batch_size) {
  if (instansi_code.empty()) return InvalidField("header.instansi_code", "is required");
  RETURN_IF_ERROR(registry.RequireOwner(caller, instansi_code, "ImportHonorers",
                                        absl::StrCat("instansi/", instansi_code)));
  if (!validate_only) RETURN_IF_ERROR(ValidateImportId(import_id));
  ASSIGN_OR_RETURN(storage::PooledConnection conn, registry.db().Acquire());
  ASSIGN_OR_RETURN(Instansi instansi,
                   registry.RequireInstansi(*conn, instansi_code, "header.instansi_code"));
  if (validate_only) {
    // Nothing is recorded: the import_id, if any, is neither looked up nor kept.
    ImportProgress checked{import_id, instansi_code, caller.principal.ToString()};
    return std::unique_ptr<ImportSession>(new ImportSession(
        registry, caller, std::move(instansi), std::move(checked), true, batch_size));
  }
  RegistryStore& store = registry.store();
  // The import_id is looked up within this instansi only: another instansi's import of
  // the same id is none of this one's business, not even that it exists.
  ASSIGN_OR_RETURN(std::optional<ImportProgress> found,
                   store.GetImport(*conn, instansi_code, import_id, false));
  if (!found) {
    ImportProgress fresh{import_id, instansi_code, caller.principal.ToString()};
    absl::Status inserted = store.InsertImport(*conn, fresh, registry.clock().Now());
    if (inserted.ok()) {
      found = fresh;
    } else if (inserted.code() == absl::StatusCode::kAlreadyExists) {
      ASSIGN_OR_RETURN(found, store.GetImport(*conn, instansi_code, import_id,
                                              false));  // started meanwhile
    } else {
      return inserted;
    }
  }
  return std::unique_ptr<ImportSession>(
      new ImportSession(registry, caller, std::move(instansi), *found, false, batch_size));
}

absl::Status ImportSession::Add(const v1::ImportRow& row) {
  const int64_t n = row.row_number();
  if (n < 1) return InvalidField("rows.row_number", "must be 1 or more");
  highest_row_sent_ = std::max(highest_row_sent_, n);
  absl::StatusOr<Honorer> parsed = ParseImportRow(row, instansi_.code, today_);
  absl::StatusOr<Contract> sk = SkOf(row);
  if (n <= resume_after_) {
    // Committed by an earlier upload: skipped, but its NIK, had it been imported,
    // is remembered, so that a later row repeating it is rejected as it would have
    // been in one uninterrupted run.
    if (parsed.ok() && sk.ok()) FirstRowOf(parsed->nik, n);
    return absl::OkStatus();
  }
  if (n <= last_row_seen_) {
    return InvalidField("rows.row_number",
                        absl::StrCat("must increase; row ", n, " came after row ", last_row_seen_));
  }
  last_row_seen_ = n;
  pending_.last_row = n;
  std::vector<Violation> bad = RowErrors(row, parsed, sk);
  if (!bad.empty()) {
    for (Violation& v : bad) pending_.errors.push_back(std::move(v));
    ++pending_.rejected;
  } else {
    pending_.periods.push_back(PeriodOf(*parsed, std::move(*sk)));
    pending_.rows.push_back(std::move(*parsed));
    pending_.row_numbers.push_back(n);
  }
  if (static_cast<int64_t>(pending_.rows.size()) + pending_.rejected >= batch_size_) {
    return Submit(false);
  }
  return absl::OkStatus();
}

std::vector<Violation> ImportSession::RowErrors(const v1::ImportRow& row,
                                               const absl::StatusOr<Honorer>& parsed,
                                               const absl::StatusOr<Contract>& sk) {
  const int64_t n = row.row_number();
  std::vector<Violation> bad = CellErrors(parsed, sk, n);
  if (bad.empty()) {
    const int64_t first = FirstRowOf(parsed->nik, n);
    if (first != n) bad.push_back(RepeatedNik(n, first));
    return bad;
  }
  // A good NIK on a bad row: said now if it repeats an accepted one, not once the
  // admin has fixed the rest.
  if (std::any_of(bad.begin(), bad.end(), [](const Violation& v) { return v.field == "nik"; })) {
    return bad;
  }
  if (std::optional<int64_t> first =
          AcceptedRowOf(std::string(absl::StripAsciiWhitespace(row.nik())))) {
    bad.push_back(RepeatedNik(n, *first));
    OrderByImportColumn(bad);
  }
  return bad;
}

int64_t ImportSession::FirstRowOf(const std::string& nik, int64_t row) {
  uint64_t key = 0;
  if (!absl::SimpleAtoi(nik, &key)) return row;  // never: a parsed NIK is 16 digits
  return seen_niks_.emplace(key, row).first->second;
}

std::optional<int64_t> ImportSession::AcceptedRowOf(const std::string& nik) const {
  uint64_t key = 0;
  if (!absl::SimpleAtoi(nik, &key)) return std::nullopt;
  auto it = seen_niks_.find(key);
  if (it == seen_niks_.end()) return std::nullopt;
  return it->second;
}

absl::Status ImportSession::WaitForInFlight() {
  if (!in_flight_.valid()) return absl::OkStatus();
  return in_flight_.get();
}

absl::Status ImportSession::Submit(bool complete) {
  RETURN_IF_ERROR(WaitForInFlight());
  Batch batch = std::move(pending_);
  pending_ = Batch{};
  if (complete) return Commit(batch, true);
  if (batch.rows.empty() && batch.rejected == 0) return absl::OkStatus();
  in_flight_ = std::async(std::launch::async,
                          [this, batch = std::move(batch)] { return Commit(batch, false); });
  return absl::OkStatus();
}

absl::Status ImportSession::Commit(const Batch& batch, bool complete) {
  const absl::Time start = absl::Now();
  absl::Status status;
  if (validate_only_) {
    status = Check(batch);
  } else if (assume_new_ && !batch.rows.empty()) {
    status = CommitOnce(batch, complete, /*assume_new=*/true);
    if (status.code() == absl::StatusCode::kAlreadyExists) {
      assume_new_ = false;  // some NIKs are registered: look them up from now on
      status = CommitOnce(batch, complete, /*assume_new=*/false);
    }
  } else {
    status = CommitOnce(batch, complete, /*assume_new=*/false);
  }
  commit_time_ += absl::Now() - start;
  return status;
}

ImportSession::NewPeriods ImportSession::PlanNewPeriods(const Batch& batch,
                                                        std::vector<size_t> rows) const {
  NewPeriods p;
  p.rows = std::move(rows);
  if (p.rows.empty() || !periods_from_rows_) return p;
  const Contract& first = *batch.periods[p.rows[0]];
  for (size_t i : p.rows) {
    if (!SameSkFields(*batch.periods[i], first)) return p;
  }
  p.common = first;
  return p;
}

absl::Status ImportSession::InsertNew(Connection& c, const std::vector<const Honorer*>& rows,
                                      NewPeriods& periods, absl::Time now) {
  const bool by_id = !periods.rows.empty() && !periods.common;
  return registry_.store().InsertHonorers(c, rows, caller_.principal.ToString(), now,
                                          by_id ? &periods.ids : nullptr,
                                          periods.common ? &periods.first_id : nullptr);
}

absl::Status ImportSession::RecordPeriods(Connection& c, const Batch& batch,
                                          const NewPeriods& periods,
                                          std::vector<Contract> writes, absl::Time now) {
  const std::string principal = caller_.principal.ToString();
  for (Contract& k : writes) {
    k.created_by = principal;
    k.create_time = k.update_time = now;
  }
  ContractStore& contracts = registry_.contract_store();
  RETURN_IF_ERROR(contracts.UpsertContracts(c, writes, now));
  if (periods.common) {
    // After every write of the batch to honorers: on MySQL (REPEATABLE READ) the
    // INSERT … SELECT share-locks the rows it reads and the gap after the last one
    // until the commit, so another import's inserts wait for this commit; were
    // this batch to insert honorers after it, two imports could wait for each other.
    absl::StatusOr<int64_t> written = contracts.InsertPeriodsOfNewHonorers(
        c, instansi_.code, periods.first_id, principal, now, *periods.common);
    // Another transaction's honorer read with ours (same instansi, author and
    // microsecond, ids interleaved) already has its period: ALREADY_EXISTS, or a
    // count that is not ours. Nothing is kept: the batch rolls back and runs again,
    // and this import writes its periods row by row from then on.
    if (written.status().code() == absl::StatusCode::kAlreadyExists ||
        (written.ok() && *written != static_cast<int64_t>(periods.rows.size()))) {
      periods_from_rows_ = false;
      return storage::RetryableAborted("another import's new honorers were read with this one's");
    }
    return written.status();
  }
  // New honorers' periods are new: a plain INSERT, cheaper than an upsert.
  std::vector<Contract> inserts;
  inserts.reserve(periods.rows.size());
  for (size_t i : periods.rows) {
    auto it = periods.ids.find(batch.rows[i].nik);
    if (it == periods.ids.end()) return absl::InternalError("an honorer just written has no id");
    inserts.push_back(*batch.periods[i]);
    Contract& k = inserts.back();
    k.honorer_id = it->second;
    k.created_by = principal;
    k.create_time = k.update_time = now;
  }
  return contracts.InsertContracts(c, inserts);
}

absl::Status ImportSession::WriteRows(Connection& c, const Batch& batch, bool assume_new,
                                      absl::Time now, Outcome& out) {
  RegistryStore& store = registry_.store();
  const std::string principal = caller_.principal.ToString();
  ContractStore& contracts = registry_.contract_store();
  if (assume_new) {
    std::vector<const Honorer*> all;
    std::vector<size_t> with_period;
    for (size_t i = 0; i < batch.rows.size(); ++i) {
      all.push_back(&batch.rows[i]);
      if (batch.periods[i]) with_period.push_back(i);
    }
    NewPeriods periods = PlanNewPeriods(batch, std::move(with_period));
    // Succeeds only if every NIK is new; otherwise the transaction rolls back whole.
    RETURN_IF_ERROR(InsertNew(c, all, periods, now));
    out.created = static_cast<int64_t>(all.size());
    return RecordPeriods(c, batch, periods, {}, now);
  }
  Plan plan;
  RETURN_IF_ERROR(Classify(c, batch, /*lock=*/true, plan, out));
  NewPeriods periods = PlanNewPeriods(batch, std::move(plan.new_with_period));
  absl::Status inserted = InsertNew(c, plan.inserts, periods, now);
  if (inserted.code() == absl::StatusCode::kAlreadyExists) {
    // Registered by someone else after the locking read (SQLite never, MySQL only
    // if locks were bypassed): classify the batch again.
    return storage::RetryableAborted("an NIK of this batch was registered meanwhile");
  }
  RETURN_IF_ERROR(inserted);
  RETURN_IF_ERROR(store.UpsertHonorers(c, plan.updates, principal, now));
  RETURN_IF_ERROR(contracts.MarkRenewed(c, plan.renewed, now));
  return RecordPeriods(c, batch, periods, std::move(plan.period_writes), now);
}

absl::Status ImportSession::Classify(Connection& c, const Batch& batch, bool lock, Plan& plan,
                                     Outcome& out) const {
  std::vector<std::string> niks;
  niks.reserve(batch.rows.size());
  for (const Honorer& h : batch.rows) niks.push_back(h.nik);
  // Locking (an import): no other import can register one of these NIKs before we
  // commit.
  ASSIGN_OR_RETURN(std::vector<Honorer> existing,
                   registry_.store().GetHonorersByNik(c, niks, lock));
  out.existing_found = static_cast<int64_t>(existing.size());
  absl::flat_hash_map<std::string, const Honorer*> by_nik;
  for (const Honorer& h : existing) by_nik[h.nik] = &h;
  // Locked with the honorers: what a row's period updates, and which is current.
  ASSIGN_OR_RETURN(std::vector<Contract> stored_periods,
                   registry_.contract_store().ContractsOf(
                       c, PeriodsToRead(batch.rows, batch.periods, by_nik), lock));
  absl::flat_hash_map<int64_t, std::vector<Contract>> periods_of;
  for (Contract& k : stored_periods) periods_of[k.honorer_id].push_back(std::move(k));
  plan.merged.reserve(batch.rows.size());
  for (size_t i = 0; i < batch.rows.size(); ++i) {
    const Honorer& row = batch.rows[i];
    auto it = by_nik.find(row.nik);
    if (it == by_nik.end()) {
      ++out.created;
      plan.inserts.push_back(&row);
      if (batch.periods[i]) plan.new_with_period.push_back(i);
      continue;
    }
    const Honorer& stored = *it->second;
    if (stored.instansi_code != row.instansi_code) {
      // Says that the NIK is taken, never where or by whom (no instansi, no name).
      out.errors.push_back({"nik", batch.row_numbers[i],
                            "is already registered, at another instansi: not imported "
                            "(BKN can move the honorer)"});
      continue;
    }
    const std::optional<PeriodPlan> shown =
        PlanFromShown(batch.periods[i], stored.contract_start, stored.contract_end);
    const PeriodPlan period =
        shown ? *shown : PlanPeriod(batch.periods[i], periods_of[stored.id]);
    if (period.refused) {
      out.errors.push_back(*period.refused);
      out.errors.back().row = batch.row_numbers[i];
      continue;
    }
    const Honorer& candidate = Candidate(row, stored, period, plan.merged);
    if (period.write) {
      Contract k = *batch.periods[i];
      k.honorer_id = stored.id;
      k.expiry = period.expiry;
      plan.period_writes.push_back(std::move(k));
    }
    plan.renewed.insert(plan.renewed.end(), period.renewed.begin(), period.renewed.end());
    if (!stored.SameDataAs(candidate)) {
      ++out.updated;
      plan.updates.push_back(&candidate);
    } else if (period.write) {
      ++out.updated;  // the SK period only: the honorer's row stays as it is
    } else {
      ++out.unchanged;
    }
  }
  return absl::OkStatus();
}

absl::Status ImportSession::Check(const Batch& batch) {
  Outcome out;
  out.errors = batch.errors;
  if (!batch.rows.empty()) {
    // Plain reads, no transaction: nothing is locked or written. The honorers and
    // their periods are two reads; a change between them makes this answer differ
    // from a later import's, as any change before that import would.
    ASSIGN_OR_RETURN(storage::PooledConnection conn, registry_.db().Acquire());
    Plan plan;
    RETURN_IF_ERROR(Classify(*conn, batch, /*lock=*/false, plan, out));
  }
  out.rejected = SortByRow(out.errors);
  const int64_t room = std::max<int64_t>(0, kMaxReturnedRows - progress_.rejected);
  checked_errors_.insert(checked_errors_.end(), out.errors.begin(),
                         out.errors.begin() + ErrorsOfFirstRows(out.errors, room));
  progress_.rows_committed = std::max(progress_.rows_committed, batch.last_row);
  progress_.created += out.created;
  progress_.updated += out.updated;
  progress_.unchanged += out.unchanged;
  progress_.rejected += out.rejected;
  return absl::OkStatus();
}

absl::Status ImportSession::CommitOnce(const Batch& batch, bool complete, bool assume_new) {
  RegistryStore& store = registry_.store();
  Outcome out;
  ImportProgress next;
  absl::Status status = storage::InTransaction(registry_.db(), [&](Connection& c) -> absl::Status {
    out = Outcome{};
    out.errors = batch.errors;
    ASSIGN_OR_RETURN(std::optional<ImportProgress> stored,
                     store.GetImport(c, instansi_.code, progress_.import_id, true));
    if (!stored || stored->rows_committed != progress_.rows_committed ||
        stored->completed != progress_.completed) {
      return absl::AbortedError(
          "import_id: another upload of this import is running or finished; send it again later");
    }
    const absl::Time now = registry_.clock().Now();
    RETURN_IF_ERROR(WriteRows(c, batch, assume_new, now, out));
    out.rejected = SortByRow(out.errors);
    const int64_t room = std::max<int64_t>(0, kMaxStoredRows - progress_.rejected);
    out.errors.resize(ErrorsOfFirstRows(out.errors, room));
    RETURN_IF_ERROR(store.InsertImportErrors(c, instansi_.code, progress_.import_id, out.errors));
    next = progress_;
    next.rows_committed = std::max(progress_.rows_committed, batch.last_row);
    next.created += out.created;
    next.updated += out.updated;
    next.unchanged += out.unchanged;
    next.rejected += out.rejected;
    next.completed = complete;
    RETURN_IF_ERROR(store.UpdateImport(c, next, now));
    return store.InsertAudit(
        c, AuditRecord{caller_.principal.ToString(), "ImportHonorers",
                       absl::StrCat("instansi/", instansi_.code, "/imports/", progress_.import_id),
                       caller_.request_id, "OK",
                       absl::StrCat("instansi=", instansi_.code, " through_row=",
                                    next.rows_committed, " created=", out.created,
                                    " updated=", out.updated, " rejected=", out.rejected,
                                    complete ? " completed" : ""),
                       now, caller_.origin});
  });
  RETURN_IF_ERROR(status);
  CountImportRows(out.created, out.updated, out.unchanged, out.rejected);
  progress_ = next;
  if (!assume_new) assume_new_ = out.existing_found == 0;
  return absl::OkStatus();
}

absl::StatusOr<ImportResult> ImportSession::Finish() {
  RETURN_IF_ERROR(WaitForInFlight());
  // Every upload of an import sends the whole file: one that ends before the rows
  // already committed is a different file, and completing the import with it would
  // answer counts for rows it never sent.
  if (highest_row_sent_ < progress_.rows_committed) {
    return WithViolation(
        absl::FailedPreconditionError(absl::StrCat(
            "header.import_id: this import already holds rows up to ", progress_.rows_committed,
            " but this upload ends at row ", highest_row_sent_,
            ": it is not the same file; use a new import_id")),
        Violation{"header.import_id", 0, "names a different, longer file"});
  }
  RETURN_IF_ERROR(Submit(true));
  if (validate_only_) RETURN_IF_ERROR(AuditCheck());
  return Result(false);
}

absl::Status ImportSession::AuditCheck() {
  // A check writes no data, but it answers what an import answers — which NIKs of
  // the file are registered at another instansi — so it leaves the trail one does.
  return storage::InTransaction(registry_.db(), [&](Connection& c) -> absl::Status {
    return registry_.store().InsertAudit(
        c, AuditRecord{caller_.principal.ToString(), "ImportHonorers",
                       absl::StrCat("instansi/", instansi_.code, "/imports/check"),
                       caller_.request_id, "OK",
                       absl::StrCat("instansi=", instansi_.code, " validate_only rows=",
                                    highest_row_sent_, " created=", progress_.created,
                                    " updated=", progress_.updated, " unchanged=",
                                    progress_.unchanged, " rejected=", progress_.rejected),
                       registry_.clock().Now(), caller_.origin});
  });
}

absl::StatusOr<ImportResult> ImportSession::Result(bool replayed) {
  ImportResult result;
  result.progress = progress_;
  result.replayed = replayed;
  result.commit_time = commit_time_;
  if (validate_only_) {
    result.errors = checked_errors_;
  } else {
    ASSIGN_OR_RETURN(storage::PooledConnection conn, registry_.db().Acquire());
    ASSIGN_OR_RETURN(result.errors,
                     registry_.store().ListImportErrors(*conn, instansi_.code,
                                                        progress_.import_id, kMaxReturnedRows));
  }
  result.errors_truncated = progress_.rejected > RowsIn(result.errors);
  return result;
}

}  // namespace penataan::registry
