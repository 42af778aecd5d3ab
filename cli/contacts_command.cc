// `penataanctl registry contacts show|set`: where an instansi's admins are reached.
//
// `set` replaces the whole list. Each --email starts a contact; a --name or
// --webhook belongs to the --email before it, so a list reads left to right as
// it will be stored (the first contact is the primary):
//
//   penataanctl registry contacts set 3275 \
//       --email bkpsdm@bekasikota.go.id --name "Admin BKPSDM Kota Bekasi" \
//       --email operator@bekasikota.go.id --webhook https://wa.bekasikota.go.id/hook
//
// Repeated flags instead of one "name,email,webhook" value: a display name may
// hold a comma, and a person reading the command sees which flag is which.

#include <iostream>
#include <map>
#include <memory>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "cli/proto_text.h"
#include "cli/registry_commands.h"
#include "penataan/registry/v1/registry.grpc.pb.h"

namespace penataan::cli {
namespace {

namespace v1 = registry::v1;

// Primary first, as `set` takes them (each --email with its --name and --webhook).
void PrintContactsCsv(CliContext& c, const v1::InstansiContacts& list) {
  std::vector<std::vector<std::string>> rows;
  for (const v1::InstansiContact& contact : list.contacts()) {
    rows.push_back({contact.email(), contact.display_name(), contact.webhook_url()});
  }
  c.PrintCsv({"email", "display_name", "webhook_url"}, rows);
  c.Summary() << list.contacts_size() << " contacts of instansi " << list.instansi_code()
              << ", etag " << list.etag() << "\n";
}

void PrintContacts(CliContext& c, const v1::InstansiContacts& list) {
  if (c.json()) return c.PrintJson(list);
  if (c.csv()) return PrintContactsCsv(c, list);
  if (list.contacts().empty()) {
    std::cout << "instansi " << list.instansi_code() << " has no contacts; set them with: "
              << "penataanctl registry contacts set " << list.instansi_code()
              << " --email ADDRESS [--name NAME] [--webhook https://...]\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < list.contacts_size(); ++i) {
    const v1::InstansiContact& contact = list.contacts(i);
    rows.push_back({absl::StrCat(i + 1, i == 0 ? " (primary)" : ""), contact.display_name(),
                    contact.email(), contact.webhook_url().empty() ? "-" : contact.webhook_url()});
  }
  c.PrintTable({"#", "NAME", "EMAIL", "WEBHOOK"}, rows);
  std::cout << "etag " << list.etag() << ", updated " << FormatTimestamp(list.update_time())
            << " by " << list.updated_by() << "\n";
}

// The contacts in the order typed; empty, with *error set, when the flags do not
// make a list.
std::vector<v1::InstansiContact> ContactsInOrder(const CLI::App& set, const CLI::Option* email,
                                                 const CLI::Option* name,
                                                 const CLI::Option* webhook, std::string* error) {
  std::vector<v1::InstansiContact> contacts;
  std::map<const CLI::Option*, size_t> used;  // results taken from each option so far
  for (const CLI::Option* opt : set.parse_order()) {
    if (opt != email && opt != name && opt != webhook) continue;
    const std::string& value = opt->results().at(used[opt]++);
    if (opt == email) {
      contacts.emplace_back().set_email(value);
      continue;
    }
    const char* flag = opt == name ? "--name" : "--webhook";
    if (contacts.empty()) {
      *error = absl::StrCat(flag, " \"", value, "\" comes before any --email: give the --email ",
                            "it belongs to first");
      return {};
    }
    v1::InstansiContact& last = contacts.back();
    const std::string& current = opt == name ? last.display_name() : last.webhook_url();
    if (!current.empty()) {
      *error = absl::StrCat("two ", flag, " for --email ", last.email(),
                            ": each --email takes at most one");
      return {};
    }
    if (opt == name) {
      last.set_display_name(value);
    } else {
      last.set_webhook_url(value);
    }
  }
  return contacts;
}

}  // namespace

void AddContactsCommands(CLI::App& registry, ContextFn context, int* exit_code) {
  CLI::App* contacts = registry.add_subcommand(
      "contacts", "where an instansi's admins are reached (reminders, decisions)");
  contacts->require_subcommand(1);

  auto* show = contacts->add_subcommand("show", "an instansi's contacts, primary first");
  auto show_code = std::make_shared<std::string>();
  show->add_option("code", *show_code, "instansi code (default for an instansi: its own)");
  OffersCsv(show);
  show->callback([=] {
    CliContext& c = context();
    v1::GetInstansiContactsRequest req;
    req.set_instansi_code(*show_code);
    v1::InstansiContacts out;
    if (!Invoke(c, &v1::RegistryService::Stub::GetInstansiContacts, req, &out, exit_code)) {
      return;
    }
    PrintContacts(c, out);
  });

  auto* set = contacts->add_subcommand(
      "set",
      "replace an instansi's contacts (1 to 10): each --email starts a contact, and a --name "
      "or --webhook belongs to the --email before it");
  auto set_code = std::make_shared<std::string>();
  auto emails = std::make_shared<std::vector<std::string>>();
  auto names = std::make_shared<std::vector<std::string>>();
  auto webhooks = std::make_shared<std::vector<std::string>>();
  auto etag = std::make_shared<std::string>();
  set->add_option("code", *set_code, "instansi code")->required();
  CLI::Option* email = set->add_option("--email", *emails, "an admin's email address (repeatable)")
                           ->required()->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  CLI::Option* name =
      set->add_option("--name", *names, "display name of the contact before it, e.g. "
                                        "\"Admin BKPSDM Kota Bekasi\"")
          ->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  CLI::Option* webhook = set->add_option(
      "--webhook", *webhooks, "https:// URL of the contact before it (own system, WhatsApp gateway)")
      ->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  set->add_option("--etag", *etag, "refuse if the contacts changed since this etag (from show)");
  // The values are read back from the options in the order typed (ContactsInOrder);
  // the bound vectors are captured only to outlive the parse that fills them.
  set->callback([=, bound = std::make_tuple(emails, names, webhooks)] {
    std::string error;
    std::vector<v1::InstansiContact> list = ContactsInOrder(*set, email, name, webhook, &error);
    if (!error.empty()) {
      *exit_code = UsageError(error);
      return;
    }
    v1::UpdateInstansiContactsRequest req;
    req.mutable_contacts()->set_instansi_code(*set_code);
    for (v1::InstansiContact& contact : list) *req.mutable_contacts()->add_contacts() = contact;
    req.set_etag(*etag);
    CliContext& c = context();
    v1::InstansiContacts out;
    if (!Invoke(c, &v1::RegistryService::Stub::UpdateInstansiContacts, req, &out, exit_code)) {
      return;
    }
    PrintContacts(c, out);
  });
}

}  // namespace penataan::cli
