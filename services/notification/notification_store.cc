#include "services/notification/notification_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "services/notification/personalisation_codec.h"

namespace penataan::notification {
namespace {

using storage::Dialect;
using storage::Null;
using storage::Row;
using storage::Value;

constexpr char kTemplateColumns[] =
    "id, version, channel, subject, body, created_by, create_time_us";

// The order NotificationFromRow reads.
constexpr char kNotificationColumns[] =
    "id, sender, reference, template_id, template_version, channel, recipient, personalisation,"
    " batch_id, status, attempts, last_error, scheduled_us, due_us, lease_owner,"
    " create_time_us, deliver_time_us";
constexpr char kNotificationInsertColumns[] =
    "sender, reference, template_id, template_version, channel, recipient, personalisation,"
    " batch_id, status, attempts, last_error, scheduled_us, due_us, create_time_us,"
    " update_time_us";
constexpr size_t kNotificationInsertColumnCount = 15;
// Rows per multi-row INSERT: 15 columns x 500 stays under SQLite's 32,766 parameters.
constexpr size_t kInsertChunk = 500;

constexpr char kAttemptColumns[] =
    "notification_id, attempt, start_us, channel, outcome, error, dispatcher, duration_us";
constexpr size_t kAttemptColumnCount = 8;
constexpr size_t kMaxErrorLength = 1000;

Value Micros(absl::Time t) { return absl::ToUnixMicros(t); }
Value OptionalMicros(const std::optional<absl::Time>& t) {
  return t ? Micros(*t) : Null();
}
std::optional<absl::Time> OptionalTime(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return absl::FromUnixMicros(r.Int(i));
}
// Cut on a character boundary: half a character is MariaDB error 1366.
std::string Truncated(const std::string& s) { return ValidUtf8(s, kMaxErrorLength); }

absl::StatusOr<Template> TemplateFromRow(const Row& r) {
  Template t;
  t.id = r.Str(0);
  t.version = static_cast<int>(r.Int(1));
  t.channel = static_cast<Channel>(r.Int(2));
  t.subject = r.Str(3);
  t.body = r.Str(4);
  t.created_by = r.Str(5);
  t.create_time = absl::FromUnixMicros(r.Int(6));
  return t;
}

absl::StatusOr<Notification> NotificationFromRow(const Row& r) {
  Notification n;
  n.id = r.Int(0);
  n.sender = r.Str(1);
  n.reference = r.Str(2);
  n.template_id = r.Str(3);
  n.template_version = static_cast<int>(r.Int(4));
  n.channel = static_cast<Channel>(r.Int(5));
  n.recipient = r.Str(6);
  ASSIGN_OR_RETURN(n.personalisation, DecodePersonalisation(r.Str(7)));
  n.batch_id = r.Int(8);
  n.status = static_cast<NotificationStatus>(r.Int(9));
  n.attempts = static_cast<int>(r.Int(10));
  n.last_error = r.Str(11);
  n.scheduled_time = OptionalTime(r, 12);
  n.due_time = OptionalTime(r, 13);
  n.lease_owner = r.IsNull(14) ? "" : r.Str(14);
  n.create_time = absl::FromUnixMicros(r.Int(15));
  n.deliver_time = OptionalTime(r, 16);
  return n;
}

absl::StatusOr<std::vector<Notification>> NotificationsFrom(const std::vector<Row>& rows) {
  std::vector<Notification> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    ASSIGN_OR_RETURN(Notification n, NotificationFromRow(r));
    out.push_back(std::move(n));
  }
  return out;
}

void AppendInsertParams(const Notification& n, std::vector<Value>& params) {
  params.insert(params.end(),
                {n.sender, n.reference, n.template_id, int64_t{n.template_version},
                 int64_t{n.channel}, n.recipient, EncodePersonalisation(n.personalisation),
                 n.batch_id, int64_t{n.status}, int64_t{n.attempts}, Truncated(n.last_error),
                 OptionalMicros(n.scheduled_time), OptionalMicros(n.due_time),
                 Micros(n.create_time), Micros(n.create_time)});
}

void AppendAttemptParams(const DeliveryAttempt& a, std::vector<Value>& params) {
  params.insert(params.end(),
                {a.notification_id, int64_t{a.attempt}, Micros(a.start_time), int64_t{a.channel},
                 int64_t{a.outcome}, Truncated(a.error), a.dispatcher,
                 absl::ToInt64Microseconds(a.duration)});
}

absl::Status InsertAttempts(storage::Connection& c, const std::vector<DeliveryAttempt>& attempts) {
  for (size_t start = 0; start < attempts.size(); start += kInsertChunk) {
    const size_t n = std::min(kInsertChunk, attempts.size() - start);
    std::vector<Value> params;
    params.reserve(n * kAttemptColumnCount);
    for (size_t i = start; i < start + n; ++i) AppendAttemptParams(attempts[i], params);
    RETURN_IF_ERROR(c.Execute(absl::StrCat("INSERT INTO delivery_attempts (", kAttemptColumns,
                                           ") VALUES ",
                                           storage::RowPlaceholders(n, kAttemptColumnCount)),
                              params)
                        .status());
  }
  return absl::OkStatus();
}

// The one place the backends' "insert unless the key exists" differs.
const char* IgnoreDuplicateClause(Dialect dialect) {
  return dialect == Dialect::kSqlite ? " ON CONFLICT (sender, reference) DO NOTHING"
                                     : " ON DUPLICATE KEY UPDATE id = id";
}

// The smallest string above every string that starts with `prefix`, for an index
// range; U+10FFFF is the largest character either backend stores.
std::string PrefixUpperBound(const std::string& prefix) {
  return prefix + "\xF4\x8F\xBF\xBF";
}

// WHERE clause (with leading " WHERE ", or empty) and its parameters.
std::string FilterClause(const NotificationFilter& f, std::vector<Value>& params) {
  std::vector<std::string> terms;
  if (!f.sender.empty()) {
    terms.push_back("sender = ?");
    params.push_back(f.sender);
  }
  if (!f.reference_prefix.empty()) {
    terms.push_back("reference >= ? AND reference < ?");
    params.push_back(f.reference_prefix);
    params.push_back(PrefixUpperBound(f.reference_prefix));
  }
  if (f.status != v1::STATUS_UNSPECIFIED) {
    terms.push_back("status = ?");
    params.push_back(int64_t{f.status});
  }
  if (f.batch_id != 0) {
    terms.push_back("batch_id = ?");
    params.push_back(f.batch_id);
  }
  return terms.empty() ? "" : absl::StrCat(" WHERE ", absl::StrJoin(terms, " AND "));
}

std::string IdList(const std::vector<int64_t>& ids, std::vector<Value>& params) {
  for (int64_t id : ids) params.push_back(id);
  return storage::Placeholders(ids.size());
}

}  // namespace

// ---- Templates -------------------------------------------------------------------

absl::Status NotificationStore::InsertTemplate(Conn& c, const Template& t) {
  return c
      .Execute(absl::StrCat("INSERT INTO templates (", kTemplateColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?)"),
               {t.id, int64_t{t.version}, int64_t{t.channel}, t.subject, t.body, t.created_by,
                Micros(t.create_time)})
      .status();
}

absl::StatusOr<std::optional<Template>> NotificationStore::GetTemplate(Conn& c,
                                                                       const std::string& id,
                                                                       int version) {
  std::vector<Row> rows;
  if (version > 0) {
    ASSIGN_OR_RETURN(rows, c.Query(absl::StrCat("SELECT ", kTemplateColumns,
                                                " FROM templates WHERE id = ? AND version = ?"),
                                   {id, int64_t{version}}));
  } else {
    ASSIGN_OR_RETURN(rows, c.Query(absl::StrCat("SELECT ", kTemplateColumns,
                                                " FROM templates WHERE id = ?"
                                                " ORDER BY version DESC LIMIT 1"),
                                   {id}));
  }
  if (rows.empty()) return std::nullopt;
  return TemplateFromRow(rows[0]);
}

absl::StatusOr<std::vector<Template>> NotificationStore::ListLatestTemplates(
    Conn& c, const std::string& after_id, int limit) {
  ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      c.Query(absl::StrCat("SELECT ", kTemplateColumns,
                           " FROM templates t WHERE id > ? AND version ="
                           " (SELECT MAX(version) FROM templates l WHERE l.id = t.id)"
                           " ORDER BY id LIMIT ?"),
              {after_id, int64_t{limit}}));
  std::vector<Template> out;
  for (const Row& r : rows) {
    ASSIGN_OR_RETURN(Template t, TemplateFromRow(r));
    out.push_back(std::move(t));
  }
  return out;
}

// ---- Sending ---------------------------------------------------------------------

absl::StatusOr<std::optional<Notification>> NotificationStore::FindByReference(
    Conn& c, const std::string& sender, const std::string& reference) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kNotificationColumns,
                                        " FROM notifications WHERE sender = ? AND reference = ?"),
                           {sender, reference}));
  if (rows.empty()) return std::nullopt;
  return NotificationFromRow(rows[0]);
}

absl::StatusOr<int64_t> NotificationStore::InsertNotification(Conn& c, const Notification& n) {
  std::vector<Value> params;
  AppendInsertParams(n, params);
  absl::Status inserted =
      c.Execute(absl::StrCat("INSERT INTO notifications (", kNotificationInsertColumns,
                             ") VALUES (", storage::Placeholders(kNotificationInsertColumnCount),
                             ")"),
                params)
          .status();
  if (absl::IsAlreadyExists(inserted)) {
    return absl::AlreadyExistsError("reference: already used by this sender");
  }
  RETURN_IF_ERROR(inserted);
  return c.LastInsertId();
}

absl::StatusOr<int64_t> NotificationStore::InsertNewNotifications(
    Conn& c, const std::vector<Notification>& ns) {
  int64_t stored = 0;
  for (size_t start = 0; start < ns.size(); start += kInsertChunk) {
    const size_t n = std::min(kInsertChunk, ns.size() - start);
    std::vector<Value> params;
    params.reserve(n * kNotificationInsertColumnCount);
    for (size_t i = start; i < start + n; ++i) AppendInsertParams(ns[i], params);
    ASSIGN_OR_RETURN(
        int64_t changed,
        c.Execute(absl::StrCat("INSERT INTO notifications (", kNotificationInsertColumns,
                               ") VALUES ",
                               storage::RowPlaceholders(n, kNotificationInsertColumnCount),
                               IgnoreDuplicateClause(c.dialect())),
                  params));
    stored += changed;
  }
  return stored;
}

absl::StatusOr<int64_t> NotificationStore::InsertBatch(Conn& c, const Batch& b) {
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO batches (sender, request_id, template_id, template_version, queued,"
                " already_sent, create_time_us) VALUES (?, ?, ?, ?, ?, ?, ?)",
                {b.sender, b.request_id.empty() ? Null() : Value(b.request_id), b.template_id,
                 int64_t{b.template_version}, b.queued, b.already_sent, Micros(b.create_time)})
          .status());
  return c.LastInsertId();
}

absl::Status NotificationStore::SetBatchCounts(Conn& c, int64_t batch_id, int64_t queued,
                                               int64_t already_sent) {
  return c
      .Execute("UPDATE batches SET queued = ?, already_sent = ? WHERE id = ?",
               {queued, already_sent, batch_id})
      .status();
}

absl::StatusOr<std::optional<Batch>> NotificationStore::FindBatch(Conn& c,
                                                                  const std::string& sender,
                                                                  const std::string& request_id) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT id, sender, request_id, template_id, template_version, queued,"
                           " already_sent, create_time_us FROM batches"
                           " WHERE sender = ? AND request_id = ?",
                           {sender, request_id}));
  if (rows.empty()) return std::nullopt;
  const Row& r = rows[0];
  return Batch{r.Int(0),    r.Str(1),    r.Str(2),    r.Str(3),
               static_cast<int>(r.Int(4)), r.Int(5), r.Int(6), absl::FromUnixMicros(r.Int(7))};
}

// ---- Reading ---------------------------------------------------------------------

absl::StatusOr<std::optional<Notification>> NotificationStore::GetNotification(Conn& c,
                                                                               int64_t id) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kNotificationColumns,
                                        " FROM notifications WHERE id = ?"),
                           {id}));
  if (rows.empty()) return std::nullopt;
  return NotificationFromRow(rows[0]);
}

absl::StatusOr<std::vector<Notification>> NotificationStore::ListNotifications(
    Conn& c, const NotificationFilter& filter, int64_t after_id, int limit) {
  std::vector<Value> params;
  std::string where = FilterClause(filter, params);
  where = absl::StrCat(where.empty() ? " WHERE " : absl::StrCat(where, " AND "), "id > ?");
  params.push_back(after_id);
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kNotificationColumns, " FROM notifications",
                                        where, " ORDER BY id LIMIT ?"),
                           params));
  return NotificationsFrom(rows);
}

absl::StatusOr<std::vector<std::pair<NotificationStatus, int64_t>>>
NotificationStore::CountByStatus(Conn& c, NotificationFilter filter) {
  filter.status = v1::STATUS_UNSPECIFIED;
  std::vector<Value> params;
  const std::string where = FilterClause(filter, params);
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT status, COUNT(*) FROM notifications", where,
                                        " GROUP BY status ORDER BY status"),
                           params));
  std::vector<std::pair<NotificationStatus, int64_t>> out;
  for (const Row& r : rows) out.emplace_back(static_cast<NotificationStatus>(r.Int(0)), r.Int(1));
  return out;
}

absl::StatusOr<std::vector<DeliveryAttempt>> NotificationStore::ListAttempts(
    Conn& c, int64_t notification_id) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kAttemptColumns,
                                        " FROM delivery_attempts WHERE notification_id = ?"
                                        " ORDER BY id"),
                           {notification_id}));
  std::vector<DeliveryAttempt> out;
  for (const Row& r : rows) {
    out.push_back({r.Int(0), static_cast<int>(r.Int(1)), absl::FromUnixMicros(r.Int(2)),
                   static_cast<Channel>(r.Int(3)), static_cast<AttemptOutcome>(r.Int(4)),
                   r.Str(5), r.Str(6), absl::Microseconds(r.Int(7))});
  }
  return out;
}

absl::StatusOr<int64_t> NotificationStore::Requeue(Conn& c, const std::string& sender,
                                                   int64_t batch_id,
                                                   const std::vector<int64_t>& ids,
                                                   absl::Time now) {
  std::vector<Value> params = {int64_t{v1::QUEUED}, Micros(now), Micros(now),
                               int64_t{v1::PERMANENT_FAILURE}};
  std::string which;
  if (!sender.empty()) {
    which = "sender = ? AND ";
    params.push_back(sender);
  }
  if (batch_id != 0) {
    which += "batch_id = ?";
    params.push_back(batch_id);
  } else {
    if (ids.empty()) return 0;
    absl::StrAppend(&which, "id IN (", IdList(ids, params), ")");
  }
  return c.Execute(absl::StrCat("UPDATE notifications SET status = ?, attempts = 0,"
                                " last_error = '', due_us = ?, update_time_us = ?"
                                " WHERE status = ? AND ",
                                which),
                   params);
}

// ---- Dispatching -----------------------------------------------------------------

absl::StatusOr<std::vector<Notification>> NotificationStore::Claim(Conn& c, absl::Time now,
                                                                   absl::Time lease_until,
                                                                   const std::string& owner,
                                                                   int limit, int max_attempts) {
  const char* lock = c.dialect() == Dialect::kMysql ? " FOR UPDATE SKIP LOCKED" : "";
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kNotificationColumns,
                                        " FROM notifications WHERE due_us <= ?"
                                        " ORDER BY due_us LIMIT ?",
                                        lock),
                           {Micros(now), int64_t{limit}}));
  ASSIGN_OR_RETURN(std::vector<Notification> due, NotificationsFrom(rows));
  if (due.empty()) return due;

  std::vector<Notification> claimed;
  std::vector<int64_t> ids;
  std::vector<DeliveryAttempt> expired;
  for (Notification& n : due) {
    if (n.status == v1::SENDING) {
      expired.push_back({n.id, n.attempts, now, n.channel, v1::DeliveryAttempt::LEASE_EXPIRED,
                         "the dispatcher stopped before recording an outcome; the message may "
                         "have gone out",
                         n.lease_owner, absl::ZeroDuration()});
      if (n.attempts >= max_attempts) {
        // Its last attempt ended with its dispatcher gone, as may every one before:
        // a message that crashes dispatchers is not handed to another one again.
        RETURN_IF_ERROR(SettleAbandoned(c, n, now));
        continue;
      }
    }
    ids.push_back(n.id);
    claimed.push_back(std::move(n));
  }
  RETURN_IF_ERROR(InsertAttempts(c, expired));
  if (claimed.empty()) return claimed;
  for (Notification& n : claimed) {
    n.status = v1::SENDING;
    n.attempts += 1;
    n.lease_owner = owner;
    n.due_time = lease_until;
  }
  std::vector<Value> params = {owner, Micros(lease_until), Micros(now)};
  const std::string in = IdList(ids, params);
  RETURN_IF_ERROR(c.Execute(absl::StrCat("UPDATE notifications SET status = ",
                                         int{v1::SENDING},
                                         ", lease_owner = ?, due_us = ?, attempts = attempts + 1,"
                                         " update_time_us = ? WHERE id IN (",
                                         in, ")"),
                            params)
                      .status());
  return claimed;
}

absl::Status NotificationStore::SettleAbandoned(Conn& c, const Notification& n, absl::Time now) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT COUNT(*) FROM delivery_attempts"
                           " WHERE notification_id = ? AND outcome = ?",
                           {n.id, int64_t{v1::DeliveryAttempt::LEASE_EXPIRED}}));
  const int64_t stopped = rows[0].Int(0) + 1;  // with the one being recorded now
  const std::string error =
      absl::StrCat("gave up after ", n.attempts, " attempts: a dispatcher stopped while ",
                   "sending it ", stopped, stopped == 1 ? " time" : " times");
  return c
      .Execute("UPDATE notifications SET status = ?, last_error = ?, due_us = NULL,"
               " lease_owner = NULL, update_time_us = ? WHERE id = ?",
               {int64_t{v1::PERMANENT_FAILURE}, error, Micros(now), n.id})
      .status();
}

absl::Status NotificationStore::RecordResults(Conn& c, const std::string& owner,
                                              const std::vector<AttemptResult>& results,
                                              absl::Time now) {
  // Deliveries share every value but the id: one statement for all of them.
  std::vector<int64_t> delivered;
  std::vector<DeliveryAttempt> attempts;
  for (const AttemptResult& r : results) {
    attempts.push_back(r.attempt);
    if (r.status == v1::DELIVERED) {
      delivered.push_back(r.id);
      continue;
    }
    RETURN_IF_ERROR(
        c.Execute("UPDATE notifications SET status = ?, last_error = ?, due_us = ?,"
                  " lease_owner = NULL, update_time_us = ?"
                  " WHERE id = ? AND lease_owner = ? AND status = ?",
                  {int64_t{r.status}, Truncated(r.last_error), OptionalMicros(r.due_time),
                   Micros(now), r.id, owner, int64_t{v1::SENDING}})
            .status());
  }
  if (!delivered.empty()) {
    std::vector<Value> params = {int64_t{v1::DELIVERED}, Micros(now), Micros(now)};
    const std::string in = IdList(delivered, params);
    params.push_back(owner);
    params.push_back(int64_t{v1::SENDING});
    RETURN_IF_ERROR(c.Execute(absl::StrCat("UPDATE notifications SET status = ?, last_error = '',"
                                           " due_us = NULL, lease_owner = NULL,"
                                           " deliver_time_us = ?, update_time_us = ?"
                                           " WHERE id IN (",
                                           in, ") AND lease_owner = ? AND status = ?"),
                              params)
                        .status());
  }
  return InsertAttempts(c, attempts);
}

absl::StatusOr<int64_t> NotificationStore::ExtendLease(Conn& c, const std::string& owner,
                                                       const std::vector<int64_t>& ids,
                                                       absl::Time lease_until) {
  if (ids.empty()) return 0;
  std::vector<Value> params = {Micros(lease_until)};
  const std::string in = IdList(ids, params);
  params.push_back(owner);
  params.push_back(int64_t{v1::SENDING});
  return c.Execute(absl::StrCat("UPDATE notifications SET due_us = ? WHERE id IN (", in,
                                ") AND lease_owner = ? AND status = ?"),
                   params);
}

absl::Status NotificationStore::Release(Conn& c, const std::string& owner,
                                        const std::vector<int64_t>& ids, absl::Time now) {
  if (ids.empty()) return absl::OkStatus();
  // The claim counted an attempt that was never made: take it back.
  std::vector<Value> params = {int64_t{v1::QUEUED}, int64_t{v1::TEMPORARY_FAILURE}, Micros(now),
                               Micros(now)};
  const std::string in = IdList(ids, params);
  params.push_back(owner);
  params.push_back(int64_t{v1::SENDING});
  return c
      .Execute(absl::StrCat("UPDATE notifications SET"
                            " status = CASE WHEN attempts <= 1 THEN ? ELSE ? END,"
                            " attempts = attempts - 1, lease_owner = NULL, due_us = ?,"
                            " update_time_us = ? WHERE id IN (",
                            in, ") AND lease_owner = ? AND status = ?"),
               params)
      .status();
}

// ---- Retention --------------------------------------------------------------------

absl::StatusOr<int64_t> NotificationStore::PurgeSettled(Conn& c, absl::Time cutoff,
                                                        int64_t after, int limit,
                                                        int64_t* next_after, bool* done) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT id, status, create_time_us, update_time_us FROM notifications"
                           " WHERE id > ? ORDER BY id LIMIT ?",
                           {after, int64_t{limit}}));
  *done = rows.size() < static_cast<size_t>(limit);
  std::vector<int64_t> ids;
  for (const Row& r : rows) {
    *next_after = r.Int(0);
    // Ids grow with creation: past the cutoff, nothing later can be old enough.
    if (r.Int(2) >= absl::ToUnixMicros(cutoff)) {
      *done = true;
      break;
    }
    const auto status = static_cast<NotificationStatus>(r.Int(1));
    if ((status == v1::DELIVERED || status == v1::PERMANENT_FAILURE) &&
        r.Int(3) < absl::ToUnixMicros(cutoff)) {
      ids.push_back(r.Int(0));
    }
  }
  if (ids.empty()) return 0;
  std::vector<Value> params;
  const std::string in = IdList(ids, params);
  RETURN_IF_ERROR(
      c.Execute(absl::StrCat("DELETE FROM delivery_attempts WHERE notification_id IN (", in, ")"),
                params)
          .status());
  return c.Execute(absl::StrCat("DELETE FROM notifications WHERE id IN (", in, ")"), params);
}

}  // namespace penataan::notification
