#include "services/formasi/reminder_message.h"

#include <cstdint>

#include "absl/strings/ascii.h"
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

std::string AddressKey(ContactChannel channel, const std::string& address) {
  const bool email = channel == ContactChannel::kEmail;
  uint64_t h = 14695981039346656037ull;  // FNV-1a 64 offset basis
  auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 1099511628211ull;  // FNV-1a 64 prime
  };
  for (char c : std::string(email ? "email:" : "webhook:")) mix(static_cast<unsigned char>(c));
  for (char c : address) {
    mix(static_cast<unsigned char>(email ? absl::ascii_tolower(static_cast<unsigned char>(c))
                                         : c));
  }
  return absl::StrFormat("%016x", h);
}

std::string RecipientReference(const std::string& row_reference, const std::string& address,
                               ContactChannel channel) {
  return absl::StrCat(row_reference, channel == ContactChannel::kEmail ? "/email/" : "/webhook/",
                      AddressKey(channel, address));
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
