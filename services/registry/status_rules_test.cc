#include "services/registry/status_rules.h"

#include "gtest/gtest.h"

namespace penataan::registry {
namespace {

TEST(StatusRules, Table) {
  const StatusActor instansi{false, false}, bkn{true, true}, kemenpan{true, false},
      screening{false, true, true}, bkn_as_screening{true, true, true};
  struct Case {
    HonorerStatus from, to;
    StatusActor actor;
    absl::StatusCode want;
  } cases[] = {
      {v1::ACTIVE, v1::DIRUMAHKAN, instansi, absl::StatusCode::kOk},
      {v1::DIRUMAHKAN, v1::ACTIVE, instansi, absl::StatusCode::kOk},
      {v1::ACTIVE, v1::CONTRACT_ENDED, instansi, absl::StatusCode::kOk},
      {v1::ACTIVE, v1::ACTIVE, instansi, absl::StatusCode::kFailedPrecondition},
      {v1::ACTIVE, v1::HONORER_STATUS_UNSPECIFIED, kemenpan, absl::StatusCode::kInvalidArgument},
      {v1::ACTIVE, v1::MS, instansi, absl::StatusCode::kPermissionDenied},
      {v1::ACTIVE, v1::TMS, kemenpan, absl::StatusCode::kPermissionDenied},
      {v1::ACTIVE, v1::TMS, bkn, absl::StatusCode::kOk},
      {v1::ACTIVE, v1::MS, screening, absl::StatusCode::kOk},
      {v1::MS, v1::PPPK_PARUH_WAKTU, instansi, absl::StatusCode::kOk},
      {v1::RESIGNED, v1::ACTIVE, instansi, absl::StatusCode::kFailedPrecondition},
      {v1::MOVED_TO_CPNS, v1::ACTIVE, kemenpan, absl::StatusCode::kOk},
      {v1::PPPK_PENUH_WAKTU, v1::TMS, screening, absl::StatusCode::kFailedPrecondition},
      // The screening service writes results back, nothing else.
      {v1::ACTIVE, v1::RESIGNED, screening, absl::StatusCode::kPermissionDenied},
      {v1::TMS, v1::ACTIVE, screening, absl::StatusCode::kPermissionDenied},
      {v1::MS, v1::TMS, screening, absl::StatusCode::kOk},
      // The write-back of a round: an appeal accepted turns TMS into MS; a later
      // round may judge MS again; a final status is never touched.
      {v1::TMS, v1::MS, screening, absl::StatusCode::kOk},
      {v1::ACTIVE, v1::TMS, screening, absl::StatusCode::kOk},
      {v1::PPPK_PENUH_WAKTU, v1::MS, screening, absl::StatusCode::kFailedPrecondition},
      {v1::MOVED_TO_CPNS, v1::MS, screening, absl::StatusCode::kFailedPrecondition},
      {v1::RESIGNED, v1::TMS, screening, absl::StatusCode::kFailedPrecondition},
      {v1::MS, v1::MS, screening, absl::StatusCode::kFailedPrecondition},
      // A status a person set is not a screening's to undo: only ACTIVE, MS and TMS
      // move, even for a national principal acting as the screening.
      {v1::DIRUMAHKAN, v1::TMS, screening, absl::StatusCode::kFailedPrecondition},
      {v1::DIRUMAHKAN, v1::MS, screening, absl::StatusCode::kFailedPrecondition},
      {v1::CONTRACT_ENDED, v1::TMS, screening, absl::StatusCode::kFailedPrecondition},
      {v1::CONTRACT_ENDED, v1::MS, screening, absl::StatusCode::kFailedPrecondition},
      {v1::PPPK_PARUH_WAKTU, v1::MS, screening, absl::StatusCode::kFailedPrecondition},
      {v1::PPPK_PARUH_WAKTU, v1::TMS, screening, absl::StatusCode::kFailedPrecondition},
      {v1::DIRUMAHKAN, v1::TMS, bkn_as_screening, absl::StatusCode::kFailedPrecondition},
      {v1::MOVED_TO_CPNS, v1::MS, bkn_as_screening, absl::StatusCode::kFailedPrecondition},
      {v1::ACTIVE, v1::MS, bkn_as_screening, absl::StatusCode::kOk},
      // People keep their own rules: BKN may still set TMS on a DIRUMAHKAN worker by
      // hand (ChangeHonorerStatus), a decision it signs with its own name.
      {v1::DIRUMAHKAN, v1::TMS, bkn, absl::StatusCode::kOk},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(v1::HonorerStatus_Name(c.from) + " -> " + v1::HonorerStatus_Name(c.to));
    EXPECT_EQ(CheckStatusChange(c.from, c.to, c.actor).code(), c.want);
  }
}

// A renewal gives back what the expiry took, whoever asked for it: an instansi's
// renewal restores MS and TMS (which the instansi may not set by hand), and does
// nothing else.
TEST(StatusRules, RestoredAfterRenewal) {
  StatusActor renewal;
  renewal.restores_after_renewal = true;
  StatusActor national_renewal = renewal;
  national_renewal.national = true;
  struct Case {
    HonorerStatus from, to;
    StatusActor actor;
    absl::StatusCode want;
  } cases[] = {
      {v1::DIRUMAHKAN, v1::ACTIVE, renewal, absl::StatusCode::kOk},
      {v1::DIRUMAHKAN, v1::MS, renewal, absl::StatusCode::kOk},
      {v1::DIRUMAHKAN, v1::TMS, renewal, absl::StatusCode::kOk},
      {v1::DIRUMAHKAN, v1::CONTRACT_ENDED, renewal, absl::StatusCode::kFailedPrecondition},
      {v1::DIRUMAHKAN, v1::PPPK_PARUH_WAKTU, renewal, absl::StatusCode::kFailedPrecondition},
      {v1::DIRUMAHKAN, v1::RESIGNED, renewal, absl::StatusCode::kFailedPrecondition},
      {v1::ACTIVE, v1::MS, renewal, absl::StatusCode::kFailedPrecondition},
      {v1::TMS, v1::ACTIVE, renewal, absl::StatusCode::kFailedPrecondition},
      {v1::CONTRACT_ENDED, v1::ACTIVE, renewal, absl::StatusCode::kFailedPrecondition},
      {v1::RESIGNED, v1::ACTIVE, national_renewal, absl::StatusCode::kFailedPrecondition},
      {v1::DIRUMAHKAN, v1::DIRUMAHKAN, renewal, absl::StatusCode::kFailedPrecondition},
      {v1::DIRUMAHKAN, v1::HONORER_STATUS_UNSPECIFIED, renewal,
       absl::StatusCode::kInvalidArgument},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(v1::HonorerStatus_Name(c.from) + " -> " + v1::HonorerStatus_Name(c.to));
    EXPECT_EQ(CheckStatusChange(c.from, c.to, c.actor).code(), c.want);
  }
}

}  // namespace
}  // namespace penataan::registry
