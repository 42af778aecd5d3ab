// Formasi: names, shared helpers, periods and extensions.

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "common/storage/audit_log.h"
#include "common/utf8.h"
#include "services/formasi/formasi.h"
#include "services/formasi/proposal_rules.h"

namespace penataan::formasi {
namespace {

using storage::Connection;
using storage::InTransaction;
using storage::PooledConnection;

constexpr char kDefaultZone[] = "Asia/Jakarta";  // national deadlines are stated in WIB
constexpr size_t kMaxName = 200;
constexpr size_t kMaxLetter = 100;

absl::Status NotFoundPeriod(const std::string& name) {
  return absl::NotFoundError(absl::StrCat(name, " not found"));
}

}  // namespace

// ---- Names ---------------------------------------------------------------------

std::string PeriodName(int64_t id) { return absl::StrCat("periods/", id); }
std::string ProposalName(int64_t period_id, const std::string& code) {
  return absl::StrCat("periods/", period_id, "/proposals/", code);
}
std::string ExtensionName(int64_t period_id, const std::string& code) {
  return absl::StrCat("periods/", period_id, "/extensions/", code);
}
std::string Etag(int64_t version) { return absl::StrCat(version); }

absl::StatusOr<int64_t> ParsePeriodName(const std::string& name, const std::string& field) {
  return ParseResourceId(name, "periods", field);
}

absl::Status ValidateInstansiCode(const std::string& code, const std::string& field) {
  if (code.empty() || code.size() > 16) {
    return InvalidField(field, "must be an instansi code of 1 to 16 letters and digits");
  }
  for (char ch : code) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(ch))) {
      return InvalidField(field, "must be an instansi code of 1 to 16 letters and digits");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::pair<int64_t, std::string>> ParseChildName(const std::string& name,
                                                               const std::string& collection,
                                                               const std::string& field) {
  std::vector<std::string> parts = absl::StrSplit(name, '/');
  const std::string form = absl::StrCat("must read periods/{id}/", collection, "/{instansi_code}");
  if (parts.size() != 4 || parts[0] != "periods" || parts[2] != collection) {
    return InvalidField(field, form);
  }
  absl::StatusOr<int64_t> id = ParsePeriodName(absl::StrCat("periods/", parts[1]), field);
  if (!id.ok()) return InvalidField(field, form);
  if (!ValidateInstansiCode(parts[3], field).ok()) return InvalidField(field, form);
  return std::make_pair(*id, parts[3]);
}

// ---- Shared helpers ------------------------------------------------------------

absl::Status Formasi::Audit(Connection& c, const Caller& caller, const char* action,
                            const std::string& resource, const std::string& detail) {
  return storage::InsertAudit(c, AuditRecord{caller.principal.ToString(), action, resource,
                                             caller.request_id, "OK", ValidUtf8(detail, 1000),
                                             clock_.Now(), caller.origin});
}

absl::Status Formasi::RequireOwner(const Caller& caller, const std::string& instansi_code,
                                   const char* action, const std::string& resource) {
  return storage::RequireOwner(db_, clock_.Now(), caller, instansi_code, action, resource,
                               storage::OwnDataOnly());
}

absl::StatusOr<std::string> Formasi::ScopeToInstansi(const Caller& caller,
                                                     const std::string& instansi_code,
                                                     const char* action) {
  std::string code = instansi_code;
  if (code.empty() && caller.own_records_only) code = caller.principal.id;
  if (!code.empty()) RETURN_IF_ERROR(ValidateInstansiCode(code, "instansi_code"));
  RETURN_IF_ERROR(RequireOwner(caller, code, action, absl::StrCat("instansi/", code)));
  return code;
}

absl::Status Formasi::DeadlinesChanged(Connection& c, const Period& p) {
  return hooks_.deadlines_changed ? hooks_.deadlines_changed(c, p) : absl::OkStatus();
}

absl::StatusOr<Period> Formasi::LoadPeriod(Connection& c, int64_t id, const std::string& name,
                                           bool for_update) {
  ASSIGN_OR_RETURN(std::optional<Period> p, store_.GetPeriod(c, id, for_update));
  if (!p) return NotFoundPeriod(name);
  return *p;
}

absl::StatusOr<PeriodView> Formasi::ViewOf(Connection& c, Period period) {
  ASSIGN_OR_RETURN(std::optional<absl::Time> latest,
                   store_.LatestExtensionDeadline(c, period.id));
  const absl::Time last = latest ? std::max(*latest, period.deadline) : period.deadline;
  PeriodView v;
  v.state = PeriodStateAt(period, last, clock_.Now());
  v.period = std::move(period);
  return v;
}

std::string Formasi::ZoneOf(const Caller& caller, const std::string& instansi_code,
                            const std::string& fallback) {
  absl::StatusOr<InstansiInfo> info = registry_.GetInstansi(caller, instansi_code);
  return info.ok() && !info->time_zone.empty() ? info->time_zone : fallback;
}

ExtensionView Formasi::ViewOf(const Caller& caller, Extension e) {
  ExtensionView v;
  v.deadline_display = DeadlineDisplay(e.deadline, e.deadline_zone,
                                       ZoneOf(caller, e.instansi_code, e.deadline_zone));
  v.extension = std::move(e);
  return v;
}

// ---- Periods -------------------------------------------------------------------

// A deadline that has already passed when it is set would owe every instansi a
// missed-deadline notice at once; ClosePeriod is how a window ends early.
static absl::Status NotYetPast(absl::Time deadline, const std::string& zone, absl::Time now,
                        const std::string& field) {
  if (!PastDeadline(deadline, now)) return absl::OkStatus();
  const std::string shown = DeadlineDisplay(deadline, zone, "");
  return WithViolation(
      absl::FailedPreconditionError(absl::StrCat(field, ": ", shown, " has already passed")),
      Violation{field, 0, absl::StrCat(shown, " has already passed")});
}

absl::StatusOr<PeriodView> Formasi::CreatePeriod(const Caller& caller, const PeriodInput& in,
                                                 const std::string& request_id) {
  RETURN_IF_ERROR(CheckText(in.display_name, "period.display_name", kMaxName, true));
  if (in.kind == v1::FORMASI_KIND_UNSPECIFIED || !v1::FormasiKind_IsValid(in.kind)) {
    return InvalidField("period.kind", "is required: PPPK_PENUH_WAKTU or PPPK_PARUH_WAKTU");
  }
  if (!in.open_time) return InvalidField("period.open_time", "is required");
  ASSIGN_OR_RETURN(ResolvedDeadline deadline,
                   ResolveDeadline(in.deadline, kDefaultZone, "period."));
  if (*in.open_time >= deadline.instant) {
    return InvalidField("period.open_time", "must be before the deadline");
  }
  std::vector<absl::Duration> offsets = in.reminder_offsets;
  RETURN_IF_ERROR(NormalizeReminderOffsets(offsets, "period.reminder_offsets"));
  RETURN_IF_ERROR(CheckText(in.deadline_letter, "period.deadline_letter_number", kMaxLetter, false));
  RETURN_IF_ERROR(CheckText(request_id, "request_id", 100, false));

  const absl::Time now = clock_.Now();
  Period p;
  p.display_name = in.display_name;
  p.kind = in.kind;
  p.open_time = *in.open_time;
  p.deadline = deadline.instant;
  p.deadline_zone = deadline.zone;
  p.deadline_letter = in.deadline_letter;
  p.reminder_offsets = offsets;
  p.request_id = request_id;
  p.created_by = caller.principal.ToString();
  p.version = 1;
  p.create_time = p.update_time = now;
  std::optional<PeriodView> out;
  RETURN_IF_ERROR(InTransaction(db_, [&](Connection& c) -> absl::Status {
    if (!request_id.empty()) {
      ASSIGN_OR_RETURN(std::optional<int64_t> earlier,
                       store_.FindPeriodByRequest(c, p.created_by, request_id));
      if (earlier) {
        ASSIGN_OR_RETURN(Period existing, LoadPeriod(c, *earlier, PeriodName(*earlier), false));
        ASSIGN_OR_RETURN(out, ViewOf(c, existing));
        return absl::OkStatus();
      }
    }
    // After the replay: a retry of a create that succeeded answers it, whenever.
    RETURN_IF_ERROR(NotYetPast(p.deadline, p.deadline_zone, now, "period.deadline"));
    absl::StatusOr<int64_t> id = store_.InsertPeriod(c, p);
    if (absl::IsAlreadyExists(id.status()) && !request_id.empty()) {
      // A concurrent create with the same request id committed between the
      // lookup above and this insert (the unique key waited for it): answer it.
      ASSIGN_OR_RETURN(std::optional<int64_t> earlier,
                       store_.FindPeriodByRequest(c, p.created_by, request_id));
      if (!earlier) return id.status();
      ASSIGN_OR_RETURN(Period existing, LoadPeriod(c, *earlier, PeriodName(*earlier), false));
      ASSIGN_OR_RETURN(out, ViewOf(c, existing));
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(p.id, std::move(id));
    RETURN_IF_ERROR(Audit(c, caller, "CreatePeriod", PeriodName(p.id),
                          absl::StrCat("kind=", v1::FormasiKind_Name(p.kind), " deadline=",
                                       CivilTimeIn(p.deadline, p.deadline_zone), " ",
                                       p.deadline_zone)));
    RETURN_IF_ERROR(DeadlinesChanged(c, p));
    ASSIGN_OR_RETURN(out, ViewOf(c, p));
    return absl::OkStatus();
  }));
  return *out;
}

absl::StatusOr<PeriodView> Formasi::GetPeriod(const Caller& caller, const std::string& name) {
  ASSIGN_OR_RETURN(int64_t id, ParsePeriodName(name, "name"));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(Period p, LoadPeriod(*conn, id, name, false));
  return ViewOf(*conn, std::move(p));
}

absl::StatusOr<Page<PeriodView>> Formasi::ListPeriods(const Caller& caller, int page_size,
                                                      const std::string& page_token) {
  ASSIGN_OR_RETURN(int size, EffectivePageSize(page_size));
  ASSIGN_OR_RETURN(int64_t after, DecodeIdPageToken("periods", page_token));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(std::vector<Period> rows, store_.ListPeriods(*conn, after, size + 1));
  Page<PeriodView> page;
  if (static_cast<int>(rows.size()) > size) {
    rows.pop_back();
    page.next_page_token = EncodePageToken("periods", absl::StrCat(rows.back().id));
  }
  for (Period& p : rows) {
    ASSIGN_OR_RETURN(PeriodView v, ViewOf(*conn, std::move(p)));
    page.items.push_back(std::move(v));
  }
  return page;
}

absl::StatusOr<PeriodView> Formasi::UpdatePeriod(const Caller& caller, const PeriodUpdate& u) {
  ASSIGN_OR_RETURN(int64_t id, ParsePeriodName(u.name, "period.name"));
  if (u.mask.empty()) return InvalidField("update_mask", "name at least one field to change");
  bool deadline_in_mask = false, offsets_in_mask = false, name_in_mask = false,
       open_in_mask = false;
  for (const std::string& path : u.mask) {
    if (path == "deadline" || path == "deadline_civil_time" || path == "deadline_time_zone") {
      deadline_in_mask = true;
    } else if (path == "reminder_offsets") {
      offsets_in_mask = true;
    } else if (path == "display_name") {
      name_in_mask = true;
    } else if (path == "open_time") {
      open_in_mask = true;
    } else {
      return InvalidField("update_mask", absl::StrCat("unknown or read-only field \"", path,
                                                      "\"; display_name, deadline, "
                                                      "reminder_offsets or open_time"));
    }
  }
  if (name_in_mask) RETURN_IF_ERROR(CheckText(u.patch.display_name, "period.display_name", kMaxName, true));
  std::vector<absl::Duration> offsets = u.patch.reminder_offsets;
  if (offsets_in_mask) RETURN_IF_ERROR(NormalizeReminderOffsets(offsets, "period.reminder_offsets"));
  if (open_in_mask && !u.patch.open_time) return InvalidField("period.open_time", "is required");
  RETURN_IF_ERROR(CheckText(u.letter_number, "letter_number", kMaxLetter, false));
  RETURN_IF_ERROR(CheckText(u.reason, "reason", 500, false));

  std::optional<PeriodView> out;
  RETURN_IF_ERROR(InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(Period current, LoadPeriod(c, id, u.name, true));
    if (!u.etag.empty() && u.etag != Etag(current.version)) {
      return absl::AbortedError("etag: the period was changed since it was read; read it again");
    }
    const absl::Time now = clock_.Now();
    if (current.close_time && now >= *current.close_time) {
      return absl::FailedPreconditionError(absl::StrCat(u.name, " is closed"));
    }
    Period next = current;
    std::vector<std::string> changes;
    if (name_in_mask) next.display_name = u.patch.display_name;
    if (open_in_mask) {
      if (now >= current.open_time) {
        return WithViolation(absl::FailedPreconditionError(
                                 "period.open_time: the period has opened; its opening stays"),
                             Violation{"period.open_time", 0, "the period has opened"});
      }
      next.open_time = *u.patch.open_time;
    }
    if (offsets_in_mask) next.reminder_offsets = offsets;
    if (deadline_in_mask) {
      ASSIGN_OR_RETURN(ResolvedDeadline d,
                       ResolveDeadline(u.patch.deadline, current.deadline_zone, "period."));
      if (d.instant != current.deadline) {
        RETURN_IF_ERROR(NotYetPast(d.instant, d.zone, now, "period.deadline"));
        if (absl::StripAsciiWhitespace(u.letter_number).empty()) {
          return InvalidField("letter_number",
                              "is required when the deadline moves: the number of the letter "
                              "that decided it, e.g. B/3832/M.SM.01.00/2025");
        }
        changes.push_back(absl::StrCat("deadline ", CivilTimeIn(current.deadline, current.deadline_zone),
                                       " ", current.deadline_zone, " -> ",
                                       CivilTimeIn(d.instant, d.zone), " ", d.zone,
                                       " letter=", u.letter_number));
        next.deadline_letter = u.letter_number;
      }
      next.deadline = d.instant;
      next.deadline_zone = d.zone;
    }
    if (next.open_time >= next.deadline) {
      return InvalidField("period.deadline", "must be after the period's open_time");
    }
    next.update_time = now;
    RETURN_IF_ERROR(store_.UpdatePeriod(c, next, current.version));
    next.version = current.version + 1;
    if (!u.reason.empty()) changes.push_back(absl::StrCat("reason=", u.reason));
    RETURN_IF_ERROR(Audit(c, caller, "UpdatePeriod", u.name,
                          absl::StrCat("fields=", absl::StrJoin(u.mask, ","),
                                       changes.empty() ? "" : " ", absl::StrJoin(changes, " "))));
    if (deadline_in_mask || offsets_in_mask || open_in_mask) {
      RETURN_IF_ERROR(DeadlinesChanged(c, next));
    }
    ASSIGN_OR_RETURN(out, ViewOf(c, next));
    return absl::OkStatus();
  }));
  return *out;
}

absl::StatusOr<PeriodView> Formasi::ClosePeriod(const Caller& caller, const std::string& name,
                                                const std::string& etag,
                                                const std::string& reason) {
  ASSIGN_OR_RETURN(int64_t id, ParsePeriodName(name, "name"));
  RETURN_IF_ERROR(CheckText(reason, "reason", 500, false));
  std::optional<PeriodView> out;
  RETURN_IF_ERROR(InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(Period p, LoadPeriod(c, id, name, true));
    if (!etag.empty() && etag != Etag(p.version)) {
      return absl::AbortedError("etag: the period was changed since it was read; read it again");
    }
    const absl::Time now = clock_.Now();
    if (p.close_time) return absl::FailedPreconditionError(absl::StrCat(name, " is already closed"));
    const int64_t version = p.version;
    p.close_time = now;
    p.close_reason = reason;
    p.update_time = now;
    RETURN_IF_ERROR(store_.UpdatePeriod(c, p, version));
    p.version = version + 1;
    RETURN_IF_ERROR(Audit(c, caller, "ClosePeriod", name, absl::StrCat("reason=", reason)));
    RETURN_IF_ERROR(DeadlinesChanged(c, p));
    ASSIGN_OR_RETURN(out, ViewOf(c, p));
    return absl::OkStatus();
  }));
  return *out;
}

// ---- Extensions ----------------------------------------------------------------

absl::StatusOr<ExtensionView> Formasi::GrantExtension(const Caller& caller,
                                                      const ExtensionInput& in) {
  ASSIGN_OR_RETURN(int64_t period_id, ParsePeriodName(in.period, "extension.period"));
  RETURN_IF_ERROR(ValidateInstansiCode(in.instansi_code, "extension.instansi_code"));
  RETURN_IF_ERROR(CheckText(in.reason, "extension.reason", 1000, true));
  RETURN_IF_ERROR(CheckText(in.letter_number, "extension.letter_number", kMaxLetter, true));
  // The instansi must exist: the registry is asked before the transaction opens.
  absl::StatusOr<InstansiInfo> instansi = registry_.GetInstansi(caller, in.instansi_code);
  if (absl::IsNotFound(instansi.status())) {
    return WithViolation(
        absl::NotFoundError(absl::StrCat("extension.instansi_code: instansi ", in.instansi_code,
                                         " is not registered")),
        Violation{"extension.instansi_code", 0, "is not registered"});
  }
  RETURN_IF_ERROR(instansi.status());
  std::optional<Extension> out;
  RETURN_IF_ERROR(InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(Period p, LoadPeriod(c, period_id, in.period, true));
    const absl::Time now = clock_.Now();
    if (p.close_time && now >= *p.close_time) {
      return absl::FailedPreconditionError(absl::StrCat(in.period, " was closed"));
    }
    ASSIGN_OR_RETURN(ResolvedDeadline d,
                     ResolveDeadline(in.deadline, p.deadline_zone, "extension."));
    RETURN_IF_ERROR(NotYetPast(d.instant, d.zone, now, "extension.deadline"));
    if (d.instant <= p.deadline) {
      return InvalidField("extension.deadline",
                          absl::StrCat("must be later than the period's deadline, ",
                                       DeadlineDisplay(p.deadline, p.deadline_zone, "")));
    }
    Extension e{period_id,       in.instansi_code, d.instant,
                d.zone,          in.reason,        in.letter_number,
                caller.principal.ToString(), now};
    RETURN_IF_ERROR(store_.PutExtension(c, e));
    RETURN_IF_ERROR(Audit(c, caller, "GrantExtension", ExtensionName(period_id, in.instansi_code),
                          absl::StrCat("deadline=", CivilTimeIn(d.instant, d.zone), " ", d.zone,
                                       " letter=", in.letter_number, " reason=", in.reason)));
    RETURN_IF_ERROR(DeadlinesChanged(c, p));
    out = e;
    return absl::OkStatus();
  }));
  return ViewOf(caller, *out);
}

absl::StatusOr<Page<ExtensionView>> Formasi::ListExtensions(const Caller& caller,
                                                            const std::string& period,
                                                            const std::string& instansi_code,
                                                            int page_size,
                                                            const std::string& page_token) {
  ASSIGN_OR_RETURN(std::string code, ScopeToInstansi(caller, instansi_code, "ListExtensions"));
  ASSIGN_OR_RETURN(int64_t period_id, ParsePeriodName(period, "period"));
  ASSIGN_OR_RETURN(int size, EffectivePageSize(page_size));
  const std::string kind = absl::StrCat("extensions.", period_id, ".", code);
  ASSIGN_OR_RETURN(std::string after, DecodePageToken(kind, page_token));
  std::vector<Extension> rows;
  {
    ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
    RETURN_IF_ERROR(LoadPeriod(*conn, period_id, period, false).status());
    ASSIGN_OR_RETURN(rows, store_.ListExtensions(*conn, period_id, code, after, size + 1));
  }
  Page<ExtensionView> page;
  if (static_cast<int>(rows.size()) > size) {
    rows.pop_back();
    page.next_page_token = EncodePageToken(kind, rows.back().instansi_code);
  }
  for (Extension& e : rows) page.items.push_back(ViewOf(caller, std::move(e)));
  return page;
}

}  // namespace penataan::formasi
