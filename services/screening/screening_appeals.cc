// Screening: appeals (sanggah), filed by the owner instansi inside the round's
// window and decided by BKN.

#include <map>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/indonesian_time.h"
#include "common/paging.h"
#include "common/status_macros.h"
#include "common/storage/audit_log.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/screening/notice_store.h"
#include "services/screening/run_notices.h"  // BatasSanggah: the messages' own text
#include "services/screening/screening.h"
#include "services/screening/screening_text.h"

namespace penataan::screening {
namespace {

using storage::Connection;
using storage::InTransaction;
using storage::PooledConnection;

constexpr size_t kMaxStatement = 2000;
constexpr size_t kMaxNote = 2000;
// appeals.answers is a TEXT column (64 KiB on MariaDB).
constexpr size_t kMaxAnswersBytes = 60000;

std::string ReasonName(v1::ReasonCode code) {
  return v1::ReasonCode_IsValid(code) ? v1::ReasonCode_Name(code) : absl::StrCat(int{code});
}

// Every failed rule of the result answered exactly once, each with a statement.
absl::Status CheckAnswers(const Result& result, const v1::FileAppealRequest& req) {
  absl::flat_hash_set<int> failed, answered;
  for (const v1::Reason& r : result.reasons) failed.insert(r.code());
  for (int i = 0; i < req.answers_size(); ++i) {
    const v1::Appeal::Answer& a = req.answers(i);
    const std::string field = absl::StrCat("answers[", i, "]");
    if (!failed.contains(a.code())) {
      return InvalidField(absl::StrCat(field, ".code"),
                          absl::StrCat(ReasonName(a.code()), " is not a failed rule of ",
                                       req.result()));
    }
    if (!answered.insert(a.code()).second) {
      return InvalidField(absl::StrCat(field, ".code"),
                          absl::StrCat(ReasonName(a.code()), " is answered twice"));
    }
    RETURN_IF_ERROR(
        CheckText(a.statement(), absl::StrCat(field, ".statement"), kMaxStatement, true));
  }
  for (const v1::Reason& r : result.reasons) {
    if (!answered.contains(r.code())) {
      return InvalidField("answers", absl::StrCat("missing an answer to ", ReasonName(r.code())));
    }
  }
  return absl::OkStatus();
}

std::string JsonOf(const std::map<std::string, std::string>& fields) {
  google::protobuf::Struct s;
  for (const auto& [k, v] : fields) (*s.mutable_fields())[k].set_string_value(v);
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(s, &json).ok()) return "{}";
  return json;
}

// What a decision owes: the honorer (email, WhatsApp) and the instansi's primary
// contact (email, webhook), each under its own reference.
struct DecisionFacts {
  std::string round_name, honorer_name, instansi_name;
  registry::v1::HonorerContact honorer_contact;
  std::optional<registry::v1::InstansiContact> instansi_contact;
};

std::vector<Notice> DecisionNotices(const Appeal& a, const DecisionFacts& f) {
  const bool accepted = a.state == v1::Appeal::ACCEPTED;
  std::map<std::string, std::string> common = {
      {"nama", f.honorer_name},
      {"seleksi", f.round_name},
      {"instansi", f.instansi_name},
      {"keputusan", accepted ? "DITERIMA" : "DITOLAK"},
      {"hasil_akhir", accepted ? "MS" : "TMS"},
      {"catatan", a.decision_note.empty() ? "-" : a.decision_note},
  };
  const std::string base =
      absl::StrCat("screening/rounds/", a.round_id, "/results/", a.honorer_id, "/appeal/");
  std::vector<Notice> out;
  auto add = [&](const std::string& kind, const std::string& template_id,
                 const std::string& recipient, int64_t honorer_id) {
    Notice n;
    n.round_id = a.round_id;
    n.reference = base + kind;
    n.template_id = template_id;
    n.recipient = recipient;
    n.personalisation_json = JsonOf(common);
    n.instansi_code = a.instansi_code;
    n.honorer_id = honorer_id;
    out.push_back(std::move(n));
  };
  if (!f.honorer_contact.email().empty()) {
    add("honorer-email", "appeal-decision", f.honorer_contact.email(), a.honorer_id);
  }
  if (!f.honorer_contact.whatsapp().empty()) {
    add("honorer-whatsapp", "appeal-decision-whatsapp",
        absl::StrCat("whatsapp:", f.honorer_contact.whatsapp()), a.honorer_id);
  }
  if (f.instansi_contact && !f.instansi_contact->email().empty()) {
    add("instansi-email", "appeal-decision-instansi", f.instansi_contact->email(), 0);
  }
  if (f.instansi_contact && !f.instansi_contact->webhook_url().empty()) {
    add("instansi-webhook", "appeal-decision-instansi-webhook",
        f.instansi_contact->webhook_url(), 0);
  }
  return out;
}

}  // namespace

absl::StatusOr<Appeal> Screening::FileAppeal(const Caller& caller,
                                             const v1::FileAppealRequest& req) {
  ASSIGN_OR_RETURN(auto key, ParseResultName(req.result(), "result", false));
  RETURN_IF_ERROR(CheckText(req.request_id(), "request_id", 100, false));
  // Named, not bound: a lambda below captures them (C++17 captures no bindings).
  const int64_t round_id = key.first;
  const int64_t honorer_id = key.second;
  const absl::Status missing = absl::NotFoundError(absl::StrCat(req.result(), " not found"));
  // Read first (the name does not say whose it is): another instansi's result
  // answers as a missing one.
  Result result;
  Round round;
  {
    ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(std::optional<Result> r, store_.GetResult(*conn, round_id, honorer_id, false));
    if (!r) return missing;
    RETURN_IF_ERROR(storage::RequireOwner(db_, clock_.Now(), caller, r->instansi_code,
                                          "FileAppeal", req.result(), missing));
    result = *std::move(r);
    ASSIGN_OR_RETURN(round, LoadRound(*conn, round_id, RoundName(round_id), false));
  }
  // The window's end as the honorer's instansi reads it (the registry's zone; the
  // round's own when the registry cannot say).
  const std::string zone = ZoneOf(caller, result.instansi_code, round.appeal_zone);

  std::optional<Appeal> out;
  RETURN_IF_ERROR(InTransaction(db_, [&](Connection& c) -> absl::Status {
    auto existing_answer = [&]() -> absl::StatusOr<bool> {
      ASSIGN_OR_RETURN(std::optional<Appeal> existing,
                       store_.GetAppeal(c, round_id, honorer_id, false));
      if (!existing) return false;
      if (!req.request_id().empty() && existing->request_id == req.request_id()) {
        out = *std::move(existing);  // a retry of the filing that succeeded
        return true;
      }
      return absl::AlreadyExistsError(
          absl::StrCat(AppealName(round_id, honorer_id),
                       " was already filed; a result has one appeal"));
    };
    ASSIGN_OR_RETURN(bool replayed, existing_answer());
    if (replayed) return absl::OkStatus();
    ASSIGN_OR_RETURN(std::optional<Result> current,
                     store_.GetResult(c, round_id, honorer_id, true));
    if (!current) return missing;
    if (current->outcome != v1::TMS) {
      return absl::FailedPreconditionError(
          absl::StrCat(req.result(), " is ", v1::Outcome_Name(current->outcome),
                       "; only a TMS result can be appealed"));
    }
    const absl::Time now = clock_.Now();
    if (now < round.appeal_start) {
      return absl::FailedPreconditionError(absl::StrCat(
          "Masa sanggah belum dibuka: dibuka ",
          FormatIndonesianDateTime(round.appeal_start, zone), " ",
          ZoneAbbreviation(zone, round.appeal_start), ", berakhir ",
          BatasSanggah(round.appeal_end, zone)));
    }
    if (now >= round.appeal_end) {
      return absl::FailedPreconditionError(
          absl::StrCat("Masa sanggah berakhir ", BatasSanggah(round.appeal_end, zone)));
    }
    RETURN_IF_ERROR(CheckAnswers(*current, req));
    Appeal a;
    a.round_id = round_id;
    a.honorer_id = honorer_id;
    a.instansi_code = current->instansi_code;
    // In the order of the result's reasons, whatever order they came in.
    for (const v1::Reason& r : current->reasons) {
      for (const v1::Appeal::Answer& ans : req.answers()) {
        if (ans.code() == r.code()) a.answers.push_back(ans);
      }
    }
    if (EncodeAnswers(a.answers).size() > kMaxAnswersBytes) {
      return InvalidField("answers", "are too long together; shorten the statements");
    }
    a.state = v1::Appeal::FILED;
    a.filed_by = caller.principal.ToString();
    a.request_id = req.request_id();
    a.file_time = now;
    a.version = 1;
    absl::Status inserted = store_.InsertAppeal(c, a);
    if (absl::IsAlreadyExists(inserted)) {
      // A concurrent filing committed first.
      ASSIGN_OR_RETURN(replayed, existing_answer());
      if (replayed) return absl::OkStatus();
    }
    RETURN_IF_ERROR(inserted);
    RETURN_IF_ERROR(Audit(c, caller, "FileAppeal", AppealName(round_id, honorer_id),
                          absl::StrCat("answers=", a.answers.size())));
    out = std::move(a);
    return absl::OkStatus();
  }));
  return *out;
}

absl::StatusOr<Appeal> Screening::GetAppeal(const Caller& caller, const std::string& name) {
  ASSIGN_OR_RETURN(auto key, ParseResultName(name, "name", true));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(std::optional<Appeal> a, store_.GetAppeal(*conn, key.first, key.second, false));
  const absl::Status missing = absl::NotFoundError(absl::StrCat(name, " not found"));
  if (!a) return missing;
  RETURN_IF_ERROR(storage::RequireOwner(db_, clock_.Now(), caller, a->instansi_code, "GetAppeal",
                                        name, missing));
  return *std::move(a);
}

absl::StatusOr<Page<Appeal>> Screening::ListAppeals(const Caller& caller,
                                                    const v1::ListAppealsRequest& req) {
  ASSIGN_OR_RETURN(std::string code,
                   ScopeToInstansi(caller, req.instansi_code(), "ListAppeals", false));
  ASSIGN_OR_RETURN(int64_t round_id, ParseRoundName(req.round(), "round"));
  if (!v1::Appeal::State_IsValid(req.state())) return InvalidField("state", "is not a state");
  ASSIGN_OR_RETURN(int size, EffectivePageSize(req.page_size()));
  const std::string kind = absl::StrCat("appeals.", round_id, ".", code, ".", req.state());
  ASSIGN_OR_RETURN(int64_t after, DecodeIdPageToken(kind, req.page_token()));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  RETURN_IF_ERROR(LoadRound(*conn, round_id, req.round(), false).status());
  Page<Appeal> page;
  ASSIGN_OR_RETURN(page.items,
                   store_.ListAppeals(*conn, round_id, code, req.state(), after, size + 1));
  if (static_cast<int>(page.items.size()) > size) {
    page.items.pop_back();
    page.next_page_token = EncodePageToken(kind, absl::StrCat(page.items.back().honorer_id));
  }
  return page;
}

absl::StatusOr<Appeal> Screening::DecideAppeal(const Caller& caller,
                                               const v1::DecideAppealRequest& req) {
  ASSIGN_OR_RETURN(auto key, ParseResultName(req.name(), "name", true));
  // Named, not bound: a lambda below captures them (C++17 captures no bindings).
  const int64_t round_id = key.first;
  const int64_t honorer_id = key.second;
  if (req.decision() != v1::DecideAppealRequest::ACCEPT &&
      req.decision() != v1::DecideAppealRequest::REJECT) {
    return InvalidField("decision", "is required: ACCEPT or REJECT");
  }
  RETURN_IF_ERROR(CheckText(req.note(), "note", kMaxNote, false));
  if (req.etag().empty()) return InvalidField("etag", "is required: the appeal's current etag");

  // What the notices need, read before the transaction opens: nothing is written
  // when the registry cannot be reached.
  DecisionFacts facts;
  std::string instansi_code;
  {
    ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(std::optional<Appeal> a, store_.GetAppeal(*conn, round_id, honorer_id, false));
    if (!a) return absl::NotFoundError(absl::StrCat(req.name(), " not found"));
    instansi_code = a->instansi_code;
    ASSIGN_OR_RETURN(Round round, LoadRound(*conn, round_id, RoundName(round_id), false));
    facts.round_name = round.display_name;
    ASSIGN_OR_RETURN(std::optional<Result> r, store_.GetResult(*conn, round_id, honorer_id, false));
    if (r) facts.honorer_name = r->full_name;
  }
  ASSIGN_OR_RETURN(auto honorers, registry_.GetHonorers(caller, {honorer_id}));
  if (auto it = honorers.find(honorer_id); it != honorers.end()) {
    facts.honorer_contact = it->second.contact();
    if (facts.honorer_name.empty()) facts.honorer_name = it->second.full_name();
  }
  absl::StatusOr<InstansiInfo> instansi = registry_.GetInstansi(caller, instansi_code);
  if (!instansi.ok() && !absl::IsNotFound(instansi.status())) return instansi.status();
  facts.instansi_name = instansi.ok() ? instansi->display_name : instansi_code;
  absl::StatusOr<registry::v1::InstansiContacts> contacts =
      registry_.GetInstansiContacts(caller, instansi_code);
  if (contacts.ok() && contacts->contacts_size() > 0) {
    facts.instansi_contact = contacts->contacts(0);  // the primary
  } else if (!contacts.ok() && !absl::IsNotFound(contacts.status())) {
    return contacts.status();
  }

  std::optional<Appeal> out;
  RETURN_IF_ERROR(InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Appeal> a, store_.GetAppeal(c, round_id, honorer_id, true));
    if (!a) return absl::NotFoundError(absl::StrCat(req.name(), " not found"));
    if (req.etag() != Etag(a->version)) {
      return absl::AbortedError("etag: the appeal was changed since it was read; read it again");
    }
    if (a->state != v1::Appeal::FILED) {
      return absl::FailedPreconditionError(absl::StrCat(
          req.name(), " was already decided: ", v1::Appeal::State_Name(a->state)));
    }
    const absl::Time now = clock_.Now();
    const bool accept = req.decision() == v1::DecideAppealRequest::ACCEPT;
    const int64_t version = a->version;
    a->state = accept ? v1::Appeal::ACCEPTED : v1::Appeal::REJECTED;
    a->decision_note = req.note();
    a->decided_by = caller.principal.ToString();
    a->decide_time = now;
    RETURN_IF_ERROR(store_.UpdateAppealDecision(c, *a, version));
    a->version = version + 1;
    if (accept) {
      ASSIGN_OR_RETURN(std::optional<Result> r, store_.GetResult(c, round_id, honorer_id, true));
      if (!r) return absl::NotFoundError(absl::StrCat(ResultName(round_id, honorer_id), " not found"));
      const int64_t result_version = r->version;
      // MS, with the reasons it was TMS for kept; the registry learns it through
      // the runner's write-back of owed statuses.
      r->outcome = v1::MS;
      r->changed_by_appeal = true;
      r->registry_state = RegistryState::kOwed;
      r->update_time = now;
      RETURN_IF_ERROR(store_.UpdateResultOutcome(c, *r, result_version));
    }
    RETURN_IF_ERROR(InsertNotices(c, DecisionNotices(*a, facts), absl::ToUnixMicros(now)).status());
    RETURN_IF_ERROR(Audit(c, caller, "DecideAppeal", req.name(),
                          absl::StrCat("decision=", accept ? "ACCEPT" : "REJECT")));
    out = *std::move(a);
    return absl::OkStatus();
  }));
  if (hooks_.send_owed_for_result) hooks_.send_owed_for_result(caller, round_id, honorer_id);
  return *out;
}

}  // namespace penataan::screening
