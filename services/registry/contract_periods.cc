#include "services/registry/contract_periods.h"

#include "absl/strings/str_cat.h"
#include "services/registry/honorer.h"

namespace penataan::registry {
namespace {

// An SK field left empty keeps the stored one (ContractStore::UpsertContracts).
bool ChangesStored(const Contract& given, const Contract& stored) {
  return given.end_date != stored.end_date ||
         (!given.sk_number.empty() && given.sk_number != stored.sk_number) ||
         (!given.signed_by.empty() && given.signed_by != stored.signed_by) ||
         (given.signed_date && given.signed_date != stored.signed_date);
}

}  // namespace

PeriodPlan PlanPeriod(const std::optional<Contract>& period, const std::vector<Contract>& stored,
                      const std::string& end_field) {
  PeriodPlan plan;
  const Contract* latest = nullptr;
  const Contract* same_start = nullptr;
  for (const Contract& p : stored) {
    if (latest == nullptr || p.start_date > latest->start_date) latest = &p;
    if (period && p.start_date == period->start_date) same_start = &p;
  }
  if (!period) {
    if (latest != nullptr) {
      plan.mirror_start = latest->start_date;
      plan.mirror_end = latest->end_date;
    }
    return plan;
  }
  if (same_start != nullptr) {
    plan.refused = CheckEndedDates(*same_start, period->start_date, period->end_date, end_field,
                                   end_field);
    if (plan.refused) return plan;
  }
  plan.write = same_start == nullptr || ChangesStored(*period, *same_start);
  if (latest == nullptr || period->start_date >= latest->start_date) {
    plan.mirror_start = period->start_date;
    plan.mirror_end = period->end_date;
    plan.new_current = latest != nullptr && period->start_date > latest->start_date;
    if (plan.new_current) {
      for (const Contract& p : stored) {
        if (p.expiry == v1::Contract::NOT_ENDED) plan.renewed.push_back(p.id);
      }
    }
  } else {
    plan.mirror_start = latest->start_date;
    plan.mirror_end = latest->end_date;
    plan.expiry = v1::Contract::RENEWED;
  }
  return plan;
}

std::optional<PeriodPlan> PlanFromShown(const std::optional<Contract>& period,
                                        const std::optional<absl::CivilDay>& shown_start,
                                        const std::optional<absl::CivilDay>& shown_end) {
  PeriodPlan plan;
  const bool has_periods = shown_start.has_value() && shown_end.has_value();
  if (!period) {
    if (has_periods) {
      plan.mirror_start = shown_start;
      plan.mirror_end = shown_end;
    }
    return plan;
  }
  const bool same_again = has_periods && period->start_date == *shown_start &&
                          period->end_date == *shown_end && period->sk_number.empty() &&
                          period->signed_by.empty() && !period->signed_date;
  if (!same_again) return std::nullopt;
  plan.mirror_start = shown_start;
  plan.mirror_end = shown_end;
  return plan;
}

Contract NewPeriod(int64_t honorer_id, const std::string& instansi_code, absl::CivilDay start,
                   absl::CivilDay end, const std::string& created_by, absl::Time now) {
  Contract k;
  k.honorer_id = honorer_id;
  k.instansi_code = instansi_code;
  k.start_date = start;
  k.end_date = end;
  k.expiry = v1::Contract::NOT_ENDED;
  k.created_by = created_by;
  k.create_time = k.update_time = now;
  return k;
}

std::optional<Violation> CheckCorrection(const std::vector<Contract>& periods,
                                         const Contract& current, absl::CivilDay start) {
  for (const Contract& p : periods) {
    if (p.id == current.id) continue;
    if (p.end_date >= start) {
      return Violation{"honorer.contract_start", 0,
                       absl::StrCat("the current SK period would no longer follow the period ",
                                    FormatIsoDate(p.start_date), " to ",
                                    FormatIsoDate(p.end_date))};
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckEndedDates(const Contract& stored, absl::CivilDay start,
                                         absl::CivilDay end, const std::string& start_field,
                                         const std::string& end_field) {
  if (stored.expiry == v1::Contract::NOT_ENDED) return std::nullopt;
  if (stored.start_date == start && stored.end_date == end) return std::nullopt;
  return Violation{stored.start_date != start ? start_field : end_field, 0,
                   absl::StrCat("the SK period ", FormatIsoDate(stored.start_date), " to ",
                                FormatIsoDate(stored.end_date), " has ended (",
                                v1::Contract::Expiry_Name(stored.expiry),
                                "): its dates are not corrected; use RenewContracts for a new SK")};
}

}  // namespace penataan::registry
