// penataan-gen-contracts-demo: the quick start's data for Kota Kupang's contracts
// story (bench/contracts_demo.h): 2,180 PTT whose 2020 SKs end on 31 December
// 2020, the unit heads' reviews of 2020 and the facts found before the renewal.
//   penataan-gen-contracts-demo --seed 5371 --out ptt.csv --reviews_out reviews.csv
//       --facts_out facts.csv --figures_out figures.txt      (one command line)
// --out is the registry import CSV (with the SK columns, email and whatsapp),
// --reviews_out what `contract review import` reads, --facts_out the status
// changes (nik,nama,status,alasan), --figures_out the story's figures as KEY=VALUE
// lines (/dev/stdout to read them).

#include <fstream>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "bench/contracts_demo.h"

ABSL_FLAG(uint64_t, seed, 5371, "the same seed writes the same rows");
ABSL_FLAG(std::string, out, "", "the import CSV");
ABSL_FLAG(std::string, reviews_out, "", "the reviews CSV of 2020");
ABSL_FLAG(std::string, facts_out, "", "the facts CSV (status changes before the renewal)");
ABSL_FLAG(std::string, figures_out, "", "the figures, KEY=VALUE lines");

int main(int argc, char** argv) {
  using namespace penataan::bench;
  absl::ParseCommandLine(argc, argv);
  const auto ptt = KupangPtt2020(absl::GetFlag(FLAGS_seed));
  struct File {
    std::string path;
    void (*write)(std::ostream&, const std::vector<DemoPtt>&);
  } files[] = {{absl::GetFlag(FLAGS_out), WritePttCsv},
               {absl::GetFlag(FLAGS_reviews_out), WriteReviewsCsv},
               {absl::GetFlag(FLAGS_facts_out), WriteFactsCsv},
               {absl::GetFlag(FLAGS_figures_out),
                [](std::ostream& out, const std::vector<DemoPtt>& p) {
                  WriteFigures(out, FiguresOf(p));
                }}};
  for (const File& f : files) {
    if (f.path.empty()) continue;
    std::ofstream out(f.path);
    f.write(out, ptt);
    if (!out.good()) {
      std::cerr << "cannot write " << f.path << "\n";
      return 1;
    }
  }
  return 0;
}
