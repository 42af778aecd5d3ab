#include "bench/kupang_person.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace penataan::bench {

std::string IsoDay(absl::CivilDay d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

void FillKupangPerson(registry::v1::ImportRow& row, absl::CivilDay birth, bool female,
                      absl::Span<const char* const> first_names,
                      absl::Span<const char* const> last_names,
                      const std::function<int(int)>& pick,
                      absl::flat_hash_set<std::string>* taken) {
  std::string nik;
  do {
    nik = absl::StrFormat("5371%02d%02d%02d%02d%04d", 1 + pick(6),
                          birth.day() + (female ? 40 : 0), birth.month(), birth.year() % 100,
                          1 + pick(9999));
  } while (!taken->insert(nik).second);
  row.set_nik(nik);
  row.set_full_name(absl::StrCat(first_names[pick(static_cast<int>(first_names.size()))], " ",
                                 last_names[pick(static_cast<int>(last_names.size()))]));
  row.set_birth_date(IsoDay(birth));
  row.set_gender(female ? "P" : "L");
}

}  // namespace penataan::bench
