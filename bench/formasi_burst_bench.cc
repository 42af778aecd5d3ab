// penataan-formasi-burst-bench: the deadline-day burst of issue 8 against running
// registry and formasi servers.
//
// Setup: --instansi instansi in the registry (codes 9001…, zones WIB/WITA/WIT in
// turn), each with between --min_honorers and --max_honorers synthetic honorers
// imported and marked as in the BKN database; one PPPK Paruh Waktu period; one
// draft proposal per instansi naming every eligible honorer (one line per
// category and unit kerja). Then the deadline is moved (UpdatePeriod) so that the
// submissions fall in its last minute.
//
// Burst 1 ("last minute"): every instansi submits once, at a random instant of a
// --window_seconds window. Burst 2 ("all at once"): the ministry returns every
// proposal and all of them submit again at the same moment. Each submission makes
// formasi check every named honorer in the registry (BatchGetHonorers) and the
// accounting of every eligible honorer (ListHonorers).
//
// Prints key=value lines: p50/p90/p99/max SubmitProposal latency, errors, and the
// time to drain (first send to last answer) for each burst.

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "bench/synthetic_honorers.h"
#include "penataan/formasi/v1/formasi.grpc.pb.h"
#include "penataan/registry/v1/registry.grpc.pb.h"
#include "tests/testing/import_upload.h"

ABSL_FLAG(std::string, registry, "127.0.0.1:50051", "registry server");
ABSL_FLAG(std::string, formasi, "127.0.0.1:50052", "formasi server");
ABSL_FLAG(std::string, kemenpanrb_token, "", "bearer token of national:kemenpanrb");
ABSL_FLAG(std::string, bkn_token, "", "bearer token of national:bkn");
ABSL_FLAG(std::string, instansi_token_prefix, "bench-instansi-",
          "the token of instansi C is this prefix followed by C");
ABSL_FLAG(int, instansi, 550, "instansi submitting");
ABSL_FLAG(int, min_honorers, 500, "eligible honorers of an instansi, at least");
ABSL_FLAG(int, max_honorers, 3500, "eligible honorers of an instansi, at most");
ABSL_FLAG(int, window_seconds, 60, "burst 1 spreads the submissions over this window");
ABSL_FLAG(int, setup_threads, 2, "parallel imports and proposal creations");
ABSL_FLAG(uint64_t, seed, 2025, "the same seed gives the same instansi and honorers");

namespace {

namespace rv1 = penataan::registry::v1;
namespace fv1 = penataan::formasi::v1;
namespace cv1 = penataan::common::v1;

std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token, int seconds = 300) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
  ctx->AddMetadata("authorization", "Bearer " + token);
  return ctx;
}

void Must(const grpc::Status& s, const std::string& what) {
  if (s.ok()) return;
  std::cerr << what << ": " << s.error_code() << " " << s.error_message() << "\n";
  std::exit(1);
}

std::string Code(int i) { return absl::StrCat(9001 + i); }
std::string InstansiToken(const std::string& code) {
  return absl::GetFlag(FLAGS_instansi_token_prefix) + code;
}

struct Eligible {
  std::string name;
  cv1::JabatanCategory category;
  std::string unit_kerja;
  std::string position_title;
  cv1::Education education;
};

// Runs fn(i) for i in [0, n) on `threads` threads.
void ForEach(int n, int threads, const std::function<void(int)>& fn) {
  std::atomic<int> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i = next++; i < n; i = next++) fn(i);
    });
  }
  for (auto& t : pool) t.join();
}

void SetUpRegistry(rv1::RegistryService::Stub& registry, const std::vector<int>& sizes) {
  const std::string national = absl::GetFlag(FLAGS_kemenpanrb_token);
  const char* zones[] = {"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"};
  penataan::bench::HonorerGenerator gen({absl::GetFlag(FLAGS_seed)});
  std::vector<std::vector<rv1::ImportRow>> rows(sizes.size());
  for (size_t i = 0; i < sizes.size(); ++i) {
    rv1::CreateInstansiRequest req;
    req.mutable_instansi()->set_code(Code(i));
    req.mutable_instansi()->set_display_name(absl::StrCat("Pemerintah Daerah Uji ", Code(i)));
    req.mutable_instansi()->set_level(rv1::Instansi::KABUPATEN);
    req.mutable_instansi()->set_time_zone(zones[i % 3]);
    rv1::Instansi out;
    grpc::Status s = registry.CreateInstansi(Ctx(national).get(), req, &out);
    if (s.error_code() != grpc::ALREADY_EXISTS) Must(s, "CreateInstansi");
    for (int r = 0; r < sizes[i]; ++r) rows[i].push_back(gen.Next());
  }
  const absl::Time t0 = absl::Now();
  ForEach(sizes.size(), absl::GetFlag(FLAGS_setup_threads), [&](int i) {
    rv1::ImportHonorersResponse out;
    Must(penataan::testing::ImportAll(registry, Code(i), "burst-bench", rows[i], &out,
                                      InstansiToken(Code(i))),
         "ImportHonorers " + Code(i));
  });
  // Only honorers in the BKN database may be proposed for Paruh Waktu.
  rv1::VerifyHonorersRequest verify;
  auto flush = [&] {
    rv1::VerifyHonorersResponse out;
    Must(registry.VerifyHonorers(Ctx(absl::GetFlag(FLAGS_bkn_token)).get(), verify, &out),
         "VerifyHonorers");
    verify.clear_entries();
  };
  for (const auto& per : rows) {
    for (const auto& row : per) {
      auto* e = verify.add_entries();
      e->set_nik(row.nik());
      e->set_in_bkn_database(true);
      if (verify.entries_size() == 10000) flush();
    }
  }
  if (verify.entries_size() > 0) flush();
  std::cout << absl::StrFormat("setup_registry_s=%.1f\n", absl::ToDoubleSeconds(absl::Now() - t0));
}

std::vector<Eligible> EligibleOf(rv1::RegistryService::Stub& registry, const std::string& code) {
  std::vector<Eligible> out;
  rv1::ListHonorersRequest req;
  req.set_instansi_code(code);
  req.add_statuses(rv1::ACTIVE);
  req.add_statuses(rv1::TMS);
  req.set_in_bkn_database(true);
  req.set_view(rv1::HONORER_VIEW_BASIC);
  req.set_page_size(1000);
  do {
    rv1::ListHonorersResponse page;
    Must(registry.ListHonorers(Ctx(absl::GetFlag(FLAGS_kemenpanrb_token)).get(), req, &page),
         "ListHonorers");
    for (const auto& h : page.honorers()) {
      out.push_back({h.name(), h.jabatan_category(), h.unit_kerja(), h.position_title(),
                     h.education()});
    }
    req.set_page_token(page.next_page_token());
  } while (!req.page_token().empty());
  return out;
}

// One line per (category, unit kerja) naming every honorer in it.
fv1::Proposal ProposalNaming(const std::string& period, const std::string& code,
                             const std::vector<Eligible>& eligible) {
  std::map<std::pair<int, std::string>, fv1::ProposalLine> lines;
  for (const Eligible& e : eligible) {
    fv1::ProposalLine& line = lines[{e.category, e.unit_kerja}];
    if (line.honorers_size() == 0) {
      line.set_jabatan_category(e.category);
      line.set_unit_kerja(e.unit_kerja);
      line.set_position_title(e.position_title);
      line.set_education_qualification(e.education);
      line.set_monthly_pay_idr(2'500'000);
    }
    line.add_honorers(e.name);
    line.set_count(line.honorers_size());
  }
  fv1::Proposal p;
  p.set_period(period);
  p.set_instansi_code(code);
  p.set_budget_capacity_idr(int64_t{2'500'000} * 12 * static_cast<int64_t>(eligible.size()));
  p.set_sptjm_reference(absl::StrCat("SPTJM/", code, "/2025"));
  for (auto& [key, line] : lines) *p.add_lines() = std::move(line);
  return p;
}

struct Burst {
  std::vector<double> latencies_ms;
  std::map<int, int> errors;  // grpc code -> count
  std::string first_error;
  double drain_s = 0;
};

// Sends every submission at its offset from now (async), waits for every answer.
Burst SubmitAt(fv1::FormasiService::Stub& formasi, const std::vector<std::string>& proposals,
               const std::vector<std::string>& codes, const std::vector<absl::Duration>& at) {
  struct Call {
    grpc::ClientContext ctx;
    fv1::Proposal out;
    grpc::Status status;
    absl::Time start;
    std::unique_ptr<grpc::ClientAsyncResponseReader<fv1::Proposal>> rpc;
  };
  grpc::CompletionQueue cq;
  std::vector<std::unique_ptr<Call>> calls(proposals.size());
  Burst burst;
  std::thread reaper([&] {
    void* tag;
    bool ok;
    for (size_t done = 0; done < calls.size() && cq.Next(&tag, &ok); ++done) {
      Call* c = static_cast<Call*>(tag);
      const absl::Time end = absl::Now();
      burst.latencies_ms.push_back(absl::ToDoubleMilliseconds(end - c->start));
      if (!c->status.ok()) {
        ++burst.errors[c->status.error_code()];
        if (burst.first_error.empty()) burst.first_error = c->status.error_message();
      }
    }
  });
  const absl::Time t0 = absl::Now();
  std::vector<size_t> order(proposals.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return at[a] < at[b]; });
  for (size_t i : order) {
    absl::SleepFor(t0 + at[i] - absl::Now());
    auto c = std::make_unique<Call>();
    c->ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    c->ctx.AddMetadata("authorization", "Bearer " + InstansiToken(codes[i]));
    fv1::SubmitProposalRequest req;
    req.set_name(proposals[i]);
    c->start = absl::Now();
    c->rpc = formasi.AsyncSubmitProposal(&c->ctx, req, &cq);
    c->rpc->Finish(&c->out, &c->status, c.get());
    calls[i] = std::move(c);
  }
  reaper.join();
  burst.drain_s = absl::ToDoubleSeconds(absl::Now() - t0);
  cq.Shutdown();
  return burst;
}

void Report(const char* name, Burst b) {
  std::sort(b.latencies_ms.begin(), b.latencies_ms.end());
  auto pct = [&](double p) {
    if (b.latencies_ms.empty()) return 0.0;
    return b.latencies_ms[std::min(b.latencies_ms.size() - 1,
                                   static_cast<size_t>(p * b.latencies_ms.size()))];
  };
  int errors = 0;
  for (auto& [code, n] : b.errors) errors += n;
  std::cout << absl::StrFormat(
      "burst=%s submissions=%d errors=%d p50_ms=%.0f p90_ms=%.0f p99_ms=%.0f max_ms=%.0f "
      "drain_s=%.1f\n",
      name, b.latencies_ms.size(), errors, pct(0.5), pct(0.9), pct(0.99),
      b.latencies_ms.empty() ? 0.0 : b.latencies_ms.back(), b.drain_s);
  for (auto& [code, n] : b.errors) std::cout << "  error code=" << code << " count=" << n << "\n";
  if (!b.first_error.empty()) std::cout << "  first_error=\"" << b.first_error << "\"\n";
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int n = absl::GetFlag(FLAGS_instansi);
  const std::string national = absl::GetFlag(FLAGS_kemenpanrb_token);
  auto registry = rv1::RegistryService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_registry), grpc::InsecureChannelCredentials()));
  auto formasi = fv1::FormasiService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_formasi), grpc::InsecureChannelCredentials()));

  std::mt19937_64 rng(absl::GetFlag(FLAGS_seed));
  std::uniform_int_distribution<int> size(absl::GetFlag(FLAGS_min_honorers),
                                          absl::GetFlag(FLAGS_max_honorers));
  std::vector<int> sizes(n);
  int64_t total = 0;
  for (int& s : sizes) total += (s = size(rng));
  std::cout << "instansi=" << n << " honorers=" << total << "\n";
  SetUpRegistry(*registry, sizes);

  fv1::CreatePeriodRequest create;
  fv1::Period* period = create.mutable_period();
  period->set_display_name("PPPK Paruh Waktu 2025 (burst bench)");
  period->set_kind(fv1::PPPK_PARUH_WAKTU);
  const absl::Time now = absl::Now();
  period->mutable_open_time()->set_seconds(absl::ToUnixSeconds(now - absl::Hours(1)));
  period->mutable_deadline()->set_seconds(absl::ToUnixSeconds(now + absl::Hours(2)));
  period->set_deadline_time_zone("Asia/Jakarta");
  create.set_request_id(absl::StrCat("burst-bench-", absl::ToUnixSeconds(now)));
  fv1::Period created;
  Must(formasi->CreatePeriod(Ctx(national).get(), create, &created), "CreatePeriod");

  const absl::Time t0 = absl::Now();
  std::vector<std::string> names(n), codes(n);
  ForEach(n, absl::GetFlag(FLAGS_setup_threads), [&](int i) {
    codes[i] = Code(i);
    fv1::CreateProposalRequest req;
    *req.mutable_proposal() = ProposalNaming(created.name(), codes[i], EligibleOf(*registry, codes[i]));
    fv1::Proposal out;
    Must(formasi->CreateProposal(Ctx(InstansiToken(codes[i])).get(), req, &out),
         "CreateProposal " + codes[i]);
    names[i] = out.name();
  });
  std::cout << absl::StrFormat("setup_proposals_s=%.1f\n",
                               absl::ToDoubleSeconds(absl::Now() - t0));

  // The deadline moves to the end of the window: the burst is its last minute.
  const int window = absl::GetFlag(FLAGS_window_seconds);
  fv1::UpdatePeriodRequest move;
  move.mutable_period()->set_name(created.name());
  move.mutable_period()->mutable_deadline()->set_seconds(
      absl::ToUnixSeconds(absl::Now() + absl::Seconds(window + 30)));
  move.mutable_period()->set_deadline_time_zone("Asia/Jakarta");
  move.mutable_update_mask()->add_paths("deadline");
  move.set_letter_number("B/0001/M.SM.01.00/2025");
  move.set_etag(created.etag());
  fv1::Period moved;
  Must(formasi->UpdatePeriod(Ctx(national).get(), move, &moved), "UpdatePeriod");

  std::uniform_real_distribution<double> when(0, window);
  std::vector<absl::Duration> spread(n), together(n, absl::ZeroDuration());
  for (auto& d : spread) d = absl::Seconds(when(rng));
  Report("last_minute", SubmitAt(*formasi, names, codes, spread));

  // The ministry returns every proposal; all of them come back at once.
  ForEach(n, absl::GetFlag(FLAGS_setup_threads), [&](int i) {
    fv1::DecideProposalRequest req;
    req.set_name(names[i]);
    req.set_decision(fv1::DecideProposalRequest::RETURN);
    req.set_note("bench: kirim ulang");
    fv1::Proposal out;
    Must(formasi->DecideProposal(Ctx(national).get(), req, &out), "DecideProposal");
  });
  Report("all_at_once", SubmitAt(*formasi, names, codes, together));
  return 0;
}
