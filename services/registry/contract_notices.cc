#include "services/registry/contract_notices.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/notice_values.h"
#include "common/status_macros.h"
#include "common/utf8.h"

namespace penataan::registry {
namespace {

using storage::Row;
using storage::Value;

// 13 parameters a row: far below SQLite's 32766 bound parameters and MySQL's 65535.
constexpr size_t kRowsPerStatement = 500;

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

}  // namespace

absl::StatusOr<int64_t> InsertContractNotices(storage::Connection& c,
                                              const std::vector<ContractNotice>& notices,
                                              absl::Time now) {
  int64_t inserted = 0;
  for (size_t start = 0; start < notices.size(); start += kRowsPerStatement) {
    const size_t end = std::min(notices.size(), start + kRowsPerStatement);
    std::vector<Value> refs;
    for (size_t i = start; i < end; ++i) refs.push_back(notices[i].reference);
    ASSIGN_OR_RETURN(
        std::vector<Row> rows,
        c.Query(absl::StrCat("SELECT reference FROM contract_notices WHERE reference IN (",
                             storage::Placeholders(refs.size()), ")"),
                refs));
    absl::flat_hash_set<std::string> seen;
    for (const Row& r : rows) seen.insert(r.Str(0));
    std::vector<Value> params;
    size_t count = 0;
    for (size_t i = start; i < end; ++i) {
      const ContractNotice& n = notices[i];
      if (!seen.insert(n.reference).second) continue;  // stored, or twice in this call
      params.insert(params.end(),
                    {n.reference, n.instansi_code, n.honorer_id,
                     int64_t{static_cast<int>(n.kind)},
                     ValidUtf8(EncodeNoticeValues(n.values), 8000),
                     int64_t{static_cast<int>(ContractNoticeState::kOwed)}, int64_t{0},
                     Micros(now), std::string(), int64_t{0}, std::string(), Micros(now),
                     Micros(now)});
      ++count;
    }
    if (count == 0) continue;
    // INSERT IGNORE: a reference a concurrent transaction committed since the SELECT
    // is skipped, not an error.
    ASSIGN_OR_RETURN(
        int64_t changed,
        c.Execute(absl::StrCat(c.dialect() == storage::Dialect::kMysql
                                   ? "INSERT IGNORE INTO"
                                   : "INSERT OR IGNORE INTO",
                               " contract_notices (reference, instansi_code, honorer_id, kind,"
                               " payload, state, attempts, next_attempt_us, owner,"
                               " lease_until_us, detail, create_time_us, update_time_us)"
                               " VALUES ",
                               storage::RowPlaceholders(count, 13)),
                  params));
    inserted += changed;
  }
  return inserted;
}

}  // namespace penataan::registry
