#include "services/formasi/formasi_proto.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/proto_time.h"
#include "common/status_macros.h"
#include "services/formasi/proposal_rules.h"
#include "services/formasi/registry_reader.h"

namespace penataan::formasi {
namespace {

absl::Duration FromDuration(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

void SetDuration(absl::Duration d, google::protobuf::Duration* out) {
  out->set_seconds(absl::ToInt64Seconds(d));
}

DeadlineInput DeadlineOf(bool has_instant, const google::protobuf::Timestamp& instant,
                         const std::string& civil, const std::string& zone) {
  DeadlineInput in;
  if (has_instant) in.instant = FromTimestamp(instant);
  in.civil_time = civil;
  in.zone = zone;
  return in;
}

}  // namespace

PeriodInput PeriodInputFromProto(const v1::Period& p) {
  PeriodInput in;
  in.display_name = p.display_name();
  in.kind = p.kind();
  if (p.has_open_time()) in.open_time = FromTimestamp(p.open_time());
  in.deadline = DeadlineOf(p.has_deadline(), p.deadline(), p.deadline_civil_time(),
                           p.deadline_time_zone());
  for (const auto& d : p.reminder_offsets()) in.reminder_offsets.push_back(FromDuration(d));
  in.deadline_letter = p.deadline_letter_number();
  return in;
}

void ToProto(const PeriodView& v, v1::Period* out) {
  const Period& p = v.period;
  out->set_name(PeriodName(p.id));
  out->set_display_name(p.display_name);
  out->set_kind(p.kind);
  SetTimestamp(p.open_time, out->mutable_open_time());
  SetTimestamp(p.deadline, out->mutable_deadline());
  out->set_deadline_time_zone(p.deadline_zone);
  for (absl::Duration d : p.reminder_offsets) SetDuration(d, out->add_reminder_offsets());
  out->set_state(v.state);
  out->set_etag(Etag(p.version));
  SetTimestamp(p.create_time, out->mutable_create_time());
  SetTimestamp(p.update_time, out->mutable_update_time());
  out->set_deadline_civil_time(CivilTimeIn(p.deadline, p.deadline_zone));
  out->set_deadline_display(DeadlineDisplay(p.deadline, p.deadline_zone, ""));
  out->set_deadline_letter_number(p.deadline_letter);
  if (p.close_time) SetTimestamp(*p.close_time, out->mutable_close_time());
}

ExtensionInput ExtensionInputFromProto(const v1::Extension& e) {
  ExtensionInput in;
  in.period = e.period();
  in.instansi_code = e.instansi_code();
  // "periods/1/extensions/3275" stands for both when they are not given.
  if (!e.name().empty()) {
    absl::StatusOr<std::pair<int64_t, std::string>> key =
        ParseChildName(e.name(), "extensions", "extension.name");
    if (key.ok()) {
      if (in.period.empty()) in.period = PeriodName(key->first);
      if (in.instansi_code.empty()) in.instansi_code = key->second;
    }
  }
  in.deadline = DeadlineOf(e.has_deadline(), e.deadline(), e.deadline_civil_time(),
                           e.deadline_time_zone());
  in.reason = e.reason();
  in.letter_number = e.letter_number();
  return in;
}

void ToProto(const ExtensionView& v, v1::Extension* out) {
  const Extension& e = v.extension;
  out->set_name(ExtensionName(e.period_id, e.instansi_code));
  out->set_period(PeriodName(e.period_id));
  out->set_instansi_code(e.instansi_code);
  SetTimestamp(e.deadline, out->mutable_deadline());
  out->set_deadline_time_zone(e.deadline_zone);
  out->set_deadline_civil_time(CivilTimeIn(e.deadline, e.deadline_zone));
  out->set_reason(e.reason);
  out->set_letter_number(e.letter_number);
  out->set_granted_by(e.granted_by);
  SetTimestamp(e.grant_time, out->mutable_grant_time());
  out->set_deadline_display(v.deadline_display);
}

absl::StatusOr<Proposal> ProposalContentFromProto(const v1::Proposal& in) {
  // The bounds first, from the sizes alone: an oversized request is refused
  // before a single honorer name is parsed (ValidateProposalContent holds the
  // same bounds for content read back).
  if (static_cast<size_t>(in.lines_size()) > kMaxLines) {
    return InvalidField("proposal.lines", absl::StrCat("at most ", kMaxLines, " lines"));
  }
  if (static_cast<size_t>(in.left_out_size()) > kMaxHonorersPerProposal) {
    return InvalidField("proposal.left_out",
                        absl::StrCat("at most ", kMaxHonorersPerProposal, " honorers"));
  }
  size_t honorers = static_cast<size_t>(in.left_out_size());
  for (const v1::ProposalLine& l : in.lines()) honorers += static_cast<size_t>(l.honorers_size());
  if (honorers > kMaxHonorersPerProposal) {
    return InvalidField("proposal.lines",
                        absl::StrCat("at most ", kMaxHonorersPerProposal,
                                     " honorers named and left out together"));
  }
  Proposal p;
  for (int i = 0; i < in.lines_size(); ++i) {
    const v1::ProposalLine& l = in.lines(i);
    ProposalLine line;
    line.jabatan_category = l.jabatan_category();
    line.position_title = l.position_title();
    line.education = l.education_qualification();
    line.unit_kerja = l.unit_kerja();
    line.count = l.count();
    line.monthly_pay_idr = l.monthly_pay_idr();
    for (int j = 0; j < l.honorers_size(); ++j) {
      ASSIGN_OR_RETURN(int64_t id,
                       ParseHonorerName(l.honorers(j),
                                        absl::StrCat("proposal.lines[", i, "].honorers[", j, "]")));
      line.honorer_ids.push_back(id);
    }
    p.lines.push_back(std::move(line));
  }
  for (int k = 0; k < in.left_out_size(); ++k) {
    const v1::LeftOutHonorer& l = in.left_out(k);
    ASSIGN_OR_RETURN(int64_t id, ParseHonorerName(l.honorer(), absl::StrCat("proposal.left_out[",
                                                                             k, "].honorer")));
    p.left_out.push_back({id, l.reason(), l.note()});
  }
  p.budget_capacity_idr = in.budget_capacity_idr();
  p.sptjm_reference = in.sptjm_reference();
  return p;
}

void ToProto(const ProposalView& v, bool with_content, v1::Proposal* out) {
  const Proposal& p = v.proposal;
  out->set_name(ProposalName(p.period_id, p.instansi_code));
  out->set_period(PeriodName(p.period_id));
  out->set_instansi_code(p.instansi_code);
  if (with_content) {
    for (const ProposalLine& l : p.lines) {
      v1::ProposalLine* line = out->add_lines();
      line->set_jabatan_category(l.jabatan_category);
      line->set_position_title(l.position_title);
      line->set_education_qualification(l.education);
      line->set_unit_kerja(l.unit_kerja);
      line->set_count(l.count);
      line->set_monthly_pay_idr(l.monthly_pay_idr);
      for (int64_t id : l.honorer_ids) line->add_honorers(HonorerName(id));
    }
    for (const LeftOut& l : p.left_out) {
      v1::LeftOutHonorer* left = out->add_left_out();
      left->set_honorer(HonorerName(l.honorer_id));
      left->set_reason(l.reason);
      left->set_note(l.note);
    }
  }
  out->set_budget_capacity_idr(p.budget_capacity_idr);
  out->set_estimated_annual_cost_idr(p.estimated_annual_cost_idr);
  out->set_state(p.state);
  out->set_sptjm_reference(p.sptjm_reference);
  out->set_decision_note(p.decision_note);
  if (p.submit_time) SetTimestamp(*p.submit_time, out->mutable_submit_time());
  out->set_etag(Etag(p.version));
  SetTimestamp(p.create_time, out->mutable_create_time());
  SetTimestamp(p.update_time, out->mutable_update_time());
  for (const std::string& w : v.warnings) out->add_warnings(w);
  SetTimestamp(v.effective_deadline, out->mutable_effective_deadline());
  out->set_deadline_display(v.deadline_display);
  out->set_time_left(v.time_left);
  out->set_deadline_missed(v.deadline_missed);
  if (p.decide_time) SetTimestamp(*p.decide_time, out->mutable_decide_time());
  out->set_decided_by(p.decided_by);
}

}  // namespace penataan::formasi
