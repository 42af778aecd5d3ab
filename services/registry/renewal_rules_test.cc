#include "services/registry/renewal_rules.h"

#include "gtest/gtest.h"

namespace penataan::registry {
namespace {

using Reason = v1::RenewalExclusion;

Contract Period(absl::CivilDay start, absl::CivilDay end, const std::string& sk = "",
                ContractExpiry expiry = v1::Contract::NOT_ENDED,
                HonorerStatus before = v1::HONORER_STATUS_UNSPECIFIED) {
  Contract c;
  c.id = static_cast<int64_t>(start.year());
  c.start_date = start;
  c.end_date = end;
  c.sk_number = sk;
  c.expiry = expiry;
  c.status_before = before;
  return c;
}

const Contract k2020 = Period(absl::CivilDay(2020, 1, 1), absl::CivilDay(2020, 12, 31));
const Contract kNewSk =
    Period(absl::CivilDay(2021, 1, 1), absl::CivilDay(2021, 12, 31), "800/1234/BKPPD/2021");

PerformanceReview Review(int year, ReviewOutcome outcome) {
  PerformanceReview r;
  r.year = year;
  r.outcome = outcome;
  r.reviewer = "Kepala Puskesmas Oesapa";
  return r;
}

RenewalCandidate Active() {
  RenewalCandidate c;
  c.status = v1::ACTIVE;
  c.periods = {k2020};
  c.reviews = {Review(2020, v1::BAIK)};
  return c;
}

struct Expect {
  RenewalAction action;
  ExclusionReason reason;
  const char* message;
};

TEST(RenewalRulesTest, EveryEdge) {
  struct Case {
    const char* name;
    void (*candidate)(RenewalCandidate&);
    RenewalOptions options;
    Expect expect;
  } cases[] = {
      {"active, reviewed BAIK", [](RenewalCandidate&) {}, {},
       {RenewalAction::kRenew, Reason::REASON_UNSPECIFIED, ""}},
      {"MS", [](RenewalCandidate& c) { c.status = v1::MS; }, {},
       {RenewalAction::kRenew, Reason::REASON_UNSPECIFIED, ""}},
      {"TMS", [](RenewalCandidate& c) { c.status = v1::TMS; }, {},
       {RenewalAction::kRenew, Reason::REASON_UNSPECIFIED, ""}},
      {"DIRUMAHKAN", [](RenewalCandidate& c) { c.status = v1::DIRUMAHKAN; }, {},
       {RenewalAction::kRenew, Reason::REASON_UNSPECIFIED, ""}},
      {"resigned", [](RenewalCandidate& c) { c.status = v1::RESIGNED; }, {},
       {RenewalAction::kExclude, Reason::RESIGNED, "Mengundurkan diri"}},
      {"moved to CPNS", [](RenewalCandidate& c) { c.status = v1::MOVED_TO_CPNS; }, {},
       {RenewalAction::kExclude, Reason::MOVED_TO_CPNS, "Pindah menjadi CPNS"}},
      {"PPPK penuh waktu", [](RenewalCandidate& c) { c.status = v1::PPPK_PENUH_WAKTU; }, {},
       {RenewalAction::kExclude, Reason::PPPK, "Sudah PPPK (penuh waktu)"}},
      {"PPPK paruh waktu", [](RenewalCandidate& c) { c.status = v1::PPPK_PARUH_WAKTU; }, {},
       {RenewalAction::kExclude, Reason::PPPK, "Sudah PPPK (paruh waktu)"}},
      {"dismissed", [](RenewalCandidate& c) { c.status = v1::CONTRACT_ENDED; }, {},
       {RenewalAction::kExclude, Reason::CONTRACT_ENDED,
        "Kontraknya sudah diakhiri (diberhentikan)"}},
      {"named in exclude_honorers", [](RenewalCandidate& c) { c.excluded_by_request = true; }, {},
       {RenewalAction::kExclude, Reason::EXCLUDED_BY_REQUEST,
        "Dikecualikan oleh instansi dalam permintaan ini"}},
      {"named and resigned: the request's exclusion first",
       [](RenewalCandidate& c) {
         c.excluded_by_request = true;
         c.status = v1::RESIGNED;
       },
       {}, {RenewalAction::kExclude, Reason::EXCLUDED_BY_REQUEST,
            "Dikecualikan oleh instansi dalam permintaan ini"}},
      {"reviewed KURANG", [](RenewalCandidate& c) { c.reviews = {Review(2020, v1::KURANG)}; }, {},
       {RenewalAction::kExclude, Reason::REVIEW_KURANG,
        "Penilaian kinerja 2020: KURANG (Kepala Puskesmas Oesapa)"}},
      {"reviewed KURANG, include_kurang",
       [](RenewalCandidate& c) { c.reviews = {Review(2020, v1::KURANG)}; }, {0, true, false},
       {RenewalAction::kRenew, Reason::REASON_UNSPECIFIED, ""}},
      {"reviewed CUKUP", [](RenewalCandidate& c) { c.reviews = {Review(2020, v1::CUKUP)}; }, {},
       {RenewalAction::kRenew, Reason::REASON_UNSPECIFIED, ""}},
      {"KURANG of another year does not count",
       [](RenewalCandidate& c) { c.reviews = {Review(2019, v1::KURANG)}; }, {},
       {RenewalAction::kRenew, Reason::REASON_UNSPECIFIED, ""}},
      {"KURANG of the review_year asked",
       [](RenewalCandidate& c) { c.reviews = {Review(2019, v1::KURANG)}; }, {2019, false, false},
       {RenewalAction::kExclude, Reason::REVIEW_KURANG,
        "Penilaian kinerja 2019: KURANG (Kepala Puskesmas Oesapa)"}},
      {"no review: renewed by default", [](RenewalCandidate& c) { c.reviews.clear(); }, {},
       {RenewalAction::kRenew, Reason::REASON_UNSPECIFIED, ""}},
      {"no review, require_review", [](RenewalCandidate& c) { c.reviews.clear(); },
       {0, false, true},
       {RenewalAction::kExclude, Reason::REVIEW_MISSING, "Belum ada penilaian kinerja 2020"}},
      {"review of another year only, require_review",
       [](RenewalCandidate& c) { c.reviews = {Review(2019, v1::BAIK)}; }, {0, false, true},
       {RenewalAction::kExclude, Reason::REVIEW_MISSING, "Belum ada penilaian kinerja 2020"}},
      {"no period and no review_year, require_review",
       [](RenewalCandidate& c) {
         c.periods.clear();
         c.reviews.clear();
       },
       {0, false, true},
       {RenewalAction::kExclude, Reason::REVIEW_MISSING,
        "Belum ada kontrak sebelumnya untuk dinilai"}},
      {"no period at all: renewed", [](RenewalCandidate& c) { c.periods.clear(); }, {},
       {RenewalAction::kRenew, Reason::REASON_UNSPECIFIED, ""}},
      {"identical period: already renewed", [](RenewalCandidate& c) { c.periods.push_back(kNewSk); },
       {}, {RenewalAction::kAlreadyRenewed, Reason::REASON_UNSPECIFIED, ""}},
      {"identical period beats every exclusion",
       [](RenewalCandidate& c) {
         c.periods.push_back(kNewSk);
         c.status = v1::RESIGNED;
         c.excluded_by_request = true;
       },
       {}, {RenewalAction::kAlreadyRenewed, Reason::REASON_UNSPECIFIED, ""}},
      {"same dates, another SK number: overlapping",
       [](RenewalCandidate& c) {
         c.periods.push_back(Period(absl::CivilDay(2021, 1, 1), absl::CivilDay(2021, 12, 31),
                                    "800/9/2021"));
       },
       {}, {RenewalAction::kExclude, Reason::OVERLAPPING_CONTRACT,
            "Kontrak yang ada 2021-01-01 s.d. 2021-12-31 bertumpang tindih"}},
      {"same start, other end: overlapping",
       [](RenewalCandidate& c) {
         c.periods.push_back(Period(absl::CivilDay(2021, 1, 1), absl::CivilDay(2021, 6, 30),
                                    "800/1234/BKPPD/2021"));
       },
       {}, {RenewalAction::kExclude, Reason::OVERLAPPING_CONTRACT,
            "Kontrak yang ada 2021-01-01 s.d. 2021-06-30 bertumpang tindih"}},
      {"old period ending on the new start: overlapping",
       [](RenewalCandidate& c) {
         c.periods = {Period(absl::CivilDay(2020, 1, 1), absl::CivilDay(2021, 1, 1))};
       },
       {}, {RenewalAction::kExclude, Reason::OVERLAPPING_CONTRACT,
            "Kontrak yang ada 2020-01-01 s.d. 2021-01-01 bertumpang tindih"}},
      {"later period starting on the new end: overlapping",
       [](RenewalCandidate& c) {
         c.periods.push_back(Period(absl::CivilDay(2021, 12, 31), absl::CivilDay(2022, 12, 30)));
       },
       {}, {RenewalAction::kExclude, Reason::OVERLAPPING_CONTRACT,
            "Kontrak yang ada 2021-12-31 s.d. 2022-12-30 bertumpang tindih"}},
      {"status before overlap",
       [](RenewalCandidate& c) {
         c.status = v1::MOVED_TO_CPNS;
         c.periods.push_back(Period(absl::CivilDay(2021, 3, 1), absl::CivilDay(2021, 4, 1)));
       },
       {}, {RenewalAction::kExclude, Reason::MOVED_TO_CPNS, "Pindah menjadi CPNS"}},
      {"overlap before the review",
       [](RenewalCandidate& c) {
         c.reviews = {Review(2020, v1::KURANG)};
         c.periods.push_back(Period(absl::CivilDay(2021, 3, 1), absl::CivilDay(2021, 4, 1)));
       },
       {}, {RenewalAction::kExclude, Reason::OVERLAPPING_CONTRACT,
            "Kontrak yang ada 2021-03-01 s.d. 2021-04-01 bertumpang tindih"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    RenewalCandidate candidate = Active();
    c.candidate(candidate);
    RenewalDecision d = DecideRenewal(candidate, kNewSk, c.options);
    EXPECT_EQ(d.action, c.expect.action);
    EXPECT_EQ(d.reason, c.expect.reason);
    EXPECT_EQ(d.message, c.expect.message);
  }
}

TEST(RenewalRulesTest, ANewerPeriodBecomesCurrentAnOlderOneDoesNot) {
  RenewalDecision d = DecideRenewal(Active(), kNewSk, {});
  EXPECT_TRUE(d.becomes_current);
  // A 2019 SK recorded late, behind the 2020 one.
  const Contract k2019 = Period(absl::CivilDay(2019, 1, 1), absl::CivilDay(2019, 12, 31), "800/2019");
  d = DecideRenewal(Active(), k2019, {});
  EXPECT_EQ(d.action, RenewalAction::kRenew);
  EXPECT_FALSE(d.becomes_current);
  RenewalCandidate none = Active();
  none.periods.clear();
  EXPECT_TRUE(DecideRenewal(none, kNewSk, {}).becomes_current);
}

TEST(RenewalRulesTest, SentHomeByTheExpiryReturnsToTheStatusItHad) {
  struct Case {
    const char* name;
    HonorerStatus status;
    ContractExpiry expiry;
    HonorerStatus before;
    bool reactivate;
    HonorerStatus return_to;
  } cases[] = {
      {"sent home from ACTIVE", v1::DIRUMAHKAN, v1::Contract::SENT_HOME, v1::ACTIVE, true,
       v1::ACTIVE},
      {"sent home from MS", v1::DIRUMAHKAN, v1::Contract::SENT_HOME, v1::MS, true, v1::MS},
      {"sent home from TMS", v1::DIRUMAHKAN, v1::Contract::SENT_HOME, v1::TMS, true, v1::TMS},
      {"status before unknown", v1::DIRUMAHKAN, v1::Contract::SENT_HOME,
       v1::HONORER_STATUS_UNSPECIFIED, true, v1::ACTIVE},
      {"sent home by a person, not the expiry", v1::DIRUMAHKAN, v1::Contract::NOT_ENDED,
       v1::HONORER_STATUS_UNSPECIFIED, false, v1::HONORER_STATUS_UNSPECIFIED},
      {"kept at work", v1::ACTIVE, v1::Contract::KEPT_AT_WORK, v1::HONORER_STATUS_UNSPECIFIED,
       false, v1::HONORER_STATUS_UNSPECIFIED},
      {"SENT_HOME period, but ACTIVE again already", v1::ACTIVE, v1::Contract::SENT_HOME,
       v1::ACTIVE, false, v1::HONORER_STATUS_UNSPECIFIED},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    RenewalCandidate candidate = Active();
    candidate.status = c.status;
    candidate.periods = {Period(absl::CivilDay(2020, 1, 1), absl::CivilDay(2020, 12, 31), "",
                                c.expiry, c.before)};
    RenewalDecision d = DecideRenewal(candidate, kNewSk, {});
    ASSERT_EQ(d.action, RenewalAction::kRenew);
    EXPECT_EQ(d.reactivate, c.reactivate);
    EXPECT_EQ(d.return_to, c.return_to);
  }
  // Only the current period's expiry counts, and only when the new SK follows it.
  RenewalCandidate older = Active();
  older.status = v1::DIRUMAHKAN;
  older.periods = {Period(absl::CivilDay(2020, 1, 1), absl::CivilDay(2020, 12, 31), "",
                          v1::Contract::SENT_HOME, v1::ACTIVE)};
  const Contract k2019 = Period(absl::CivilDay(2019, 1, 1), absl::CivilDay(2019, 12, 31), "800/2019");
  EXPECT_FALSE(DecideRenewal(older, k2019, {}).reactivate);
}

// An import recorded the new SK while the honorer was sent home (an import never
// changes a status): the same SK given by RenewContracts returns them to work.
TEST(RenewalRulesTest, TheSameSkAgainReturnsOneSentHome) {
  const Contract sent_home = Period(absl::CivilDay(2020, 1, 1), absl::CivilDay(2020, 12, 31), "",
                                    v1::Contract::SENT_HOME, v1::MS);
  struct Case {
    const char* name;
    void (*candidate)(RenewalCandidate&);
    RenewalAction action;
    bool reactivate;
    bool sk_stored;
    HonorerStatus return_to;
  } cases[] = {
      {"DIRUMAHKAN, the period before SENT_HOME", [](RenewalCandidate&) {},
       RenewalAction::kRenew, true, true, v1::MS},
      {"ACTIVE again already", [](RenewalCandidate& c) { c.status = v1::ACTIVE; },
       RenewalAction::kAlreadyRenewed, false, false, v1::HONORER_STATUS_UNSPECIFIED},
      {"DIRUMAHKAN by a person (the period before NOT_ENDED)",
       [](RenewalCandidate& c) { c.periods[0].expiry = v1::Contract::RENEWED; },
       RenewalAction::kAlreadyRenewed, false, false, v1::HONORER_STATUS_UNSPECIFIED},
      {"DIRUMAHKAN, no period before",
       [](RenewalCandidate& c) { c.periods.erase(c.periods.begin()); },
       RenewalAction::kAlreadyRenewed, false, false, v1::HONORER_STATUS_UNSPECIFIED},
      {"the SK is not the current period",
       [](RenewalCandidate& c) {
         c.periods.push_back(
             Period(absl::CivilDay(2022, 1, 1), absl::CivilDay(2022, 12, 31), "800/2022"));
       },
       RenewalAction::kAlreadyRenewed, false, false, v1::HONORER_STATUS_UNSPECIFIED},
      {"named in exclude_honorers", [](RenewalCandidate& c) { c.excluded_by_request = true; },
       RenewalAction::kExclude, false, false, v1::HONORER_STATUS_UNSPECIFIED},
      {"reviewed KURANG for 2020",
       [](RenewalCandidate& c) { c.reviews = {Review(2020, v1::KURANG)}; },
       RenewalAction::kExclude, false, false, v1::HONORER_STATUS_UNSPECIFIED},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    RenewalCandidate candidate = Active();
    candidate.status = v1::DIRUMAHKAN;
    candidate.periods = {sent_home, kNewSk};
    c.candidate(candidate);
    RenewalDecision d = DecideRenewal(candidate, kNewSk, {});
    EXPECT_EQ(d.action, c.action);
    EXPECT_EQ(d.reactivate, c.reactivate);
    EXPECT_EQ(d.sk_stored, c.sk_stored);
    EXPECT_EQ(d.return_to, c.return_to);
  }
}

TEST(RenewalRulesTest, RenewableStatuses) {
  for (HonorerStatus s : {v1::ACTIVE, v1::MS, v1::TMS, v1::DIRUMAHKAN}) {
    EXPECT_TRUE(IsRenewableStatus(s)) << v1::HonorerStatus_Name(s);
  }
  for (HonorerStatus s : {v1::RESIGNED, v1::MOVED_TO_CPNS, v1::PPPK_PENUH_WAKTU,
                          v1::PPPK_PARUH_WAKTU, v1::CONTRACT_ENDED,
                          v1::HONORER_STATUS_UNSPECIFIED}) {
    EXPECT_FALSE(IsRenewableStatus(s)) << v1::HonorerStatus_Name(s);
  }
}

}  // namespace
}  // namespace penataan::registry
