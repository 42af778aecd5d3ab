// penataanctl registry contacts show|set CODE: where an instansi's admins are
// reached (formasi's reminders and decisions go there). `set` replaces the whole
// list; the etag of the list just read guards it against a concurrent change.

#include <iostream>

#include "absl/strings/str_cat.h"
#include "cli/proto_text.h"
#include "cli/registry_commands.h"
#include "penataan/registry/v1/registry.grpc.pb.h"

namespace penataan::cli {
namespace {

namespace v1 = registry::v1;

void PrintContacts(CliContext& c, const v1::InstansiContacts& list) {
  if (c.json()) return c.PrintJson(list);
  std::vector<std::vector<std::string>> rows;
  for (const auto& contact : list.contacts()) {
    rows.push_back({contact.display_name(), contact.email(),
                    contact.webhook_url().empty() ? "-" : contact.webhook_url()});
  }
  c.PrintTable({"NAME", "EMAIL", "WEBHOOK"}, rows);
  std::cout << list.contacts_size() << " contacts of " << list.instansi_code();
  if (!list.updated_by().empty()) {
    std::cout << ", set by " << list.updated_by() << " at " << FormatTimestamp(list.update_time());
  }
  std::cout << "\n";
}

}  // namespace

void AddContactsCommand(CLI::App& registry, ContextFn context, int* exit_code) {
  CLI::App* contacts = registry.add_subcommand(
      "contacts", "where an instansi's admins are reached (reminders, decisions)");
  contacts->require_subcommand(1);

  auto show_code = std::make_shared<std::string>();
  auto* show = contacts->add_subcommand("show", "the contacts of an instansi");
  show->add_option("code", *show_code, "instansi code (default: yours)");
  show->callback([=] {
    CliContext& c = context();
    v1::GetInstansiContactsRequest req;
    req.set_instansi_code(*show_code);
    v1::InstansiContacts out;
    if (!Invoke(c, &v1::RegistryService::Stub::GetInstansiContacts, req, &out, exit_code)) return;
    PrintContacts(c, out);
  });

  struct SetArgs {
    std::string code;
    std::vector<std::string> emails, names, webhooks;
  };
  auto a = std::make_shared<SetArgs>();
  auto* set = contacts->add_subcommand(
      "set", "replace the contact list: --email (repeatable), with --name and --webhook by "
             "position");
  set->add_option("code", a->code, "instansi code, e.g. 3275")->required();
  set->add_option("--email", a->emails, "email address; the first is the primary (repeatable)")
      ->required();
  set->add_option("--name", a->names, "display name of the contact with the same position");
  set->add_option("--webhook", a->webhooks,
                  "https URL of the contact with the same position (\"\" for none)");
  set->callback([=] {
    if (a->names.size() > a->emails.size() || a->webhooks.size() > a->emails.size()) {
      *exit_code = UsageError("give at most one --name and one --webhook per --email");
      return;
    }
    CliContext& c = context();
    v1::GetInstansiContactsRequest get;
    get.set_instansi_code(a->code);
    v1::InstansiContacts current;
    if (!Invoke(c, &v1::RegistryService::Stub::GetInstansiContacts, get, &current, exit_code)) {
      return;
    }
    v1::UpdateInstansiContactsRequest req;
    req.mutable_contacts()->set_instansi_code(a->code);
    for (size_t i = 0; i < a->emails.size(); ++i) {
      v1::InstansiContact* contact = req.mutable_contacts()->add_contacts();
      contact->set_email(a->emails[i]);
      if (i < a->names.size()) contact->set_display_name(a->names[i]);
      if (i < a->webhooks.size()) contact->set_webhook_url(a->webhooks[i]);
    }
    req.set_etag(current.etag());
    v1::InstansiContacts out;
    if (!Invoke(c, &v1::RegistryService::Stub::UpdateInstansiContacts, req, &out, exit_code)) {
      return;
    }
    PrintContacts(c, out);
  });
}

}  // namespace penataan::cli
