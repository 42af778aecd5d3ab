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

// Ids per UPDATE ... WHERE id IN (...).
constexpr size_t kIdChunk = 500;

constexpr char kColumns[] =
    "id, reference, instansi_code, honorer_id, kind, payload, state, attempts,"
    " next_attempt_us, owner, lease_until_us, detail, create_time_us, update_time_us";

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time TimeOf(const Row& r, size_t i) { return absl::FromUnixMicros(r.Int(i)); }
constexpr int64_t kOwed = static_cast<int>(ContractNoticeState::kOwed);

// A payload that does not decode leaves the values empty: the sender then fails
// the notice (notification refuses a template's missing values) rather than the
// whole claim.
ContractNotice NoticeFrom(const Row& r) {
  ContractNotice n;
  n.id = r.Int(0);
  n.reference = r.Str(1);
  n.instansi_code = r.Str(2);
  n.honorer_id = r.Int(3);
  n.kind = static_cast<ContractNoticeKind>(r.Int(4));
  absl::StatusOr<std::map<std::string, std::string>> values = DecodeNoticeValues(r.Str(5));
  if (values.ok()) n.values = *std::move(values);
  n.state = static_cast<ContractNoticeState>(r.Int(6));
  n.attempts = static_cast<int>(r.Int(7));
  n.next_attempt = TimeOf(r, 8);
  n.owner = r.Str(9);
  n.lease_until = TimeOf(r, 10);
  n.detail = r.Str(11);
  n.create_time = TimeOf(r, 12);
  n.update_time = TimeOf(r, 13);
  return n;
}

std::vector<ContractNotice> NoticesFrom(const std::vector<Row>& rows) {
  std::vector<ContractNotice> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(NoticeFrom(r));
  return out;
}

// Runs `statement` (ending in "id IN ") for `ids` in chunks, `before` the
// parameters ahead of the id list. Returns the rows changed.
absl::StatusOr<int64_t> UpdateIds(storage::Connection& c, const std::string& statement,
                                  const std::vector<Value>& before,
                                  const std::vector<int64_t>& ids) {
  int64_t changed = 0;
  for (size_t start = 0; start < ids.size(); start += kIdChunk) {
    const size_t end = std::min(ids.size(), start + kIdChunk);
    std::vector<Value> params = before;
    for (size_t i = start; i < end; ++i) params.push_back(ids[i]);
    ASSIGN_OR_RETURN(int64_t n, c.Execute(absl::StrCat(statement, "(",
                                                       storage::Placeholders(end - start), ")"),
                                          params));
    changed += n;
  }
  return changed;
}

constexpr char kCutMark[] = "…";
constexpr size_t kCutMarkBytes = sizeof(kCutMark) - 1;

// `text` as valid UTF-8 of at most `max_bytes`, ending in kCutMark when cut.
std::string CutValue(const std::string& text, size_t max_bytes) {
  std::string valid = ValidUtf8(text);
  if (valid.size() <= max_bytes) return valid;
  if (max_bytes < kCutMarkBytes) return "";
  return ValidUtf8(valid, max_bytes - kCutMarkBytes) + kCutMark;
}

}  // namespace

absl::StatusOr<std::string> NoticePayload(const std::map<std::string, std::string>& values) {
  std::map<std::string, std::string> bounded;
  for (const auto& [key, value] : values) bounded[key] = CutValue(value, kMaxNoticeValueBytes);
  for (;;) {
    std::string json = EncodeNoticeValues(bounded);
    if (json.size() <= kMaxNoticePayloadBytes) return json;
    auto longest = bounded.begin();
    for (auto it = bounded.begin(); it != bounded.end(); ++it) {
      if (it->second.size() > longest->second.size()) longest = it;
    }
    if (longest == bounded.end() || longest->second.empty()) {
      return absl::InvalidArgumentError("a notice's keys do not fit the outbox");
    }
    // Each byte cut shortens the JSON by at least a byte: the value shrinks every
    // round, so this ends.
    const size_t excess = json.size() - kMaxNoticePayloadBytes;
    const size_t keep = longest->second.size() > excess ? longest->second.size() - excess : 0;
    longest->second = CutValue(longest->second, keep);
  }
}

absl::StatusOr<std::set<std::string>> ExistingContractNotices(
    storage::Connection& c, const std::vector<std::string>& references) {
  std::set<std::string> out;
  for (size_t start = 0; start < references.size(); start += kRowsPerStatement) {
    const size_t end = std::min(references.size(), start + kRowsPerStatement);
    std::vector<Value> params(references.begin() + start, references.begin() + end);
    ASSIGN_OR_RETURN(
        std::vector<Row> rows,
        c.Query(absl::StrCat("SELECT reference FROM contract_notices WHERE reference IN (",
                             storage::Placeholders(params.size()), ")"),
                params));
    for (const Row& r : rows) out.insert(r.Str(0));
  }
  return out;
}

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
      ASSIGN_OR_RETURN(std::string payload, NoticePayload(n.values));
      params.insert(params.end(),
                    {n.reference, n.instansi_code, n.honorer_id,
                     int64_t{static_cast<int>(n.kind)}, std::move(payload),
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
        c.Execute(absl::StrCat(storage::InsertIgnoreInto(c.dialect()),
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

absl::StatusOr<std::vector<ContractNotice>> ClaimContractNotices(storage::Connection& c,
                                                                 absl::Time now,
                                                                 absl::Time lease_until,
                                                                 const std::string& owner,
                                                                 int limit) {
  const char* lock = c.dialect() == storage::Dialect::kMysql ? " FOR UPDATE SKIP LOCKED" : "";
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kColumns,
                                        " FROM contract_notices WHERE state = ?"
                                        " AND next_attempt_us <= ?"
                                        " ORDER BY next_attempt_us, id LIMIT ?",
                                        lock),
                           {kOwed, Micros(now), int64_t{limit}}));
  std::vector<ContractNotice> claimed = NoticesFrom(rows);
  if (claimed.empty()) return claimed;
  std::vector<int64_t> ids;
  ids.reserve(claimed.size());
  for (ContractNotice& n : claimed) {
    ids.push_back(n.id);
    n.attempts += 1;
    n.owner = owner;
    n.lease_until = lease_until;
    n.next_attempt = lease_until;
  }
  RETURN_IF_ERROR(UpdateIds(c,
                            "UPDATE contract_notices SET owner = ?, lease_until_us = ?,"
                            " next_attempt_us = ?, attempts = attempts + 1, update_time_us = ?"
                            " WHERE id IN ",
                            {owner, Micros(lease_until), Micros(lease_until), Micros(now)}, ids)
                      .status());
  return claimed;
}

absl::StatusOr<int64_t> RecordContractNoticeOutcomes(
    storage::Connection& c, const std::string& owner,
    const std::vector<ContractNoticeOutcome>& outcomes, absl::Time now) {
  // Clean sends share every value but the id: one statement for all of them.
  std::vector<int64_t> sent;
  int64_t written = 0;
  for (const ContractNoticeOutcome& o : outcomes) {
    if (o.state == ContractNoticeState::kSent && o.detail.empty()) {
      sent.push_back(o.id);
      continue;
    }
    const absl::Time next = o.state == ContractNoticeState::kOwed ? o.next_attempt : now;
    ASSIGN_OR_RETURN(
        int64_t n,
        c.Execute("UPDATE contract_notices SET state = ?, detail = ?, next_attempt_us = ?,"
                  " owner = '', lease_until_us = 0, update_time_us = ?"
                  " WHERE id = ? AND owner = ? AND state = ?",
                  {int64_t{static_cast<int>(o.state)}, ValidUtf8(o.detail, 500), Micros(next),
                   Micros(now), o.id, owner, kOwed}));
    written += n;
  }
  ASSIGN_OR_RETURN(int64_t n,
                   UpdateIds(c,
                             "UPDATE contract_notices SET state = ?, detail = '',"
                             " next_attempt_us = ?, owner = '', lease_until_us = 0,"
                             " update_time_us = ? WHERE owner = ? AND state = ? AND id IN ",
                             {int64_t{static_cast<int>(ContractNoticeState::kSent)}, Micros(now),
                              Micros(now), owner, kOwed},
                             sent));
  return written + n;
}

absl::StatusOr<std::vector<ContractNotice>> ListContractNotices(
    storage::Connection& c, const std::string& reference_prefix, int64_t after_id, int limit) {
  std::string sql = absl::StrCat("SELECT ", kColumns, " FROM contract_notices WHERE id > ?");
  std::vector<Value> params = {after_id};
  if (!reference_prefix.empty()) {
    // Not LIKE: references hold '_'. For tests and reads of a few notices.
    absl::StrAppend(&sql, " AND SUBSTR(reference, 1, ?) = ?");
    params.push_back(static_cast<int64_t>(reference_prefix.size()));
    params.push_back(reference_prefix);
  }
  absl::StrAppend(&sql, " ORDER BY id LIMIT ?");
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(std::vector<Row> rows, c.Query(sql, params));
  return NoticesFrom(rows);
}

}  // namespace penataan::registry
