#include "services/registry/registry_access.h"

namespace penataan::registry {

// Least privilege (ARCHITECTURE.md "Identity and access"): formasi and screening
// read honorers and instansi for their checks; only screening changes a status
// of another's honorer (MS/TMS only, through RecordScreeningOutcomes); notification reads nothing here:
// formasi resolves an instansi's contacts and hands notification the addresses.
const AccessTable& RegistryAccess() {
  static const AccessTable* const table = new AccessTable(
      "penataan.registry.v1.RegistryService",
      {
          {"CreateInstansi", {{"national:*"}}},
          {"GetInstansi",
           {{"national:*", "instansi", "service:formasi", "service:screening"}}},
          {"ListInstansi",
           {{"national:*", "instansi", "service:formasi", "service:screening"}}},
          // Contact details: the instansi itself and national principals; of the
          // services formasi (reminders, decisions) and screening (results, appeal
          // decisions), which send to them.
          {"GetInstansiContacts",
           {{"national:*", "instansi", "service:formasi", "service:screening"},
            Scope::kOwnInstansi}},
          {"UpdateInstansiContacts", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"BatchGetInstansiContacts",
           {{"national:*", "instansi", "service:formasi", "service:screening"},
            Scope::kOwnInstansi}},
          {"CreateHonorer", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"GetHonorer",
           {{"national:*", "instansi", "service:formasi", "service:screening"},
            Scope::kOwnInstansi}},
          {"BatchGetHonorers",
           {{"national:*", "instansi", "service:formasi", "service:screening"},
            Scope::kOwnInstansi}},
          {"ListHonorers",
           {{"national:*", "instansi", "service:formasi", "service:screening"},
            Scope::kOwnInstansi}},
          {"UpdateHonorer", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          // The screening writes MS/TMS through RecordScreeningOutcomes only.
          {"ChangeHonorerStatus", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"ListStatusHistory", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"ImportHonorers", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"BulkChangeStatus", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"VerifyHonorers", {{"national:bkn"}}},
          // MS/TMS of a screening round: the screening service only, and only those
          // two statuses (RecordScreeningOutcomes refuses any other).
          {"RecordScreeningOutcomes", {{"service:screening"}}},
          // Contracts are the instansi's (its head signs the SKs); national principals
          // read and act for it. Reviews are its unit heads': written by the instansi.
          {"ListContracts", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"ListExpiringContracts", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"RenewContracts", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"GetContractPolicy", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"UpdateContractPolicy", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"SetPerformanceReview", {{"instansi"}, Scope::kOwnInstansi}},
          {"ImportPerformanceReviews", {{"instansi"}, Scope::kOwnInstansi}},
          {"ListPerformanceReviews", {{"national:*", "instansi"}, Scope::kOwnInstansi}},
          {"ListAuditEvents", {{"national:*"}}},
      });
  return *table;
}

bool MayReadScreeningView(const Principal& p) {
  // formasi checks a proposal's named honorers by post and status: BASIC is all it
  // needs, and a stolen formasi token must not read a million honorers' contacts.
  return CallerSpecMatches("service:screening", p);
}

}  // namespace penataan::registry
