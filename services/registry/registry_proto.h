#ifndef PENATAAN_SERVICES_REGISTRY_REGISTRY_PROTO_H_
#define PENATAAN_SERVICES_REGISTRY_REGISTRY_PROTO_H_

// Conversions between the API's messages and the registry's plain types.

#include "penataan/registry/v1/registry.pb.h"
#include "services/registry/honorer.h"
#include "services/registry/registry_store.h"

namespace penataan::registry {

void DateToProto(absl::CivilDay d, common::v1::Date* out);
// An unset Date (all zero) is "not given" (`out` reset); anything else must be a
// real date, or INVALID_ARGUMENT naming `field`.
absl::Status DateFromProto(bool has, const common::v1::Date& in, const char* field,
                           std::optional<absl::CivilDay>& out);

void ToProto(const Instansi& in, v1::Instansi* out);
Instansi FromProto(const v1::Instansi& in);

// The proto's HonorerView: FULL (or UNSPECIFIED) is everything; BASIC leaves out
// the NIK, birth date, gender, contact and BKN differences; SCREENING is BASIC plus
// the birth date, the BKN differences and the contact (never the NIK or gender).
// Which view a caller may have is Registry::ResolveView's.
void ToProto(const Honorer& in, v1::Honorer* out,
             v1::HonorerView view = v1::HONORER_VIEW_FULL);
// INVALID_ARGUMENT naming the field when a date is not a real date. The contact is
// taken as given (the registry normalizes and validates it).
absl::StatusOr<Honorer> FromProto(const v1::Honorer& in);

// BKN's record in a VerifyHonorers entry; an empty name or an unset date is "not
// sent". INVALID_ARGUMENT naming "<prefix>birth_date" when it is not a real date.
absl::StatusOr<BknRecord> BknRecordFromProto(const v1::VerifyHonorersRequest::Entry& in,
                                             const std::string& prefix);

void ToProto(const StatusEvent& in, v1::StatusEvent* out);

void ToProto(const InstansiContactList& in, v1::InstansiContacts* out);
std::vector<InstansiContact> ContactsFromProto(const v1::InstansiContacts& in);
// The instansi an UpdateInstansiContacts request names: contacts.instansi_code, or
// the code in contacts.name ("instansi/{code}/contacts"); empty when neither is
// given. INVALID_ARGUMENT when the name is malformed or the two disagree.
absl::StatusOr<std::string> ContactsInstansiCode(const v1::InstansiContacts& in);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_REGISTRY_PROTO_H_
