#include "services/registry/renewal_notice.h"

#include "absl/strings/str_cat.h"
#include "common/indonesian_time.h"

namespace penataan::registry {

std::string RenewedReference(int64_t honorer_id, int64_t contract_id) {
  return absl::StrCat("registry/honorers/", honorer_id, "/contracts/", contract_id, "/renewed");
}

ContractNotice RenewedNotice(const Instansi& instansi, const Honorer& honorer,
                             const Contract& contract, bool back_to_work) {
  ContractNotice n;
  n.reference = RenewedReference(honorer.id, contract.id);
  n.instansi_code = instansi.code;
  n.honorer_id = honorer.id;
  n.kind = ContractNoticeKind::kRenewed;
  n.values = {
      {"nama", honorer.full_name},
      {"instansi", instansi.display_name.empty() ? instansi.code : instansi.display_name},
      {"unit_kerja", honorer.unit_kerja},
      {"nomor_sk", contract.sk_number},
      {"tanggal_mulai", FormatIndonesianDate(contract.start_date)},
      {"tanggal_berakhir", FormatIndonesianDate(contract.end_date)},
      {"kembali_bekerja",
       back_to_work ? absl::StrCat("Status dirumahkan Anda berakhir; Anda kembali bekerja mulai ",
                                   FormatIndonesianDate(contract.start_date), ".")
                    : std::string()},
  };
  return n;
}

std::string BackToWorkReason(const Contract& contract) {
  return absl::StrCat("SK ", contract.sk_number, " berlaku ",
                      FormatIndonesianDate(contract.start_date), " s.d. ",
                      FormatIndonesianDate(contract.end_date), ": kembali bekerja");
}

}  // namespace penataan::registry
