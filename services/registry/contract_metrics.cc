#include "services/registry/contract_metrics.h"

#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "common/metrics/registry.h"

namespace penataan::registry {
namespace {

struct ContractFigures {
  metrics::Family<metrics::Counter>& expiry = metrics::Default().AddCounter(
      "penataan_registry_contract_expiry_total",
      "Contracts the expiry step decided, by outcome (sent_home, kept_at_work, not_applicable)",
      {"outcome"});
  metrics::Counter& sent_home = expiry.WithLabels({"sent_home"});
  metrics::Counter& kept_at_work = expiry.WithLabels({"kept_at_work"});
  metrics::Counter& not_applicable = expiry.WithLabels({"not_applicable"});
  metrics::Family<metrics::Gauge>& overdue = metrics::Default().AddGauge(
      "penataan_registry_contracts_overdue",
      "Current contracts of working honorers ended too long ago for the expiry step to act"
      " on, by instansi",
      {"instansi"});
};

ContractFigures& Figures() {
  static ContractFigures* figures = new ContractFigures();
  return *figures;
}

[[maybe_unused]] const bool kRegistered = (Figures(), true);

}  // namespace

void CountContractExpiry(int64_t sent_home, int64_t kept_at_work, int64_t not_applicable) {
  ContractFigures& f = Figures();
  f.sent_home.Increment(static_cast<double>(sent_home));
  f.kept_at_work.Increment(static_cast<double>(kept_at_work));
  f.not_applicable.Increment(static_cast<double>(not_applicable));
}

void SetContractsOverdue(const std::string& instansi_code, int64_t overdue) {
  // A series only for an instansi that has (or had) overdue contracts: not five
  // hundred zeros on every scrape.
  static absl::Mutex mu(absl::kConstInit);
  static auto* reported = new absl::flat_hash_set<std::string>();
  {
    absl::MutexLock lock(&mu);
    if (overdue == 0 && !reported->contains(instansi_code)) return;
    reported->insert(instansi_code);
  }
  Figures().overdue.WithLabels({instansi_code}).Set(static_cast<double>(overdue));
}

}  // namespace penataan::registry
