#include "services/registry/registry_proto.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/errors.h"
#include "common/proto_time.h"
#include "common/status_macros.h"
#include "services/registry/registry.h"

namespace penataan::registry {
namespace {

void SetDate(const std::optional<absl::CivilDay>& d, bool has, common::v1::Date* out) {
  if (!has || !d) return;
  DateToProto(*d, out);
}

absl::Status GetDate(bool has, const common::v1::Date& in, const char* field,
                     std::optional<absl::CivilDay>& out) {
  return DateFromProto(has, in, field, out);
}

}  // namespace

void DateToProto(absl::CivilDay d, common::v1::Date* out) {
  out->set_year(static_cast<int32_t>(d.year()));
  out->set_month(d.month());
  out->set_day(d.day());
}

// An unset Date (all zero) is "not given"; anything else must be a real date.
absl::Status DateFromProto(bool has, const common::v1::Date& in, const char* field,
                           std::optional<absl::CivilDay>& out) {
  if (!has || (in.year() == 0 && in.month() == 0 && in.day() == 0)) {
    out.reset();
    return absl::OkStatus();
  }
  const absl::CivilDay d(in.year(), in.month(), in.day());
  if (d.year() != in.year() || d.month() != in.month() || d.day() != in.day() ||
      in.year() < 1900 || in.year() > 2200) {
    return InvalidField(field, "is not a real date");
  }
  out = d;
  return absl::OkStatus();
}

void ToProto(const Instansi& in, v1::Instansi* out) {
  out->set_name(absl::StrCat("instansi/", in.code));
  out->set_code(in.code);
  out->set_display_name(in.display_name);
  out->set_level(in.level);
  out->set_time_zone(in.time_zone);
  SetTimestamp(in.create_time, out->mutable_create_time());
}

Instansi FromProto(const v1::Instansi& in) {
  return Instansi{in.code(), in.display_name(), in.level(), in.time_zone(), absl::InfinitePast()};
}

void ToProto(const Honorer& in, v1::Honorer* out, v1::HonorerView view) {
  const bool full = view == v1::HONORER_VIEW_FULL || view == v1::HONORER_VIEW_UNSPECIFIED;
  const bool screening = view == v1::HONORER_VIEW_SCREENING;
  out->set_name(HonorerName(in.id));
  if (full) out->set_nik(in.nik);
  out->set_full_name(in.full_name);
  if (full || screening) SetDate(in.birth_date, true, out->mutable_birth_date());
  if (full) out->set_gender(in.gender);
  if (full || screening) {
    if (!in.contact.email.empty() || !in.contact.whatsapp.empty()) {
      out->mutable_contact()->set_email(in.contact.email);
      out->mutable_contact()->set_whatsapp(in.contact.whatsapp);
    }
    for (const BknDifference& d : in.BknDifferences()) {
      v1::BknDifference* diff = out->add_bkn_differences();
      diff->set_field(d.field);
      diff->set_registry_value(d.registry_value);
      diff->set_bkn_value(d.bkn_value);
    }
  }
  out->set_education(in.education);
  out->set_instansi_code(in.instansi_code);
  out->set_unit_kerja(in.unit_kerja);
  out->set_jabatan_category(in.jabatan_category);
  out->set_position_title(in.position_title);
  SetDate(in.service_start_date, true, out->mutable_service_start_date());
  out->set_in_bkn_database(in.in_bkn_database);
  out->set_status(in.status);
  if (in.contract_start) SetDate(in.contract_start, true, out->mutable_contract_start());
  if (in.contract_end) SetDate(in.contract_end, true, out->mutable_contract_end());
  out->set_working_without_contract(in.working_without_contract);
  out->set_etag(Etag(in.version));
  SetTimestamp(in.create_time, out->mutable_create_time());
  SetTimestamp(in.update_time, out->mutable_update_time());
}

absl::StatusOr<Honorer> FromProto(const v1::Honorer& in) {
  Honorer h;
  h.nik = in.nik();
  h.full_name = in.full_name();
  h.gender = in.gender();
  h.education = in.education();
  h.instansi_code = in.instansi_code();
  h.unit_kerja = in.unit_kerja();
  h.jabatan_category = in.jabatan_category();
  h.position_title = in.position_title();
  h.in_bkn_database = in.in_bkn_database();
  h.working_without_contract = in.working_without_contract();
  h.status = in.status();
  h.contact = HonorerContactInfo{in.contact().email(), in.contact().whatsapp()};
  std::vector<Violation> bad;
  auto date = [&](bool has, const common::v1::Date& d, const char* field,
                  std::optional<absl::CivilDay>& into) {
    absl::Status s = GetDate(has, d, field, into);
    if (!s.ok()) bad.push_back({field, 0, "is not a real date"});
  };
  date(in.has_birth_date(), in.birth_date(), "honorer.birth_date", h.birth_date);
  date(in.has_service_start_date(), in.service_start_date(), "honorer.service_start_date",
       h.service_start_date);
  date(in.has_contract_start(), in.contract_start(), "honorer.contract_start", h.contract_start);
  date(in.has_contract_end(), in.contract_end(), "honorer.contract_end", h.contract_end);
  if (!bad.empty()) return InvalidFields(bad);
  return h;
}

absl::StatusOr<BknRecord> BknRecordFromProto(const v1::VerifyHonorersRequest::Entry& in,
                                             const std::string& prefix) {
  BknRecord record;
  if (!in.full_name().empty()) record.full_name = in.full_name();
  const std::string field = absl::StrCat(prefix, "birth_date");
  RETURN_IF_ERROR(GetDate(in.has_birth_date(), in.birth_date(), field.c_str(), record.birth_date));
  return record;
}

void ToProto(const StatusEvent& in, v1::StatusEvent* out) {
  out->set_from_status(in.from_status);
  out->set_status(in.status);
  out->set_reason(in.reason);
  out->set_principal(in.principal);
  SetTimestamp(in.time, out->mutable_time());
}

void ToProto(const InstansiContactList& in, v1::InstansiContacts* out) {
  out->set_name(ContactsName(in.instansi_code));
  out->set_instansi_code(in.instansi_code);
  for (const InstansiContact& c : in.contacts) {
    v1::InstansiContact* contact = out->add_contacts();
    contact->set_display_name(c.display_name);
    contact->set_email(c.email);
    contact->set_webhook_url(c.webhook_url);
  }
  out->set_etag(Etag(in.version));
  if (in.version > 0) {
    SetTimestamp(in.update_time, out->mutable_update_time());
    out->set_updated_by(in.updated_by);
  }
}

std::vector<InstansiContact> ContactsFromProto(const v1::InstansiContacts& in) {
  std::vector<InstansiContact> out;
  out.reserve(in.contacts_size());
  for (const v1::InstansiContact& c : in.contacts()) {
    out.push_back(InstansiContact{c.display_name(), c.email(), c.webhook_url()});
  }
  return out;
}

absl::StatusOr<std::string> ContactsInstansiCode(const v1::InstansiContacts& in) {
  if (in.name().empty()) return in.instansi_code();
  absl::string_view code = in.name();
  if (!absl::ConsumePrefix(&code, "instansi/") || !absl::ConsumeSuffix(&code, "/contacts") ||
      code.empty() || absl::StrContains(code, '/')) {
    return InvalidField("contacts.name", "is not of the form instansi/{code}/contacts");
  }
  if (!in.instansi_code().empty() && in.instansi_code() != code) {
    return InvalidField("contacts.name", "names another instansi than contacts.instansi_code");
  }
  return std::string(code);
}

}  // namespace penataan::registry
