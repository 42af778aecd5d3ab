#ifndef PENATAAN_BENCH_CONTRACTS_DEMO_H_
#define PENATAAN_BENCH_CONTRACTS_DEMO_H_

// The quick start's contracts demo data (scripts/demo_contracts.sh): Kota Kupang's
// 2,180 PTT, whose one-year SKs "800/0xxx/BKPPD/2020" (1 January to 31 December
// 2020, signed by the Wali Kota Kupang on 30 December 2019, one SK per OPD) ended
// on 31 December 2020 (Timex Kupang, 3 January 2021).
//
//   452 work in the crucial units (BPBD Kota Kupang, Dinas Lingkungan Hidup dan
//       Kebersihan, Dinas Pemadam Kebakaran, RSUD S. K. Lerik and eleven
//       Puskesmas) and are kept at work on 4 January 2021;
//   1,728 work elsewhere (Dinas Pendidikan, Sekretariat Daerah, Dinas
//       Perhubungan, Dinas Kesehatan, Dinas Kependudukan dan Pencatatan Sipil,
//       Dinas Sosial) and are sent home (DIRUMAHKAN).
// The unit heads' reviews of 2020: 1,603 BAIK, 490 CUKUP, 64 KURANG (52 outside
// the crucial units), 23 never sent. The facts checked before the renewal: 37 passed
// the CPNS selection (MOVED_TO_CPNS), 12 moved away and 9 joined a BUMN (both
// RESIGNED); none of them was reviewed KURANG or left unreviewed. So the renewal
// for 2021 renews 2,058 (1,630 of them back from DIRUMAHKAN) and excludes 122:
// 64 KURANG, 37 MOVED_TO_CPNS, 21 RESIGNED. Contacts: most have an email address
// or a WhatsApp number or both; some have none (told through their OPD).
//
// The same seed gives the same rows; NIKs carry Kota Kupang's code 5371 and the
// birth date, and never collide with the quick start's other demo honorers.

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "penataan/registry/v1/registry.pb.h"

namespace penataan::bench {

// What was found out about a PTT before the renewal (DOMAIN.md "Contracts").
enum class PttFact { kNone, kPassedCpns, kMovedAway, kJoinedBumn };

struct DemoPtt {
  // With the SK columns (sk_number, sk_signed_by, sk_signed_date) and contacts.
  registry::v1::ImportRow row;
  bool crucial = false;
  // UNSPECIFIED: the unit head sent no review.
  registry::v1::ReviewOutcome review = registry::v1::REVIEW_OUTCOME_UNSPECIFIED;
  std::string reviewer;  // "Kepala Dinas Perhubungan Kota Kupang"
  std::string review_note;
  PttFact fact = PttFact::kNone;
};

// The figures the demo prints and its test asserts, all derived from the rows.
struct ContractsDemoFigures {
  int total = 0;
  int crucial = 0;       // kept at work on 4 January 2021
  int sent_home = 0;     // DIRUMAHKAN on 4 January 2021
  int baik = 0, cukup = 0, kurang = 0, reviews_missing = 0;
  int passed_cpns = 0, moved_away = 0, joined_bumn = 0;
  int renewed = 0;       // by the 2021 renewal (defaults: KURANG, RESIGNED, CPNS excluded)
  int reactivated = 0;   // of `renewed`, back from DIRUMAHKAN
  int excluded = 0;
  int with_email = 0, with_whatsapp = 0, without_contact = 0;
  // Messages to PTT, one per address: at the expiry (every PTT is still working
  // then) and at the renewal (the renewed ones).
  int expiry_messages = 0, renewal_messages = 0;
};

std::vector<DemoPtt> KupangPtt2020(uint64_t seed);
ContractsDemoFigures FiguresOf(const std::vector<DemoPtt>& ptt);

// The crucial units as `penataanctl registry crucial-units set` takes them
// ("BPBD Kota Kupang=Penanggulangan bencana"); the Puskesmas as one prefix entry.
struct DemoCrucialUnit {
  std::string unit;
  bool prefix;
  std::string reason;
};
const std::vector<DemoCrucialUnit>& KupangCrucialUnits();

// The files: the import CSV (docs/import-csv.md with email, whatsapp and the SK
// columns), the reviews of 2020 (nik,nama,unit_kerja,tahun,hasil,penilai,catatan:
// one row per PTT reviewed) and the facts (nik,nama,status,alasan: the new status
// and why, in Indonesian).
void WritePttCsv(std::ostream& out, const std::vector<DemoPtt>& ptt);
void WriteReviewsCsv(std::ostream& out, const std::vector<DemoPtt>& ptt);
void WriteFactsCsv(std::ostream& out, const std::vector<DemoPtt>& ptt);
// The figures as KEY=VALUE lines (total=2180, ...), for the demo script.
void WriteFigures(std::ostream& out, const ContractsDemoFigures& f);

}  // namespace penataan::bench

#endif  // PENATAAN_BENCH_CONTRACTS_DEMO_H_
