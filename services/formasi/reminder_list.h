#ifndef PENATAAN_SERVICES_FORMASI_REMINDER_LIST_H_
#define PENATAAN_SERVICES_FORMASI_REMINDER_LIST_H_

// ListReminders: the reminders and notices a period owes or has sent, by id,
// keyset-paged. Who may see which instansi is decided before this, at the edge
// (national principals: all or the one they name; an instansi: its own).

#include <string>

#include "absl/status/statusor.h"
#include "common/storage/database.h"
#include "penataan/formasi/v1/formasi.pb.h"
#include "services/formasi/reminder_store.h"

namespace penataan::formasi {

// `instansi_code`: the scope (empty: every instansi). NOT_FOUND when the period
// does not exist; INVALID_ARGUMENT naming the field for a bad name, page size or
// token.
absl::StatusOr<v1::ListRemindersResponse> ListReminders(storage::Database& db,
                                                        const v1::ListRemindersRequest& request,
                                                        const std::string& instansi_code);

v1::Reminder ReminderToProto(const ReminderRow& row);

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_REMINDER_LIST_H_
