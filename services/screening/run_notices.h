#ifndef PENATAAN_SERVICES_SCREENING_RUN_NOTICES_H_
#define PENATAAN_SERVICES_SCREENING_RUN_NOTICES_H_

// The messages a run's results cause (helper_common's templates, keys and
// references), as plain data for the outbox (notice_store.h). Pure: no clock, no
// database, no network.
//
//   - Each honorer with a result is told once per contact: an email through
//     screening-result-{ms|tms}, a WhatsApp number through
//     screening-result-{ms|tms}-whatsapp (recipient "whatsapp:+62…"), reference
//     screening/rounds/{r}/results/{h}/{ms|tms}/{email|whatsapp}. A TMS message
//     carries every reason ("- message" a line) and the appeal deadline in the
//     instansi's zone. An honorer without contact gets none (the instansi's
//     summary counts them: they must be told in person).
//   - Each instansi with new results in a run gets one summary per contact:
//     email -> screening-instansi-summary, webhook -> screening-instansi-summary-webhook,
//     reference screening/rounds/{r}/runs/{run}/summary/{code}/{email|webhook}; an
//     instansi's second and later contacts add "/{position}" (1-based), so that
//     each address keeps a reference of its own.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/notice_values.h"
#include "penataan/registry/v1/registry.pb.h"
#include "penataan/screening/v1/screening.pb.h"
#include "services/screening/notice_store.h"

namespace penataan::screening {

struct NoticeRound {
  int64_t id = 0;
  std::string display_name;  // "Seleksi PPPK 2024 Tahap II"
  absl::Time appeal_end;     // exclusive
};

struct NoticeInstansi {
  std::string code;
  std::string display_name;
  std::string time_zone;  // IANA
};

struct HonorerNoticeFacts {
  int64_t honorer_id = 0;
  std::string full_name;
  v1::Outcome outcome = v1::OUTCOME_UNSPECIFIED;
  std::vector<std::string> reason_messages;  // TMS: one per failed rule
  std::string email;
  std::string whatsapp;  // E.164, "+62…"
};

// One instansi's new results in a run.
struct InstansiTally {
  int64_t ms = 0, tms = 0;
  int64_t tanpa_kontak = 0;  // honorers without email or WhatsApp
  std::map<v1::ReasonCode, int64_t> tms_by_reason;
};

// "21 Februari 2025 pukul 23.59 WITA": the last minute inside a window whose end
// is exclusive, in `zone`.
std::string BatasSanggah(absl::Time appeal_end, const std::string& zone);
// "Masa kerja kurang": a reason in a few words (summaries, registry history).
std::string ReasonLabel(v1::ReasonCode code);
// "4.000": counts as Indonesian writes them.
std::string FormatCount(int64_t n);

// The messages an honorer's result causes; empty without contact.
std::vector<Notice> HonorerNotices(const NoticeRound& round, const NoticeInstansi& instansi,
                                   const HonorerNoticeFacts& honorer);

// The summaries of an instansi's new results in run `run_id`; empty when it has
// no contacts or no new results.
std::vector<Notice> SummaryNotices(const NoticeRound& round, int64_t run_id,
                                   const NoticeInstansi& instansi,
                                   const registry::v1::InstansiContacts& contacts,
                                   const InstansiTally& tally);

// A notice's personalisation as one JSON object of strings (common/notice_values.h).
using ::penataan::DecodeNoticeValues;
using ::penataan::EncodeNoticeValues;

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_RUN_NOTICES_H_
