#include "services/formasi/decision_notice.h"

#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace penataan::formasi {
namespace {

constexpr int kDecision = v1::Reminder::DECISION;
constexpr int kPending = v1::Reminder::PENDING;
constexpr size_t kMaxPayload = 4000;  // the column

constexpr char kInsertNotice[] =
    "INSERT INTO reminders (period_id, instansi_code, kind, offset_s, deadline_us, due_time_us,"
    " state, reference, payload, attempts, next_attempt_us, lease_owner, lease_until_us,"
    " last_error, detail, sent_time_us, create_time_us)"
    " VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, 0, ?, '', 0, '', '', NULL, ?)";

const char* Keputusan(v1::DecideProposalRequest::Decision d) {
  switch (d) {
    case v1::DecideProposalRequest::APPROVE: return "DISETUJUI";
    case v1::DecideProposalRequest::REJECT: return "DITOLAK";
    case v1::DecideProposalRequest::RETURN: return "DIKEMBALIKAN";
    default: return "";
  }
}

}  // namespace

std::string DecisionReference(const DecisionNotice& n) {
  return absl::StrCat("formasi/", n.period_id, "/", n.instansi_code, "/decision/",
                      n.proposal_version);
}

std::string DecisionPayload(const DecisionNotice& n) {
  // Built as a protobuf Struct so that the note is escaped as JSON must be; a note
  // whose escaping would overflow the column is cut shorter until it fits.
  std::string json;
  for (size_t cut : {size_t{2000}, size_t{600}, size_t{0}}) {
    google::protobuf::Struct s;
    auto& fields = *s.mutable_fields();
    fields["keputusan"].set_string_value(Keputusan(n.decision));
    fields["jumlah_disetujui"].set_string_value(absl::StrCat(n.posts_approved));
    fields["catatan"].set_string_value(ValidUtf8(n.note, cut));
    json.clear();
    (void)google::protobuf::util::MessageToJsonString(s, &json);
    if (json.size() <= kMaxPayload) break;
  }
  return json;
}

absl::Status InsertDecisionNotice(storage::Connection& c, const DecisionNotice& n,
                                  absl::Time now) {
  const int64_t now_us = absl::ToUnixMicros(now);
  return c
      .Execute(kInsertNotice,
               {n.period_id, n.instansi_code, int64_t{kDecision},
                absl::ToUnixMicros(n.deadline), now_us, int64_t{kPending}, DecisionReference(n),
                DecisionPayload(n), now_us, now_us})
      .status();
}

}  // namespace penataan::formasi
