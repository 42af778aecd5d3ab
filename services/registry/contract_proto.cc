#include "services/registry/contract_proto.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/errors.h"
#include "common/proto_time.h"
#include "common/status_macros.h"
#include "services/registry/registry_proto.h"

namespace penataan::registry {

void ToProto(const Contract& in, v1::Contract* out) {
  out->set_name(ContractName(in.honorer_id, in.id));
  out->set_honorer(HonorerName(in.honorer_id));
  out->set_sk_number(in.sk_number);
  DateToProto(in.start_date, out->mutable_start_date());
  DateToProto(in.end_date, out->mutable_end_date());
  out->set_signed_by(in.signed_by);
  if (in.signed_date) DateToProto(*in.signed_date, out->mutable_signed_date());
  out->set_expiry(in.expiry);
  SetTimestamp(in.create_time, out->mutable_create_time());
  out->set_created_by(in.created_by);
}

void ToProto(const ExpiringContract& in, v1::ExpiringContract* out) {
  ToProto(in.contract, out->mutable_contract());
  out->set_full_name(in.full_name);
  out->set_unit_kerja(in.unit_kerja);
  out->set_status(in.status);
  out->set_crucial_unit(in.crucial_unit);
  out->set_review(in.review);
  out->set_days_left(in.days_left);
}

void ToProto(const ContractPolicy& in, v1::ContractPolicy* out) {
  out->set_name(absl::StrCat("instansi/", in.instansi_code, "/contractPolicy"));
  out->set_instansi_code(in.instansi_code);
  for (const CrucialUnit& u : in.crucial_units) {
    v1::CrucialUnit* unit = out->add_crucial_units();
    unit->set_unit_kerja(u.unit_kerja);
    unit->set_prefix(u.prefix);
    unit->set_reason(u.reason);
  }
  out->set_expiry_notice_days(in.expiry_notice_days);
  out->set_etag(Etag(in.version));
  if (in.version > 0) {
    SetTimestamp(in.update_time, out->mutable_update_time());
    out->set_updated_by(in.updated_by);
  }
}

ContractPolicy PolicyFromProto(const v1::ContractPolicy& in) {
  ContractPolicy p;
  p.instansi_code = in.instansi_code();
  for (const v1::CrucialUnit& u : in.crucial_units()) {
    p.crucial_units.push_back(CrucialUnit{u.unit_kerja(), u.prefix(), u.reason()});
  }
  p.expiry_notice_days = in.expiry_notice_days();
  return p;
}

absl::StatusOr<std::string> PolicyInstansiCode(const v1::ContractPolicy& in) {
  if (in.name().empty()) return in.instansi_code();
  absl::string_view code = in.name();
  if (!absl::ConsumePrefix(&code, "instansi/") || !absl::ConsumeSuffix(&code, "/contractPolicy") ||
      code.empty() || absl::StrContains(code, '/')) {
    return InvalidField("policy.name", "is not of the form instansi/{code}/contractPolicy");
  }
  if (!in.instansi_code().empty() && in.instansi_code() != code) {
    return InvalidField("policy.name", "names another instansi than policy.instansi_code");
  }
  return std::string(code);
}

void ToProto(const PerformanceReview& in, v1::PerformanceReview* out) {
  out->set_name(ReviewName(in.honorer_id, in.year));
  out->set_honorer(HonorerName(in.honorer_id));
  out->set_year(in.year);
  out->set_outcome(in.outcome);
  out->set_reviewer(in.reviewer);
  out->set_note(in.note);
  SetTimestamp(in.update_time, out->mutable_update_time());
  out->set_updated_by(in.updated_by);
}

PerformanceReview ReviewFromProto(const v1::PerformanceReview& in) {
  PerformanceReview r;
  r.year = in.year();
  r.outcome = in.outcome();
  r.reviewer = in.reviewer();
  r.note = in.note();
  return r;
}

std::vector<ReviewImportRow> ReviewRowsFromProto(const v1::ImportPerformanceReviewsRequest& in) {
  std::vector<ReviewImportRow> rows;
  rows.reserve(in.rows_size());
  for (const auto& r : in.rows()) {
    rows.push_back(ReviewImportRow{r.row_number(), r.nik(), r.honorer(), r.year(), r.outcome(),
                                   r.reviewer(), r.note()});
  }
  return rows;
}

absl::StatusOr<RenewalRequest> RenewalFromProto(const v1::RenewContractsRequest& in) {
  RenewalRequest r;
  r.instansi_code = in.instansi_code();
  r.unit_kerja.assign(in.unit_kerja().begin(), in.unit_kerja().end());
  r.jabatan_category = in.jabatan_category();
  r.honorers.assign(in.honorers().begin(), in.honorers().end());
  r.exclude_honorers.assign(in.exclude_honorers().begin(), in.exclude_honorers().end());
  r.sk.sk_number = in.sk_number();
  r.sk.signed_by = in.signed_by();
  std::vector<Violation> bad;
  auto date = [&](bool has, const common::v1::Date& d, const char* field,
                  std::optional<absl::CivilDay>& into) {
    if (!DateFromProto(has, d, field, into).ok()) bad.push_back({field, 0, "is not a real date"});
  };
  date(in.has_current_contract_end(), in.current_contract_end(), "current_contract_end",
       r.current_contract_end);
  date(in.has_start_date(), in.start_date(), "start_date", r.sk.start_date);
  date(in.has_end_date(), in.end_date(), "end_date", r.sk.end_date);
  date(in.has_signed_date(), in.signed_date(), "signed_date", r.sk.signed_date);
  RETURN_IF_ERROR(InvalidFields(bad));
  r.options.review_year = in.review_year();
  r.options.include_kurang = in.include_kurang();
  r.options.require_review = in.require_review();
  r.dry_run = in.dry_run();
  r.request_id = in.request_id();
  return r;
}

}  // namespace penataan::registry
