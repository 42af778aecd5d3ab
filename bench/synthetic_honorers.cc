#include "bench/synthetic_honorers.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace penataan::bench {
namespace {

struct Weighted {
  int province;
  int weight;
};
// Province codes with rough weights (Java and Sumatra hold most of the workforce).
constexpr std::array<Weighted, 20> kProvinces = {{
    {11, 2}, {12, 5}, {13, 2}, {14, 2}, {16, 3}, {18, 3}, {31, 4}, {32, 14},
    {33, 12}, {34, 2}, {35, 13}, {36, 4}, {51, 2}, {52, 2}, {53, 3}, {61, 2},
    {64, 2}, {73, 3}, {81, 1}, {91, 1}}};

constexpr const char* kFirst[] = {"Agus", "Maria", "Yohanes", "Siti", "Dewi", "Budi",
                                  "Fransiska", "Rahmat", "Nur", "Yosef", "Kristina", "Made",
                                  "Wayan", "Intan", "Andi", "Ruth", "Petrus", "Aisyah"};
constexpr const char* kLast[] = {"Lake", "Ndun", "Pah", "Saputra", "Wulandari", "Hidayat",
                                 "Manafe", "Fanggidae", "Kurniawan", "Lestari", "Bere",
                                 "Tallo", "Rahayu", "Siregar", "Nainggolan", "Putri"};
constexpr const char* kUnits[] = {"Dinas Pendidikan", "RSUD", "Puskesmas", "BPBD", "Damkar",
                                  "Dinas Lingkungan Hidup", "Sekretariat Daerah", "Dinas Sosial",
                                  "Dinas Perhubungan", "BKPSDM"};

struct Category {
  const char* name;
  const char* title;
  const char* education;
};
constexpr Category kCategories[] = {
    {"GURU", "Guru Kelas", "S1"},
    {"TENAGA_KEPENDIDIKAN", "Operator Sekolah", "SMA"},
    {"TENAGA_KESEHATAN", "Perawat", "D3"},
    {"TENAGA_TEKNIS", "Pengelola Umum Operasional", "SMA"},
};

std::string Iso(absl::CivilDay d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

}  // namespace

const char kImportCsvHeader[] =
    "nik,full_name,birth_date,gender,education,unit_kerja,jabatan_category,position_title,"
    "service_start_date,contract_start,contract_end";

HonorerGenerator::HonorerGenerator(SyntheticOptions options)
    : options_(options), rng_(options.seed) {}

std::string HonorerGenerator::MakeNik(absl::CivilDay birth, bool female) {
  int total = 0;
  for (const auto& p : kProvinces) total += p.weight;
  while (true) {
    int pick = static_cast<int>(rng_() % total);
    int province = kProvinces[0].province;
    for (const auto& p : kProvinces) {
      if (pick < p.weight) {
        province = p.province;
        break;
      }
      pick -= p.weight;
    }
    // Three in four first issued in a kabupaten (01-30), the rest in a kota (71-79).
    const int regency = rng_() % 4 == 0 ? 71 + static_cast<int>(rng_() % 9)
                                         : 1 + static_cast<int>(rng_() % 30);
    const int kecamatan = 1 + static_cast<int>(rng_() % 40);
    const int serial = 1 + static_cast<int>(rng_() % 9999);
    std::string nik = absl::StrFormat("%02d%02d%02d%02d%02d%02d%04d", province, regency, kecamatan,
                                      birth.day() + (female ? 40 : 0), birth.month(),
                                      birth.year() % 100, serial);
    if (niks_.insert(nik).second) return nik;
  }
}

registry::v1::ImportRow HonorerGenerator::Next() {
  registry::v1::ImportRow r;
  r.set_row_number(++row_);
  const bool female = rng_() % 2 == 0;
  // Ages 22 to 58 on `today`.
  const absl::CivilDay birth =
      options_.today - (22 * 365 + static_cast<int>(rng_() % (36 * 365)));
  r.set_nik(MakeNik(birth, female));
  r.set_full_name(absl::StrCat(kFirst[rng_() % std::size(kFirst)], " ",
                               kLast[rng_() % std::size(kLast)]));
  r.set_birth_date(Iso(birth));
  r.set_gender(female ? "P" : "L");
  const Category& c = kCategories[rng_() % std::size(kCategories)];
  r.set_education(c.education);
  r.set_unit_kerja(c.name[0] == 'G' ? "Dinas Pendidikan" : kUnits[rng_() % std::size(kUnits)]);
  r.set_jabatan_category(c.name);
  r.set_position_title(c.title);
  // Service began at 19 or later and at least a month ago: from 0 to 25 years.
  absl::CivilDay start = options_.today - 30 - static_cast<int>(rng_() % (25 * 365));
  const absl::CivilDay earliest = birth + 19 * 365;
  if (start < earliest) start = earliest;
  if (start > options_.today) start = options_.today;
  r.set_service_start_date(Iso(start));
  r.set_contract_start(absl::StrFormat("%04d-01-01", options_.today.year()));
  r.set_contract_end(absl::StrFormat("%04d-12-31", options_.today.year()));
  return r;
}

void WriteCsvRow(std::ostream& out, const registry::v1::ImportRow& r) {
  // No generated value holds a comma, quote or newline, so no cell needs quoting.
  out << r.nik() << ',' << r.full_name() << ',' << r.birth_date() << ',' << r.gender() << ','
      << r.education() << ',' << r.unit_kerja() << ',' << r.jabatan_category() << ','
      << r.position_title() << ',' << r.service_start_date() << ',' << r.contract_start() << ','
      << r.contract_end() << '\n';
}

}  // namespace penataan::bench
