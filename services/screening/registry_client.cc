#include "services/screening/registry_client.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "penataan/registry/v1/registry.grpc.pb.h"

namespace penataan::screening {
namespace {

namespace rv1 = ::penataan::registry::v1;

// ListHonorers answers at most this many a page.
constexpr int kListPage = 1000;

}  // namespace

absl::StatusOr<int64_t> ParseHonorerName(const std::string& name, const std::string& field) {
  return ParseResourceId(name, "honorers", field);
}

std::string HonorerName(int64_t id) { return absl::StrCat("honorers/", id); }

RegistryClient::RegistryClient(const PeerClient& peer, const Clock& clock,
                               absl::Duration instansi_ttl, int max_inflight)
    : peer_(peer), clock_(clock), ttl_(instansi_ttl), inflight_(peer.name(), max_inflight) {}

absl::StatusOr<InflightLimit::Slot> RegistryClient::Slot(const Caller& caller) {
  // A call outside a request has no deadline: it waits no longer than a request would.
  return inflight_.Acquire(std::min(caller.deadline, absl::Now() + absl::Seconds(30)));
}

absl::StatusOr<InstansiInfo> RegistryClient::GetInstansi(const Caller& caller,
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
  {
    ASSIGN_OR_RETURN(InflightLimit::Slot slot, Slot(caller));
    auto ctx = peer_.NewContext(caller);
    RETURN_IF_ERROR(PeerStatus(peer_.name(), stub.GetInstansi(ctx.get(), req, &out)));
  }
  InstansiInfo info{out.code(), out.display_name(), out.time_zone()};
  absl::MutexLock lock(&mu_);
  instansi_[code] = Cached{info, clock_.Now() + ttl_};
  return info;
}

absl::StatusOr<registry::v1::InstansiContacts> RegistryClient::GetInstansiContacts(
    const Caller& caller, const std::string& code) {
  rv1::RegistryService::Stub stub(peer_.channel());
  rv1::GetInstansiContactsRequest req;
  req.set_instansi_code(code);
  rv1::InstansiContacts out;
  ASSIGN_OR_RETURN(InflightLimit::Slot slot, Slot(caller));
  auto ctx = peer_.NewContext(caller);
  RETURN_IF_ERROR(PeerStatus(peer_.name(), stub.GetInstansiContacts(ctx.get(), req, &out)));
  return out;
}

absl::StatusOr<std::map<std::string, registry::v1::InstansiContacts>>
RegistryClient::BatchGetInstansiContacts(const Caller& caller,
                                         const std::vector<std::string>& codes) {
  rv1::RegistryService::Stub stub(peer_.channel());
  std::map<std::string, rv1::InstansiContacts> out;
  for (size_t start = 0; start < codes.size(); start += kContactsBatchSize) {
    const size_t end = std::min(codes.size(), start + kContactsBatchSize);
    rv1::BatchGetInstansiContactsRequest req;
    for (size_t i = start; i < end; ++i) req.add_instansi_codes(codes[i]);
    rv1::BatchGetInstansiContactsResponse resp;
    {
      ASSIGN_OR_RETURN(InflightLimit::Slot slot, Slot(caller));
      auto ctx = peer_.NewContext(caller);
      RETURN_IF_ERROR(
          PeerStatus(peer_.name(), stub.BatchGetInstansiContacts(ctx.get(), req, &resp)));
    }
    for (rv1::InstansiContacts& c : *resp.mutable_contacts()) {
      std::string code = c.instansi_code();
      out[std::move(code)] = std::move(c);
    }
  }
  return out;
}

absl::StatusOr<absl::flat_hash_map<int64_t, registry::v1::Honorer>> RegistryClient::GetHonorers(
    const Caller& caller, const std::vector<int64_t>& ids) {
  rv1::RegistryService::Stub stub(peer_.channel());
  absl::flat_hash_map<int64_t, rv1::Honorer> out;
  out.reserve(ids.size());
  for (size_t start = 0; start < ids.size(); start += kBatchSize) {
    const size_t end = std::min(ids.size(), start + kBatchSize);
    rv1::BatchGetHonorersRequest req;
    req.set_view(rv1::HONORER_VIEW_SCREENING);
    // Missing ones (and, to an instansi caller, another instansi's) are absent, not
    // an error: the caller decides what a missing honorer means.
    req.set_allow_missing(true);
    for (size_t i = start; i < end; ++i) req.add_names(HonorerName(ids[i]));
    rv1::BatchGetHonorersResponse resp;
    {
      ASSIGN_OR_RETURN(InflightLimit::Slot slot, Slot(caller));
      auto ctx = peer_.NewContext(caller);
      RETURN_IF_ERROR(PeerStatus(peer_.name(), stub.BatchGetHonorers(ctx.get(), req, &resp)));
    }
    for (rv1::Honorer& h : *resp.mutable_honorers()) {
      absl::StatusOr<int64_t> id = ParseHonorerName(h.name(), "name");
      if (!id.ok()) continue;
      out[*id] = std::move(h);
    }
  }
  return out;
}

absl::Status RegistryClient::ForEachHonorerPage(
    const Caller& caller, const std::string& instansi_code,
    const std::vector<common::v1::JabatanCategory>& categories,
    const std::vector<registry::v1::HonorerStatus>& statuses,
    const std::function<absl::Status(const std::vector<int64_t>&)>& page) {
  rv1::RegistryService::Stub stub(peer_.channel());
  rv1::ListHonorersRequest req;
  req.set_instansi_code(instansi_code);
  for (rv1::HonorerStatus s : statuses) req.add_statuses(s);
  // The registry filters one category; several are filtered here.
  if (categories.size() == 1) req.set_jabatan_category(categories[0]);
  req.set_view(rv1::HONORER_VIEW_BASIC);
  req.set_page_size(kListPage);
  while (true) {
    rv1::ListHonorersResponse resp;
    {
      ASSIGN_OR_RETURN(InflightLimit::Slot slot, Slot(caller));
      auto ctx = peer_.NewContext(caller);
      RETURN_IF_ERROR(PeerStatus(peer_.name(), stub.ListHonorers(ctx.get(), req, &resp)));
    }
    std::vector<int64_t> ids;
    ids.reserve(resp.honorers_size());
    for (const rv1::Honorer& h : resp.honorers()) {
      // Checked again here, so that a registry ignoring a filter field cannot make an
      // honorer of another instansi or status an applicant.
      if (h.instansi_code() != instansi_code) continue;
      if (!statuses.empty() &&
          std::find(statuses.begin(), statuses.end(), h.status()) == statuses.end()) {
        continue;
      }
      if (!categories.empty() && std::find(categories.begin(), categories.end(),
                                           h.jabatan_category()) == categories.end()) {
        continue;
      }
      absl::StatusOr<int64_t> id = ParseHonorerName(h.name(), "name");
      if (id.ok()) ids.push_back(*id);
    }
    std::sort(ids.begin(), ids.end());
    if (!ids.empty()) RETURN_IF_ERROR(page(ids));
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  return absl::OkStatus();
}

absl::StatusOr<OutcomeWriteResult> RegistryClient::RecordOutcomes(
    const Caller& caller, const std::vector<HonorerOutcome>& outcomes) {
  rv1::RegistryService::Stub stub(peer_.channel());
  OutcomeWriteResult result;
  for (size_t start = 0; start < outcomes.size(); start += kBatchSize) {
    const size_t end = std::min(outcomes.size(), start + kBatchSize);
    rv1::RecordScreeningOutcomesRequest req;
    for (size_t i = start; i < end; ++i) {
      auto* e = req.add_entries();
      e->set_name(HonorerName(outcomes[i].honorer_id));
      e->set_status(outcomes[i].status);
      e->set_reason(outcomes[i].reason);
    }
    rv1::RecordScreeningOutcomesResponse resp;
    {
      ASSIGN_OR_RETURN(InflightLimit::Slot slot, Slot(caller));
      auto ctx = peer_.NewContext(caller);
      RETURN_IF_ERROR(
          PeerStatus(peer_.name(), stub.RecordScreeningOutcomes(ctx.get(), req, &resp)));
    }
    result.changed += resp.changed();
    result.unchanged += resp.unchanged();
    for (int32_t i : resp.not_found()) {
      if (i >= 0 && start + i < end) result.not_found.push_back(outcomes[start + i].honorer_id);
    }
    for (int32_t i : resp.refused()) {
      if (i >= 0 && start + i < end) result.refused.push_back(outcomes[start + i].honorer_id);
    }
  }
  return result;
}

}  // namespace penataan::screening
