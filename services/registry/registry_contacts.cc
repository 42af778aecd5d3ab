// Registry: instansi contact lists (declared in registry.h). Kept apart from the
// honorer logic in registry.cc: contacts share only the ownership and audit helpers.

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/registry/registry.h"

namespace penataan::registry {
namespace {

using storage::Connection;
using storage::InTransaction;
using storage::PooledConnection;

absl::Status UnknownInstansi(const std::string& code, const char* field) {
  return WithViolation(
      absl::NotFoundError(absl::StrCat(field, ": instansi ", code, " is not registered")),
      Violation{field, 0, "instansi is not registered"});
}

}  // namespace

absl::StatusOr<InstansiContactList> Registry::GetInstansiContacts(const Caller& caller,
                                                                  std::string code) {
  if (code.empty() && caller.own_records_only) code = caller.principal.id;
  if (code.empty()) return InvalidField("instansi_code", "is required");
  RETURN_IF_ERROR(RequireOwner(caller, code, "GetInstansiContacts", ContactsName(code)));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(std::vector<InstansiContactList> lists, store_.GetContactLists(*conn, {code}));
  if (lists.empty()) return UnknownInstansi(code, "instansi_code");
  return std::move(lists[0]);
}

absl::StatusOr<InstansiContactList> Registry::UpdateInstansiContacts(
    const Caller& caller, std::string code, const std::vector<InstansiContact>& contacts,
    const std::string& etag) {
  if (code.empty() && caller.own_records_only) code = caller.principal.id;
  if (code.empty()) return InvalidField("contacts.instansi_code", "is required");
  const std::string resource = ContactsName(code);
  // Permission, then the request's form, then existence.
  RETURN_IF_ERROR(RequireOwner(caller, code, "UpdateInstansiContacts", resource));
  RETURN_IF_ERROR(InvalidFields(ValidateContacts(contacts, "contacts.contacts")));
  const int64_t webhooks = std::count_if(contacts.begin(), contacts.end(),
                                         [](const InstansiContact& c) {
                                           return !c.webhook_url.empty();
                                         });
  std::optional<InstansiContactList> result;
  absl::Status status = InTransaction(db_, [&](Connection& c) -> absl::Status {
    // Locked: a concurrent update waits here and then sees this one's version, so
    // a stale etag is caught whichever commits first.
    ASSIGN_OR_RETURN(std::vector<InstansiContactList> lists,
                     store_.GetContactLists(c, {code}, /*for_update=*/true));
    if (lists.empty()) return UnknownInstansi(code, "contacts.instansi_code");
    const InstansiContactList& current = lists[0];
    if (!etag.empty() && etag != Etag(current.version)) {
      return WithViolation(
          absl::AbortedError(
              "etag: the contacts were changed since they were read; read them again"),
          Violation{"etag", 0, "is stale"});
    }
    InstansiContactList next{code, contacts, current.version + 1, clock_.Now(),
                             caller.principal.ToString()};
    RETURN_IF_ERROR(store_.ReplaceContactList(c, next, current.version));
    // Counts only: an address in the audit log would outlive its removal here.
    RETURN_IF_ERROR(Audit(c, caller, "UpdateInstansiContacts", resource,
                          absl::StrCat("contacts=", contacts.size(), " webhooks=", webhooks,
                                       " version=", next.version)));
    result = std::move(next);
    return absl::OkStatus();
  });
  RETURN_IF_ERROR(status);
  return *std::move(result);
}

absl::StatusOr<std::vector<InstansiContactList>> Registry::BatchGetInstansiContacts(
    const Caller& caller, const std::vector<std::string>& codes) {
  if (codes.size() > kMaxBatchGetInstansiContacts) {
    return InvalidField("instansi_codes",
                        absl::StrCat("at most ", kMaxBatchGetInstansiContacts,
                                     " codes per call, not ", codes.size()));
  }
  // Naming another instansi is refused, as a list naming it is; never filtered out
  // silently, which would read as "has no contacts".
  for (const std::string& code : codes) {
    if (!caller.Owns(code)) {
      return RequireOwner(caller, code, "BatchGetInstansiContacts", ContactsName(code));
    }
  }
  std::vector<std::string> distinct = codes;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::map<std::string, InstansiContactList> by_code;
  {
    ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(std::vector<InstansiContactList> lists,
                     store_.GetContactLists(*conn, distinct));
    for (InstansiContactList& list : lists) {
      std::string key = list.instansi_code;
      by_code.emplace(std::move(key), std::move(list));
    }
  }
  std::vector<InstansiContactList> out;
  out.reserve(codes.size());
  for (const std::string& code : codes) {
    auto it = by_code.find(code);
    if (it != by_code.end()) out.push_back(it->second);
  }
  return out;
}

}  // namespace penataan::registry
