#ifndef PENATAAN_SERVICES_SCREENING_SCREENING_PROTO_H_
#define PENATAAN_SERVICES_SCREENING_SCREENING_PROTO_H_

// Screening's plain types to their API messages. Names are made here.

#include "penataan/screening/v1/screening.pb.h"
#include "services/screening/screening.h"

namespace penataan::screening {

void ToProto(const RoundView& v, v1::Round* out);
void ToProto(const Applicant& a, v1::Applicant* out);
void ToProto(const Result& r, v1::Result* out);
void ToProto(const Appeal& a, v1::Appeal* out);
void ToProto(const RankedCandidate& c, v1::RankCandidatesResponse::Candidate* out);
void SetDate(absl::CivilDay d, common::v1::Date* out);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_SCREENING_PROTO_H_
