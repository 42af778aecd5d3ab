#include "services/screening/screening_access.h"

namespace penataan::screening {

// Least privilege (ARCHITECTURE.md "Identity and access"): BKN runs the selection
// (rounds, runs, appeal decisions); an instansi registers its own honorers as
// applicants, reads its own results, files appeals for them and ranks its own
// candidates; Kemenpan-RB and other national principals read. No service calls in.
const AccessTable& ScreeningAccess() {
  static const AccessTable* const table = new AccessTable(
      "penataan.screening.v1.ScreeningService",
      {
          {"CreateRound", {{"national:bkn"}}},
          {"GetRound", {{"national:*", "instansi"}}},
          {"ListRounds", {{"national:*", "instansi"}}},
          {"UpdateRound", {{"national:bkn"}}},
          {"AddApplicants", {{"national:bkn", "instansi"}, Scope::kOwnInstansi}},
          {"ListApplicants", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"RunScreening", {{"national:bkn"}}},
          {"GetRun", {{"national:*"}}},
          {"GetResult", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"ListResults", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"SummarizeResults", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"FileAppeal", {{"instansi"}, Scope::kOwnInstansi}},
          {"GetAppeal", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"ListAppeals", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"DecideAppeal", {{"national:bkn"}}},
          {"RankCandidates", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"ListAuditEvents", {{"national:*"}}},
      });
  return *table;
}

}  // namespace penataan::screening
