#ifndef PENATAAN_CLI_FORMASI_VALUES_H_
#define PENATAAN_CLI_FORMASI_VALUES_H_

// What a person types for formasi on a command line or in a CSV cell, read into API
// values: rupiah amounts, reminder offsets, civil times, resource names, the period
// kind, the leave-out reason and the decision. Pure functions; each answers
// nullopt (or an error in words) for text it does not accept, never guesses.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/duration.pb.h"
#include "penataan/formasi/v1/formasi.pb.h"

namespace penataan::cli {

// "2500000", "2.500.000", "2,500,000", "Rp 2.500.000": a whole, positive number of
// rupiah. Separators must group by three, so "2,5" (a decimal comma) is refused.
std::optional<int64_t> ParseRupiah(const std::string& text);
// "Rp 2.500.000" (Indonesian grouping).
std::string FormatRupiah(int64_t idr);

// "7d,3d,1d,2h" (also "90m", "1d12h"); each at least one minute. Empty text is an
// error: a period without reminders is asked for explicitly with "none".
absl::StatusOr<std::vector<absl::Duration>> ParseOffsets(const std::string& text);
// "7d", "2h", "1d12h", "90m".
std::string FormatOffset(absl::Duration d);
std::string FormatOffset(const google::protobuf::Duration& d);

// "2025-08-20 23:59:59" (also with 'T', or without seconds) as civil time,
// normalised to "YYYY-MM-DD HH:MM:SS" (what Period.deadline_civil_time holds).
std::optional<std::string> NormalizeCivilTime(const std::string& text);
// The instant of a civil time in an IANA zone.
absl::StatusOr<absl::Time> CivilTimeIn(const std::string& civil, const std::string& zone);

// "honorers/123" or "123" → "honorers/123".
std::optional<std::string> ParseHonorerName(const std::string& text);
// "periods/7" or "7" → "periods/7".
std::optional<std::string> ParsePeriodName(const std::string& text);
// "periods/7/proposals/3275" or "7/3275" → "periods/7/proposals/3275".
std::optional<std::string> ParseProposalName(const std::string& text);

// "paruh-waktu", "penuh-waktu", "PPPK_PARUH_WAKTU", "pppk paruh waktu".
std::optional<formasi::v1::FormasiKind> ParseKind(const std::string& text);

// The short words of the brief and the CSVs ("tidak-aktif", "anggaran",
// "tidak-ada-kebutuhan", "meninggal", "lainnya"), the enum names in any case and
// with '-', '_' or ' ', and the English ones ("not-active", "budget", "no-need",
// "deceased", "other").
std::optional<formasi::v1::LeaveOutReason> ParseLeaveOutReason(const std::string& text);
// "tidak aktif bekerja", "anggaran tidak cukup", ... (how the tables show a reason).
std::string ReasonLabel(formasi::v1::LeaveOutReason reason);
// The short words ParseLeaveOutReason takes, for help and errors.
extern const char kReasonChoices[];

// approve|reject|return (also setujui|tolak|kembalikan).
std::optional<formasi::v1::DecideProposalRequest::Decision> ParseDecision(
    const std::string& text);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_FORMASI_VALUES_H_
