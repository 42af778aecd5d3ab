#include "services/registry/registry.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/errors.h"
#include "common/resource_name.h"
#include "common/log.h"
#include "common/paging.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "services/registry/contract_periods.h"
#include "services/registry/crucial_units.h"
#include "services/registry/registry_access.h"
#include "services/registry/status_rules.h"

namespace penataan::registry {
namespace {

using storage::Connection;
using storage::InTransaction;
using storage::PooledConnection;

constexpr int kBulkReadChunk = 1000;

// The access table lets exactly one service change a status: the screening, which
// writes results back on BKN's behalf and nothing else.
StatusActor ActorOf(const Principal& p) {
  return StatusActor{p.IsNational(), p.IsBkn() || p.IsService(), p.IsService()};
}

absl::Status NotFoundHonorer(const std::string& what) {
  return absl::NotFoundError(absl::StrCat("honorer ", what, " not found"));
}

bool IsSixteenDigits(const std::string& s) {
  if (s.size() != 16) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Applies one update_mask path from `patch` onto `h`.
absl::Status ApplyPath(const std::string& path, const Honorer& patch, Honorer& h,
                       const Principal& principal) {
  if (path == "nik") { h.nik = patch.nik; return absl::OkStatus(); }
  if (path == "full_name") { h.full_name = patch.full_name; return absl::OkStatus(); }
  if (path == "birth_date") { h.birth_date = patch.birth_date; return absl::OkStatus(); }
  if (path == "gender") { h.gender = patch.gender; return absl::OkStatus(); }
  if (path == "education") { h.education = patch.education; return absl::OkStatus(); }
  if (path == "unit_kerja") { h.unit_kerja = patch.unit_kerja; return absl::OkStatus(); }
  if (path == "jabatan_category") { h.jabatan_category = patch.jabatan_category; return absl::OkStatus(); }
  if (path == "position_title") { h.position_title = patch.position_title; return absl::OkStatus(); }
  if (path == "service_start_date") { h.service_start_date = patch.service_start_date; return absl::OkStatus(); }
  if (path == "contract_start") { h.contract_start = patch.contract_start; return absl::OkStatus(); }
  if (path == "contract_end") { h.contract_end = patch.contract_end; return absl::OkStatus(); }
  // An empty value clears: contacts are optional.
  if (path == "contact") { h.contact = patch.contact; return absl::OkStatus(); }
  if (path == "contact.email") { h.contact.email = patch.contact.email; return absl::OkStatus(); }
  if (path == "contact.whatsapp") {
    h.contact.whatsapp = patch.contact.whatsapp;
    return absl::OkStatus();
  }
  if (path == "bkn_differences") {
    return InvalidField("update_mask", "bkn_differences is set by BKN through VerifyHonorers");
  }
  if (path == "instansi_code") {
    if (!principal.IsNational()) {
      return absl::PermissionDeniedError(
          "update_mask: moving an honorer to another instansi is for national principals");
    }
    h.instansi_code = patch.instansi_code;
    return absl::OkStatus();
  }
  if (path == "status") {
    return InvalidField("update_mask", "status changes through ChangeHonorerStatus, with a reason");
  }
  if (path == "in_bkn_database") {
    return InvalidField("update_mask", "in_bkn_database is set by BKN through VerifyHonorers");
  }
  return InvalidField("update_mask", absl::StrCat("unknown or read-only field \"", path, "\""));
}

// ListHonorers' page token names the list it belongs to, the filter, by a hash that
// is the same on every replica (FNV-1a, not std::hash): a token used under another
// filter is refused like one of another list. Lengths keep the fields apart.
std::string HonorersTokenKind(const HonorerFilter& f) {
  std::string canonical;
  auto add = [&canonical](absl::string_view field) {
    absl::StrAppend(&canonical, field.size(), ":", field, ";");
  };
  add(f.instansi_code);
  std::vector<int> statuses(f.statuses.begin(), f.statuses.end());
  std::sort(statuses.begin(), statuses.end());
  for (int s : statuses) add(absl::StrCat("s", s));
  add(absl::StrCat("j", f.jabatan_category));
  for (const std::string& u : f.unit_kerja) add(absl::StrCat("u", u));
  for (const std::string& u : f.exclude_unit_kerja) add(absl::StrCat("x", u));
  // Only when set, so that tokens of lists without it stay valid across an upgrade.
  if (f.in_bkn_database) add(*f.in_bkn_database ? "b1" : "b0");
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char ch : canonical) {
    hash ^= ch;
    hash *= 1099511628211ull;
  }
  return absl::StrCat("honorers.", absl::Hex(hash, absl::kZeroPad16));
}

// A ListHonorers token carries the last id and the total counted on the first page:
// counting a large instansi's rows on every page would cost as much as the pages.
std::string EncodeHonorersToken(const HonorerFilter& f, int64_t last_id, int64_t total) {
  return EncodePageToken(HonorersTokenKind(f), absl::StrCat(last_id, ".", total));
}

// {0, -1} for the first page (no token).
absl::StatusOr<std::pair<int64_t, int64_t>> DecodeHonorersToken(const HonorerFilter& f,
                                                               const std::string& token) {
  ASSIGN_OR_RETURN(std::string key, DecodePageToken(HonorersTokenKind(f), token));
  if (key.empty()) return std::make_pair(int64_t{0}, int64_t{-1});
  std::pair<absl::string_view, absl::string_view> parts = absl::StrSplit(key, '.');
  int64_t after = 0, total = 0;
  if (!absl::SimpleAtoi(parts.first, &after) || !absl::SimpleAtoi(parts.second, &total) ||
      after < 0 || total < 0) {
    return InvalidField("page_token", "is not a token from this list; start again without it");
  }
  return std::make_pair(after, total);
}

}  // namespace

std::string HonorerName(int64_t id) { return absl::StrCat("honorers/", id); }
std::string ContactsName(const std::string& instansi_code) {
  return absl::StrCat("instansi/", instansi_code, "/contacts");
}
std::string Etag(int64_t version) { return absl::StrCat(version); }

absl::StatusOr<int64_t> ParseHonorerName(const std::string& name, const char* field) {
  return ParseResourceId(name, "honorers", field);
}

// ---- Shared helpers ------------------------------------------------------------

absl::Status Registry::RequireOwner(const Caller& caller, const std::string& instansi_code,
                                    const char* action, const std::string& resource,
                                    absl::Status answer) {
  return storage::RequireOwner(db_, clock_.Now(), caller, instansi_code, action, resource,
                               std::move(answer));
}

absl::Status Registry::AuditRefusalAfter(const Caller& caller, const absl::Status& status,
                                         bool foreign, const char* action,
                                         const std::string& resource) {
  if (foreign) {
    storage::RecordForeignAccess(db_, clock_.Now(), caller, action, resource);
  } else if (absl::IsPermissionDenied(status)) {
    storage::RecordRefusal(db_, AuditRecord{caller.principal.ToString(), action, resource,
                                            caller.request_id, "PERMISSION_DENIED",
                                            std::string(status.message()), clock_.Now(),
                                            caller.origin});
  }
  return status;
}

absl::Status Registry::Audit(Connection& c, const Caller& caller, const char* action,
                             const std::string& resource, const std::string& detail) {
  return store_.InsertAudit(c, AuditRecord{caller.principal.ToString(), action, resource,
                                           caller.request_id, "OK", detail, clock_.Now(),
                                           caller.origin});
}

absl::StatusOr<Instansi> Registry::RequireInstansi(Connection& c, const std::string& code,
                                                   const char* field) {
  ASSIGN_OR_RETURN(std::optional<Instansi> instansi, store_.GetInstansi(c, code));
  if (!instansi) {
    return WithViolation(absl::NotFoundError(absl::StrCat(field, ": instansi ", code,
                                                          " is not registered")),
                         Violation{field, 0, "instansi is not registered"});
  }
  return *instansi;
}

absl::CivilDay Registry::TodayIn(const Instansi& instansi) const {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(instansi.time_zone, &zone)) zone = absl::UTCTimeZone();
  return absl::ToCivilDay(clock_.Now(), zone);
}

absl::StatusOr<Honorer> Registry::LoadForRead(const Caller& caller, const std::string& name,
                                              const char* action) {
  ASSIGN_OR_RETURN(int64_t id, ParseHonorerName(name, "name"));
  ASSIGN_OR_RETURN(std::optional<Honorer> h, lookup_.ById(id));
  if (!h) return NotFoundHonorer(name);
  // Another instansi's honorer is answered as a missing one: no oracle.
  RETURN_IF_ERROR(RequireOwner(caller, h->instansi_code, action, name, NotFoundHonorer(name)));
  return *h;
}

// ---- Instansi ------------------------------------------------------------------

absl::StatusOr<Instansi> Registry::CreateInstansi(const Caller& caller, Instansi instansi) {
  const std::string resource = absl::StrCat("instansi/", instansi.code);
  RETURN_IF_ERROR(ValidateInstansi(instansi));
  instansi.create_time = clock_.Now();
  absl::Status status = InTransaction(db_, [&](Connection& c) -> absl::Status {
    RETURN_IF_ERROR(store_.InsertInstansi(c, instansi));
    return Audit(c, caller, "CreateInstansi", resource, instansi.display_name);
  });
  if (status.code() == absl::StatusCode::kAlreadyExists) {
    return WithViolation(
        absl::AlreadyExistsError(absl::StrCat("instansi ", instansi.code, " already exists")),
        Violation{"instansi.code", 0, "already exists"});
  }
  RETURN_IF_ERROR(status);
  return instansi;
}

absl::StatusOr<Instansi> Registry::GetInstansi(const Caller& caller, const std::string& code) {
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  return RequireInstansi(*conn, code, "code");
}

absl::StatusOr<Page<Instansi>> Registry::ListInstansi(const Caller& caller, int page_size,
                                                      const std::string& page_token) {
  ASSIGN_OR_RETURN(int size, EffectivePageSize(page_size));
  ASSIGN_OR_RETURN(std::string after, DecodePageToken("instansi", page_token));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(std::vector<Instansi> rows, store_.ListInstansi(*conn, after, size + 1));
  Page<Instansi> page;
  if (static_cast<int>(rows.size()) > size) {
    rows.pop_back();
    page.next_page_token = EncodePageToken("instansi", rows.back().code);
  }
  page.items = std::move(rows);
  return page;
}

// ---- Honorers ------------------------------------------------------------------

absl::StatusOr<Honorer> Registry::CreateHonorer(const Caller& caller, Honorer h,
                                                const std::string& request_id) {
  RETURN_IF_ERROR(RequireOwner(caller, h.instansi_code, "CreateHonorer",
                               absl::StrCat("instansi/", h.instansi_code)));
  if (h.status != v1::HONORER_STATUS_UNSPECIFIED && h.status != v1::ACTIVE) {
    return InvalidField("honorer.status",
                        "a new honorer starts ACTIVE; change it with ChangeHonorerStatus");
  }
  if (h.in_bkn_database) {
    return InvalidField("honorer.in_bkn_database", "is set by BKN through VerifyHonorers");
  }
  if (h.working_without_contract) {
    return InvalidField("honorer.working_without_contract",
                        "is set by the registry when an SK ends in a crucial unit");
  }
  if (request_id.size() > 100) return InvalidField("request_id", "is longer than 100 characters");
  std::optional<Honorer> created;
  bool replayed = false;
  absl::Status status = InTransaction(db_, [&](Connection& c) -> absl::Status {
    if (!request_id.empty()) {
      ASSIGN_OR_RETURN(std::optional<int64_t> earlier,
                       store_.FindCreateRequest(c, caller.principal.ToString(), request_id));
      if (earlier) {
        replayed = true;
        ASSIGN_OR_RETURN(created, store_.GetHonorerById(c, *earlier, false));
        return absl::OkStatus();
      }
    }
    ASSIGN_OR_RETURN(Instansi instansi, RequireInstansi(c, h.instansi_code, "honorer.instansi_code"));
    std::vector<Violation> bad = ValidateHonorer(h, TodayIn(instansi), "honorer.");
    for (Violation& v : NormalizeContact(h.contact, "honorer.contact.")) bad.push_back(std::move(v));
    RETURN_IF_ERROR(InvalidFields(bad));
    const absl::Time now = clock_.Now();
    h.status = v1::ACTIVE;
    h.version = 1;
    h.created_by = caller.principal.ToString();
    h.create_time = h.update_time = now;
    absl::StatusOr<int64_t> id = store_.InsertHonorer(c, h);
    if (id.status().code() == absl::StatusCode::kAlreadyExists) {
      return WithViolation(
          absl::AlreadyExistsError("honorer.nik: an honorer with this NIK is already registered"),
          Violation{"honorer.nik", 0, "is already registered"});
    }
    RETURN_IF_ERROR(id.status());
    h.id = *id;
    if (h.contract_start && h.contract_end) {
      // The honorer's fields carry no SK number: a period without one.
      RETURN_IF_ERROR(contracts_.InsertContracts(
          c, {NewPeriod(h.id, h.instansi_code, *h.contract_start, *h.contract_end,
                        h.created_by, now)}));
    }
    if (!request_id.empty()) {
      RETURN_IF_ERROR(store_.InsertCreateRequest(c, caller.principal.ToString(), request_id,
                                                 h.id, now));
    }
    created = h;
    return Audit(c, caller, "CreateHonorer", HonorerName(h.id),
                 absl::StrCat("nik=", MaskNik(h.nik)));
  });
  if (status.code() == absl::StatusCode::kAlreadyExists && !request_id.empty()) {
    // A copy of this create with the same request_id may have run alongside (a client
    // retrying while the first is still in flight): both found no earlier request,
    // and the NIK's unique key made this one wait for the other's commit and then
    // fail. Then the other's request is committed: answer the honorer it created.
    ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(std::optional<int64_t> earlier,
                     store_.FindCreateRequest(*conn, caller.principal.ToString(), request_id));
    if (earlier) {
      ASSIGN_OR_RETURN(created, store_.GetHonorerById(*conn, *earlier, false));
      replayed = true;
      status = absl::OkStatus();
    }
  }
  RETURN_IF_ERROR(status);
  if (!created) return NotFoundHonorer("created by this request_id");
  // A replay answers the honorer only while it is still the caller's: one moved
  // to another instansi since is that instansi's now.
  if (replayed) {
    const std::string name = HonorerName(created->id);
    RETURN_IF_ERROR(RequireOwner(caller, created->instansi_code, "CreateHonorer", name,
                                 NotFoundHonorer(name)));
  }
  return *created;
}

absl::StatusOr<Honorer> Registry::GetHonorer(const Caller& caller, const HonorerKey& key) {
  if (key.nik.empty()) return LoadForRead(caller, key.name, "GetHonorer");
  if (!IsSixteenDigits(key.nik)) return InvalidField("nik", "must be 16 digits");
  ASSIGN_OR_RETURN(std::optional<Honorer> h, lookup_.ByNik(key.nik));
  const absl::Status missing = absl::NotFoundError("no honorer with this NIK");
  if (!h) return missing;
  // A NIK another instansi holds is answered as an unknown one: no oracle.
  RETURN_IF_ERROR(RequireOwner(caller, h->instansi_code, "GetHonorer", HonorerName(h->id),
                               missing));
  return *h;
}

absl::StatusOr<HonorerBatch> Registry::BatchGetHonorers(const Caller& caller,
                                                        const std::vector<std::string>& names,
                                                        bool allow_missing) {
  if (names.size() > kMaxBatchGetHonorers) {
    return InvalidField("names", absl::StrCat("at most ", kMaxBatchGetHonorers,
                                              " names per call, not ", names.size()));
  }
  // Every malformed name, by its 1-based place, before anything is read.
  constexpr size_t kMaxNamedViolations = 100;
  std::vector<int64_t> ids(names.size());
  std::vector<Violation> bad;
  for (size_t i = 0; i < names.size(); ++i) {
    absl::StatusOr<int64_t> id = ParseHonorerName(names[i], "names");
    if (id.ok()) {
      ids[i] = *id;
    } else if (bad.size() < kMaxNamedViolations) {
      bad.push_back({"names", static_cast<int64_t>(i + 1),
                     absl::StrCat("name ", i + 1, " is not of the form honorers/{id}")});
    }
  }
  RETURN_IF_ERROR(InvalidFields(bad));
  std::vector<int64_t> distinct = ids;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  absl::flat_hash_map<int64_t, Honorer> found;
  found.reserve(distinct.size());
  {
    // Returned to the pool before a refusal is recorded on a connection of its own.
    ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(std::vector<Honorer> rows, store_.GetHonorersById(*conn, distinct));
    for (Honorer& h : rows) {
      const int64_t id = h.id;
      found.emplace(id, std::move(h));
    }
  }
  HonorerBatch batch;
  batch.honorers.reserve(names.size());
  size_t first_missing = names.size(), first_foreign = names.size(), foreign = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    auto it = found.find(ids[i]);
    const bool visible = it != found.end() && caller.Owns(it->second.instansi_code);
    if (visible) {
      batch.honorers.push_back(it->second);
      continue;
    }
    if (it != found.end()) {
      ++foreign;
      if (first_foreign == names.size()) first_foreign = i;
    }
    if (first_missing == names.size()) first_missing = i;
    batch.missing.push_back(names[i]);
  }
  // Another instansi's honorers were answered as missing: one refusal record per
  // call (not one per name: a proposal names thousands), before the answer.
  if (foreign > 0) {
    storage::RecordRefusal(
        db_, AuditRecord{caller.principal.ToString(), "BatchGetHonorers", names[first_foreign],
                         caller.request_id, "PERMISSION_DENIED",
                         absl::StrCat("another instansi's data: ", foreign, " of ",
                                      names.size(), " names"),
                         clock_.Now(), caller.origin});
  }
  if (!allow_missing && first_missing < names.size()) {
    const int64_t place = static_cast<int64_t>(first_missing + 1);
    return WithViolation(
        absl::NotFoundError(absl::StrCat("honorer ", names[first_missing], " not found (name ",
                                         place, " of ", names.size(), ")")),
        Violation{"names", place, "not found"});
  }
  return batch;
}

absl::StatusOr<Page<Honorer>> Registry::ListHonorers(const Caller& caller, HonorerFilter filter,
                                                     int page_size,
                                                     const std::string& page_token) {
  if (filter.instansi_code.empty() && caller.own_records_only) {
    filter.instansi_code = caller.principal.id;  // an instansi lists its own by default
  }
  // Asking for another instansi's list is refused, never answered empty.
  RETURN_IF_ERROR(RequireOwner(caller, filter.instansi_code, "ListHonorers",
                               absl::StrCat("instansi/", filter.instansi_code)));
  ASSIGN_OR_RETURN(int size, EffectivePageSize(page_size));
  ASSIGN_OR_RETURN(auto cursor, DecodeHonorersToken(filter, page_token));
  auto [after, total] = cursor;
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(std::vector<Honorer> rows, store_.ListHonorers(*conn, filter, after, size + 1));
  Page<Honorer> page;
  // Counted once, on the first page; later pages answer that count (an estimate by
  // then, as AIP-158 allows total_size to be).
  if (total < 0) {
    ASSIGN_OR_RETURN(total, store_.CountHonorers(*conn, filter));
  }
  if (static_cast<int>(rows.size()) > size) {
    rows.pop_back();
    page.next_page_token = EncodeHonorersToken(filter, rows.back().id, total);
  }
  page.total_size = total;
  page.items = std::move(rows);
  return page;
}

absl::StatusOr<Honorer> Registry::UpdateHonorer(const Caller& caller, const Honorer& patch,
                                                const std::vector<std::string>& mask,
                                                const std::string& name,
                                                const std::string& etag) {
  ASSIGN_OR_RETURN(int64_t id, ParseHonorerName(name, "honorer.name"));
  if (mask.empty()) return InvalidField("update_mask", "name at least one field to change");
  std::optional<Honorer> result;
  bool foreign = false;
  absl::Status status = InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Honorer> current, store_.GetHonorerById(c, id, true));
    foreign = current && !caller.Owns(current->instansi_code);
    if (!current || foreign) return NotFoundHonorer(name);
    if (!etag.empty() && etag != Etag(current->version)) {
      return absl::AbortedError("etag: the honorer was changed since it was read; read it again");
    }
    Honorer updated = *current;
    for (const std::string& path : mask) {
      RETURN_IF_ERROR(ApplyPath(path, patch, updated, caller.principal));
    }
    // The honorer's instansi (the new one, when moved): it must exist, and its zone
    // gives "today" for the NIK's age rule.
    ASSIGN_OR_RETURN(Instansi instansi,
                     RequireInstansi(c, updated.instansi_code, "honorer.instansi_code"));
    std::vector<Violation> bad = ValidateHonorer(updated, TodayIn(instansi), "honorer.");
    for (Violation& v : NormalizeContact(updated.contact, "honorer.contact.")) {
      bad.push_back(std::move(v));
    }
    RETURN_IF_ERROR(InvalidFields(bad));
    const absl::Time now = clock_.Now();
    RETURN_IF_ERROR(CorrectPeriods(c, *current, updated, caller.principal.ToString(), now));
    absl::Status written = store_.UpdateHonorer(c, updated, current->version, now);
    if (written.code() == absl::StatusCode::kAlreadyExists) {
      return WithViolation(
          absl::AlreadyExistsError(
              "honorer.nik: this NIK is already registered to another honorer"),
          Violation{"honorer.nik", 0, "is already registered to another honorer"});
    }
    RETURN_IF_ERROR(written);
    updated.version = current->version + 1;
    updated.update_time = now;
    result = updated;
    return Audit(c, caller, "UpdateHonorer", name,
                 absl::StrCat("fields=", absl::StrJoin(mask, ",")));
  });
  RETURN_IF_ERROR(AuditRefusalAfter(caller, status, foreign, "UpdateHonorer", name));
  return *result;
}

absl::StatusOr<Honorer> Registry::ChangeStatus(const Caller& caller, const std::string& name,
                                               HonorerStatus to, const std::string& reason,
                                               const std::string& etag) {
  ASSIGN_OR_RETURN(int64_t id, ParseHonorerName(name, "name"));
  if (absl::StripAsciiWhitespace(reason).empty()) {
    return InvalidField("reason", "say why the status changes; the honorer will read it");
  }
  if (reason.size() > 500) return InvalidField("reason", "is longer than 500 characters");
  std::optional<Honorer> result;
  bool foreign = false;
  absl::Status status = InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Honorer> h, store_.GetHonorerById(c, id, true));
    foreign = h && !caller.Owns(h->instansi_code);
    if (!h || foreign) return NotFoundHonorer(name);
    if (!etag.empty() && etag != Etag(h->version)) {
      return absl::AbortedError("etag: the honorer was changed since it was read; read it again");
    }
    RETURN_IF_ERROR(CheckStatusChange(h->status, to, ActorOf(caller.principal)));
    const absl::Time now = clock_.Now();
    const HonorerStatus from = h->status;
    h->status = to;
    RETURN_IF_ERROR(store_.UpdateHonorer(c, *h, h->version, now));
    RETURN_IF_ERROR(store_.InsertStatusEvent(
        c, StatusEvent{0, id, from, to, reason, caller.principal.ToString(), caller.request_id,
                       now, caller.origin}));
    h->version += 1;
    h->update_time = now;
    result = *h;
    return Audit(c, caller, "ChangeHonorerStatus", name,
                 absl::StrCat(v1::HonorerStatus_Name(from), "->", v1::HonorerStatus_Name(to)));
  });
  RETURN_IF_ERROR(AuditRefusalAfter(caller, status, foreign, "ChangeHonorerStatus", name));
  return *result;
}

absl::StatusOr<Page<StatusEvent>> Registry::ListStatusHistory(const Caller& caller,
                                                              const std::string& name,
                                                              int page_size,
                                                              const std::string& page_token) {
  ASSIGN_OR_RETURN(Honorer h, LoadForRead(caller, name, "ListStatusHistory"));
  ASSIGN_OR_RETURN(int size, EffectivePageSize(page_size));
  ASSIGN_OR_RETURN(int64_t after, DecodeIdPageToken("events", page_token));
  // Registration is the honorer row itself (created_by, create_time): the first
  // page opens with it, and stored events are the changes after it.
  const bool first_page = page_token.empty();
  const int want = first_page ? size - 1 : size;
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(std::vector<StatusEvent> rows,
                   store_.ListStatusEvents(*conn, h.id, after, want + 1));
  Page<StatusEvent> page;
  if (static_cast<int>(rows.size()) > want) {
    rows.pop_back();
    page.next_page_token =
        EncodePageToken("events", absl::StrCat(rows.empty() ? 0 : rows.back().id));
  }
  if (first_page) {
    page.items.push_back(StatusEvent{0, h.id, v1::HONORER_STATUS_UNSPECIFIED, v1::ACTIVE,
                                     "Didaftarkan", h.created_by, "", h.create_time, ""});
  }
  page.items.insert(page.items.end(), rows.begin(), rows.end());
  return page;
}

absl::StatusOr<BulkStatusResult> Registry::BulkChangeStatus(const Caller& caller,
                                                            const BulkStatusChange& change) {
  const HonorerFilter& filter = change.filter;
  if (filter.instansi_code.empty()) return InvalidField("instansi_code", "is required");
  RETURN_IF_ERROR(RequireOwner(caller, filter.instansi_code, "BulkChangeStatus",
                               absl::StrCat("instansi/", filter.instansi_code)));
  if (absl::StripAsciiWhitespace(change.reason).empty()) {
    return InvalidField("reason", "say why the status changes; every honorer will read it");
  }
  if (change.reason.size() > 500) return InvalidField("reason", "is longer than 500 characters");
  for (const auto& [field, units] : {std::pair{"unit_kerja", &filter.unit_kerja},
                                     std::pair{"exclude_unit_kerja", &filter.exclude_unit_kerja}}) {
    if (units->size() > kMaxUnitFilter) {
      return InvalidField(field, absl::StrCat("at most ", kMaxUnitFilter, " units"));
    }
  }
  // Refuses a missing status, or MS/TMS from anyone but the screening, before any
  // row is read; a refusal is audited like any other.
  RETURN_IF_ERROR(AuditRefusalAfter(
      caller,
      CheckStatusChange(v1::HONORER_STATUS_UNSPECIFIED, change.new_status,
                        ActorOf(caller.principal)),
      /*foreign=*/false, "BulkChangeStatus", absl::StrCat("instansi/", filter.instansi_code)));
  BulkStatusResult result;
  absl::Status status = InTransaction(db_, [&](Connection& c) -> absl::Status {
    result = BulkStatusResult{};
    RETURN_IF_ERROR(RequireInstansi(c, filter.instansi_code, "instansi_code").status());
    // The crucial units are matched in C++ (IsCrucialUnit: canonical names and
    // prefixes, which SQL would match differently on the two backends) on the
    // rows each page reads; the policy is read in this transaction.
    std::vector<CrucialUnit> crucial;
    if (change.exclude_crucial_units) {
      ASSIGN_OR_RETURN(ContractPolicy policy,
                       contracts_.GetPolicy(c, filter.instansi_code, /*for_update=*/false));
      crucial = std::move(policy.crucial_units);
    }
    std::vector<std::pair<int64_t, HonorerStatus>> to_change;
    int64_t after = 0;
    while (true) {
      // A locking read: on MySQL a plain one reads the transaction's snapshot, and a
      // status changed after it (a resignation committed meanwhile) would be written
      // over, with a history `from` it no longer was. Locked, the rows read are the
      // latest, and stay so until this transaction ends. A dry run writes nothing.
      ASSIGN_OR_RETURN(std::vector<Honorer> rows,
                       store_.ListHonorers(c, filter, after, kBulkReadChunk,
                                           /*for_update=*/!change.dry_run));
      for (const Honorer& h : rows) {
        if (!crucial.empty() && IsCrucialUnit(crucial, h.unit_kerja)) continue;
        ++result.matched;
        if (CheckStatusChange(h.status, change.new_status, ActorOf(caller.principal)).ok()) {
          to_change.emplace_back(h.id, h.status);
        } else {
          ++result.skipped;
        }
      }
      if (static_cast<int>(rows.size()) < kBulkReadChunk) break;
      after = rows.back().id;
    }
    // A dry run answers how many would change, and writes nothing.
    result.changed = static_cast<int64_t>(to_change.size());
    if (change.dry_run) return absl::OkStatus();
    RETURN_IF_ERROR(store_.ChangeStatusMany(c, to_change, change.new_status, change.reason,
                                            caller.principal.ToString(), caller.request_id,
                                            caller.origin, clock_.Now()));
    return Audit(c, caller, "BulkChangeStatus", absl::StrCat("instansi/", filter.instansi_code),
                 absl::StrCat("to=", v1::HonorerStatus_Name(change.new_status),
                              " changed=", result.changed, " skipped=", result.skipped,
                              change.exclude_crucial_units ? " without_crucial_units" : ""));
  });
  RETURN_IF_ERROR(status);
  return result;
}

absl::StatusOr<VerifyResult> Registry::VerifyHonorers(const Caller& caller,
                                                      const std::vector<BknEntry>& entries) {
  if (entries.empty()) return InvalidField("entries", "is empty");
  if (entries.size() > kMaxVerifyEntries) {
    return InvalidField("entries", absl::StrCat("at most ", kMaxVerifyEntries, " per call"));
  }
  std::vector<Violation> bad;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!IsSixteenDigits(entries[i].nik)) {
      bad.push_back({absl::StrCat("entries[", i, "].nik"), 0, "must be 16 digits"});
    }
    const std::optional<std::string>& name = entries[i].record.full_name;
    if (name && (name->size() > 200 || !IsValidUtf8(*name))) {
      bad.push_back({absl::StrCat("entries[", i, "].full_name"), 0,
                     "must be valid UTF-8 of at most 200 bytes"});
    }
  }
  RETURN_IF_ERROR(InvalidFields(bad));
  VerifyResult result;
  absl::Status status = InTransaction(db_, [&](Connection& c) -> absl::Status {
    result = VerifyResult{};
    constexpr size_t kChunk = 1000;
    const absl::Time now = clock_.Now();
    for (size_t start = 0; start < entries.size(); start += kChunk) {
      const size_t end = std::min(entries.size(), start + kChunk);
      std::vector<std::string> niks;
      for (size_t i = start; i < end; ++i) niks.push_back(entries[i].nik);
      // Locked: the values compared below are the ones overwritten.
      ASSIGN_OR_RETURN(std::vector<Honorer> found,
                       store_.GetHonorersByNik(c, niks, /*for_update=*/true));
      absl::flat_hash_map<std::string, const Honorer*> by_nik;
      for (const Honorer& h : found) by_nik[h.nik] = &h;
      // A NIK sent twice: the later entry is BKN's last word, as if sent later.
      absl::flat_hash_map<int64_t, size_t> slot;
      std::vector<BknUpdate> writes;
      for (size_t i = start; i < end; ++i) {
        auto it = by_nik.find(entries[i].nik);
        if (it == by_nik.end()) {
          result.not_found.push_back(static_cast<int>(i));
          continue;
        }
        const Honorer& h = *it->second;
        BknUpdate u{h.id, entries[i].in_bkn_database,
                    entries[i].in_bkn_database ? entries[i].record : BknRecord{}};
        auto [at, fresh] = slot.emplace(h.id, writes.size());
        if (fresh) {
          writes.push_back(std::move(u));
        } else {
          writes[at->second] = std::move(u);
        }
      }
      std::vector<BknUpdate> changed;
      absl::flat_hash_map<int64_t, const Honorer*> by_id;
      for (const Honorer& h : found) by_id[h.id] = &h;
      for (BknUpdate& u : writes) {
        const Honorer& h = *by_id[u.honorer_id];
        if (h.in_bkn_database == u.in_bkn_database && h.bkn == u.record) {
          ++result.unchanged;
        } else {
          changed.push_back(std::move(u));
        }
      }
      result.updated += static_cast<int64_t>(changed.size());
      RETURN_IF_ERROR(store_.SetBknRecords(c, changed, now));
    }
    return Audit(c, caller, "VerifyHonorers", "honorers/*",
                 absl::StrCat("updated=", result.updated, " unchanged=", result.unchanged,
                              " not_found=", result.not_found.size()));
  });
  RETURN_IF_ERROR(status);
  return result;
}

absl::StatusOr<v1::HonorerView> Registry::ResolveView(const Caller& caller,
                                                      v1::HonorerView view, const char* action) {
  // A view the server does not know would otherwise read as FULL: refused, so that a
  // client asking for less never gets more.
  if (!v1::HonorerView_IsValid(view)) return InvalidField("view", "is not a known view");
  if (!caller.principal.IsService()) {
    return view == v1::HONORER_VIEW_UNSPECIFIED ? v1::HONORER_VIEW_FULL : view;
  }
  // Services act for others and keep what they read: they never receive the NIK.
  if (view == v1::HONORER_VIEW_UNSPECIFIED) return v1::HONORER_VIEW_BASIC;
  if (view == v1::HONORER_VIEW_FULL) {
    absl::Status refused = WithViolation(
        absl::PermissionDeniedError(
            "view: a service may read honorers in the BASIC or SCREENING view only"),
        Violation{"view", 0, "FULL (with the NIK) is not for services"});
    storage::RecordRefusal(db_, AuditRecord{caller.principal.ToString(), action, "honorers/*",
                                            caller.request_id, "PERMISSION_DENIED",
                                            "view=FULL", clock_.Now(), caller.origin});
    return refused;
  }
  if (view == v1::HONORER_VIEW_SCREENING && !MayReadScreeningView(caller.principal)) {
    absl::Status refused = WithViolation(
        absl::PermissionDeniedError(
            "view: of the services only the screening reads honorers in the SCREENING view"),
        Violation{"view", 0, "SCREENING (contacts, BKN's values) is not for this service"});
    storage::RecordRefusal(db_, AuditRecord{caller.principal.ToString(), action, "honorers/*",
                                            caller.request_id, "PERMISSION_DENIED",
                                            "view=SCREENING", clock_.Now(), caller.origin});
    return refused;
  }
  return view;
}

}  // namespace penataan::registry
