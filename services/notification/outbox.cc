#include "services/notification/outbox.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "services/notification/recipient.h"
#include "services/notification/whatsapp_recipient.h"

namespace penataan::notification {
namespace {

using storage::Connection;
using storage::PooledConnection;

constexpr size_t kMaxTemplateIdLength = 100;
constexpr size_t kMaxSubjectLength = 998;  // one header line (RFC 5322)
constexpr size_t kMaxBodyLength = 60000;   // fits MySQL TEXT with room to spare
constexpr size_t kMaxReferenceLength = 200;
constexpr size_t kMaxValueLength = 10000;
constexpr size_t kMaxReportedViolations = 100;
constexpr absl::Duration kMaxScheduleAhead = absl::Hours(24 * 400);

bool IsTemplateIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

absl::Status ValidateTemplateId(absl::string_view id, absl::string_view field) {
  if (id.empty()) return InvalidField(field, "required");
  if (id.size() > kMaxTemplateIdLength || !(id[0] >= 'a' && id[0] <= 'z') ||
      !std::all_of(id.begin(), id.end(), IsTemplateIdChar)) {
    return InvalidField(field, "1-100 characters of a-z, 0-9, - and _, starting with a letter");
  }
  return absl::OkStatus();
}

absl::Status ValidateReference(absl::string_view reference, absl::string_view field) {
  if (reference.empty()) {
    return InvalidField(field, "required: the idempotency key of this notification");
  }
  if (reference.size() > kMaxReferenceLength ||
      std::any_of(reference.begin(), reference.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
    return InvalidField(field, "at most 200 characters, no control characters");
  }
  return absl::OkStatus();
}

absl::Status ValidateValues(const Personalisation& values, absl::string_view prefix) {
  for (const auto& [name, value] : values) {
    if (value.size() > kMaxValueLength) {
      return InvalidField(absl::StrCat(prefix, "personalisation.", name),
                          "longer than 10,000 bytes");
    }
  }
  return absl::OkStatus();
}

// One recipient of a send against its template; `prefix` names it in errors.
absl::Status ValidateSend(const Template& t, absl::string_view recipient,
                          const Personalisation& values, absl::string_view reference,
                          absl::string_view prefix, const WebhookHosts& webhook_hosts) {
  RETURN_IF_ERROR(ValidateRecipient(t.channel, recipient, absl::StrCat(prefix, "recipient")));
  if (t.channel == v1::WEBHOOK && !IsWhatsAppRecipient(recipient)) {
    RETURN_IF_ERROR(webhook_hosts.CheckUrl(recipient, absl::StrCat(prefix, "recipient")));
  }
  RETURN_IF_ERROR(ValidateReference(reference, absl::StrCat(prefix, "reference")));
  RETURN_IF_ERROR(CheckPersonalisation(t.placeholders, values, prefix));
  return ValidateValues(values, prefix);
}

absl::StatusOr<absl::Time> DueTime(const std::optional<absl::Time>& scheduled, absl::Time now) {
  if (!scheduled) return now;
  if (*scheduled > now + kMaxScheduleAhead) {
    return InvalidField("scheduled_time", "more than 400 days ahead");
  }
  return std::max(*scheduled, now);
}

Notification NewNotification(const Caller& caller, const Template& t, std::string recipient,
                             Personalisation values, std::string reference,
                             const std::optional<absl::Time>& scheduled, absl::Time due,
                             absl::Time now) {
  Notification n;
  n.sender = caller.principal.ToString();
  n.reference = std::move(reference);
  n.template_id = t.id;
  n.template_version = t.version;
  n.channel = t.channel;
  n.recipient = std::move(recipient);
  n.personalisation = std::move(values);
  n.status = v1::QUEUED;
  n.scheduled_time = scheduled;
  n.due_time = due;
  n.create_time = now;
  return n;
}

bool SameContent(const Template& a, const Template& b) {
  return a.channel == b.channel && a.subject == b.subject && a.body == b.body;
}

}  // namespace

absl::Status ValidateTemplate(Template& t) {
  RETURN_IF_ERROR(ValidateTemplateId(t.id, "template.id"));
  if (t.channel != v1::EMAIL && t.channel != v1::WEBHOOK && t.channel != v1::LOG) {
    return InvalidField("template.channel", "EMAIL, WEBHOOK or LOG");
  }
  if (t.body.empty()) return InvalidField("template.body", "required");
  if (t.body.size() > kMaxBodyLength) {
    return InvalidField("template.body", "longer than 60,000 bytes");
  }
  if (t.subject.size() > kMaxSubjectLength || absl::StrContains(t.subject, "\n") ||
      absl::StrContains(t.subject, "\r")) {
    return InvalidField("template.subject", "one line of at most 998 characters");
  }
  if (t.channel == v1::EMAIL && t.subject.empty()) {
    return InvalidField("template.subject", "required for an email template");
  }
  ASSIGN_OR_RETURN(std::vector<std::string> in_subject,
                   ParsePlaceholders("template.subject", t.subject));
  ASSIGN_OR_RETURN(std::vector<std::string> in_body, ParsePlaceholders("template.body", t.body));
  t.placeholders.clear();
  std::set_union(in_subject.begin(), in_subject.end(), in_body.begin(), in_body.end(),
                 std::back_inserter(t.placeholders));
  return absl::OkStatus();
}

// ---- Shared helpers --------------------------------------------------------------

std::string Outbox::VisibleSender(const Caller& caller) {
  return caller.own_records_only ? caller.principal.ToString() : "";
}

absl::Status Outbox::Audit(Connection& c, const Caller& caller, const char* action,
                           const std::string& resource, const std::string& detail) {
  return store_.InsertAudit(c, {caller.principal.ToString(), action, resource,
                                caller.request_id, "OK", detail, clock_.Now(),
                                caller.origin});
}

absl::StatusOr<Template> Outbox::ResolveTemplate(const std::string& id, int version,
                                                 const char* field) {
  RETURN_IF_ERROR(ValidateTemplateId(id, field));
  if (version < 0) return InvalidField("template_version", "0 (the latest) or a version");
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(std::optional<Template> t, store_.GetTemplate(*conn, id, version));
  if (!t) {
    const std::string what = version > 0 ? absl::StrCat(id, " version ", version) : id;
    return WithViolation(absl::NotFoundError(absl::StrCat(field, ": no template ", what)),
                         {field, 0, "no such template"});
  }
  RETURN_IF_ERROR(ValidateTemplate(*t));  // fills the placeholders
  return *t;
}

// ---- Templates -------------------------------------------------------------------

absl::StatusOr<Template> Outbox::CreateTemplate(const Caller& caller, Template t) {
  RETURN_IF_ERROR(ValidateTemplate(t));
  t.created_by = caller.principal.ToString();
  t.create_time = clock_.Now();
  std::optional<Template> existing;
  RETURN_IF_ERROR(storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Template> latest, store_.GetTemplate(c, t.id, 0));
    if (latest && SameContent(*latest, t)) {
      existing = latest;
      return absl::OkStatus();
    }
    if (latest && latest->channel != t.channel) {
      return WithViolation(
          absl::FailedPreconditionError(absl::StrCat(
              "template.channel: template ", t.id, " delivers by ",
              v1::Channel_Name(latest->channel),
              "; a new version cannot change the channel (make a template with a new id)")),
          {"template.channel", 0, "differs from the template's existing versions"});
    }
    t.version = latest ? latest->version + 1 : 1;
    RETURN_IF_ERROR(store_.InsertTemplate(c, t));
    return Audit(c, caller, "CreateTemplate", TemplateName(t.id),
                 absl::StrCat("version ", t.version));
  }));
  if (existing) {
    RETURN_IF_ERROR(ValidateTemplate(*existing));
    return *existing;
  }
  return t;
}

absl::StatusOr<Template> Outbox::GetTemplate(const Caller& caller, const std::string& name,
                                             int version) {
  absl::string_view id = name;
  if (!absl::ConsumePrefix(&id, "templates/")) {
    return InvalidField("name", "must be a name of the form templates/{id}");
  }
  return ResolveTemplate(std::string(id), version, "name");
}

absl::StatusOr<Page<Template>> Outbox::ListTemplates(const Caller& caller, int page_size,
                                                     const std::string& page_token) {
  ASSIGN_OR_RETURN(int size, EffectivePageSize(page_size));
  ASSIGN_OR_RETURN(std::string after, DecodePageToken("templates", page_token));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(std::vector<Template> templates,
                   store_.ListLatestTemplates(*conn, after, size + 1));
  Page<Template> page;
  if (templates.size() > static_cast<size_t>(size)) {
    templates.resize(size);
    page.next_page_token = EncodePageToken("templates", templates.back().id);
  }
  for (Template& t : templates) RETURN_IF_ERROR(ValidateTemplate(t));
  page.items = std::move(templates);
  return page;
}

absl::StatusOr<int64_t> Outbox::Retry(const Caller& caller, const std::string& batch,
                                      const std::vector<std::string>& names) {
  if (batch.empty() == names.empty()) {
    return InvalidField("batch", "give either a batch or notification names, not both");
  }
  if (names.size() > static_cast<size_t>(kMaxBatchRecipients)) {
    return InvalidField("names", "at most 10000");
  }
  int64_t batch_id = 0;
  std::vector<int64_t> ids;
  if (!batch.empty()) {
    ASSIGN_OR_RETURN(batch_id, ParseResourceId(batch, "batches", "batch"));
  }
  for (size_t i = 0; i < names.size(); ++i) {
    ASSIGN_OR_RETURN(int64_t id,
                     ParseResourceId(names[i], "notifications", absl::StrCat("names[", i, "]")));
    ids.push_back(id);
  }
  int64_t requeued = 0;
  RETURN_IF_ERROR(storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(requeued,
                     store_.Requeue(c, VisibleSender(caller), batch_id, ids, clock_.Now()));
    return Audit(c, caller, "RetryNotifications", batch.empty() ? "notifications/*" : batch,
                 absl::StrCat(requeued, " queued again"));
  }));
  if (requeued > 0) Enqueued();
  return requeued;
}

absl::Status Outbox::EnsureTemplates(const std::vector<Template>& templates) {
  for (Template t : templates) {
    RETURN_IF_ERROR(ValidateTemplate(t));
    absl::Status s = storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
      ASSIGN_OR_RETURN(std::optional<Template> latest, store_.GetTemplate(c, t.id, 0));
      if (latest) return absl::OkStatus();
      t.version = 1;
      t.create_time = clock_.Now();
      return store_.InsertTemplate(c, t);
    });
    // Another replica starting at the same moment stored it first.
    if (!s.ok() && !absl::IsAlreadyExists(s)) return s;
  }
  return absl::OkStatus();
}

// ---- Sending ---------------------------------------------------------------------

absl::StatusOr<Notification> Outbox::Send(const Caller& caller, const SendRequest& r) {
  ASSIGN_OR_RETURN(Template t, ResolveTemplate(r.template_id, r.template_version, "template_id"));
  RETURN_IF_ERROR(ValidateSend(t, r.recipient, r.personalisation, r.reference, "", webhook_hosts_));
  const absl::Time now = clock_.Now();
  ASSIGN_OR_RETURN(absl::Time due, DueTime(r.scheduled_time, now));
  Notification n = NewNotification(caller, t, r.recipient, r.personalisation, r.reference,
                                   r.scheduled_time, due, now);
  bool stored = false;
  absl::Status s = storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Notification> existing,
                     store_.FindByReference(c, n.sender, n.reference));
    if (existing) {
      n = std::move(*existing);
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(n.id, store_.InsertNotification(c, n));
    stored = true;
    return Audit(c, caller, "SendNotification", NotificationName(n.id),
                 absl::StrCat("template ", t.id, " v", t.version));
  });
  if (absl::IsAlreadyExists(s)) {
    // The same reference committed by a concurrent call between our read and insert.
    ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(std::optional<Notification> existing,
                     store_.FindByReference(*conn, n.sender, n.reference));
    if (!existing) return s;
    return *existing;
  }
  RETURN_IF_ERROR(s);
  if (stored) Enqueued();
  return n;
}

absl::StatusOr<Batch> Outbox::SendBatch(const Caller& caller, const BatchRequest& r) {
  if (r.recipients.empty()) return InvalidField("recipients", "at least one");
  if (r.recipients.size() > static_cast<size_t>(kMaxBatchRecipients)) {
    return InvalidField("recipients", absl::StrFormat("at most %d per call, got %d",
                                                      kMaxBatchRecipients, r.recipients.size()));
  }
  if (r.request_id.size() > 100) return InvalidField("request_id", "at most 100 characters");
  ASSIGN_OR_RETURN(Template t, ResolveTemplate(r.template_id, r.template_version, "template_id"));
  const absl::Time now = clock_.Now();
  ASSIGN_OR_RETURN(absl::Time due, DueTime(r.scheduled_time, now));

  // Every bad recipient is reported (up to 100), with its 1-based row.
  std::vector<Violation> violations;
  for (size_t i = 0; i < r.recipients.size() && violations.size() < kMaxReportedViolations; ++i) {
    const BatchRecipient& b = r.recipients[i];
    absl::Status s = ValidateSend(t, b.recipient, b.personalisation, b.reference,
                                  absl::StrCat("recipients[", i, "]."), webhook_hosts_);
    for (Violation v : ViolationsOf(s)) {
      v.row = static_cast<int64_t>(i) + 1;
      violations.push_back(std::move(v));
    }
  }
  if (!violations.empty()) return InvalidFields(violations);

  std::vector<Notification> ns;
  ns.reserve(r.recipients.size());
  for (const BatchRecipient& b : r.recipients) {
    ns.push_back(NewNotification(caller, t, b.recipient, b.personalisation, b.reference,
                                 r.scheduled_time, due, now));
  }
  Batch batch{0, caller.principal.ToString(), r.request_id, t.id, t.version, 0, 0, now};
  bool replayed = false;
  absl::Status s = storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
    if (!r.request_id.empty()) {
      ASSIGN_OR_RETURN(std::optional<Batch> earlier,
                       store_.FindBatch(c, batch.sender, r.request_id));
      if (earlier) {
        batch = *earlier;
        replayed = true;
        return absl::OkStatus();
      }
    }
    ASSIGN_OR_RETURN(batch.id, store_.InsertBatch(c, batch));
    for (Notification& n : ns) n.batch_id = batch.id;
    ASSIGN_OR_RETURN(batch.queued, store_.InsertNewNotifications(c, ns));
    batch.already_sent = static_cast<int64_t>(ns.size()) - batch.queued;
    RETURN_IF_ERROR(store_.SetBatchCounts(c, batch.id, batch.queued, batch.already_sent));
    return Audit(c, caller, "SendBatch", BatchName(batch.id),
                 absl::StrCat("template ", t.id, " v", t.version, ", ", batch.queued, " queued, ",
                              batch.already_sent, " already sent"));
  });
  if (absl::IsAlreadyExists(s) && !r.request_id.empty()) {
    // A concurrent call with the same request_id committed first.
    ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(std::optional<Batch> earlier,
                     store_.FindBatch(*conn, batch.sender, r.request_id));
    if (earlier) return *earlier;
  }
  RETURN_IF_ERROR(s);
  if (!replayed && batch.queued > 0) Enqueued();
  return batch;
}

// ---- Reading ---------------------------------------------------------------------

absl::StatusOr<Notification> Outbox::GetNotification(const Caller& caller,
                                                      const std::string& name) {
  ASSIGN_OR_RETURN(int64_t id, ParseResourceId(name, "notifications", "name"));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(std::optional<Notification> n, store_.GetNotification(*conn, id));
  const absl::Status missing = absl::NotFoundError(absl::StrCat(name, " does not exist"));
  if (!n) return missing;
  const std::string visible = VisibleSender(caller);
  if (!visible.empty() && n->sender != visible) {
    // Another sender's notification is answered as a missing one: no oracle.
    storage::RecordForeignAccess(db_, clock_.Now(), caller, "GetNotification", name);
    return missing;
  }
  ASSIGN_OR_RETURN(n->delivery_attempts, store_.ListAttempts(*conn, id));
  return *n;
}

absl::StatusOr<NotificationPage> Outbox::ListNotifications(
    const Caller& caller, const std::string& reference_prefix, NotificationStatus status,
    const std::string& batch, int page_size, const std::string& page_token) {
  NotificationFilter filter{VisibleSender(caller), reference_prefix, status, 0};
  if (!batch.empty()) {
    ASSIGN_OR_RETURN(filter.batch_id, ParseResourceId(batch, "batches", "batch"));
  }
  ASSIGN_OR_RETURN(int size, EffectivePageSize(page_size));
  ASSIGN_OR_RETURN(int64_t after, DecodeIdPageToken("notifications", page_token));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(std::vector<Notification> items,
                   store_.ListNotifications(*conn, filter, after, size + 1));
  NotificationPage page;
  if (items.size() > static_cast<size_t>(size)) {
    items.resize(size);
    page.next_page_token = EncodePageToken("notifications", absl::StrCat(items.back().id));
  }
  page.items = std::move(items);
  if (page_token.empty()) {
    ASSIGN_OR_RETURN(page.status_counts, store_.CountByStatus(*conn, filter));
  }
  return page;
}

}  // namespace penataan::notification
