#include "services/formasi/reminder_message.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/indonesian_time.h"
#include "services/formasi/deadline_rules.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace penataan::formasi {
std::string TemplateFor(ReminderKind kind, ContactChannel channel) {
  std::string id;
  switch (kind) {
    case v1::Reminder::DEADLINE_MISSED: id = "formasi-deadline-missed"; break;
    case v1::Reminder::DECISION: id = "formasi-proposal-decision"; break;
    default: id = "formasi-deadline-reminder"; break;
  }
  if (channel == ContactChannel::kWebhook) id += "-webhook";
  return id;
}

absl::StatusOr<std::map<std::string, std::string>> Personalisation(const ReminderRow& row,
                                                                   const MessageContext& ctx) {
  std::map<std::string, std::string> p = {{"instansi", ctx.instansi_name},
                                          {"periode", ctx.period_name}};
  if (row.kind == v1::Reminder::DECISION) {
    google::protobuf::Struct payload;
    if (!row.payload.empty() &&
        !google::protobuf::util::JsonStringToMessage(row.payload, &payload).ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("reminder ", row.id, ": its payload is not a JSON object"));
    }
    for (const char* key : {"keputusan", "jumlah_disetujui", "catatan"}) {
      auto it = payload.fields().find(key);
      std::string value = it == payload.fields().end() ? "" : it->second.string_value();
      p[key] = value.empty() ? "-" : value;
    }
    return p;
  }
  // As Proposal.deadline_display reads it, so that the CLI and the message agree.
  p["batas_waktu"] = DeadlineDisplay(row.deadline, ctx.deadline_zone, ctx.instansi_zone);
  p["zona_waktu"] = ZoneAbbreviation(ctx.instansi_zone, row.deadline);
  if (row.kind == v1::Reminder::DEADLINE_REMINDER) {
    p["sisa_waktu"] = FormatTimeLeft(row.deadline - ctx.now);
  }
  return p;
}

}  // namespace penataan::formasi
