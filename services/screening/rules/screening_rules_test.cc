// Table tests of the screening rules at their edges, through Evaluate (what the
// run calls), so that each row also proves no other rule fires.

#include "services/screening/rules/screening_rules.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace penataan::screening {
namespace {

using absl::CivilDay;

CivilDay D(int y, int m, int d) { return CivilDay(y, m, d); }
using ::testing::ElementsAre;
using ::testing::HasSubstr;
namespace cv1 = common::v1;
namespace rv1 = registry::v1;

constexpr char kReg[] = "KepmenPANRB 347/2024";

// The 2024 PPPK rules as reported (DOMAIN.md "Screening rules"), judged on 31
// December 2024.
RoundRules Round() {
  RoundRules r;
  r.cutoff = CivilDay(2024, 12, 31);
  r.min_service_years = Param<int>{2, "service-reg"};
  r.min_age_years = Param<int>{20, "min-age-reg"};
  r.max_age = {{v1::GENERAL, 57, "max-general-reg"},
               {v1::FUNCTIONAL_AHLI_MADYA, 59, "max-madya-reg"},
               {v1::FUNCTIONAL_AHLI_UTAMA, 64, "max-utama-reg"}};
  r.require_in_bkn_database = Param<bool>{true, "bkn-reg"};
  r.require_active = Param<bool>{true, "active-reg"};
  r.open_categories = Param<std::vector<Category>>{
      {cv1::GURU, cv1::TENAGA_KEPENDIDIKAN, cv1::TENAGA_KESEHATAN, cv1::TENAGA_TEKNIS},
      "category-reg"};
  r.min_education = {{cv1::GURU, "", cv1::S1, "edu-guru-reg"},
                     {cv1::TENAGA_TEKNIS, "", cv1::SMA, "edu-teknis-reg"},
                     {cv1::TENAGA_TEKNIS, "Pranata Komputer", cv1::D3, "edu-pranata-reg"},
                     {cv1::TENAGA_TEKNIS, "Pengemudi", cv1::SMP, "edu-pengemudi-reg"}};
  r.require_bkn_data_match = Param<bool>{true, "match-reg"};
  r.wrong_instansi_regulation = kReg;
  return r;
}

// An applicant who meets every rule of Round().
ApplicantFacts Ms() {
  ApplicantFacts f;
  f.birth_date = CivilDay(1985, 5, 12);
  f.service_start_date = CivilDay(2015, 1, 2);
  f.in_bkn_database = true;
  f.status = rv1::ACTIVE;
  f.category = cv1::TENAGA_TEKNIS;
  f.education = cv1::SMA;
  f.position_title = "Operator Layanan";
  f.instansi_code = "5371";
  f.applied_instansi_code = "5371";
  f.post_kind = v1::GENERAL;
  return f;
}

std::vector<ReasonCode> Codes(const std::vector<Finding>& findings) {
  std::vector<ReasonCode> codes;
  for (const Finding& f : findings) codes.push_back(f.code);
  return codes;
}

std::map<std::string, std::string> Values(const Finding& f) {
  return {f.values.begin(), f.values.end()};
}

// The one finding of `code`; fails the test when there is not exactly one.
Finding Only(const RoundRules& r, const ApplicantFacts& facts, ReasonCode code) {
  std::vector<Finding> findings = Evaluate(r, facts);
  EXPECT_EQ(Codes(findings), std::vector<ReasonCode>{code});
  return findings.empty() ? Finding{} : findings[0];
}

struct Row {
  const char* what;
  std::optional<ReasonCode> fails;  // nullopt: MS
};

void ExpectRow(const Row& row, const RoundRules& r, const ApplicantFacts& facts) {
  std::vector<Finding> findings = Evaluate(r, facts);
  if (row.fails) {
    EXPECT_EQ(Codes(findings), std::vector<ReasonCode>{*row.fails});
  } else {
    EXPECT_TRUE(findings.empty()) << findings[0].message;
  }
}

TEST(Evaluate, TheReferenceApplicantIsMs) {
  std::vector<Finding> out = {Finding{v1::WRONG_INSTANSI, "stale", {}, ""}};
  EXPECT_FALSE(EvaluateInto(Round(), Ms(), &out));
  EXPECT_TRUE(out.empty()) << "EvaluateInto clears what was there";
}

TEST(AgeRule, MinimumAgeAtTheCutoff) {
  struct Case {
    Row row;
    CivilDay cutoff, birth;
    int min_age;
  } cases[] = {
      {{"20th birthday on the cut-off", std::nullopt}, D(2024, 12, 31), D(2004, 12, 31), 20},
      {{"20th birthday the day after", v1::AGE_BELOW_MIN}, D(2024, 12, 31), D(2005, 1, 1), 20},
      {{"29 Feb birth, leap cut-off on 29 Feb", std::nullopt}, D(2024, 2, 29), D(2004, 2, 29), 20},
      {{"29 Feb birth, leap cut-off on 28 Feb", v1::AGE_BELOW_MIN},
       D(2024, 2, 28),
       D(2004, 2, 29),
       20},
      {{"29 Feb birth, common cut-off 28 Feb", v1::AGE_BELOW_MIN},
       D(2025, 2, 28),
       D(2004, 2, 29),
       21},
      {{"29 Feb birth, common cut-off 1 March", std::nullopt}, D(2025, 3, 1), D(2004, 2, 29), 21},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.row.what);
    RoundRules r = Round();
    r.cutoff = c.cutoff;
    r.min_age_years->value = c.min_age;
    r.min_service_years.reset();
    ApplicantFacts f = Ms();
    f.birth_date = c.birth;
    ExpectRow(c.row, r, f);
  }
}

TEST(AgeRule, MaximumAgePerPostKindAtTheBoundary) {
  struct Case {
    Row row;
    PostKind kind;
    CivilDay birth;
  } cases[] = {
      {{"general, 57 (58th birthday the day after)", std::nullopt}, v1::GENERAL, D(1967, 1, 1)},
      {{"general, 58th birthday on the cut-off", v1::AGE_ABOVE_MAX}, v1::GENERAL, D(1966, 12, 31)},
      {{"unspecified is general", v1::AGE_ABOVE_MAX}, v1::POST_KIND_UNSPECIFIED, D(1966, 12, 31)},
      {{"ahli madya, 59", std::nullopt}, v1::FUNCTIONAL_AHLI_MADYA, D(1965, 1, 1)},
      {{"ahli madya, 60th birthday on the cut-off", v1::AGE_ABOVE_MAX},
       v1::FUNCTIONAL_AHLI_MADYA,
       D(1964, 12, 31)},
      {{"ahli utama, 64", std::nullopt}, v1::FUNCTIONAL_AHLI_UTAMA, D(1960, 1, 1)},
      {{"ahli utama, 65th birthday on the cut-off", v1::AGE_ABOVE_MAX},
       v1::FUNCTIONAL_AHLI_UTAMA,
       D(1959, 12, 31)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.row.what);
    ApplicantFacts f = Ms();
    f.post_kind = c.kind;
    f.birth_date = c.birth;
    ExpectRow(c.row, Round(), f);
  }
}

TEST(AgeRule, GeneralMaximumIsTheFallbackAndTheMessageNamesThePost) {
  RoundRules r = Round();
  r.max_age = {{v1::GENERAL, 57, "max-general-reg"}};
  ApplicantFacts f = Ms();
  f.post_kind = v1::FUNCTIONAL_AHLI_UTAMA;
  f.birth_date = CivilDay(1965, 1, 1);  // 59: within 64, above the general 57
  Finding got = Only(r, f, v1::AGE_ABOVE_MAX);
  EXPECT_EQ(got.message,
            "Tanggal lahir 1 Januari 1965, batas 31 Desember 2024: usia 59 tahun, lebih dari usia "
            "maksimal 57 tahun untuk jabatan fungsional Ahli Utama");
  EXPECT_EQ(got.regulation, "max-general-reg");
  EXPECT_EQ(Values(got),
            (std::map<std::string, std::string>{{"birth_date", "1965-01-01"},
                                                {"cutoff", "2024-12-31"},
                                                {"age_years", "59"},
                                                {"max_age_years", "57"},
                                                {"post_kind", "FUNCTIONAL_AHLI_UTAMA"}}));
  r.max_age.clear();
  EXPECT_TRUE(Evaluate(r, f).empty()) << "no maximum set: not checked";
}

TEST(AgeRule, TooYoungMessage) {
  ApplicantFacts f = Ms();
  f.birth_date = CivilDay(2005, 1, 1);
  f.service_start_date = CivilDay(2022, 6, 1);
  Finding got = Only(Round(), f, v1::AGE_BELOW_MIN);
  EXPECT_EQ(got.message,
            "Tanggal lahir 1 Januari 2005, batas 31 Desember 2024: usia 19 tahun, kurang dari usia "
            "minimal 20 tahun");
  EXPECT_EQ(Values(got)["age_years"], "19");
  EXPECT_EQ(got.regulation, "min-age-reg");
  f.birth_date = CivilDay(2025, 3, 1);  // after the cut-off: a typing error
  EXPECT_EQ(Values(Only(Round(), f, v1::AGE_BELOW_MIN))["age_years"], "0");
}

TEST(ServiceRule, ContinuousServiceAtTheCutoff) {
  struct Case {
    Row row;
    CivilDay cutoff, tmt;
    int years;
  } cases[] = {
      {{"exactly 2 years before the cut-off", std::nullopt}, D(2024, 12, 31), D(2022, 12, 31), 2},
      {{"one day later", v1::SERVICE_TOO_SHORT}, D(2024, 12, 31), D(2023, 1, 1), 2},
      {{"TMT on the cut-off, 0 years required", std::nullopt}, D(2024, 12, 31), D(2024, 12, 31), 0},
      {{"TMT after the cut-off", v1::SERVICE_TOO_SHORT}, D(2024, 12, 31), D(2025, 1, 1), 0},
      {{"29 Feb TMT, common cut-off 28 Feb", v1::SERVICE_TOO_SHORT},
       D(2025, 2, 28),
       D(2020, 2, 29),
       5},
      {{"29 Feb TMT, common cut-off 1 March", std::nullopt}, D(2025, 3, 1), D(2020, 2, 29), 5},
      {{"29 Feb TMT, leap cut-off 29 Feb", std::nullopt}, D(2024, 2, 29), D(2020, 2, 29), 4},
      {{"29 Feb TMT, leap cut-off 28 Feb", v1::SERVICE_TOO_SHORT},
       D(2024, 2, 28),
       D(2020, 2, 29),
       4},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.row.what);
    RoundRules r = Round();
    r.cutoff = c.cutoff;
    r.min_service_years->value = c.years;
    ApplicantFacts f = Ms();
    f.service_start_date = c.tmt;
    ExpectRow(c.row, r, f);
  }
}

TEST(ServiceRule, MessageSaysTheTmtTheCutoffTheServiceAndTheMinimum) {
  ApplicantFacts f = Ms();
  f.service_start_date = CivilDay(2023, 3, 1);
  Finding got = Only(Round(), f, v1::SERVICE_TOO_SHORT);
  EXPECT_EQ(got.message,
            "TMT 1 Maret 2023, batas 31 Desember 2024: masa kerja 1 tahun 9 bulan, kurang dari 2 "
            "tahun");
  EXPECT_EQ(Values(got), (std::map<std::string, std::string>{{"service_start", "2023-03-01"},
                                                             {"cutoff", "2024-12-31"},
                                                             {"service", "1y9m"},
                                                             {"service_days", "671"},
                                                             {"required_years", "2"}}));
  EXPECT_EQ(got.regulation, "service-reg");

  f.service_start_date = CivilDay(2025, 1, 6);
  EXPECT_EQ(Only(Round(), f, v1::SERVICE_TOO_SHORT).message,
            "TMT 6 Januari 2025 sesudah batas 31 Desember 2024: belum ada masa kerja, kurang dari "
            "2 tahun");
}

TEST(MissingData, AgeAndServiceFailSayingTheDataIsMissing) {
  ApplicantFacts f = Ms();
  f.birth_date.reset();
  f.service_start_date.reset();
  std::vector<Finding> got = Evaluate(Round(), f);
  ASSERT_THAT(Codes(got), ElementsAre(v1::SERVICE_TOO_SHORT, v1::AGE_BELOW_MIN))
      << "a missing birth date is said once, under the minimum";
  EXPECT_EQ(got[0].message,
            "TMT (tanggal mulai bekerja) tidak tercatat di data instansi, sehingga masa kerja pada "
            "batas 31 Desember 2024 tidak dapat dinilai (minimal 2 tahun)");
  EXPECT_EQ(Values(got[0])["missing"], "service_start");
  EXPECT_EQ(got[1].message,
            "Tanggal lahir tidak tercatat di data instansi, sehingga usia pada batas 31 Desember "
            "2024 tidak dapat dinilai (usia minimal 20 tahun)");
  EXPECT_EQ(Values(got[1])["missing"], "birth_date");

  RoundRules no_min = Round();
  no_min.min_age_years.reset();
  f = Ms();
  f.birth_date.reset();
  Finding max = Only(no_min, f, v1::AGE_ABOVE_MAX);
  EXPECT_THAT(max.message, HasSubstr("usia maksimal 57 tahun untuk jabatan pelaksana/umum"));
  EXPECT_EQ(Values(max)["missing"], "birth_date");
}

TEST(ActiveRule, ActiveMsAndTmsAreActive) {
  struct Case {
    Row row;
    HonorerStatus status;
  } cases[] = {
      {{"ACTIVE", std::nullopt}, rv1::ACTIVE},
      {{"MS from an earlier run", std::nullopt}, rv1::MS},
      {{"TMS from an earlier run", std::nullopt}, rv1::TMS},
      {{"DIRUMAHKAN", v1::NOT_ACTIVE}, rv1::DIRUMAHKAN},
      {{"RESIGNED", v1::NOT_ACTIVE}, rv1::RESIGNED},
      {{"CONTRACT_ENDED", v1::NOT_ACTIVE}, rv1::CONTRACT_ENDED},
      {{"UNSPECIFIED", v1::NOT_ACTIVE}, rv1::HONORER_STATUS_UNSPECIFIED},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.row.what);
    ApplicantFacts f = Ms();
    f.status = c.status;
    ExpectRow(c.row, Round(), f);
  }
  ApplicantFacts f = Ms();
  f.status = rv1::DIRUMAHKAN;
  Finding got = Only(Round(), f, v1::NOT_ACTIVE);
  EXPECT_EQ(got.message,
            "Status di data instansi: dirumahkan; seleksi ini hanya untuk tenaga yang masih aktif "
            "bekerja");
  EXPECT_EQ(Values(got)["status"], "DIRUMAHKAN");
  RoundRules off = Round();
  off.require_active->value = false;
  EXPECT_TRUE(Evaluate(off, f).empty());
}

TEST(CategoryRule, ACategoryJustClosed) {
  RoundRules r = Round();
  r.open_categories->value = {cv1::GURU, cv1::TENAGA_KESEHATAN};
  ApplicantFacts f = Ms();  // Tenaga Teknis
  Finding got = Only(r, f, v1::CATEGORY_NOT_OPEN);
  EXPECT_EQ(got.message,
            "Kategori Tenaga Teknis tidak dibuka pada seleksi ini (yang dibuka: Guru, Tenaga "
            "Kesehatan)");
  EXPECT_EQ(Values(got),
            (std::map<std::string, std::string>{{"category", "TENAGA_TEKNIS"},
                                                {"open_categories", "GURU,TENAGA_KESEHATAN"}}));
  EXPECT_EQ(got.regulation, "category-reg");

  r.open_categories->value.push_back(cv1::TENAGA_TEKNIS);
  EXPECT_TRUE(Evaluate(r, f).empty()) << "opened again";
  r.open_categories->value.clear();
  EXPECT_TRUE(Evaluate(r, f).empty()) << "an empty list is not checked";
}

TEST(EducationRule, EqualPassesBelowFailsThePostWins) {
  struct Case {
    Row row;
    Category category;
    const char* title;
    Education education;
  } cases[] = {
      {{"teknis, SMA = SMA", std::nullopt}, cv1::TENAGA_TEKNIS, "Operator", cv1::SMA},
      {{"teknis, SMP < SMA", v1::EDUCATION_TOO_LOW}, cv1::TENAGA_TEKNIS, "Operator", cv1::SMP},
      {{"guru, S1 = S1", std::nullopt}, cv1::GURU, "Guru Kelas", cv1::S1},
      {{"guru, D4 < S1", v1::EDUCATION_TOO_LOW}, cv1::GURU, "Guru Kelas", cv1::D4},
      {{"guru, S2 > S1", std::nullopt}, cv1::GURU, "Guru Kelas", cv1::S2},
      {{"post above its category: SMA < D3", v1::EDUCATION_TOO_LOW},
       cv1::TENAGA_TEKNIS,
       "Pranata Komputer",
       cv1::SMA},
      {{"post above its category: D3 = D3", std::nullopt},
       cv1::TENAGA_TEKNIS,
       "Pranata Komputer",
       cv1::D3},
      {{"post below its category: SMP passes", std::nullopt},
       cv1::TENAGA_TEKNIS,
       "Pengemudi",
       cv1::SMP},
      {{"post below its category: SD fails", v1::EDUCATION_TOO_LOW},
       cv1::TENAGA_TEKNIS,
       "Pengemudi",
       cv1::SD},
      {{"title case and spaces ignored", v1::EDUCATION_TOO_LOW},
       cv1::TENAGA_TEKNIS,
       " pranata KOMPUTER ",
       cv1::SMA},
      {{"no rule for the category", std::nullopt}, cv1::TENAGA_KESEHATAN, "Perawat", cv1::SD},
      {{"education not recorded", v1::EDUCATION_TOO_LOW},
       cv1::GURU,
       "Guru Kelas",
       cv1::EDUCATION_UNSPECIFIED},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.row.what);
    ApplicantFacts f = Ms();
    f.category = c.category;
    f.position_title = c.title;
    f.education = c.education;
    ExpectRow(c.row, Round(), f);
  }
}

TEST(EducationRule, MessagesNameTheLevelsAndThePost) {
  ApplicantFacts f = Ms();
  f.position_title = "Pranata Komputer";
  Finding got = Only(Round(), f, v1::EDUCATION_TOO_LOW);
  EXPECT_EQ(got.message,
            "Pendidikan SMA/SMK, kurang dari pendidikan minimal D-III untuk jabatan Pranata "
            "Komputer");
  EXPECT_EQ(got.regulation, "edu-pranata-reg");
  EXPECT_EQ(
      Values(got),
      (std::map<std::string, std::string>{
          {"education", "SMA"}, {"min_education", "D3"}, {"position_title", "Pranata Komputer"}}));
  f = Ms();
  f.category = cv1::GURU;
  f.education = cv1::D4;
  got = Only(Round(), f, v1::EDUCATION_TOO_LOW);
  EXPECT_EQ(got.message, "Pendidikan D-IV, kurang dari pendidikan minimal S-1 untuk kategori Guru");
  EXPECT_EQ(Values(got)["category"], "GURU");
  f.education = cv1::EDUCATION_UNSPECIFIED;
  EXPECT_EQ(Only(Round(), f, v1::EDUCATION_TOO_LOW).message,
            "Pendidikan tidak tercatat di data instansi; pendidikan minimal S-1 untuk kategori "
            "Guru");
}

TEST(BknRules, NotInTheDatabase) {
  ApplicantFacts f = Ms();
  f.in_bkn_database = false;
  Finding got = Only(Round(), f, v1::NOT_IN_BKN_DATABASE);
  EXPECT_THAT(got.message, HasSubstr("database tenaga non-ASN BKN"));
  EXPECT_EQ(Values(got)["in_bkn_database"], "false");
  EXPECT_EQ(got.regulation, "bkn-reg");
  RoundRules off = Round();
  off.require_in_bkn_database.reset();
  EXPECT_TRUE(Evaluate(off, f).empty());
}

TEST(BknRules, EachDifferingFieldIsNamedWithBothValues) {
  struct Case {
    const char* what;
    std::vector<BknDifference> diffs;
    const char* message;
  } cases[] = {
      {"birth date",
       {{"birth_date", "1985-05-12", "1985-05-21"}},
       "Tanggal lahir tidak sesuai data BKN: di data instansi 12 Mei 1985, di data BKN 21 Mei "
       "1985"},
      {"name",
       {{"full_name", "Yohanes Ndun", "Yohanis Ndun"}},
       "Nama tidak sesuai data BKN: di data instansi \"Yohanes Ndun\", di data BKN \"Yohanis "
       "Ndun\""},
      {"both",
       {{"full_name", "Yohanes Ndun", "Yohanis Ndun"}, {"birth_date", "1985-05-12", "1985-05-21"}},
       "Nama tidak sesuai data BKN: di data instansi \"Yohanes Ndun\", di data BKN \"Yohanis "
       "Ndun\"; Tanggal lahir tidak sesuai data BKN: di data instansi 12 Mei 1985, di data BKN 21 "
       "Mei 1985"},
      {"empty BKN value",
       {{"birth_date", "1985-05-12", ""}},
       "Tanggal lahir tidak sesuai data BKN: di data instansi 12 Mei 1985, di data BKN kosong"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    ApplicantFacts f = Ms();
    f.bkn_differences = c.diffs;
    Finding got = Only(Round(), f, v1::BKN_DATA_MISMATCH);
    EXPECT_EQ(got.message, c.message);
    EXPECT_EQ(got.regulation, "match-reg");
    std::map<std::string, std::string> values = Values(got);
    for (const BknDifference& d : c.diffs) {
      EXPECT_EQ(values[d.field + ".registry"], d.registry_value);
      EXPECT_EQ(values[d.field + ".bkn"], d.bkn_value);
    }
  }
  ApplicantFacts f = Ms();
  f.bkn_differences = {{"birth_date", "1985-05-12", "1985-05-21"}};
  RoundRules off = Round();
  off.require_bkn_data_match.reset();
  EXPECT_TRUE(Evaluate(off, f).empty());
}

TEST(InstansiRule, AppliesOnlyWhereTheyWork) {
  ApplicantFacts f = Ms();
  f.applied_instansi_code = "5372";
  Finding got = Only(Round(), f, v1::WRONG_INSTANSI);
  EXPECT_EQ(got.message,
            "Mendaftar di instansi 5372, padahal tercatat bekerja di instansi 5371; pelamar hanya "
            "dapat mendaftar di instansi tempat bekerja");
  EXPECT_EQ(got.regulation, kReg);
  EXPECT_EQ(Values(got), (std::map<std::string, std::string>{{"instansi_code", "5371"},
                                                             {"applied_instansi_code", "5372"}}));
  RoundRules nothing;  // no parameter set: only the instansi is checked
  nothing.cutoff = CivilDay(2024, 12, 31);
  EXPECT_THAT(Codes(Evaluate(nothing, f)), ElementsAre(v1::WRONG_INSTANSI));
}

TEST(Evaluate, UnsetParametersAreNotChecked) {
  RoundRules nothing;
  nothing.cutoff = CivilDay(2024, 12, 31);
  ApplicantFacts f = Ms();
  f.birth_date.reset();
  f.service_start_date.reset();
  f.in_bkn_database = false;
  f.status = rv1::RESIGNED;
  f.education = cv1::EDUCATION_UNSPECIFIED;
  f.bkn_differences = {{"full_name", "A", "B"}};
  EXPECT_TRUE(Evaluate(nothing, f).empty());
}

TEST(Evaluate, EveryFailedRuleInReasonCodeOrderWithItsRegulation) {
  ApplicantFacts f = Ms();
  f.in_bkn_database = false;
  f.service_start_date = CivilDay(2024, 1, 1);
  f.birth_date = CivilDay(1960, 1, 1);
  f.status = rv1::DIRUMAHKAN;
  f.category = cv1::GURU;
  f.education = cv1::SMA;
  f.applied_instansi_code = "5372";
  f.bkn_differences = {{"full_name", "A", "B"}};
  std::vector<Finding> got = Evaluate(Round(), f);
  EXPECT_THAT(Codes(got), ElementsAre(v1::NOT_IN_BKN_DATABASE, v1::SERVICE_TOO_SHORT,
                                      v1::AGE_ABOVE_MAX, v1::NOT_ACTIVE, v1::EDUCATION_TOO_LOW,
                                      v1::WRONG_INSTANSI, v1::BKN_DATA_MISMATCH));
  std::vector<std::string> regs;
  for (const Finding& x : got) regs.push_back(x.regulation);
  EXPECT_THAT(regs, ElementsAre("bkn-reg", "service-reg", "max-general-reg", "active-reg",
                                "edu-guru-reg", kReg, "match-reg"));
  for (const Finding& x : got) {
    SCOPED_TRACE(v1::ReasonCode_Name(x.code));
    EXPECT_FALSE(x.message.empty());
    EXPECT_FALSE(x.values.empty());
  }

  f = Ms();
  f.category = cv1::PENGELOLA_UMUM_OPERASIONAL;
  f.birth_date = CivilDay(2010, 1, 1);
  EXPECT_THAT(Codes(Evaluate(Round(), f)), ElementsAre(v1::AGE_BELOW_MIN, v1::CATEGORY_NOT_OPEN));

  std::vector<Finding> into;
  EXPECT_TRUE(EvaluateInto(Round(), f, &into));
  EXPECT_EQ(Codes(into), Codes(Evaluate(Round(), f))) << "the same as Evaluate";
}

TEST(FiguresOf, ServiceAndAgeAtTheCutoff) {
  const CivilDay cutoff(2024, 12, 31);
  ApplicantFacts f = Ms();
  f.service_start_date = CivilDay(2023, 3, 1);
  f.birth_date = CivilDay(2004, 12, 31);
  Figures fig = FiguresOf(cutoff, f);
  EXPECT_EQ(fig.service_days, 671);
  EXPECT_EQ(fig.age_years, 20);
  EXPECT_EQ(fig.age_days, cutoff - CivilDay(2004, 12, 31));
  f.service_start_date = CivilDay(2025, 1, 1);
  EXPECT_EQ(FiguresOf(cutoff, f).service_days, 0) << "a TMT after the cut-off is no service";
  f.service_start_date.reset();
  f.birth_date.reset();
  fig = FiguresOf(cutoff, f);
  EXPECT_EQ(fig.service_days, 0);
  EXPECT_EQ(fig.age_years, 0);
  EXPECT_EQ(fig.age_days, 0);
}

}  // namespace
}  // namespace penataan::screening
