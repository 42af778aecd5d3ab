// penataanctl screening applicants add|list: the honorers of an instansi who apply
// in a round, named (flags or a file of honorer names or NIKs) or by a filter.

#include <fstream>
#include <iostream>
#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "cli/csv_reader.h"
#include "cli/formasi_values.h"
#include "cli/nik_cell.h"
#include "cli/proto_text.h"
#include "cli/registry_commands.h"
#include "cli/screening_commands.h"
#include "cli/screening_values.h"
#include "cli/spreadsheet_header.h"
#include "common/utf8.h"

namespace penataan::cli {
namespace {

namespace v1 = screening::v1;
namespace reg = registry::v1;
using ContextFn = std::function<CliContext&()>;

constexpr int kNamesPerCall = 5000;  // AddApplicantsRequest's limit

// One applicant line of a file: an honorer name or a NIK, and its post kind.
struct Named {
  int64_t line = 0;
  std::string honorer, nik;
  v1::PostKind post_kind = v1::POST_KIND_UNSPECIFIED;
};

// A file with a header: `honorer` (honorers/12) or `nik` (the honorer column when
// both), optionally `post_kind` or `Jenis Jabatan` (GENERAL, FUNCTIONAL_AHLI_MADYA,
// ...), names compared as HeaderKey does. Every error names its line and column;
// all at once.
std::vector<Named> ReadNamesFile(std::istream& in, std::vector<std::string>& errors) {
  std::vector<Named> out;
  CsvReader csv(in);
  std::vector<std::string> cells;
  if (!NextDataRecord(csv, cells, errors)) {
    if (errors.empty()) {
      errors.push_back("the file is empty: want a header line (honorer or nik[,post_kind])");
    }
    return out;
  }
  // Other columns (a name for the reader, a note) are left alone.
  const SpreadsheetHeader header(cells,
                                 {{"honorer", {"Honorer", "ID Honorer"}},
                                  {"nik", {"NIK"}},
                                  {"post_kind", {"Jenis Jabatan", "jenis_jabatan"}}},
                                 UnknownColumns::kIgnore, errors);
  if (!header.Has("honorer") && !header.Has("nik")) {
    errors.push_back("line 1: missing column \"honorer\" (or \"nik\")");
  }
  if (!errors.empty()) return out;
  const bool by_nik = !header.Has("honorer");
  const std::string who = by_nik ? "nik" : "honorer";
  while (NextDataRecord(csv, cells, errors)) {
    Named n;
    n.line = csv.line();
    const size_t before = errors.size();
    auto error = [&](const std::string& field, absl::string_view what) {
      errors.push_back(absl::StrCat("line ", n.line, ", column ", header.Typed(field), ": ", what));
    };
    const std::string value = header.Cell(cells, who);
    if (by_nik) {
      absl::StatusOr<std::string> nik = NikOf16Digits(value);
      if (nik.ok()) n.nik = *nik;
      else error(who, nik.status().message());
    } else if (auto name = ParseHonorerName(value)) {
      n.honorer = *name;
    } else {
      error(who, absl::StrCat("\"", ValidUtf8(value, 30), "\" is not honorers/N"));
    }
    const std::string kind = header.Cell(cells, "post_kind");
    if (!kind.empty()) {
      if (auto k = ParsePostKind(kind)) {
        n.post_kind = *k;
      } else {
        error("post_kind", absl::StrCat("\"", ValidUtf8(kind, 30),
                                        "\" is not GENERAL, FUNCTIONAL_AHLI_MADYA or "
                                        "FUNCTIONAL_AHLI_UTAMA"));
      }
    }
    if (errors.size() == before) out.push_back(std::move(n));
  }
  return out;
}

// NIK → honorer name for the NIKs a file lists, each looked up by itself
// (GetHonorer by nik) a few calls at a time: the file names a few
// thousand honorers at most, while the instansi may hold many more, and nothing
// beyond the listed NIKs is read. A NIK that is not the instansi's (not found, or
// another instansi's) is left out, for the caller to name its line. nullopt (with
// *exit_code set) when a call failed otherwise.
std::optional<absl::flat_hash_map<std::string, std::string>> HonorersByNik(
    CliContext& c, const std::string& instansi, const std::vector<std::string>& niks,
    int* exit_code) {
  constexpr size_t kConcurrency = 4;
  const std::shared_ptr<grpc::Channel> channel = c.RegistryChannel();
  absl::flat_hash_map<std::string, std::string> out;
  std::optional<grpc::Status> failure;
  std::mutex mu;
  size_t next = 0;
  auto work = [&] {
    reg::RegistryService::Stub stub(channel);
    for (;;) {
      std::string nik;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (failure || next >= niks.size()) return;
        nik = niks[next++];
      }
      reg::GetHonorerRequest req;
      req.set_nik(nik);
      reg::Honorer h;
      grpc::Status s = stub.GetHonorer(c.NewContext().get(), req, &h);
      std::lock_guard<std::mutex> lock(mu);
      if (s.ok()) {
        if (h.instansi_code() == instansi) out[nik] = h.name();
      } else if (s.error_code() != grpc::StatusCode::NOT_FOUND &&
                 s.error_code() != grpc::StatusCode::PERMISSION_DENIED && !failure) {
        failure = s;
      }
    }
  };
  std::vector<std::thread> workers;
  for (size_t i = 0; i < std::min(kConcurrency, niks.size()); ++i) workers.emplace_back(work);
  for (std::thread& t : workers) t.join();
  if (failure) {
    *exit_code = c.Fail(*failure, "registry");
    return std::nullopt;
  }
  return out;
}

void AddAdd(CLI::App& applicants, ContextFn context, int* exit_code) {
  struct Args {
    std::string round, instansi, file, post_kind;
    std::vector<std::string> honorers, categories, statuses;
  };
  auto a = std::make_shared<Args>();
  auto* add = applicants.add_subcommand(
      "add", "register honorers of an instansi as applicants: named (--honorer, --file) or "
             "every one matching the filter");
  add->add_option("round", a->round, "rounds/3 or 3")->required();
  add->add_option("--instansi", a->instansi, "the instansi the honorers apply at")->required();
  add->add_option("--honorer", a->honorers, "honorers/12 (repeatable)");
  add->add_option("--file", a->file,
                  "CSV with a header: honorer (honorers/12) or nik, optionally post_kind")
      ->check(CLI::ExistingFile);
  add->add_option("--category", a->categories,
                  "filter: only these categories (repeatable; without names)");
  add->add_option("--status", a->statuses,
                  "filter: only honorers in these registry statuses (default ACTIVE)");
  add->add_option("--post-kind", a->post_kind,
                  "GENERAL, FUNCTIONAL_AHLI_MADYA or FUNCTIONAL_AHLI_UTAMA (sets the maximum age)");
  add->callback([=] {
    auto n = RoundArg(a->round, exit_code);
    if (!n) return;
    const bool named = !a->honorers.empty() || !a->file.empty();
    if (named && (!a->categories.empty() || !a->statuses.empty())) {
      *exit_code = UsageError("give names (--honorer, --file) or a filter (--category, --status), "
                              "not both");
      return;
    }
    v1::PostKind kind = v1::POST_KIND_UNSPECIFIED;
    if (!a->post_kind.empty()) {
      auto k = ParsePostKind(a->post_kind);
      if (!k) {
        *exit_code = UsageError(absl::StrCat("--post-kind \"", a->post_kind, "\": want GENERAL, ",
                                             "FUNCTIONAL_AHLI_MADYA or FUNCTIONAL_AHLI_UTAMA"));
        return;
      }
      kind = *k;
    }
    v1::AddApplicantsRequest base;
    base.set_round(*n);
    base.set_instansi_code(a->instansi);
    base.set_post_kind(kind);
    CliContext& c = context();
    v1::AddApplicantsResponse total;
    auto send = [&](const v1::AddApplicantsRequest& req) {
      v1::AddApplicantsResponse resp;
      if (!InvokeScreening(c, &ScreeningStub::AddApplicants, req, &resp, exit_code, 120)) {
        return false;
      }
      total.set_added(total.added() + resp.added());
      total.set_already_applicants(total.already_applicants() + resp.already_applicants());
      return true;
    };
    if (!named) {
      for (const std::string& text : a->categories) {
        auto cat = ParseEnumName(common::v1::JabatanCategory_descriptor(), text);
        if (!cat) {
          *exit_code = UsageError(absl::StrCat("--category \"", text, "\": want one of ",
                                               EnumChoices(common::v1::JabatanCategory_descriptor())));
          return;
        }
        base.add_categories(static_cast<common::v1::JabatanCategory>(*cat));
      }
      for (const std::string& text : a->statuses) {
        auto st = ParseEnumName(reg::HonorerStatus_descriptor(), text);
        if (!st) {
          *exit_code = UsageError(absl::StrCat("--status \"", text, "\": want one of ",
                                               EnumChoices(reg::HonorerStatus_descriptor())));
          return;
        }
        base.add_statuses(static_cast<reg::HonorerStatus>(*st));
      }
      if (!send(base)) return;
    } else {
      std::vector<Named> names;
      for (const std::string& h : a->honorers) {
        auto name = ParseHonorerName(h);
        if (!name) {
          *exit_code = UsageError(absl::StrCat("--honorer \"", h, "\": want honorers/12 or 12"));
          return;
        }
        names.push_back({0, *name, "", kind});
      }
      if (!a->file.empty()) {
        std::ifstream in(a->file, std::ios::binary);
        std::vector<std::string> errors;
        std::vector<Named> rows = ReadNamesFile(in, errors);
        bool any_nik = false;
        for (Named& r : rows) {
          if (r.post_kind == v1::POST_KIND_UNSPECIFIED) r.post_kind = kind;
          any_nik |= !r.nik.empty();
        }
        if (errors.empty() && any_nik) {
          std::vector<std::string> niks;
          absl::flat_hash_set<std::string> seen;
          for (const Named& r : rows) {
            if (!r.nik.empty() && seen.insert(r.nik).second) niks.push_back(r.nik);
          }
          auto by_nik = HonorersByNik(c, a->instansi, niks, exit_code);
          if (!by_nik) return;
          for (Named& r : rows) {
            if (r.nik.empty()) continue;
            auto it = by_nik->find(r.nik);
            if (it == by_nik->end()) {
              errors.push_back(absl::StrCat("line ", r.line, ", column nik: no honorer of ",
                                            a->instansi, " has this NIK"));
            } else {
              r.honorer = it->second;
            }
          }
        }
        if (!errors.empty()) {
          for (const std::string& e : errors) std::cerr << a->file << " " << e << "\n";
          *exit_code = UsageError(absl::StrCat(errors.size(), " errors in ", a->file,
                                               "; nothing was added"));
          return;
        }
        names.insert(names.end(), rows.begin(), rows.end());
      }
      // One call per post kind and per 5,000 names.
      std::map<int, std::vector<std::string>> by_kind;
      for (const Named& r : names) by_kind[r.post_kind].push_back(r.honorer);
      for (const auto& [k, list] : by_kind) {
        for (size_t i = 0; i < list.size(); i += kNamesPerCall) {
          v1::AddApplicantsRequest req = base;
          req.set_post_kind(static_cast<v1::PostKind>(k));
          for (size_t j = i; j < list.size() && j < i + kNamesPerCall; ++j) {
            req.add_honorers(list[j]);
          }
          if (!send(req)) return;
        }
      }
    }
    if (c.json()) return c.PrintJson(total);
    std::cout << "added " << total.added() << " applicants, " << total.already_applicants()
              << " already applicants\n";
  });
}

void AddList(CLI::App& applicants, ContextFn context, int* exit_code) {
  struct Args {
    std::string round, instansi;
    int page_size = 50;
    bool all = false;
  };
  auto a = std::make_shared<Args>();
  auto* list = applicants.add_subcommand("list", "the applicants of a round");
  list->add_option("round", a->round, "rounds/3 or 3")->required();
  list->add_option("--instansi", a->instansi, "only this instansi (an instansi: its own)");
  list->add_option("--page-size", a->page_size, "rows to show")->capture_default_str();
  list->add_flag("--all", a->all, "every applicant, page by page");
  OffersCsv(list);
  list->callback([=] {
    auto n = RoundArg(a->round, exit_code);
    if (!n) return;
    CliContext& c = context();
    v1::ListApplicantsRequest req;
    req.set_round(*n);
    req.set_instansi_code(a->instansi);
    req.set_page_size(a->all ? 1000 : a->page_size);
    v1::ListApplicantsResponse all;
    do {
      v1::ListApplicantsResponse page;
      if (!InvokeScreening(c, &ScreeningStub::ListApplicants, req, &page, exit_code)) return;
      all.mutable_applicants()->MergeFrom(page.applicants());
      all.set_total_size(page.total_size());
      all.set_next_page_token(page.next_page_token());
      req.set_page_token(page.next_page_token());
    } while (a->all && !req.page_token().empty());
    if (c.json()) return c.PrintJson(all);
    std::vector<std::vector<std::string>> rows;
    for (const auto& ap : all.applicants()) {
      rows.push_back({ap.name(), ap.honorer(), ap.instansi_code(),
                      ap.post_kind() == v1::POST_KIND_UNSPECIFIED
                          ? "GENERAL"
                          : EnumName(v1::PostKind_descriptor(), ap.post_kind())});
    }
    // `honorer` and `post_kind` are what `applicants add --file` reads (the other
    // columns it leaves alone): the applicants of one round are the file of the next.
    if (c.csv()) {
      c.PrintCsv({"name", "honorer", "instansi_code", "post_kind"}, rows);
    } else {
      c.PrintTable({"APPLICANT", "HONORER", "INSTANSI", "POST KIND"}, rows);
    }
    c.Summary() << all.applicants_size() << " of " << all.total_size() << " applicants"
              << (all.next_page_token().empty() ? "" : " (--all for every one)") << "\n";
  });
}

}  // namespace

void AddApplicantCommands(CLI::App& screening, ContextFn context, int* exit_code) {
  CLI::App* applicants = screening.add_subcommand("applicants", "who applies in a round");
  applicants->require_subcommand(1);
  AddAdd(*applicants, context, exit_code);
  AddList(*applicants, context, exit_code);
}

}  // namespace penataan::cli
