#include "bench/contracts_demo.h"

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

namespace v1 = registry::v1;

constexpr const char* kFirst[] = {
    "Yohanes", "Maria", "Petrus", "Fransiska", "Yosef", "Kristina", "Agustinus", "Margaretha",
    "Daniel", "Ruth", "Simon", "Elisabeth", "Markus", "Yuliana", "Stefanus", "Veronika",
    "Aris", "Siti", "Imanuel", "Debora", "Yakobus", "Ester", "Melkianus", "Naomi",
    "Fransiskus", "Yustina", "Obed", "Lidia", "Ferdinand", "Sarlin", "Abdul", "Nurhayati"};
constexpr const char* kLast[] = {
    "Manafe", "Fanggidae", "Ndun", "Tallo", "Bere", "Lake", "Pah", "Riwu", "Kore", "Nalle",
    "Mbuik", "Lukas", "Amalo", "Bessie", "Tefa", "Sinlae", "Messakh", "Adoe", "Foeh",
    "Lenggu", "Nope", "Neolaka", "Saudale", "Ratu", "Djami", "Henuk", "Kana", "Liunokas"};

struct Post {
  const char* category;
  const char* title;
  const char* education;
};

struct Unit {
  std::string name;
  int count;
  bool crucial;
  std::string reviewer;
  std::vector<Post> posts;
};

const std::vector<Unit>& Units() {
  static const auto* units = [] {
    const Post guru{"GURU", "Guru Kelas", "S1"}, mapel{"GURU", "Guru Mata Pelajaran", "S1"},
        operator_sekolah{"TENAGA_KEPENDIDIKAN", "Operator Sekolah", "SMA"},
        tas{"TENAGA_KEPENDIDIKAN", "Tenaga Administrasi Sekolah", "SMA"},
        umum{"TENAGA_TEKNIS", "Pengelola Umum Operasional", "SMA"},
        sopir{"TENAGA_TEKNIS", "Pengemudi", "SMA"},
        perawat{"TENAGA_KESEHATAN", "Perawat", "D3"}, bidan{"TENAGA_KESEHATAN", "Bidan", "D3"},
        kebersihan{"TENAGA_TEKNIS", "Petugas Kebersihan", "SMP"};
    auto* u = new std::vector<Unit>{
        {"Dinas Pendidikan", 820, false, "Kepala Dinas Pendidikan Kota Kupang",
         {guru, mapel, operator_sekolah, tas}},
        {"Sekretariat Daerah", 310, false, "Sekretaris Daerah Kota Kupang", {umum, sopir}},
        {"Dinas Perhubungan", 236, false, "Kepala Dinas Perhubungan Kota Kupang",
         {{"TENAGA_TEKNIS", "Petugas Parkir", "SMA"},
          {"TENAGA_TEKNIS", "Petugas Pengatur Lalu Lintas", "SMA"}}},
        {"Dinas Kesehatan", 124, false, "Kepala Dinas Kesehatan Kota Kupang",
         {{"TENAGA_KESEHATAN", "Pengelola Data Kesehatan", "D3"}, umum}},
        {"Dinas Kependudukan dan Pencatatan Sipil", 130, false,
         "Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Kupang",
         {{"TENAGA_TEKNIS", "Operator Perekaman KTP-el", "SMA"}, umum}},
        {"Dinas Sosial", 108, false, "Kepala Dinas Sosial Kota Kupang",
         {{"TENAGA_TEKNIS", "Pendamping Sosial", "S1"}, umum}},
        {"BPBD Kota Kupang", 46, true, "Kepala Pelaksana BPBD Kota Kupang",
         {{"TENAGA_TEKNIS", "Petugas Tim Reaksi Cepat", "SMA"}, sopir}},
        {"Dinas Lingkungan Hidup dan Kebersihan", 168, true,
         "Kepala Dinas Lingkungan Hidup dan Kebersihan Kota Kupang",
         {kebersihan, {"TENAGA_TEKNIS", "Pengemudi Truk Sampah", "SMA"}}},
        {"Dinas Pemadam Kebakaran", 52, true, "Kepala Dinas Pemadam Kebakaran Kota Kupang",
         {{"TENAGA_TEKNIS", "Petugas Pemadam Kebakaran", "SMA"}, sopir}},
        {"RSUD S. K. Lerik", 98, true, "Direktur RSUD S. K. Lerik", {perawat, bidan, kebersihan}},
    };
    for (const char* puskesmas : {"Alak", "Bakunase", "Kupang Kota", "Manutapen", "Naioni",
                                  "Oebobo", "Oepoi", "Oesapa", "Pasir Panjang", "Penfui",
                                  "Sikumana"}) {
      const std::string name = absl::StrCat("Puskesmas ", puskesmas);
      u->push_back({name, 8, true, absl::StrCat("Kepala ", name),
                    {perawat, bidan, {"TENAGA_KESEHATAN", "Tenaga Sanitasi", "D3"}}});
    }
    return u;
  }();
  return *units;
}

// How the exclusions and reviews fall, outside and inside the crucial units.
struct Plan {
  int kurang, passed_cpns, moved_away, joined_bumn, missing, cukup;
};
constexpr Plan kOutside{52, 30, 9, 7, 18, 390};
constexpr Plan kInside{12, 7, 3, 2, 5, 100};

const char* const kKurangNotes[] = {"Sering tidak masuk kerja tanpa keterangan",
                                    "Tidak memenuhi target kerja",
                                    "Disiplin kerja kurang; sudah dua kali ditegur"};
const char* const kCpnsReason =
    "Lulus seleksi CPNS Pemerintah Kota Kupang formasi 2019; mengundurkan diri sebagai PTT";
const char* const kMovedReasons[] = {"Pindah ke Kabupaten Kupang mengikuti suami",
                                     "Pindah domisili ke Kota Soe",
                                     "Pindah ke Kabupaten Belu mengikuti keluarga"};
const char* const kBumnReasons[] = {"Bekerja di BUMN (PT PLN (Persero) UIW NTT)",
                                    "Bekerja di BUMN (PT Angkasa Pura I, Bandara El Tari)",
                                    "Bekerja di BUMN (PT Bank Rakyat Indonesia)"};

class Maker {
 public:
  explicit Maker(uint64_t seed) : rng_(seed) {}
  int Pick(int n) { return static_cast<int>(rng_() % static_cast<uint64_t>(n)); }

  DemoPtt Make(const Unit& unit, int sk_serial) {
    DemoPtt p;
    p.crucial = unit.crucial;
    p.reviewer = unit.reviewer;
    const Post& post = unit.posts[Pick(static_cast<int>(unit.posts.size()))];
    const absl::CivilDay tmt = absl::CivilDay(2004, 1, 5) + Pick(15 * 365);
    const absl::CivilDay birth = tmt - (20 * 365 + Pick(12 * 365));
    const bool female = Pick(2) == 0;
    v1::ImportRow& r = p.row;
    FillKupangPerson(r, birth, female, kFirst, kLast, [this](int n) { return Pick(n); },
                     &niks_);
    r.set_education(post.education);
    r.set_unit_kerja(unit.name);
    r.set_jabatan_category(post.category);
    r.set_position_title(post.title);
    r.set_service_start_date(IsoDay(tmt));
    r.set_contract_start("2020-01-01");
    r.set_contract_end("2020-12-31");
    r.set_sk_number(absl::StrFormat("800/%04d/BKPPD/2020", sk_serial));
    r.set_sk_signed_by("Wali Kota Kupang");
    r.set_sk_signed_date("2019-12-30");
    return p;
  }

  // 45% email only, 30% both, 15% WhatsApp only, 10% neither.
  void SetContacts(DemoPtt& p, int index) {
    const int roll = Pick(20);
    if (roll < 15) {
      std::string local;
      for (char c : p.row.full_name()) {
        local.push_back(c == ' ' ? '.' : absl::ascii_tolower(static_cast<unsigned char>(c)));
      }
      p.row.set_email(absl::StrCat(local, index, "@example.com"));
    }
    if (roll >= 9 && roll < 18) p.row.set_whatsapp(absl::StrFormat("+6285239%06d", index));
  }

  // Indices [0, n) in an order only the seed decides (Fisher-Yates with the
  // generator itself: std::shuffle's draws differ between standard libraries).
  std::vector<size_t> Shuffled(const std::vector<size_t>& in) {
    std::vector<size_t> out = in;
    for (size_t i = out.size(); i > 1; --i) std::swap(out[i - 1], out[Pick(static_cast<int>(i))]);
    return out;
  }

 private:
  std::mt19937_64 rng_;
  absl::flat_hash_set<std::string> niks_;
};

// Gives `plan`'s reviews and facts to the PTT at `indices` (shuffled first).
void Apply(Maker& maker, std::vector<DemoPtt>& ptt, const std::vector<size_t>& indices,
           const Plan& plan) {
  const std::vector<size_t> order = maker.Shuffled(indices);
  size_t next = 0;
  auto take = [&](int n, auto&& give) {
    for (int i = 0; i < n; ++i) give(ptt[order[next++]]);
  };
  take(plan.kurang, [&](DemoPtt& p) {
    p.review = v1::KURANG;
    p.review_note = kKurangNotes[maker.Pick(std::size(kKurangNotes))];
  });
  take(plan.missing, [](DemoPtt& p) { p.review = v1::REVIEW_OUTCOME_UNSPECIFIED; });
  // The rest were reviewed BAIK or CUKUP, facts or not.
  const size_t reviewed_from = next;
  take(plan.passed_cpns, [](DemoPtt& p) { p.fact = PttFact::kPassedCpns; });
  take(plan.moved_away, [](DemoPtt& p) { p.fact = PttFact::kMovedAway; });
  take(plan.joined_bumn, [](DemoPtt& p) { p.fact = PttFact::kJoinedBumn; });
  std::vector<size_t> rest(order.begin() + static_cast<long>(reviewed_from), order.end());
  rest = maker.Shuffled(rest);
  for (size_t i = 0; i < rest.size(); ++i) {
    ptt[rest[i]].review = static_cast<int>(i) < plan.cukup ? v1::CUKUP : v1::BAIK;
  }
}

const char* FactStatus(PttFact f) {
  return f == PttFact::kPassedCpns ? "MOVED_TO_CPNS" : "RESIGNED";
}

// A CSV cell: quoted when it holds a comma or a quote.
std::string Cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

std::vector<DemoPtt> KupangPtt2020(uint64_t seed) {
  Maker maker(seed);
  std::vector<DemoPtt> out;
  std::vector<size_t> outside, inside;
  int sk_serial = 211;
  for (const Unit& unit : Units()) {
    for (int i = 0; i < unit.count; ++i) {
      (unit.crucial ? inside : outside).push_back(out.size());
      out.push_back(maker.Make(unit, sk_serial));
    }
    ++sk_serial;
  }
  Apply(maker, out, outside, kOutside);
  Apply(maker, out, inside, kInside);
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].row.set_row_number(static_cast<int64_t>(i) + 1);
    maker.SetContacts(out[i], static_cast<int>(i) + 1);
  }
  return out;
}

ContractsDemoFigures FiguresOf(const std::vector<DemoPtt>& ptt) {
  ContractsDemoFigures f;
  for (const DemoPtt& p : ptt) {
    ++f.total;
    p.crucial ? ++f.crucial : ++f.sent_home;
    switch (p.review) {
      case v1::BAIK: ++f.baik; break;
      case v1::CUKUP: ++f.cukup; break;
      case v1::KURANG: ++f.kurang; break;
      default: ++f.reviews_missing;
    }
    switch (p.fact) {
      case PttFact::kPassedCpns: ++f.passed_cpns; break;
      case PttFact::kMovedAway: ++f.moved_away; break;
      case PttFact::kJoinedBumn: ++f.joined_bumn; break;
      case PttFact::kNone: break;
    }
    const bool excluded = p.review == v1::KURANG || p.fact != PttFact::kNone;
    const int addresses = !p.row.email().empty() + !p.row.whatsapp().empty();
    if (excluded) {
      ++f.excluded;
    } else {
      ++f.renewed;
      f.reactivated += !p.crucial;
      f.renewal_messages += addresses;
    }
    f.expiry_messages += addresses;
    f.with_email += !p.row.email().empty();
    f.with_whatsapp += !p.row.whatsapp().empty();
    f.without_contact += addresses == 0;
  }
  return f;
}

const std::vector<DemoCrucialUnit>& KupangCrucialUnits() {
  static const auto* units = new std::vector<DemoCrucialUnit>{
      {"BPBD Kota Kupang", false, "Penanggulangan bencana"},
      {"Dinas Lingkungan Hidup dan Kebersihan", false, "Pengelolaan sampah dan kebersihan kota"},
      {"Dinas Pemadam Kebakaran", false, "Pemadam kebakaran"},
      {"RSUD S. K. Lerik", false, "Pelayanan kesehatan di rumah sakit"},
      {"Puskesmas", true, "Pelayanan kesehatan di puskesmas"},
  };
  return *units;
}

void WritePttCsv(std::ostream& out, const std::vector<DemoPtt>& ptt) {
  out << kImportCsvHeader << ",email,whatsapp,nomor_sk,ditandatangani_oleh,tanggal_sk\n";
  for (const DemoPtt& p : ptt) {
    std::ostringstream row;
    WriteCsvRow(row, p.row);
    std::string line = row.str();
    line.pop_back();  // the newline
    out << line << ',' << p.row.email() << ',' << p.row.whatsapp() << ',' << p.row.sk_number()
        << ',' << p.row.sk_signed_by() << ',' << p.row.sk_signed_date() << '\n';
  }
}

void WriteReviewsCsv(std::ostream& out, const std::vector<DemoPtt>& ptt) {
  out << "nik,nama,unit_kerja,tahun,hasil,penilai,catatan\n";
  for (const DemoPtt& p : ptt) {
    if (p.review == v1::REVIEW_OUTCOME_UNSPECIFIED) continue;
    out << p.row.nik() << ',' << Cell(p.row.full_name()) << ',' << Cell(p.row.unit_kerja())
        << ",2020," << v1::ReviewOutcome_Name(p.review) << ',' << Cell(p.reviewer) << ','
        << Cell(p.review_note) << '\n';
  }
}

void WriteFactsCsv(std::ostream& out, const std::vector<DemoPtt>& ptt) {
  out << "nik,nama,status,alasan\n";
  int n = 0;
  for (const DemoPtt& p : ptt) {
    if (p.fact == PttFact::kNone) continue;
    const char* reason = p.fact == PttFact::kPassedCpns ? kCpnsReason
                         : p.fact == PttFact::kMovedAway ? kMovedReasons[n % 3]
                                                         : kBumnReasons[n % 3];
    ++n;
    out << p.row.nik() << ',' << Cell(p.row.full_name()) << ',' << FactStatus(p.fact) << ','
        << Cell(reason) << '\n';
  }
}

void WriteFigures(std::ostream& out, const ContractsDemoFigures& f) {
  out << "total=" << f.total << "\ncrucial=" << f.crucial << "\nsent_home=" << f.sent_home
      << "\nbaik=" << f.baik << "\ncukup=" << f.cukup << "\nkurang=" << f.kurang
      << "\nreviews_missing=" << f.reviews_missing << "\npassed_cpns=" << f.passed_cpns
      << "\nmoved_away=" << f.moved_away << "\njoined_bumn=" << f.joined_bumn
      << "\nrenewed=" << f.renewed << "\nreactivated=" << f.reactivated
      << "\nexcluded=" << f.excluded << "\nwith_email=" << f.with_email
      << "\nwith_whatsapp=" << f.with_whatsapp << "\nwithout_contact=" << f.without_contact
      << "\nexpiry_messages=" << f.expiry_messages << "\nrenewal_messages=" << f.renewal_messages
      << "\n";
}

}  // namespace penataan::bench
