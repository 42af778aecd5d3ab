#ifndef PENATAAN_SERVICES_REGISTRY_HONORER_H_
#define PENATAAN_SERVICES_REGISTRY_HONORER_H_

// The honorer and the instansi as plain values, and the rules that make one valid.
// Enums are the API's generated enums (plain C++ enums); nothing here knows gRPC or SQL.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/errors.h"
#include "services/registry/bkn_record.h"
#include "services/registry/honorer_contact.h"
#include "penataan/registry/v1/registry.pb.h"

namespace penataan::registry {

using penataan::common::v1::Education;
using v1::Gender;
using v1::HonorerStatus;
using JabatanCategory = common::v1::JabatanCategory;

struct Instansi {
  std::string code;
  std::string display_name;
  v1::Instansi::Level level = v1::Instansi::LEVEL_UNSPECIFIED;
  std::string time_zone;
  absl::Time create_time;
};

struct Honorer {
  int64_t id = 0;
  std::string nik;
  std::string full_name;
  std::optional<absl::CivilDay> birth_date;
  Gender gender = v1::GENDER_UNSPECIFIED;
  Education education = common::v1::EDUCATION_UNSPECIFIED;
  std::string instansi_code;
  std::string unit_kerja;
  JabatanCategory jabatan_category = common::v1::JABATAN_CATEGORY_UNSPECIFIED;
  std::string position_title;
  std::optional<absl::CivilDay> service_start_date;
  std::optional<absl::CivilDay> contract_start;
  std::optional<absl::CivilDay> contract_end;
  bool in_bkn_database = false;
  HonorerStatus status = v1::HONORER_STATUS_UNSPECIFIED;
  int64_t version = 0;
  std::string created_by;  // the principal that registered the honorer
  absl::Time create_time;
  absl::Time update_time;
  // Optional; normalized (NormalizeContact) before it is stored.
  HonorerContactInfo contact;
  // BKN's record as last sent through VerifyHonorers (empty: none, or not in BKN).
  BknRecord bkn;
  // The current SK ended without a new one while the unit is crucial: kept at work
  // without a current SK. Set by the expiry step; cleared when a later period
  // becomes current (a renewal, an import or create of a newer SK).
  bool working_without_contract = false;

  // Where the registry's data differs from `bkn` (CompareWithBkn).
  std::vector<BknDifference> BknDifferences() const {
    return CompareWithBkn(full_name, birth_date, bkn);
  }

  // Equal in every field a person enters (what an import may change).
  bool SameDataAs(const Honorer& other) const;
};

// Every problem with the entered fields, each naming its field with `prefix`
// ("honorer." for an RPC, "" for an import row). `today` is the instansi's date.
std::vector<Violation> ValidateHonorer(const Honorer& h, absl::CivilDay today,
                                       const std::string& prefix);

absl::Status ValidateInstansi(const Instansi& instansi);

// An import row as typed (CSV cells), parsed into an Honorer of `instansi_code`.
// Violations name the column; enum cells accept the API names and the usual
// Indonesian spellings (L/P, D-IV, S-1, "Tenaga Kesehatan"). The optional email
// and whatsapp cells are normalized (NormalizeContact); violations name "email"
// and "whatsapp".
//
// Every problem of the row, each naming its column, in the order of the columns in
// ImportRow (OrderByImportColumn): a cell that cannot be read, and the rules on the
// cells that can (a NIK that disagrees with the birth date, a TMT in the future).
absl::StatusOr<Honorer> ParseImportRow(const v1::ImportRow& row, const std::string& instansi_code,
                                       absl::CivilDay today);

// Orders the violations of one import row as their fields are ordered in ImportRow
// (a spreadsheet's columns), keeping the order of those on one column; a field that
// is no column goes last.
void OrderByImportColumn(std::vector<Violation>& violations);

std::optional<absl::CivilDay> ParseIsoDate(absl::string_view text);
std::string FormatIsoDate(absl::CivilDay day);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_HONORER_H_
