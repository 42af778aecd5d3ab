#include "services/registry/renewal_notice.h"

#include "gtest/gtest.h"

namespace penataan::registry {
namespace {

Contract Sk2021() {
  Contract k;
  k.id = 42;
  k.sk_number = "800/1234/BKPPD/2021";
  k.start_date = absl::CivilDay(2021, 1, 1);
  k.end_date = absl::CivilDay(2021, 12, 31);
  return k;
}

std::string Value(const ContractNotice& n, const std::string& key) {
  for (const auto& [k, v] : n.values) {
    if (k == key) return v;
  }
  ADD_FAILURE() << "no value " << key;
  return "";
}

TEST(RenewalNoticeTest, ValuesOfTheRenewedNotice) {
  Instansi kupang;
  kupang.code = "5371";
  kupang.display_name = "Pemerintah Kota Kupang";
  Honorer h;
  h.id = 7;
  h.full_name = "Yakobus Nope";
  ContractNotice back = RenewedNotice(kupang, h, Sk2021(), /*back_to_work=*/true);
  EXPECT_EQ(back.reference, "registry/honorers/7/contracts/42/renewed");
  EXPECT_EQ(Value(back, "instansi"), "Pemerintah Kota Kupang");
  EXPECT_EQ(Value(back, "tanggal_mulai"), "1 Januari 2021");
  EXPECT_EQ(Value(back, "tanggal_berakhir"), "31 Desember 2021");
  EXPECT_EQ(Value(back, "kembali_bekerja"),
            "Status dirumahkan Anda berakhir; Anda kembali bekerja mulai 1 Januari 2021.");
  ContractNotice renewed = RenewedNotice(kupang, h, Sk2021(), /*back_to_work=*/false);
  EXPECT_EQ(Value(renewed, "kembali_bekerja"), "");
  // An instansi without a display name is named by its code.
  kupang.display_name.clear();
  EXPECT_EQ(Value(RenewedNotice(kupang, h, Sk2021(), false), "instansi"), "5371");
}

TEST(RenewalNoticeTest, BackToWorkReason) {
  EXPECT_EQ(BackToWorkReason(Sk2021()),
            "SK 800/1234/BKPPD/2021 berlaku 1 Januari 2021 s.d. 31 Desember 2021: kembali bekerja");
}

}  // namespace
}  // namespace penataan::registry
