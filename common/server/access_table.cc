#include "common/server/access_table.h"

#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/log.h"

namespace penataan {
namespace {

bool IsKnownSpec(absl::string_view spec) {
  if (spec == "national:kemenpanrb" || spec == "national:bkn" || spec == "national:*" ||
      spec == "instansi") {
    return true;
  }
  return absl::StartsWith(spec, "service:") && spec.size() > 8;
}

const char* ScopeText(Scope scope) {
  switch (scope) {
    case Scope::kAll: return "all";
    case Scope::kOwnInstansi: return "own instansi";
    case Scope::kOwnRecords: return "own records";
  }
  return "";
}

}  // namespace

bool CallerSpecMatches(absl::string_view spec, const Principal& p) {
  if (spec == "national:*") return p.IsNational();
  if (spec == "instansi") return p.kind == Principal::Kind::kInstansi;
  return spec == p.ToString();
}

AccessTable::AccessTable(std::string service,
                         std::vector<std::pair<std::string, MethodAccess>> methods)
    : service_(std::move(service)) {
  for (auto& [name, access] : methods) {
    for (const std::string& spec : access.callers) {
      if (!IsKnownSpec(spec)) {
        // A typo here would silently lock a method; the table is code, so stop.
        LogEvent(LogLevel::kError, "bad_access_table",
                 {{"service", service_}, {"method", name}, {"caller", spec}});
        std::abort();
      }
    }
    methods_.emplace(name, std::move(access));
  }
}

absl::Status AccessTable::Check(const Principal& p, absl::string_view method) const {
  auto it = methods_.find(std::string(method));
  if (it == methods_.end()) {
    return absl::PermissionDeniedError(absl::StrCat(p.ToString(), " may not call ", method));
  }
  for (const std::string& spec : it->second.callers) {
    if (CallerSpecMatches(spec, p)) return absl::OkStatus();
  }
  // The table is public (docs/security.md): saying who may helps the admin.
  return absl::PermissionDeniedError(absl::StrCat(p.ToString(), " may not call ", method, " (",
                                                  absl::StrJoin(it->second.callers, ", "),
                                                  " only)"));
}

bool AccessTable::OwnRecordsOnly(const Principal& p, absl::string_view method) const {
  auto it = methods_.find(std::string(method));
  if (it == methods_.end()) return true;
  switch (it->second.scope) {
    case Scope::kAll: return false;
    case Scope::kOwnInstansi: return p.kind == Principal::Kind::kInstansi;
    case Scope::kOwnRecords: return !p.IsNational();
  }
  return true;
}

absl::Status AccessTable::CheckCovers(const google::protobuf::ServiceDescriptor& d) const {
  std::vector<std::string> missing, extra;
  for (int i = 0; i < d.method_count(); ++i) {
    if (!methods_.count(d.method(i)->name())) missing.push_back(d.method(i)->name());
  }
  for (const auto& [name, access] : methods_) {
    if (d.FindMethodByName(name) == nullptr) extra.push_back(name);
  }
  if (missing.empty() && extra.empty() && d.full_name() == service_) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "access table of ", service_, " does not match ", d.full_name(),
      missing.empty() ? "" : absl::StrCat("; methods without an entry: ",
                                           absl::StrJoin(missing, ", ")),
      extra.empty() ? "" : absl::StrCat("; entries without a method: ",
                                         absl::StrJoin(extra, ", "))));
}

std::string AccessTable::Markdown() const {
  std::string out = absl::StrCat("| ", service_, " method | callers | scope |\n|---|---|---|\n");
  for (const auto& [name, access] : methods_) {
    absl::StrAppend(&out, "| `", name, "` | ", absl::StrJoin(access.callers, ", "), " | ",
                    ScopeText(access.scope), " |\n");
  }
  return out;
}

}  // namespace penataan
