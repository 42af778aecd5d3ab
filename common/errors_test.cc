#include "common/errors.h"

#include "common/server/grpc_status.h"
#include "gtest/gtest.h"

namespace penataan {
namespace {

TEST(Errors, InvalidFieldNamesTheFieldInMessageAndDetail) {
  absl::Status s = InvalidField("honorer.nik", "must be 16 digits");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "honorer.nik: must be 16 digits");
  auto v = ViolationsOf(s);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].field, "honorer.nik");
}

TEST(Errors, ManyViolationsAreAllKeptAndCounted) {
  absl::Status s = InvalidFields({{"a", 3, "bad"}, {"b", 4, "worse"}});
  EXPECT_EQ(s.message(), "a: bad (and 1 more)");
  auto v = ViolationsOf(s);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1].row, 4);
}

TEST(Errors, ViolationsSurviveTheTripThroughGrpcStatus) {
  absl::Status s = InvalidFields({{"nik", 7, "unknown province code 99"}});
  grpc::Status g = ToGrpcStatus(s);
  EXPECT_EQ(g.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_FALSE(g.error_details().empty());
  absl::Status back = FromGrpcStatus(g);
  EXPECT_EQ(back.code(), absl::StatusCode::kInvalidArgument);
  auto v = ViolationsOf(back);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].row, 7);
  EXPECT_EQ(v[0].description, "unknown province code 99");
}

// An error may quote what was sent ("\"Kupang\xE9\" is not a unit"): the caller
// still reads every violation and the message, as valid UTF-8 with U+FFFD where
// the bytes were not.
TEST(Errors, ViolationsQuotingBytesThatAreNotUtf8StayReadable) {
  absl::Status s = InvalidFields({{"unit_kerja", 2, "\"Kupang\xE9\" is not a unit"},
                                  {"nik\xFF", 3, "bad"}});
  auto v = ViolationsOf(s);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].description, "\"Kupang\xEF\xBF\xBD\" is not a unit");
  EXPECT_EQ(v[1].field, "nik\xEF\xBF\xBD");
  grpc::Status g = ToGrpcStatus(s);
  EXPECT_EQ(g.error_message(), "unit_kerja: \"Kupang\xEF\xBF\xBD\" is not a unit (and 1 more)");
  absl::Status back = FromGrpcStatus(g);
  ASSERT_EQ(ViolationsOf(back).size(), 2u);
  EXPECT_EQ(ViolationsOf(back)[1].row, 3);
}

TEST(Errors, PlainStatusMapsCodeAndMessage) {
  grpc::Status g = ToGrpcStatus(absl::FailedPreconditionError("deadline passed"));
  EXPECT_EQ(g.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(g.error_message(), "deadline passed");
  EXPECT_TRUE(g.error_details().empty());
}

}  // namespace
}  // namespace penataan
