#include "services/formasi/formasi_access.h"

namespace penataan::formasi {

// Least privilege (ARCHITECTURE.md "Identity and access"): Kemenpan-RB sets the
// windows, their deadlines and extensions, and decides; an instansi drafts and
// submits its own proposal and reads its own data; BKN reads. The screening reads
// periods (a round may follow one); no service writes here.
const AccessTable& FormasiAccess() {
  static const AccessTable* const table = new AccessTable(
      "penataan.formasi.v1.FormasiService",
      {
          {"CreatePeriod", {{"national:kemenpanrb"}}},
          {"GetPeriod", {{"national:*", "instansi", "service:screening"}}},
          {"ListPeriods", {{"national:*", "instansi", "service:screening"}}},
          {"UpdatePeriod", {{"national:kemenpanrb"}}},
          {"ClosePeriod", {{"national:kemenpanrb"}}},
          {"GrantExtension", {{"national:kemenpanrb"}}},
          {"ListExtensions", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          // The owner instansi writes; national principals read.
          {"CreateProposal", {{"instansi"}, Scope::kOwnInstansi}},
          {"GetProposal", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"ListProposals", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"UpdateProposal", {{"instansi"}, Scope::kOwnInstansi}},
          {"SubmitProposal", {{"instansi"}, Scope::kOwnInstansi}},
          {"DecideProposal", {{"national:kemenpanrb"}}},
          // An instansi asks for its own row by code; another's is refused.
          {"GetPeriodSummary", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"ListReminders", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"ListAuditEvents", {{"national:*"}}},
      });
  return *table;
}

}  // namespace penataan::formasi
