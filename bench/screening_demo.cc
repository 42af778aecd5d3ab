#include "bench/screening_demo.h"

#include <random>
#include <sstream>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "bench/kupang_person.h"
#include "bench/synthetic_honorers.h"

namespace penataan::bench {
namespace {

constexpr const char* kFirst[] = {"Yohanes", "Maria", "Petrus", "Fransiska", "Yosef", "Kristina",
                                  "Agustinus", "Margaretha", "Daniel", "Ruth", "Simon", "Elisabeth",
                                  "Markus", "Yuliana", "Stefanus", "Veronika", "Aris", "Siti"};
constexpr const char* kLast[] = {"Manafe", "Fanggidae", "Ndun", "Tallo", "Bere", "Lake", "Pah",
                                 "Riwu", "Kore", "Nalle", "Mbuik", "Lukas", "Amalo", "Bessie",
                                 "Tefa", "Sinlae"};

struct Post {
  const char* category;
  const char* title;
  const char* education;
};
constexpr Post kGuru[] = {{"GURU", "Guru Kelas", "S1"},
                          {"GURU", "Guru Matematika", "S1"},
                          {"GURU", "Guru Bahasa Indonesia", "S1"}};
constexpr Post kKependidikan[] = {{"TENAGA_KEPENDIDIKAN", "Operator Sekolah", "SMA"},
                                  {"TENAGA_KEPENDIDIKAN", "Tenaga Administrasi Sekolah", "SMA"},
                                  {"TENAGA_KEPENDIDIKAN", "Pustakawan Sekolah", "D3"}};
constexpr Post kOthers[] = {{"TENAGA_KESEHATAN", "Perawat", "D3"},
                            {"TENAGA_KESEHATAN", "Bidan", "D3"},
                            {"TENAGA_TEKNIS", "Pengelola Umum Operasional", "SMA"},
                            {"TENAGA_TEKNIS", "Pengemudi", "SMA"},
                            {"TENAGA_TEKNIS", "Petugas Pemadam Kebakaran", "SMA"}};
constexpr const char* kSchools[] = {"SD Inpres Oesapa", "SD Negeri Bakunase 1",
                                    "SMP Negeri 5 Kupang", "SMP Negeri 13 Kupang",
                                    "SD Negeri Oebobo 2", "Dinas Pendidikan dan Kebudayaan"};
constexpr const char* kUnits[] = {"RSUD S. K. Lerik", "Puskesmas Oesapa", "BPBD", "Damkar",
                                  "Dinas Lingkungan Hidup dan Kebersihan", "Sekretariat Daerah"};

constexpr absl::CivilDay kCutoff(2024, 12, 31);

class Maker {
 public:
  explicit Maker(uint64_t seed) : rng_(seed) {}

  int Pick(int n) { return static_cast<int>(rng_() % static_cast<uint64_t>(n)); }
  // A day in [from, to].
  absl::CivilDay Between(absl::CivilDay from, absl::CivilDay to) {
    return from + Pick(static_cast<int>(to - from) + 1);
  }

  DemoApplicant Make(const std::vector<std::string>& reasons, bool education) {
    DemoApplicant a;
    a.reasons = reasons;
    auto has = [&](const char* code) {
      for (const auto& r : reasons) {
        if (r == code) return true;
      }
      return false;
    };
    const bool short_service = has("SERVICE_TOO_SHORT");
    a.in_bkn = !has("NOT_IN_BKN_DATABASE");
    const Post& post = education ? (Pick(5) < 3 ? kGuru[Pick(3)] : kKependidikan[Pick(3)])
                                 : kOthers[Pick(5)];
    // TMT: in 2023-2024 (after 31 December 2022, away from the edge) for short
    // service; otherwise by November 2022, education staff outside BKN's database
    // often for decades (the Kupang story).
    absl::CivilDay tmt;
    if (short_service) {
      tmt = Between(absl::CivilDay(2023, 2, 1), absl::CivilDay(2024, 11, 30));
    } else if (!a.in_bkn && education) {
      tmt = Between(absl::CivilDay(1996, 1, 2), absl::CivilDay(2008, 12, 31));
    } else {
      tmt = Between(absl::CivilDay(1998, 1, 2), absl::CivilDay(2022, 11, 30));
    }
    // Born 21 to 29 years before the TMT, and at most 55 at the cut-off: far from
    // the age limits (20 and 57), so that no one fails them by a day.
    absl::CivilDay birth = tmt - (21 * 365 + Pick(8 * 365));
    if (birth < absl::CivilDay(1970, 1, 1)) birth = absl::CivilDay(1970, 1, 1) + Pick(3 * 365);
    const bool female = Pick(2) == 0;
    ImportRowFor(a.row, birth, female, post, tmt);
    a.bkn_birth_date = a.row.birth_date();
    if (has("BKN_DATA_MISMATCH")) {
      // A typo at BKN: day and month swapped when that makes another date, else the
      // year one off.
      absl::CivilDay bkn = absl::CivilDay(birth.year() - 1, birth.month(), birth.day());
      if (birth.day() <= 12 && birth.day() != birth.month()) {
        bkn = absl::CivilDay(birth.year(), birth.day(), birth.month());
      }
      a.bkn_birth_date = IsoDay(bkn);
    }
    return a;
  }

  void SetContacts(DemoApplicant& a, int index, bool must) {
    const int roll = Pick(20);
    bool email = false, whatsapp = false;
    if (must) {
      email = roll < 15;        // 55% email only, 20% both, 25% WhatsApp only
      whatsapp = roll >= 11;
    } else {
      email = roll < 10;        // half of the MS applicants have an email address
    }
    if (email) {
      std::string local;
      for (char c : a.row.full_name()) {
        local.push_back(c == ' ' ? '.' : absl::ascii_tolower(static_cast<unsigned char>(c)));
      }
      a.row.set_email(absl::StrCat(local, index, "@example.com"));
    }
    if (whatsapp) a.row.set_whatsapp(absl::StrFormat("+6281339%06d", index));
  }

 private:
  void ImportRowFor(registry::v1::ImportRow& r, absl::CivilDay birth, bool female,
                    const Post& post, absl::CivilDay tmt) {
    FillKupangPerson(r, birth, female, kFirst, kLast, [this](int n) { return Pick(n); },
                     &niks_);
    r.set_education(post.education);
    const bool school = std::string(post.category) == "GURU" ||
                        std::string(post.category) == "TENAGA_KEPENDIDIKAN";
    r.set_unit_kerja(school ? kSchools[Pick(std::size(kSchools))]
                            : kUnits[Pick(std::size(kUnits))]);
    r.set_jabatan_category(post.category);
    r.set_position_title(post.title);
    r.set_service_start_date(IsoDay(tmt));
    r.set_contract_start("2025-01-01");
    r.set_contract_end("2025-12-31");
  }

  std::mt19937_64 rng_;
  absl::flat_hash_set<std::string> niks_;
};

}  // namespace

const std::vector<DemoGroup>& KupangTahap2Plan() {
  static const auto* plan = new std::vector<DemoGroup>{
      {{"NOT_IN_BKN_DATABASE"}, 130, 70},
      {{"SERVICE_TOO_SHORT"}, 110, 40},
      {{"BKN_DATA_MISMATCH"}, 70, 30},
      {{"NOT_IN_BKN_DATABASE", "SERVICE_TOO_SHORT"}, 20, 6},
      {{}, 270, 110},  // MS
  };
  return *plan;
}

std::vector<DemoApplicant> KupangTahap2Applicants(uint64_t seed) {
  Maker maker(seed);
  std::vector<DemoApplicant> out;
  for (const DemoGroup& g : KupangTahap2Plan()) {
    for (int i = 0; i < g.count; ++i) out.push_back(maker.Make(g.reasons, i < g.education));
  }
  // Fisher-Yates with the generator itself (std::shuffle's draws differ between
  // standard libraries; this order must not).
  for (size_t i = out.size() - 1; i > 0; --i) {
    std::swap(out[i], out[maker.Pick(static_cast<int>(i) + 1)]);
  }
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].row.set_row_number(static_cast<int64_t>(i) + 1);
    maker.SetContacts(out[i], static_cast<int>(i) + 1, !out[i].reasons.empty());
  }
  return out;
}

void WriteImportCsv(std::ostream& out, const std::vector<DemoApplicant>& applicants) {
  out << kImportCsvHeader << ",email,whatsapp\n";
  for (const DemoApplicant& a : applicants) {
    std::ostringstream row;
    WriteCsvRow(row, a.row);
    std::string line = row.str();
    line.pop_back();  // the newline
    out << line << ',' << a.row.email() << ',' << a.row.whatsapp() << '\n';
  }
}

void WriteBknCsv(std::ostream& out, const std::vector<DemoApplicant>& applicants) {
  out << "nik,in_bkn_database,full_name,birth_date\n";
  for (const DemoApplicant& a : applicants) {
    if (a.in_bkn) {
      out << a.row.nik() << ",1," << a.row.full_name() << ',' << a.bkn_birth_date << '\n';
    } else {
      out << a.row.nik() << ",0,,\n";
    }
  }
}

void WriteApplicantsCsv(std::ostream& out, const std::vector<DemoApplicant>& applicants) {
  out << "nik,full_name\n";
  for (const DemoApplicant& a : applicants) out << a.row.nik() << ',' << a.row.full_name() << '\n';
}

}  // namespace penataan::bench
