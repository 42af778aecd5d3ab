#include "services/screening/notice_store.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/utf8.h"

namespace penataan::screening {
namespace {

using storage::Row;
using storage::Value;

// Rows per multi-row statement: 13 parameters each stays far below SQLite's limit
// of 32766 bound parameters and MySQL's 65535.
constexpr size_t kRowsPerStatement = 500;

constexpr char kColumns[] =
    "id, round_id, reference, template_id, recipient, personalisation, instansi_code,"
    " honorer_id, state, attempts, last_error";

Notice NoticeFromRow(const Row& r) {
  Notice n;
  n.id = r.Int(0);
  n.round_id = r.Int(1);
  n.reference = r.Str(2);
  n.template_id = r.Str(3);
  n.recipient = r.Str(4);
  n.personalisation_json = r.Str(5);
  n.instansi_code = r.Str(6);
  n.honorer_id = r.Int(7);
  n.state = static_cast<NoticeState>(r.Int(8));
  n.attempts = static_cast<int>(r.Int(9));
  n.last_error = r.Str(10);
  return n;
}

std::string IdList(const std::vector<int64_t>& ids, std::vector<Value>* params) {
  for (int64_t id : ids) params->push_back(id);
  return storage::Placeholders(ids.size());
}

}  // namespace

absl::StatusOr<int64_t> InsertNotices(storage::Connection& c, const std::vector<Notice>& notices,
                                      int64_t now_us) {
  int64_t inserted = 0;
  for (size_t start = 0; start < notices.size(); start += kRowsPerStatement) {
    const size_t end = std::min(notices.size(), start + kRowsPerStatement);
    // The references already stored are skipped (a run resumed, a decision replayed).
    std::vector<Value> refs;
    for (size_t i = start; i < end; ++i) refs.push_back(notices[i].reference);
    ASSIGN_OR_RETURN(std::vector<Row> rows,
                     c.Query(absl::StrCat("SELECT reference FROM notices WHERE reference IN (",
                                          storage::Placeholders(refs.size()), ")"),
                             refs));
    absl::flat_hash_set<std::string> seen;
    for (const Row& r : rows) seen.insert(r.Str(0));
    std::vector<Value> params;
    size_t count = 0;
    for (size_t i = start; i < end; ++i) {
      const Notice& n = notices[i];
      if (!seen.insert(n.reference).second) continue;  // stored, or twice in this batch
      params.insert(params.end(),
                    {n.round_id, n.reference, n.template_id, n.recipient,
                     ValidUtf8(n.personalisation_json), n.instansi_code, n.honorer_id,
                     int64_t{static_cast<int>(n.state)}, int64_t{n.attempts},
                     ValidUtf8(n.last_error, 1000), now_us});
      ++count;
    }
    if (count == 0) continue;
    ASSIGN_OR_RETURN(
        int64_t changed,
        c.Execute(absl::StrCat(storage::InsertIgnoreInto(c.dialect()),
                               " notices (round_id, reference, template_id, recipient,"
                               " personalisation, instansi_code, honorer_id, state, attempts,"
                               " last_error, create_time_us) VALUES ",
                               storage::RowPlaceholders(count, 11)),
                  params));
    inserted += changed;
  }
  return inserted;
}

absl::StatusOr<std::vector<Notice>> OwedNotices(storage::Connection& c, int64_t round_id,
                                                int64_t after_id, int limit,
                                                const std::string& reference_prefix) {
  std::vector<Value> params = {int64_t{static_cast<int>(NoticeState::kOwed)}, after_id};
  std::string where = "state = ? AND id > ?";
  if (round_id != 0) {
    where += " AND round_id = ?";
    params.push_back(round_id);
  }
  if (!reference_prefix.empty()) {
    // A range on the unique reference index (LIKE would be case-blind on SQLite and
    // could miss the index): the prefix ends in '/', and '0' follows '/'.
    std::string upper = reference_prefix;
    upper.back() = static_cast<char>(upper.back() + 1);
    where += " AND reference >= ? AND reference < ?";
    params.push_back(reference_prefix);
    params.push_back(upper);
  }
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kColumns, " FROM notices WHERE ", where,
                                        " ORDER BY id LIMIT ?"),
                           params));
  std::vector<Notice> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(NoticeFromRow(r));
  return out;
}

absl::Status MarkSent(storage::Connection& c, const std::vector<int64_t>& ids, int64_t now_us) {
  for (size_t start = 0; start < ids.size(); start += kRowsPerStatement) {
    const std::vector<int64_t> chunk(ids.begin() + start,
                                     ids.begin() + std::min(ids.size(), start + kRowsPerStatement));
    // The recipient is cleared: an address is kept only while a message is owed.
    std::vector<Value> params = {int64_t{static_cast<int>(NoticeState::kSent)}, now_us};
    const std::string in = IdList(chunk, &params);
    RETURN_IF_ERROR(c.Execute(absl::StrCat("UPDATE notices SET state = ?, recipient = '',"
                                           " sent_time_us = ?, attempts = attempts + 1"
                                           " WHERE id IN (", in, ")"),
                              params)
                        .status());
  }
  return absl::OkStatus();
}

absl::Status MarkDropped(storage::Connection& c, int64_t id, const std::string& why) {
  return c
      .Execute("UPDATE notices SET state = ?, recipient = '', last_error = ?,"
               " attempts = attempts + 1 WHERE id = ?",
               {int64_t{static_cast<int>(NoticeState::kDropped)}, ValidUtf8(why, 1000), id})
      .status();
}

absl::Status NoteAttemptFailed(storage::Connection& c, const std::vector<int64_t>& ids,
                               const std::string& why) {
  for (size_t start = 0; start < ids.size(); start += kRowsPerStatement) {
    const std::vector<int64_t> chunk(ids.begin() + start,
                                     ids.begin() + std::min(ids.size(), start + kRowsPerStatement));
    std::vector<Value> params = {ValidUtf8(why, 1000)};
    const std::string in = IdList(chunk, &params);
    RETURN_IF_ERROR(c.Execute(absl::StrCat("UPDATE notices SET attempts = attempts + 1,"
                                           " last_error = ? WHERE id IN (", in, ")"),
                              params)
                        .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> CountOwed(storage::Connection& c, int64_t round_id) {
  std::vector<Value> params = {int64_t{static_cast<int>(NoticeState::kOwed)}};
  std::string sql = "SELECT COUNT(*) FROM notices WHERE state = ?";
  if (round_id != 0) {
    sql += " AND round_id = ?";
    params.push_back(round_id);
  }
  ASSIGN_OR_RETURN(std::vector<Row> rows, c.Query(sql, params));
  return rows.empty() ? 0 : rows[0].Int(0);
}

}  // namespace penataan::screening
