#ifndef PENATAAN_SERVICES_REGISTRY_STATUS_RULES_H_
#define PENATAAN_SERVICES_REGISTRY_STATUS_RULES_H_

// Which status changes are allowed, and for whom. The one place this rule lives;
// ChangeHonorerStatus and BulkChangeStatus both ask it.

#include "absl/status/status.h"
#include "services/registry/honorer.h"

namespace penataan::registry {

struct StatusActor {
  bool national = false;             // national:kemenpanrb or national:bkn
  bool screening_authority = false;  // national:bkn or the screening service
  // A service acting for the screening: it sets MS and TMS and nothing else, and
  // only on an honorer who is ACTIVE, MS or TMS.
  bool results_only = false;
  // RenewContracts returning an honorer the expiry sent home: it moves DIRUMAHKAN
  // back to the status the expiry recorded (ACTIVE, MS or TMS) and nothing else,
  // whoever asked for the renewal (MS and TMS come back as the screening set them).
  bool restores_after_renewal = false;
};

// OK, or FAILED_PRECONDITION / PERMISSION_DENIED / INVALID_ARGUMENT with the reason:
//  - the new status must be a real one and differ from the current;
//  - MS and TMS are screening outcomes: only BKN or the screening service sets them,
//    and the screening service sets nothing else;
//  - the screening service (results_only) moves only an honorer whose current status
//    is itself a screening's concern: ACTIVE, MS or TMS. Every other status is a
//    human's decision about the worker (DIRUMAHKAN, CONTRACT_ENDED, PPPK_PARUH_WAKTU,
//    or a final one) that a round's result must not undo: FAILED_PRECONDITION;
//  - PPPK_PENUH_WAKTU, MOVED_TO_CPNS and RESIGNED end the non-ASN record: only a
//    national principal may move an honorer out of them again (a correction).
// So the screening's write-back (RecordScreeningOutcomes) may move ACTIVE to MS or
// TMS, TMS to MS (an appeal accepted, or a later round), and MS to TMS (a later round
// with other rules or corrected data judges again; the history keeps both), and
// nothing else. People (an instansi, BKN, Kemenpan-RB) keep their own rules above.
//  - a renewal's restoring (restores_after_renewal) moves DIRUMAHKAN to ACTIVE, MS or
//    TMS only; it is checked before the MS/TMS rule, as it gives back what the
//    screening set rather than setting it: FAILED_PRECONDITION for anything else.
absl::Status CheckStatusChange(HonorerStatus from, HonorerStatus to, const StatusActor& actor);

bool IsFinalStatus(HonorerStatus status);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_STATUS_RULES_H_
