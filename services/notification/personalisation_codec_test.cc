#include "services/notification/personalisation_codec.h"

#include <gtest/gtest.h>

namespace penataan::notification {
namespace {

TEST(PersonalisationCodec, RoundTripsAnyValue) {
  const Personalisation cases[] = {
      {},
      {{"nama", "Maria Goreti Bria"}},
      {{"alasan", "- Usia di atas batas\n- Masa kerja kurang dari 2 tahun"},
       {"catatan", "kutip \"ganda\", garis\\miring = sama dengan {kurung}"},
       {"kosong", ""},
       {"tab", "a\tb\r\nc"},
       {"unicode", "Batas: 25 Agustus 2025 23.59 WITA — sisa 2 hari ✓ 😀"}},
  };
  for (const Personalisation& values : cases) {
    const std::string stored = EncodePersonalisation(values);
    SCOPED_TRACE(stored);
    auto decoded = DecodePersonalisation(stored);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, values);
  }
}

TEST(PersonalisationCodec, StoredAsAJsonObjectWhoseCharactersStayCharacters) {
  EXPECT_EQ(EncodePersonalisation({{"nama", "Siti Nurhaliza"}}), R"({"nama":"Siti Nurhaliza"})");
  EXPECT_EQ(EncodePersonalisation({}), "{}");
  // "—" is three bytes in UTF-8 and stays three, not "\342\200\224" (twelve).
  const std::string stored = EncodePersonalisation({{"catatan", "sisa — 2 hari"}});
  EXPECT_EQ(stored, R"({"catatan":"sisa — 2 hari"})");
}

TEST(PersonalisationCodec, RowsWrittenInTheFormerFormatAreStillRead) {
  struct Case {
    const char* stored;
    Personalisation want;
  };
  const Case cases[] = {
      {"", {}},
      {"nama=Maria Goreti Bria\n", {{"nama", "Maria Goreti Bria"}}},
      {"a=x\\ny\nb=z\n", {{"a", "x\ny"}, {"b", "z"}}},
      {"catatan=sisa \\342\\200\\224 2 hari\nkosong=\n",
       {{"catatan", "sisa — 2 hari"}, {"kosong", ""}}},
      {"rumus=a=b\n", {{"rumus", "a=b"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.stored);
    auto decoded = DecodePersonalisation(c.stored);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, c.want);
  }
}

TEST(PersonalisationCodec, CorruptTextIsDataLoss) {
  for (const char* text :
       {"tanpa-sama-dengan", "a=\\", "{\"nama\":", "{\"nama\":1}", "{\"nama\":[\"x\"]}",
        // Found by fuzzing: legacy lines that are not UTF-8, raw or once unescaped.
        "nama=Maria\xFB\n", "nama=\\373\n", "na\xFFma=Maria\n"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(DecodePersonalisation(text).status().code(), absl::StatusCode::kDataLoss);
  }
}

}  // namespace
}  // namespace penataan::notification
