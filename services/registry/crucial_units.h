#ifndef PENATAAN_SERVICES_REGISTRY_CRUCIAL_UNITS_H_
#define PENATAAN_SERVICES_REGISTRY_CRUCIAL_UNITS_H_

// Which of an instansi's units keep their workers at work when their SKs end
// (Kota Kupang, January 2021: BPBD, DLHK, Damkar, RSUD S. K. Lerik, the Puskesmas).
// The one place the matching rule lives: the expiry step, BulkChangeStatus'
// exclude_crucial_units and ListExpiringContracts all ask it.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/errors.h"
#include "services/registry/contract.h"

namespace penataan::registry {

// Unit names as compared: lower case (ASCII), runs of white space as one space,
// no leading or trailing space. "RSUD  S. K. Lerik " == "rsud s. k. lerik".
std::string CanonicalUnit(absl::string_view unit);

// True when `unit_kerja` is one of `units`: equal (canonically), or, for a prefix
// entry, starting with it at a word boundary ("Puskesmas" covers "Puskesmas
// Oesapa" but not "Puskesmasku").
bool IsCrucialUnit(const std::vector<CrucialUnit>& units, absl::string_view unit_kerja);

// Every problem with a list, each naming `prefix` + "[i].unit_kerja" / ".reason":
// at most kMaxCrucialUnits; a unit name 1..200 bytes of valid UTF-8 and a reason
// 1..500; no unit twice (canonically, prefix or not).
std::vector<Violation> ValidateCrucialUnits(const std::vector<CrucialUnit>& units,
                                            const std::string& prefix);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_CRUCIAL_UNITS_H_
