// penataanctl registry contract review set|import|list: a unit head's performance
// review of an honorer for one contract year (BAIK, CUKUP, KURANG), which decides
// the renewal.
//
// `import` reads the whole file first and sends nothing while a row is wrong; the
// registry then writes all the rows or none, and every row it refuses is printed
// with its CSV line.

#include <fstream>
#include <iostream>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "cli/contract_commands.h"
#include "cli/proto_text.h"
#include "common/errors.h"
#include "common/server/grpc_status.h"
#include "penataan/registry/v1/registry.grpc.pb.h"

namespace penataan::cli {
namespace {

namespace v1 = registry::v1;
using Stub = v1::RegistryService::Stub;

constexpr int kMaxReviewRows = 10000;

// The reviews under the columns `review import` reads (honorer, tahun, hasil,
// penilai, catatan; nama and unit_kerja are for the reader and ignored by it), so
// that a year's reviews edited in Excel import back as they are.
void PrintReviewsCsv(CliContext& c, const std::vector<v1::PerformanceReview>& reviews,
                     const absl::flat_hash_map<std::string, v1::Honorer>& honorers) {
  std::vector<std::vector<std::string>> rows;
  for (const v1::PerformanceReview& r : reviews) {
    auto it = honorers.find(r.honorer());
    const bool known = it != honorers.end();
    rows.push_back({r.honorer(), known ? it->second.full_name() : "",
                    known ? it->second.unit_kerja() : "", absl::StrCat(r.year()),
                    EnumName(v1::ReviewOutcome_descriptor(), r.outcome()), r.reviewer(),
                    r.note()});
  }
  c.PrintCsv({"honorer", "nama", "unit_kerja", "tahun", "hasil", "penilai", "catatan"}, rows);
}

void PrintReviews(CliContext& c, const std::vector<v1::PerformanceReview>& reviews,
                  const absl::flat_hash_map<std::string, v1::Honorer>& honorers) {
  if (c.csv()) return PrintReviewsCsv(c, reviews, honorers);
  std::vector<std::vector<std::string>> rows;
  for (const v1::PerformanceReview& r : reviews) {
    auto it = honorers.find(r.honorer());
    const bool known = it != honorers.end();
    rows.push_back({r.honorer(), known ? it->second.full_name() : "", known ? it->second.unit_kerja() : "",
                    absl::StrCat(r.year()), ReviewCell(r.outcome()), r.reviewer(),
                    r.note().empty() ? "-" : r.note()});
  }
  c.PrintTable({"HONORER", "NAME", "UNIT", "YEAR", "OUTCOME", "REVIEWER", "NOTE"}, rows);
}

void AddSet(CLI::App& review, ContextFn context, int* exit_code) {
  struct Args {
    std::string honorer, outcome, reviewer, note;
    int year = 0;
  };
  auto a = std::make_shared<Args>();
  auto* set = review.add_subcommand("set", "set (or replace) an honorer's review of one year");
  set->add_option("honorer", a->honorer, "honorers/ID, ID or the NIK")->required();
  set->add_option("--year", a->year, "the contract year reviewed, e.g. 2020")->required()
      ->check(CLI::Range(2000, 2100));
  set->add_option("--outcome", a->outcome, "BAIK, CUKUP or KURANG")->required();
  set->add_option("--reviewer", a->reviewer, "who reviewed, e.g. \"Kepala BPBD Kota Kupang\"")
      ->required();
  set->add_option("--note", a->note, "why, in a few words");
  set->callback([=] {
    auto outcome = ParseReviewOutcome(a->outcome);
    if (!outcome) {
      *exit_code = UsageError(absl::StrCat("--outcome \"", a->outcome,
                                           "\" is not BAIK, CUKUP or KURANG"));
      return;
    }
    CliContext& c = context();
    auto name = ResolveHonorer(c, a->honorer, "honorer", "", exit_code);
    if (!name) return;
    v1::SetPerformanceReviewRequest req;
    v1::PerformanceReview* r = req.mutable_review();
    r->set_honorer(*name);
    r->set_year(a->year);
    r->set_outcome(*outcome);
    r->set_reviewer(a->reviewer);
    r->set_note(a->note);
    v1::PerformanceReview out;
    if (!Invoke(c, &Stub::SetPerformanceReview, req, &out, exit_code)) return;
    if (c.json()) return c.PrintJson(out);
    PrintReviews(c, {out}, {});
  });
}

// The registry's refusal of an import: each row it names, with the file.
int FailImport(CliContext& c, const grpc::Status& status, const std::string& file) {
  const std::vector<Violation> violations = ViolationsOf(FromGrpcStatus(status));
  if (status.error_code() != grpc::StatusCode::INVALID_ARGUMENT || violations.empty()) {
    return c.Fail(status, "registry");
  }
  for (const Violation& v : violations) {
    std::cerr << file << (v.row > 0 ? absl::StrCat(" line ", v.row) : "") << ", column "
              << v.field << ": " << v.description << "\n";
  }
  // The message counts every refused row; the details carry the first ones.
  std::cerr << "penataanctl: the registry refused " << file << " (" << status.error_message()
            << "); nothing was written\n";
  return kExitRpcError;
}

void AddImport(CLI::App& review, ContextFn context, int* exit_code) {
  struct Args {
    std::string file, instansi;
    int year = 0;
  };
  auto a = std::make_shared<Args>();
  auto* import = review.add_subcommand(
      "import", "reviews from a CSV (nik or honorer, tahun, hasil, penilai, catatan): all or "
                "nothing, every bad row named by its line");
  import->add_option("file", a->file, "CSV with a header row")->required();
  import->add_option("--instansi", a->instansi, "the instansi whose honorers are reviewed")
      ->required();
  import->add_option("--year", a->year, "the year of rows without a tahun column or cell")
      ->check(CLI::Range(2000, 2100));
  import->callback([=] {
    std::ifstream in(a->file, std::ios::binary);
    if (!in) {
      *exit_code = UsageError(absl::StrCat("cannot read ", a->file));
      return;
    }
    ReviewCsv csv = ParseReviewCsv(in, a->year);
    for (const std::string& e : csv.errors) std::cerr << a->file << " " << e << "\n";
    if (!csv.errors.empty()) {
      *exit_code = UsageError(
          absl::StrCat(csv.errors.size(), " errors in ", a->file, "; nothing was sent"));
      return;
    }
    if (csv.rows.size() > kMaxReviewRows) {
      *exit_code = UsageError(absl::StrCat(a->file, " has ", csv.rows.size(),
                                           " rows: at most 10000 a file (split it by unit)"));
      return;
    }
    v1::ImportPerformanceReviewsRequest req;
    req.set_instansi_code(a->instansi);
    for (auto& row : csv.rows) *req.add_rows() = std::move(row);
    CliContext& c = context();
    v1::RegistryService::Stub stub(c.RegistryChannel());
    v1::ImportPerformanceReviewsResponse out;
    grpc::Status status = stub.ImportPerformanceReviews(c.NewContext(120).get(), req, &out);
    if (!status.ok()) {
      *exit_code = FailImport(c, status, a->file);
      return;
    }
    if (c.json()) return c.PrintJson(out);
    std::cout << req.rows_size() << " reviews: created " << out.created() << ", updated "
              << out.updated() << ", unchanged " << out.unchanged() << "\n";
  });
}

// The honorers the reviews name (BASIC view), for their names and units.
std::optional<absl::flat_hash_map<std::string, v1::Honorer>> HonorersOf(
    CliContext& c, const std::vector<v1::PerformanceReview>& reviews, int* exit_code) {
  absl::flat_hash_map<std::string, v1::Honorer> out;
  for (size_t from = 0; from < reviews.size(); from += 5000) {
    v1::BatchGetHonorersRequest req;
    req.set_view(v1::HONORER_VIEW_BASIC);
    req.set_allow_missing(true);
    for (size_t i = from; i < reviews.size() && i < from + 5000; ++i) {
      req.add_names(reviews[i].honorer());
    }
    v1::BatchGetHonorersResponse got;
    if (!Invoke(c, &Stub::BatchGetHonorers, req, &got, exit_code)) return std::nullopt;
    for (const v1::Honorer& h : got.honorers()) out[h.name()] = h;
  }
  return out;
}

void AddList(CLI::App& review, ContextFn context, int* exit_code) {
  struct Args {
    std::string instansi, outcome;
    int year = 0;
  };
  auto a = std::make_shared<Args>();
  auto* list = review.add_subcommand("list", "an instansi's reviews of one year");
  list->add_option("--instansi", a->instansi, "instansi code (default for an instansi: its own)");
  list->add_option("--year", a->year, "the contract year reviewed")->required()
      ->check(CLI::Range(2000, 2100));
  list->add_option("--outcome", a->outcome, "only BAIK, CUKUP or KURANG");
  OffersCsv(list);
  list->callback([=] {
    v1::ListPerformanceReviewsRequest req;
    req.set_instansi_code(a->instansi);
    req.set_year(a->year);
    if (!a->outcome.empty()) {
      auto outcome = ParseReviewOutcome(a->outcome);
      if (!outcome) {
        *exit_code = UsageError(absl::StrCat("--outcome \"", a->outcome,
                                             "\" is not BAIK, CUKUP or KURANG"));
        return;
      }
      req.set_outcome(*outcome);
    }
    req.set_page_size(1000);
    CliContext& c = context();
    v1::ListPerformanceReviewsResponse all;
    do {
      v1::ListPerformanceReviewsResponse page;
      if (!Invoke(c, &Stub::ListPerformanceReviews, req, &page, exit_code)) return;
      all.mutable_reviews()->MergeFrom(page.reviews());
      req.set_page_token(page.next_page_token());
    } while (!req.page_token().empty());
    if (c.json()) return c.PrintJson(all);
    std::vector<v1::PerformanceReview> reviews(all.reviews().begin(), all.reviews().end());
    auto honorers = HonorersOf(c, reviews, exit_code);
    if (!honorers) return;
    if (!reviews.empty() || c.csv()) PrintReviews(c, reviews, *honorers);
    std::map<int, int64_t> by_outcome;
    for (const auto& r : reviews) ++by_outcome[r.outcome()];
    std::ostream& summary = c.Summary();
    summary << reviews.size() << " reviews of " << a->year;
    const char* sep = ": ";
    for (const auto& [outcome, n] : by_outcome) {
      summary << sep << ReviewCell(static_cast<v1::ReviewOutcome>(outcome)) << " " << n;
      sep = ", ";
    }
    summary << "\n";
  });
}

}  // namespace

void AddReviewCommands(CLI::App& contract, ContextFn context, int* exit_code) {
  CLI::App* review = contract.add_subcommand(
      "review", "performance reviews (BAIK, CUKUP, KURANG) per honorer per contract year");
  review->require_subcommand(1);
  AddSet(*review, context, exit_code);
  AddImport(*review, context, exit_code);
  AddList(*review, context, exit_code);
}

}  // namespace penataan::cli
