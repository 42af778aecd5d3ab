#include "services/screening/screening_proto.h"

#include "common/proto_time.h"
#include "services/screening/registry_client.h"

namespace penataan::screening {

void SetDate(absl::CivilDay d, common::v1::Date* out) {
  out->set_year(static_cast<int32_t>(d.year()));
  out->set_month(d.month());
  out->set_day(d.day());
}

void ToProto(const RoundView& v, v1::Round* out) {
  const Round& r = v.round;
  out->set_name(RoundName(r.id));
  out->set_display_name(r.display_name);
  SetDate(r.cutoff, out->mutable_cutoff_date());
  *out->mutable_rules() = r.rules;
  SetDate(r.appeal_start_date, out->mutable_appeal_start_date());
  SetDate(r.appeal_end_date, out->mutable_appeal_end_date());
  out->set_appeal_time_zone(r.appeal_zone);
  SetTimestamp(r.appeal_start, out->mutable_appeal_window_start());
  SetTimestamp(r.appeal_end, out->mutable_appeal_window_end());
  if (r.results_publish_time) {
    SetTimestamp(*r.results_publish_time, out->mutable_results_publish_time());
  }
  out->set_applicant_count(v.counts.applicants);
  out->set_ms_count(v.counts.ms);
  out->set_tms_count(v.counts.tms);
  out->set_etag(Etag(r.version));
  SetTimestamp(r.create_time, out->mutable_create_time());
  SetTimestamp(r.update_time, out->mutable_update_time());
}

void ToProto(const Applicant& a, v1::Applicant* out) {
  out->set_name(ApplicantName(a.round_id, a.honorer_id));
  out->set_honorer(HonorerName(a.honorer_id));
  out->set_instansi_code(a.instansi_code);
  out->set_post_kind(a.post_kind);
  SetTimestamp(a.create_time, out->mutable_create_time());
}

void ToProto(const Result& r, v1::Result* out) {
  out->set_name(ResultName(r.round_id, r.honorer_id));
  out->set_honorer(HonorerName(r.honorer_id));
  out->set_instansi_code(r.instansi_code);
  out->set_outcome(r.outcome);
  for (const v1::Reason& reason : r.reasons) *out->add_reasons() = reason;
  out->set_changed_by_appeal(r.changed_by_appeal);
  SetTimestamp(r.decide_time, out->mutable_decide_time());
  out->set_service_days(r.service_days);
  out->set_age_years(r.age_years);
  out->set_full_name(r.full_name);
  out->set_jabatan_category(r.jabatan_category);
  out->set_etag(Etag(r.version));
  if (r.has_appeal) out->set_appeal(AppealName(r.round_id, r.honorer_id));
  SetTimestamp(r.update_time, out->mutable_update_time());
}

void ToProto(const Appeal& a, v1::Appeal* out) {
  out->set_name(AppealName(a.round_id, a.honorer_id));
  out->set_result(ResultName(a.round_id, a.honorer_id));
  for (const v1::Appeal::Answer& ans : a.answers) *out->add_answers() = ans;
  out->set_state(a.state);
  out->set_decision_note(a.decision_note);
  SetTimestamp(a.file_time, out->mutable_file_time());
  if (a.decide_time) SetTimestamp(*a.decide_time, out->mutable_decide_time());
  out->set_instansi_code(a.instansi_code);
  out->set_etag(Etag(a.version));
  out->set_filed_by(a.filed_by);
  out->set_decided_by(a.decided_by);
}

void ToProto(const RankedCandidate& c, v1::RankCandidatesResponse::Candidate* out) {
  out->set_honorer(HonorerName(c.candidate.honorer_id));
  out->set_rank(c.rank);
  out->set_service_days(c.candidate.service_days);
  out->set_age_years(c.candidate.age_years);
  out->set_service_display(c.service_display);
  out->set_full_name(c.candidate.full_name);
  out->set_age_days(c.candidate.age_days);
  out->set_changed_by_appeal(c.candidate.changed_by_appeal);
}

}  // namespace penataan::screening
