#ifndef PENATAAN_BENCH_KUPANG_PERSON_H_
#define PENATAAN_BENCH_KUPANG_PERSON_H_

// Who a Kota Kupang demo honorer is (NIK, name, birth date, gender), shared by the
// screening and contracts demos so that both draw people the same way.
//
// Guarantees: the NIK is a valid Kupang NIK (53 71, kecamatan 01-06, birth day +40
// for women, month, year, serial) not already in `taken`, which it joins; `pick`
// is called in a fixed order, so a seeded demo writes the same people every run.

#include <functional>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "penataan/registry/v1/registry.pb.h"

namespace penataan::bench {

// "YYYY-MM-DD".
std::string IsoDay(absl::CivilDay d);

// Sets nik, full_name ("<first> <last>" from the pools), birth_date and gender
// ("P"/"L") of `row`. `pick(n)` draws in [0, n).
void FillKupangPerson(registry::v1::ImportRow& row, absl::CivilDay birth, bool female,
                      absl::Span<const char* const> first_names,
                      absl::Span<const char* const> last_names,
                      const std::function<int(int)>& pick,
                      absl::flat_hash_set<std::string>* taken);

}  // namespace penataan::bench

#endif  // PENATAAN_BENCH_KUPANG_PERSON_H_
