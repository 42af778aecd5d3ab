#include "services/formasi/reminder_list.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/proto_time.h"
#include "common/resource_name.h"
#include "common/status_macros.h"

namespace penataan::formasi {

v1::Reminder ReminderToProto(const ReminderRow& r) {
  v1::Reminder out;
  out.set_name(absl::StrCat("periods/", r.period_id, "/reminders/", r.id));
  out.set_instansi_code(r.instansi_code);
  out.set_kind(r.kind);
  out.mutable_offset()->set_seconds(absl::ToInt64Seconds(r.offset));
  SetTimestamp(r.deadline, out.mutable_deadline());
  SetTimestamp(r.due_time, out.mutable_due_time());
  out.set_state(r.state);
  out.set_reference(r.reference);
  out.set_attempts(r.attempts);
  out.set_last_error(r.last_error);
  if (r.sent_time) SetTimestamp(*r.sent_time, out.mutable_sent_time());
  out.set_detail(r.detail);
  return out;
}

absl::StatusOr<v1::ListRemindersResponse> ListReminders(storage::Database& db,
                                                        const v1::ListRemindersRequest& request,
                                                        const std::string& instansi_code) {
  ASSIGN_OR_RETURN(int64_t period_id, ParseResourceId(request.period(), "periods", "period"));
  if (!v1::Reminder::State_IsValid(request.state())) {
    return InvalidField("state", "not a Reminder.State");
  }
  ASSIGN_OR_RETURN(int size, EffectivePageSize(request.page_size()));
  // The token is bound to the filter: one listing's token cannot page another.
  const std::string kind =
      absl::StrCat("reminders.", period_id, ".", instansi_code, ".", request.state());
  ASSIGN_OR_RETURN(int64_t after, DecodeIdPageToken(kind, request.page_token()));
  ReminderStore store;
  ASSIGN_OR_RETURN(storage::PooledConnection conn, db.Acquire());
  ASSIGN_OR_RETURN(bool exists, store.PeriodExists(*conn, period_id));
  if (!exists) return absl::NotFoundError(absl::StrCat(request.period(), " not found"));
  ASSIGN_OR_RETURN(std::vector<ReminderRow> rows,
                   store.List(*conn, {period_id, instansi_code, request.state()}, after, size + 1));
  v1::ListRemindersResponse out;
  if (static_cast<int>(rows.size()) > size) {
    rows.pop_back();
    out.set_next_page_token(EncodePageToken(kind, absl::StrCat(rows.back().id)));
  }
  for (const ReminderRow& r : rows) *out.add_reminders() = ReminderToProto(r);
  return out;
}

}  // namespace penataan::formasi
