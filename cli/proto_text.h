#ifndef PENATAAN_CLI_PROTO_TEXT_H_
#define PENATAAN_CLI_PROTO_TEXT_H_

// Typing API values on a command line and showing them in a table.

#include <optional>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/timestamp.pb.h"
#include "penataan/common/v1/common.pb.h"

namespace penataan::cli {

// "tenaga-kesehatan", "Tenaga Kesehatan" and "TENAGA_KESEHATAN" all name the value;
// for Gender also L/P. nullopt when it names none (or the _UNSPECIFIED value).
std::optional<int> ParseEnumName(const google::protobuf::EnumDescriptor* type,
                                 const std::string& text);
std::string EnumName(const google::protobuf::EnumDescriptor* type, int value);
// The names a user may type, for help and errors: "ACTIVE, MS, TMS, ...".
std::string EnumChoices(const google::protobuf::EnumDescriptor* type);

// "YYYY-MM-DD".
std::optional<common::v1::Date> ParseDate(const std::string& text);
std::string FormatDate(const common::v1::Date& date);
std::string FormatTimestamp(const google::protobuf::Timestamp& t);
// "YYYY-MM-DD HH:MM:SS" in UTC, a form spreadsheets read as a date and time (the
// CSV column's name says UTC); "" when unset.
std::string FormatCsvTime(const google::protobuf::Timestamp& t);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_PROTO_TEXT_H_
