#include "cli/audit_command.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cli/cli_context.h"
#include "cli/rpc_errors.h"
#include "common/proto_time.h"
#include "penataan/formasi/v1/formasi.grpc.pb.h"
#include "penataan/notification/v1/notification.grpc.pb.h"
#include "penataan/registry/v1/registry.grpc.pb.h"
#include "penataan/screening/v1/screening.grpc.pb.h"

namespace penataan::cli {
namespace {

using common::v1::AuditEvent;
using common::v1::ListAuditEventsRequest;
using common::v1::ListAuditEventsResponse;

struct AuditOptions {
  std::vector<std::string> services;
  std::string principal, method, resource, outcome, since, until;
  int limit = 1000;
};

// Every page of one service's log (up to `limit` events), or the call's error.
template <typename Stub>
grpc::Status FetchAll(CliContext& c, const std::string& service, ListAuditEventsRequest request,
                      int limit, std::vector<AuditEvent>* out) {
  Stub stub(c.ChannelTo(c.AddressOf(service)));
  int taken = 0;
  do {
    ListAuditEventsResponse page;
    request.set_page_size(std::min(1000, limit - taken));
    grpc::Status status = stub.ListAuditEvents(c.NewContext().get(), request, &page);
    if (!status.ok()) return status;
    for (AuditEvent& e : *page.mutable_events()) out->push_back(std::move(e));
    taken += page.events_size();
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty() && taken < limit);
  return grpc::Status::OK;
}

grpc::Status Fetch(CliContext& c, const std::string& service, const ListAuditEventsRequest& r,
                   int limit, std::vector<AuditEvent>* out) {
  if (service == "registry") {
    return FetchAll<registry::v1::RegistryService::Stub>(c, service, r, limit, out);
  }
  if (service == "formasi") {
    return FetchAll<formasi::v1::FormasiService::Stub>(c, service, r, limit, out);
  }
  if (service == "screening") {
    return FetchAll<screening::v1::ScreeningService::Stub>(c, service, r, limit, out);
  }
  return FetchAll<notification::v1::NotificationService::Stub>(c, service, r, limit, out);
}

// RFC 3339 ("2025-08-25T23:59:59+07:00") into `out`; false otherwise.
bool ParseInstant(const std::string& text, google::protobuf::Timestamp* out) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &error)) return false;
  SetTimestamp(t, out);
  return true;
}

void PrintCsv(CliContext& c, const std::vector<AuditEvent>& events) {
  std::vector<std::vector<std::string>> rows;
  for (const AuditEvent& e : events) {
    rows.push_back({absl::FormatTime("%Y-%m-%d %H:%M:%E3S", FromTimestamp(e.time()),
                                     absl::UTCTimeZone()),
                    e.service(), e.principal(), e.origin(), e.method(), e.resource(), e.outcome(),
                    e.request_id(), e.detail()});
  }
  c.PrintCsv({"time_utc", "service", "principal", "origin", "method", "resource", "outcome",
              "request_id", "detail"},
             rows);
}

void Print(CliContext& c, const std::vector<AuditEvent>& events) {
  if (c.json()) {
    for (const AuditEvent& e : events) c.PrintJsonLine(e);
    return;
  }
  if (c.csv()) return PrintCsv(c, events);
  std::vector<std::vector<std::string>> rows;
  for (const AuditEvent& e : events) {
    rows.push_back({absl::FormatTime("%Y-%m-%d %H:%M:%E3S", FromTimestamp(e.time()),
                                     absl::UTCTimeZone()),
                    e.service(), e.principal(), e.origin() == e.principal() ? "" : e.origin(),
                    e.method(), e.resource(), e.outcome(), e.request_id(), e.detail()});
  }
  c.PrintTable({"TIME (UTC)", "SERVICE", "PRINCIPAL", "ON BEHALF OF", "METHOD", "RESOURCE",
                "OUTCOME", "REQUEST ID", "DETAIL"},
               rows);
}

int Run(CliContext& c, const AuditOptions& o) {
  ListAuditEventsRequest request;
  request.set_principal(o.principal);
  request.set_method(o.method);
  request.set_resource(o.resource);
  request.set_outcome(o.outcome);
  if (!o.since.empty() && !ParseInstant(o.since, request.mutable_start_time())) {
    return UsageError("--since: give an RFC 3339 time, e.g. 2025-08-25T00:00:00+07:00");
  }
  if (!o.until.empty() && !ParseInstant(o.until, request.mutable_end_time())) {
    return UsageError("--until: give an RFC 3339 time, e.g. 2025-08-26T00:00:00+07:00");
  }
  // Named services must all answer. Without --service every service is asked, and
  // one that is not running (a deployment without screening, say) is only named.
  const bool named = !o.services.empty();
  std::vector<std::string> services = o.services;
  if (!named) services = {"registry", "formasi", "screening", "notification"};
  std::vector<AuditEvent> events;
  int failed = 0;
  for (const std::string& service : services) {
    grpc::Status status = Fetch(c, service, request, o.limit, &events);
    if (status.ok()) continue;
    const bool absent = !named && status.error_code() == grpc::StatusCode::UNAVAILABLE;
    if (!absent) ++failed;
    std::cerr << "penataanctl: " << DescribeRpcError(status, service, c.AddressOf(service))
              << " (its audit log is not shown)\n";
  }
  std::stable_sort(events.begin(), events.end(), [](const AuditEvent& a, const AuditEvent& b) {
    return FromTimestamp(a.time()) < FromTimestamp(b.time());
  });
  Print(c, events);
  return failed == 0 ? kExitOk : kExitRpcError;
}

}  // namespace

void AddAuditCommand(CLI::App& app, ContextFn context, int* exit_code) {
  auto* audit = app.add_subcommand(
      "audit", "who did what: the audit logs of the services, merged by time (national only)");
  auto o = std::make_shared<AuditOptions>();
  audit->add_option("--service", o->services, "registry, formasi, screening, notification")
      ->check(CLI::IsMember({"registry", "formasi", "screening", "notification"}));
  audit->add_option("--principal", o->principal, "e.g. instansi:5371");
  audit->add_option("--method", o->method, "e.g. UpdateHonorer");
  audit->add_option("--resource", o->resource, "e.g. honorers/42, or honorers/* for a prefix");
  audit->add_option("--outcome", o->outcome, "OK, PERMISSION_DENIED, UNAUTHENTICATED");
  audit->add_option("--since", o->since, "from this instant (RFC 3339)");
  audit->add_option("--until", o->until, "before this instant (RFC 3339)");
  audit->add_option("--limit", o->limit, "events per service at most")
      ->check(CLI::Range(1, 1000000))->capture_default_str();
  OffersCsv(audit);
  audit->callback([=] { *exit_code = Run(context(), *o); });
}

}  // namespace penataan::cli
