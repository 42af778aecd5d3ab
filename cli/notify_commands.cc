#include "cli/notify_commands.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cli/proto_text.h"

namespace penataan::cli {
namespace {

namespace v1 = notification::v1;
using Stub = v1::NotificationService::Stub;
using ContextFn = std::function<CliContext&()>;

std::vector<std::string> TemplateRow(const v1::Template& t) {
  return {t.id(), std::to_string(t.version()), EnumName(v1::Channel_descriptor(), t.channel()),
          t.subject(), FormatTimestamp(t.create_time()), t.created_by()};
}
const std::vector<std::string> kTemplateHeaders = {"ID", "VERSION", "CHANNEL", "SUBJECT",
                                                   "CREATED", "BY"};

std::vector<std::string> NotificationRow(const v1::Notification& n) {
  return {n.name(),
          n.reference(),
          absl::StrCat(n.template_id(), "/v", n.template_version()),
          n.recipient(),
          EnumName(v1::Status_descriptor(), n.status()),
          std::to_string(n.attempts()),
          n.last_error().substr(0, 60)};
}
const std::vector<std::string> kNotificationHeaders = {
    "NAME", "REFERENCE", "TEMPLATE", "RECIPIENT", "STATUS", "ATTEMPTS", "LAST ERROR"};

std::vector<std::string> TemplateCsvRow(const v1::Template& t) {
  return {t.id(), absl::StrCat(t.version()), EnumName(v1::Channel_descriptor(), t.channel()),
          t.subject(), FormatCsvTime(t.create_time()), t.created_by()};
}
const std::vector<std::string> kTemplateCsvHeader = {"id",      "version",         "channel",
                                                     "subject", "create_time_utc", "created_by"};

// `recipient` and `reference` as send-batch reads them; the last error whole.
std::vector<std::string> NotificationCsvRow(const v1::Notification& n) {
  return {n.name(),
          n.reference(),
          n.template_id(),
          absl::StrCat(n.template_version()),
          n.recipient(),
          EnumName(v1::Status_descriptor(), n.status()),
          absl::StrCat(n.attempts()),
          n.last_error()};
}
const std::vector<std::string> kNotificationCsvHeader = {
    "name", "reference", "template_id", "template_version", "recipient", "status", "attempts",
    "last_error"};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void AddTemplateCommands(CLI::App& notify, ContextFn context, int* exit_code) {
  CLI::App* templates = notify.add_subcommand("template", "message templates");
  templates->require_subcommand(1);

  struct CreateArgs {
    std::string id, channel, subject, body, body_file;
  };
  auto args = std::make_shared<CreateArgs>();
  CLI::App* create = templates->add_subcommand(
      "create", "create a template, or a new version of an existing id");
  create->add_option("--id", args->id, "template id, e.g. pengumuman-kelulusan")->required();
  create->add_option("--channel", args->channel, "EMAIL, WEBHOOK or LOG")->required();
  create->add_option("--subject", args->subject, "subject with ((placeholder)) fields");
  create->add_option("--body", args->body, "body with ((placeholder)) fields");
  create->add_option("--body-file", args->body_file, "read the body from this file")
      ->check(CLI::ExistingFile);
  create->callback([context, args, exit_code] {
    CliContext& c = context();
    v1::CreateTemplateRequest req;
    auto channel = ParseEnumName(v1::Channel_descriptor(), args->channel);
    if (!channel) {
      *exit_code = UsageError("--channel must be one of " + EnumChoices(v1::Channel_descriptor()));
      return;
    }
    if (args->body.empty() == args->body_file.empty()) {
      *exit_code = UsageError("give the body with exactly one of --body and --body-file");
      return;
    }
    req.mutable_template_()->set_id(args->id);
    req.mutable_template_()->set_channel(static_cast<v1::Channel>(*channel));
    req.mutable_template_()->set_subject(args->subject);
    req.mutable_template_()->set_body(args->body_file.empty() ? args->body
                                                              : ReadAll(args->body_file));
    v1::Template t;
    if (!InvokeNotification(c, &Stub::CreateTemplate, req, &t, exit_code)) return;
    if (c.json()) return c.PrintJson(t);
    c.PrintTable(kTemplateHeaders, {TemplateRow(t)});
  });

  CLI::App* list = templates->add_subcommand("list", "the latest version of every template");
  OffersCsv(list);
  list->callback([context, exit_code] {
    CliContext& c = context();
    v1::ListTemplatesRequest req;
    req.set_page_size(1000);
    std::vector<std::vector<std::string>> rows;
    for (;;) {
      v1::ListTemplatesResponse resp;
      if (!InvokeNotification(c, &Stub::ListTemplates, req, &resp, exit_code)) return;
      for (const auto& t : resp.templates()) {
        if (c.json()) c.PrintJsonLine(t);
        rows.push_back(c.csv() ? TemplateCsvRow(t) : TemplateRow(t));
      }
      if (resp.next_page_token().empty()) break;
      req.set_page_token(resp.next_page_token());
    }
    if (c.csv()) return c.PrintCsv(kTemplateCsvHeader, rows);
    if (!c.json()) c.PrintTable(kTemplateHeaders, rows);
  });

  auto show_id = std::make_shared<std::string>();
  auto show_version = std::make_shared<int>(0);
  CLI::App* show = templates->add_subcommand("show", "a template's subject and body");
  show->add_option("id", *show_id, "template id")->required();
  show->add_option("--version", *show_version, "a version (default: the latest)");
  show->callback([context, show_id, show_version, exit_code] {
    CliContext& c = context();
    v1::GetTemplateRequest req;
    req.set_name("templates/" + *show_id);
    req.set_version(*show_version);
    v1::Template t;
    if (!InvokeNotification(c, &Stub::GetTemplate, req, &t, exit_code)) return;
    if (c.json()) return c.PrintJson(t);
    std::cout << "template:     " << t.id() << " version " << t.version() << " ("
              << EnumName(v1::Channel_descriptor(), t.channel()) << ")\n"
              << "placeholders: ";
    for (int i = 0; i < t.placeholders_size(); ++i) {
      std::cout << (i ? ", " : "") << t.placeholders(i);
    }
    std::cout << "\nsubject:      " << t.subject() << "\n\n" << t.body() << "\n";
  });
}

void AddSendCommand(CLI::App& notify, ContextFn context, int* exit_code) {
  struct Args {
    std::string template_id, to, reference, at;
    int version = 0;
    std::vector<std::string> values;
  };
  auto args = std::make_shared<Args>();
  CLI::App* send = notify.add_subcommand("send", "queue one notification");
  send->add_option("--template", args->template_id, "template id")->required();
  send->add_option("--version", args->version, "pin a template version (default: the latest)");
  send->add_option("--to", args->to, "email address, webhook URL, or a label for LOG")
      ->required();
  send->add_option("--reference", args->reference,
                   "idempotency key: the same reference again sends nothing new")
      ->required();
  send->add_option("--set", args->values, "placeholder value, name=value (repeatable)");
  send->add_option("--at", args->at, "deliver no earlier than, RFC 3339");
  send->callback([context, args, exit_code] {
    CliContext& c = context();
    v1::SendNotificationRequest req;
    req.set_template_id(args->template_id);
    req.set_template_version(args->version);
    req.set_recipient(args->to);
    req.set_reference(args->reference);
    for (const std::string& kv : args->values) {
      const size_t eq = kv.find('=');
      if (eq == std::string::npos) {
        *exit_code = UsageError("--set \"" + kv + "\": expected name=value");
        return;
      }
      (*req.mutable_personalisation())[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    if (!args->at.empty() && !ParseInstant(args->at, req.mutable_scheduled_time())) {
      *exit_code = UsageError("--at \"" + args->at + "\": expected e.g. 2025-08-20T08:00:00+07:00");
      return;
    }
    v1::Notification n;
    if (!InvokeNotification(c, &Stub::SendNotification, req, &n, exit_code)) return;
    if (c.json()) return c.PrintJson(n);
    c.PrintTable(kNotificationHeaders, {NotificationRow(n)});
  });
}

void AddGetCommand(CLI::App& notify, ContextFn context, int* exit_code) {
  auto name = std::make_shared<std::string>();
  CLI::App* get = notify.add_subcommand("get", "one notification with its delivery attempts");
  get->add_option("name", *name, "notifications/{id}")->required();
  get->callback([context, name, exit_code] {
    CliContext& c = context();
    v1::GetNotificationRequest req;
    req.set_name(*name);
    v1::Notification n;
    if (!InvokeNotification(c, &Stub::GetNotification, req, &n, exit_code)) return;
    if (c.json()) return c.PrintJson(n);
    c.PrintTable(kNotificationHeaders, {NotificationRow(n)});
    if (n.delivery_attempts_size() == 0) return;
    std::cout << "\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : n.delivery_attempts()) {
      rows.push_back({std::to_string(a.attempt()), FormatTimestamp(a.start_time()),
                      EnumName(v1::DeliveryAttempt::Outcome_descriptor(), a.outcome()),
                      absl::StrCat(a.duration_ms(), " ms"), a.dispatcher(), a.error()});
    }
    c.PrintTable({"ATTEMPT", "STARTED", "OUTCOME", "TOOK", "DISPATCHER", "ERROR"}, rows);
  });
}

void AddListCommand(CLI::App& notify, ContextFn context, int* exit_code) {
  struct Args {
    std::string status, batch, reference_prefix;
    int page_size = 100;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* list = notify.add_subcommand("list", "notifications, with counts by status");
  list->add_option("--status", args->status, "QUEUED, SENDING, DELIVERED, TEMPORARY_FAILURE, "
                                             "PERMANENT_FAILURE");
  list->add_option("--batch", args->batch, "batches/{id}");
  list->add_option("--reference-prefix", args->reference_prefix, "references starting so");
  list->add_option("--page-size", args->page_size, "rows per page")->capture_default_str();
  list->add_flag("--all", args->all, "fetch every page");
  OffersCsv(list);
  list->callback([context, args, exit_code] {
    CliContext& c = context();
    v1::ListNotificationsRequest req;
    if (!args->status.empty()) {
      auto status = ParseEnumName(v1::Status_descriptor(), args->status);
      if (!status) {
        *exit_code = UsageError("--status must be one of " + EnumChoices(v1::Status_descriptor()));
        return;
      }
      req.set_status(static_cast<v1::Status>(*status));
    }
    req.set_batch(args->batch);
    req.set_reference_prefix(args->reference_prefix);
    req.set_page_size(args->page_size);
    for (bool first = true;; first = false) {
      v1::ListNotificationsResponse resp;
      if (!InvokeNotification(c, &Stub::ListNotifications, req, &resp, exit_code)) return;
      if (c.json()) {
        for (const auto& n : resp.notifications()) c.PrintJsonLine(n);
      } else {
        if (first) {
          std::vector<std::vector<std::string>> counts;
          int64_t total = 0;
          for (const auto& s : resp.status_counts()) {
            counts.push_back({EnumName(v1::Status_descriptor(), s.status()),
                              std::to_string(s.count())});
            total += s.count();
          }
          counts.push_back({"TOTAL", std::to_string(total)});
          c.PrintTable({"STATUS", "COUNT"}, counts, c.Summary());
          c.Summary() << "\n";
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& n : resp.notifications()) {
          rows.push_back(c.csv() ? NotificationCsvRow(n) : NotificationRow(n));
        }
        if (c.csv()) {
          c.PrintCsv(kNotificationCsvHeader, rows);
        } else {
          c.PrintTable(first ? kNotificationHeaders : std::vector<std::string>{}, rows);
        }
      }
      if (!args->all || resp.next_page_token().empty()) {
        if (!resp.next_page_token().empty() && !c.json()) {
          c.Summary() << "(more: --all fetches every page)\n";
        }
        return;
      }
      req.set_page_token(resp.next_page_token());
    }
  });
}

void AddRetryCommand(CLI::App& notify, ContextFn context, int* exit_code) {
  auto batch = std::make_shared<std::string>();
  auto names = std::make_shared<std::vector<std::string>>();
  CLI::App* retry = notify.add_subcommand(
      "retry", "queue PERMANENT_FAILURE notifications again, once the cause is fixed");
  retry->add_option("--batch", *batch, "every failed notification of batches/{id}");
  retry->add_option("names", *names, "notifications/{id} ...");
  retry->callback([context, batch, names, exit_code] {
    CliContext& c = context();
    v1::RetryNotificationsRequest req;
    req.set_batch(*batch);
    for (const std::string& n : *names) req.add_names(n);
    v1::RetryNotificationsResponse resp;
    if (!InvokeNotification(c, &Stub::RetryNotifications, req, &resp, exit_code)) return;
    if (c.json()) return c.PrintJson(resp);
    std::cout << resp.requeued() << " queued again\n";
  });
}

}  // namespace

bool ParseInstant(const std::string& text, google::protobuf::Timestamp* out) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &error)) return false;
  out->set_seconds(absl::ToUnixSeconds(t));
  return true;
}

void AddNotifyCommands(CLI::App& app, ContextFn context, int* exit_code) {
  CLI::App* notify = app.add_subcommand("notify", "the notification service");
  notify->require_subcommand(1);
  AddTemplateCommands(*notify, context, exit_code);
  AddSendCommand(*notify, context, exit_code);
  AddSendBatchCommand(*notify, context, exit_code);
  AddGetCommand(*notify, context, exit_code);
  AddListCommand(*notify, context, exit_code);
  AddRetryCommand(*notify, context, exit_code);
}

}  // namespace penataan::cli
