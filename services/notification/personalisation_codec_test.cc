#include "services/notification/personalisation_codec.h"

#include <gtest/gtest.h>

namespace penataan::notification {
namespace {

TEST(PersonalisationCodec, RoundTripsAnyValue) {
  const Personalisation cases[] = {
      {},
      {{"nama", "Maria Goreti Bria"}},
      {{"alasan", "- Usia di atas batas\n- Masa kerja kurang dari 2 tahun"},
       {"catatan", "kutip \"ganda\", garis\\miring = sama dengan"},
       {"kosong", ""},
       {"unicode", "Batas: 25 Agustus 2025 23.59 WITA — sisa 2 hari ✓"}},
  };
  for (const Personalisation& values : cases) {
    auto decoded = DecodePersonalisation(EncodePersonalisation(values));
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, values);
  }
}

TEST(PersonalisationCodec, OneReadableLinePerValue) {
  EXPECT_EQ(EncodePersonalisation({{"a", "x\ny"}, {"b", "z"}}), "a=x\\ny\nb=z\n");
}

TEST(PersonalisationCodec, CorruptTextIsDataLoss) {
  EXPECT_EQ(DecodePersonalisation("tanpa-sama-dengan").status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodePersonalisation("a=\\").status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace penataan::notification
