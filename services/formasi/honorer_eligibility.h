#ifndef PENATAAN_SERVICES_FORMASI_HONORER_ELIGIBILITY_H_
#define PENATAAN_SERVICES_FORMASI_HONORER_ELIGIBILITY_H_

// Which honorers a proposal may name, and which it may leave out (DOMAIN.md
// "Formasi and deadlines"): the rule as a plain function of what the registry says
// of one honorer, so that it has table tests and no network.

#include <optional>
#include <string>

#include "penataan/registry/v1/registry.pb.h"
#include "services/formasi/formasi_model.h"

namespace penataan::formasi {

// What the registry answered of one honorer.
struct HonorerFacts {
  bool found = false;  // false: the registry has no honorer by that name
  std::string instansi_code;
  registry::v1::HonorerStatus status = registry::v1::HONORER_STATUS_UNSPECIFIED;
  bool in_bkn_database = false;
};

enum class HonorerUse { kNamed, kLeftOut };

// Eligible for a Paruh Waktu post: ACTIVE, or TMS in a screening (those are the
// ones the Paruh Waktu scheme is for), and in BKN's database.
bool EligibleForParuhWaktu(const HonorerFacts& h);

// Empty when the honorer may be used so in a proposal of `instansi_code`;
// otherwise why not, in words a client can show. A missing honorer and another
// instansi's one read alike, so that the answer tells nothing of other instansi.
// Named: registered to the instansi and eligible (EligibleForParuhWaktu). Left
// out: registered to the instansi (a worker who resigned since may stay left out).
std::optional<std::string> WhyNotUsable(const HonorerFacts& h, const std::string& instansi_code,
                                        HonorerUse use);

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_HONORER_ELIGIBILITY_H_
