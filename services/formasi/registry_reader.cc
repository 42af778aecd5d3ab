#include "services/formasi/registry_reader.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "penataan/registry/v1/registry.grpc.pb.h"

namespace penataan::formasi {
namespace {

namespace rv1 = ::penataan::registry::v1;

InstansiInfo InfoOf(const rv1::Instansi& i) {
  return InstansiInfo{i.code(), i.display_name(), i.time_zone()};
}

}  // namespace

absl::StatusOr<int64_t> ParseHonorerName(const std::string& name, const std::string& field) {
  return ParseResourceId(name, "honorers", field);
}

std::string HonorerName(int64_t id) { return absl::StrCat("honorers/", id); }

absl::StatusOr<InflightLimit::Slot> RegistryReader::Slot(const Caller& caller) {
  return inflight_.Acquire(std::min(caller.deadline, absl::Now() + absl::Seconds(30)));
}

void RegistryReader::Remember(const InstansiInfo& info) {
  absl::MutexLock lock(&mu_);
  instansi_[info.code] = Cached{info, clock_.Now() + ttl_};
}

std::optional<std::string> RegistryReader::CachedZone(const std::string& code) {
  absl::MutexLock lock(&mu_);
  auto it = instansi_.find(code);
  if (it == instansi_.end() || it->second.info.time_zone.empty()) return std::nullopt;
  return it->second.info.time_zone;
}

absl::StatusOr<InstansiInfo> RegistryReader::GetInstansi(const Caller& caller,
                                                         const std::string& code) {
  {
    absl::MutexLock lock(&mu_);
    auto it = instansi_.find(code);
    if (it != instansi_.end() && it->second.until > clock_.Now()) return it->second.info;
  }
  rv1::RegistryService::Stub stub(peer_.channel());
  rv1::GetInstansiRequest req;
  req.set_code(code);
  rv1::Instansi out;
  ASSIGN_OR_RETURN(InflightLimit::Slot slot, Slot(caller));
  auto ctx = peer_.NewContext(caller);
  RETURN_IF_ERROR(PeerStatus(peer_.name(), stub.GetInstansi(ctx.get(), req, &out)));
  InstansiInfo info = InfoOf(out);
  Remember(info);
  return info;
}

absl::StatusOr<std::vector<InstansiInfo>> RegistryReader::ListInstansi(const Caller& caller) {
  rv1::RegistryService::Stub stub(peer_.channel());
  std::vector<InstansiInfo> all;
  rv1::ListInstansiRequest req;
  req.set_page_size(1000);
  while (true) {
    rv1::ListInstansiResponse resp;
    ASSIGN_OR_RETURN(InflightLimit::Slot slot, Slot(caller));
    auto ctx = peer_.NewContext(caller);
    RETURN_IF_ERROR(PeerStatus(peer_.name(), stub.ListInstansi(ctx.get(), req, &resp)));
    for (const rv1::Instansi& i : resp.instansi()) {
      all.push_back(InfoOf(i));
      Remember(all.back());
    }
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  return all;
}

absl::StatusOr<absl::flat_hash_map<int64_t, HonorerFacts>> RegistryReader::GetHonorers(
    const Caller& caller, const std::vector<int64_t>& ids) {
  rv1::RegistryService::Stub stub(peer_.channel());
  absl::flat_hash_map<int64_t, HonorerFacts> out;
  for (size_t start = 0; start < ids.size(); start += kBatchSize) {
    const size_t end = std::min(ids.size(), start + kBatchSize);
    rv1::BatchGetHonorersRequest req;
    req.set_view(rv1::HONORER_VIEW_BASIC);
    req.set_allow_missing(true);
    for (size_t i = start; i < end; ++i) req.add_names(HonorerName(ids[i]));
    rv1::BatchGetHonorersResponse resp;
    ASSIGN_OR_RETURN(InflightLimit::Slot slot, Slot(caller));
    auto ctx = peer_.NewContext(caller);
    RETURN_IF_ERROR(PeerStatus(peer_.name(), stub.BatchGetHonorers(ctx.get(), req, &resp)));
    for (size_t i = start; i < end; ++i) out[ids[i]] = HonorerFacts{};
    for (const rv1::Honorer& h : resp.honorers()) {
      absl::StatusOr<int64_t> id = ParseHonorerName(h.name(), "name");
      if (!id.ok()) continue;
      out[*id] = HonorerFacts{true, h.instansi_code(), h.status(), h.in_bkn_database()};
    }
  }
  return out;
}

namespace {

// The registry's filter for EligibleForParuhWaktu.
rv1::ListHonorersRequest EligibleQuery(const std::string& instansi_code, int page_size) {
  rv1::ListHonorersRequest req;
  req.set_instansi_code(instansi_code);
  req.add_statuses(rv1::ACTIVE);
  req.add_statuses(rv1::TMS);
  req.set_in_bkn_database(true);
  req.set_view(rv1::HONORER_VIEW_BASIC);
  req.set_page_size(page_size);
  return req;
}

}  // namespace

absl::StatusOr<int64_t> RegistryReader::EligibleCount(const Caller& caller,
                                                      const std::string& instansi_code) {
  rv1::RegistryService::Stub stub(peer_.channel());
  const rv1::ListHonorersRequest req = EligibleQuery(instansi_code, 1);
  rv1::ListHonorersResponse resp;
  ASSIGN_OR_RETURN(InflightLimit::Slot slot, Slot(caller));
  auto ctx = peer_.NewContext(caller);
  RETURN_IF_ERROR(PeerStatus(peer_.name(), stub.ListHonorers(ctx.get(), req, &resp)));
  return resp.total_size();
}

absl::StatusOr<std::vector<int64_t>> RegistryReader::EligibleHonorers(
    const Caller& caller, const std::string& instansi_code) {
  rv1::RegistryService::Stub stub(peer_.channel());
  rv1::ListHonorersRequest req = EligibleQuery(instansi_code, 1000);
  std::vector<int64_t> ids;
  while (true) {
    rv1::ListHonorersResponse resp;
    ASSIGN_OR_RETURN(InflightLimit::Slot slot, Slot(caller));
    auto ctx = peer_.NewContext(caller);
    RETURN_IF_ERROR(PeerStatus(peer_.name(), stub.ListHonorers(ctx.get(), req, &resp)));
    for (const rv1::Honorer& h : resp.honorers()) {
      // The filter is the registry's; checked again here so that a registry that
      // ignores a filter field cannot make an ineligible honorer count as owed.
      HonorerFacts facts{true, h.instansi_code(), h.status(), h.in_bkn_database()};
      if (facts.instansi_code != instansi_code || !EligibleForParuhWaktu(facts)) continue;
      absl::StatusOr<int64_t> id = ParseHonorerName(h.name(), "name");
      if (id.ok()) ids.push_back(*id);
    }
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace penataan::formasi
