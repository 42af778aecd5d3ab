#include "services/registry/contract_expiry.h"

#include "absl/strings/str_cat.h"
#include "common/indonesian_time.h"

namespace penataan::registry {

bool WorksOnContract(HonorerStatus status) {
  for (HonorerStatus working : kWorkingStatuses) {
    if (status == working) return true;
  }
  return false;
}

absl::Status CheckSendHome(HonorerStatus status) {
  return CheckStatusChange(status, v1::DIRUMAHKAN, kExpiryActor);
}

ContractExpiry DecideExpiry(absl::CivilDay end_date, absl::CivilDay today, HonorerStatus status,
                            bool crucial_unit) {
  if (today <= end_date) return v1::Contract::NOT_ENDED;
  if (!WorksOnContract(status)) return v1::Contract::NOT_APPLICABLE;
  return crucial_unit ? v1::Contract::KEPT_AT_WORK : v1::Contract::SENT_HOME;
}

bool InReminderWindow(absl::CivilDay end_date, absl::CivilDay today, int notice_days) {
  return end_date - notice_days <= today && today <= end_date;
}

bool IsOverdue(absl::CivilDay end_date, absl::CivilDay today, int max_overdue_days) {
  return today - end_date > max_overdue_days;
}

std::string SentHomeReason(const std::string& sk_number, absl::CivilDay end_date) {
  return absl::StrCat("SK ", sk_number.empty() ? "" : absl::StrCat(sk_number, " "), "berakhir ",
                      FormatIndonesianDate(end_date), ": dirumahkan sampai SK baru terbit");
}

}  // namespace penataan::registry
