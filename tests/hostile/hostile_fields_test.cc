// Every text field attacked (issue 13, point 3). For every method of every service,
// read from the service descriptors so that a new method or field cannot escape,
// every string field of the request (nested messages, repeated strings, oneofs, map
// keys and values) is set in turn to hostile values: SQL injection, a 1 MB value,
// invalid UTF-8 (sent as raw bytes, so the server's parser sees them), NUL and
// control characters, a right-to-left override and a homoglyph name. Each call
// must end with a clear status (an INVALID_ARGUMENT names the field), never
// INTERNAL/UNKNOWN/UNAVAILABLE; a value accepted by a create or update reads back
// byte for byte; the service still answers after each method; canary records
// made at setup are unchanged at the end; and the servers' log stays one line per
// event, its values escaped.
//
// Streams are walked too: ImportHonorers gets its header, a rows message and its
// end, the attacked field in whichever holds it; RunScreening is a dry run. On SQLite only
// (about a minute): the checks that matter run before storage, and MariaDB's own
// refusals of bad text are covered by the storage conformance test.

#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/auth/principal.h"
#include "common/errors.h"
#include "common/server/access_table.h"
#include "common/server/grpc_status.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "services/formasi/formasi_access.h"
#include "services/notification/notification_access.h"
#include "services/registry/registry_access.h"
#include "services/screening/screening_access.h"
#include "tests/testing/formasi_server.h"
#include "tests/testing/notification_server.h"
#include "tests/testing/registry_server.h"
#include "tests/testing/screening_server.h"
#include "tests/testing/raw_call.h"
#include "tests/testing/test_tokens.h"

namespace penataan {
namespace {

namespace pb = google::protobuf;
using testing::Ctx;

// ---- the hostile values ----------------------------------------------------------

struct Hostile {
  std::string kind;
  std::string value;
  bool invalid_utf8 = false;
};

std::vector<Hostile> HostileValues() {
  return {
      {"sql-or", "' OR '1'='1"},
      {"sql-drop", "'; DROP TABLE honorers; --"},
      {"sql-escape", "\\' --"},
      {"sql-like", "%_"},
      {"1mb", std::string(1 << 20, 'a')},
      {"utf8-truncated", "\xC3\x28", true},
      {"utf8-ff-fe", "\xFF\xFE", true},
      {"utf8-overlong", "\xC0\xAF", true},
      {"utf8-surrogate", "\xED\xA0\x80", true},
      {"nul", std::string("Kota\0Kupang", 11)},
      {"ctl-soh", "Kota\x01Kupang"},
      {"ctl-lf", "Kota\nts=forged level=info event=rpc"},
      {"ctl-crlf", "Kota\r\nKupang"},
      {"ctl-esc", "\x1b[31mKota Kupang"},
      {"ctl-tab", "Kota\tKupang"},
      {"rtl-override", "Kota \xE2\x80\xAEgnapuK"},
      {"homoglyph", "Kota Kup\xD0\xB0ng"},  // Cyrillic а
  };
}

// ---- the string fields of a message, by path ------------------------------------

// One step of a path: a field, and for a repeated field the element 0.
using Path = std::vector<const pb::FieldDescriptor*>;

std::string PathText(const Path& path) {
  std::vector<std::string> parts;
  for (const pb::FieldDescriptor* f : path) {
    parts.push_back(f->is_repeated() ? absl::StrCat(f->name(), "[0]") : f->name());
  }
  return absl::StrJoin(parts, ".");
}

void CollectStringFields(const pb::Descriptor* type, Path& prefix, int depth,
                         std::vector<Path>& out) {
  if (depth > 6) return;
  for (int i = 0; i < type->field_count(); ++i) {
    const pb::FieldDescriptor* f = type->field(i);
    prefix.push_back(f);
    if (f->type() == pb::FieldDescriptor::TYPE_STRING) {
      out.push_back(prefix);
    } else if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
      CollectStringFields(f->message_type(), prefix, depth + 1, out);
    }
    prefix.pop_back();
  }
}

std::vector<Path> StringFields(const pb::Descriptor* type) {
  std::vector<Path> out;
  Path prefix;
  CollectStringFields(type, prefix, 0, out);
  return out;
}

// The message the last step of `path` lives in, made to exist (element 0 of a
// repeated message added when the baseline has none).
pb::Message* Reach(pb::Message* message, const Path& path) {
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    const pb::FieldDescriptor* f = path[i];
    const pb::Reflection* r = message->GetReflection();
    if (f->is_repeated()) {
      if (r->FieldSize(*message, f) == 0) r->AddMessage(message, f);
      message = r->MutableRepeatedMessage(message, f, 0);
    } else {
      message = r->MutableMessage(message, f);
    }
  }
  return message;
}

void SetAt(pb::Message* message, const Path& path, const std::string& value) {
  pb::Message* holder = Reach(message, path);
  const pb::FieldDescriptor* f = path.back();
  const pb::Reflection* r = holder->GetReflection();
  if (!f->is_repeated()) {
    r->SetString(holder, f, value);
  } else if (r->FieldSize(*holder, f) == 0) {
    r->AddString(holder, f, value);
  } else {
    r->SetRepeatedString(holder, f, 0, value);
  }
}

// The strings at `path` of `message`, through every element of a repeated field
// (a map's entries come in no fixed order).
void GetAll(const pb::Message& m, const Path& path, size_t i, std::vector<std::string>& out) {
  const pb::FieldDescriptor* f = path[i];
  if (f->containing_type() != m.GetDescriptor()) return;
  const pb::Reflection* r = m.GetReflection();
  const bool last = i + 1 == path.size();
  if (!f->is_repeated()) {
    if (last) {
      out.push_back(r->GetString(m, f));
    } else {
      GetAll(r->GetMessage(m, f), path, i + 1, out);
    }
    return;
  }
  for (int k = 0; k < r->FieldSize(m, f); ++k) {
    if (last) {
      out.push_back(r->GetRepeatedString(m, f, k));
    } else {
      GetAll(r->GetRepeatedMessage(m, f, k), path, i + 1, out);
    }
  }
}

// The same path in another message type: `path` of a request whose first field is
// the resource the method answers (CreateHonorerRequest.honorer -> Honorer) read
// in that resource; or the same names, if the other type has them.
std::optional<Path> MapPath(const Path& path, const pb::Descriptor* to) {
  Path rest = path;
  if (path.size() > 1 && path[0]->message_type() == to && !path[0]->is_repeated()) {
    rest.erase(rest.begin());
  }
  Path out;
  const pb::Descriptor* type = to;
  for (const pb::FieldDescriptor* f : rest) {
    if (type == nullptr) return std::nullopt;
    const pb::FieldDescriptor* g = type->FindFieldByName(f->name());
    if (g == nullptr || g->type() != f->type() || g->is_repeated() != f->is_repeated()) {
      return std::nullopt;
    }
    out.push_back(g);
    type = g->message_type();
  }
  return out;
}

// The names an INVALID_ARGUMENT about `path` may use: the field's name or JSON
// name or that of a message holding it below the request's top-level field (a mask
// naming "bkn_differences" is about honorer.bkn_differences[0].field); a map's
// key or value may be named by the map, a field mask's paths by the mask.
std::vector<std::string> NamesOf(const Path& path) {
  std::vector<std::string> names;
  for (size_t i = 0; i < path.size(); ++i) {
    const bool holds_mask = path.size() > 1 && path[1]->containing_type()->full_name() ==
                                                   "google.protobuf.FieldMask";
    if (i == 0 && path.size() > 1 && !path[0]->is_map() && !holds_mask) continue;
    names.push_back(path[i]->name());
    names.push_back(path[i]->json_name());
  }
  return names;
}

// ---- calls -------------------------------------------------------------------------

// `message` serialized with `value` at `path`. Invalid UTF-8 is spliced into the
// bytes in place of a placeholder of the same length, since protobuf will not
// serialize it as a string.
std::string WithValue(const pb::Message& baseline, const Path& path, const Hostile& h) {
  std::unique_ptr<pb::Message> m(baseline.New());
  m->CopyFrom(baseline);
  if (!h.invalid_utf8) {
    SetAt(m.get(), path, h.value);
    return m->SerializeAsString();
  }
  const std::string placeholder(h.value.size(), '~');
  SetAt(m.get(), path, placeholder);
  std::string bytes = m->SerializeAsString();
  const size_t at = bytes.find(placeholder);
  EXPECT_NE(at, std::string::npos);
  EXPECT_EQ(bytes.find(placeholder, at + 1), std::string::npos) << "placeholder not unique";
  if (at != std::string::npos) bytes.replace(at, placeholder.size(), h.value);
  return bytes;
}

// ---- what each method is called with ---------------------------------------------

// A valid request in text format, or several for a stream (separated by "\n---\n").
// $N is a number new for each call, $H the sample honorer, $ID its id, $P the
// personalisation of the formasi-deadline-reminder template.
const std::map<std::string, std::string>& Baselines() {
  static const auto* baselines = new std::map<std::string, std::string>{
      // registry
      {"CreateInstansi",
       R"(instansi { code: "hx$N" display_name: "Kota Uji $N" level: KOTA time_zone: "Asia/Makassar" })"},
      {"GetInstansi", R"(code: "5371")"},
      {"GetInstansiContacts", R"(instansi_code: "5371")"},
      {"UpdateInstansiContacts",
       R"(contacts { instansi_code: "5371" contacts { display_name: "Admin BKPSDM" email: "admin@kupangkota.go.id" } })"},
      {"BatchGetInstansiContacts", R"(instansi_codes: "5371")"},
      {"CreateHonorer",
       R"(honorer { nik: "53710141019$N" full_name: "Maria Goreti Bria"
          birth_date { year: 1990 month: 1 day: 1 } gender: FEMALE education: S1
          instansi_code: "5371" unit_kerja: "Dinas Pendidikan" jabatan_category: GURU
          position_title: "Guru Kelas" service_start_date { year: 2010 month: 7 day: 1 } }
          request_id: "hx-create-$N")"},
      {"GetHonorer", R"(name: "$H")"},
      {"BatchGetHonorers", R"(names: "$H")"},
      {"ListHonorers", R"(instansi_code: "5371" unit_kerja: "Dinas Pendidikan")"},
      {"UpdateHonorer",
       R"(honorer { name: "$H" unit_kerja: "Dinas Pendidikan" } update_mask { paths: "unit_kerja" })"},
      {"ChangeHonorerStatus", R"(name: "$H" status: DIRUMAHKAN reason: "uji")"},
      {"ListStatusHistory", R"(name: "$H")"},
      {"ImportHonorers",
       R"(header { instansi_code: "5371" import_id: "hx-import-$N" }
---
rows { rows { row_number: 2 nik: "53710141019$N" full_name: "Yohana Bria"
          birth_date: "1990-01-01" gender: "P" education: "S1" unit_kerja: "Dinas Kesehatan"
          jabatan_category: "TENAGA_KESEHATAN" position_title: "Perawat"
          service_start_date: "2012-03-01" } }
---
end { rows: 1 })"},
      {"BulkChangeStatus",
       R"(instansi_code: "5371" new_status: DIRUMAHKAN reason: "uji" dry_run: true)"},
      {"VerifyHonorers", R"(entries { nik: "5371014101900001" in_bkn_database: true })"},
      {"RecordScreeningOutcomes", R"(entries { name: "$H" status: TMS reason: "uji" })"},
      {"ListContracts", R"(honorer: "$H")"},
      {"ListExpiringContracts", R"(instansi_code: "5371")"},
      {"RenewContracts",
       R"(instansi_code: "5371" sk_number: "800/1/2021"
          start_date { year: 2021 month: 1 day: 1 } end_date { year: 2021 month: 12 day: 31 }
          signed_by: "Wali Kota Kupang" dry_run: true)"},
      {"GetContractPolicy", R"(instansi_code: "5371")"},
      {"UpdateContractPolicy",
       R"(policy { instansi_code: "5371" expiry_notice_days: 30
          crucial_units { unit_kerja: "Puskesmas" prefix: true reason: "Pelayanan kesehatan" } }
          update_mask { paths: "expiry_notice_days" })"},
      {"SetPerformanceReview",
       R"(review { honorer: "$H" year: 2020 outcome: BAIK reviewer: "Kepala Dinas" note: "baik" })"},
      {"ImportPerformanceReviews",
       R"(instansi_code: "5371" rows { row_number: 2 honorer: "$H" year: 2021 outcome: "BAIK" reviewer: "Kepala Dinas" note: "baik" })"},
      {"ListPerformanceReviews", R"(instansi_code: "5371" year: 2020)"},
      // notification
      {"CreateTemplate",
       R"(template { id: "hx-$N" channel: LOG subject: "Uji {{nama}}" body: "Halo {{nama}}" })"},
      {"GetTemplate", R"(name: "templates/formasi-deadline-reminder")"},
      {"SendNotification",
       R"(template_id: "formasi-deadline-reminder" recipient: "log" reference: "hx-$N" $P)"},
      {"SendBatch",
       R"(template_id: "formasi-deadline-reminder" request_id: "hx-batch-$N"
          recipients { recipient: "log" reference: "hx-b-$N" $P })"},
      {"GetNotification", R"(name: "$NOTIFICATION")"},
      {"RetryNotifications", R"(names: "$NOTIFICATION")"},
      // formasi
      {"CreatePeriod",
       R"(period { display_name: "Periode $N" kind: PPPK_PARUH_WAKTU
          open_time { seconds: 1754499600 } deadline_civil_time: "2025-09-25 23:59:59"
          deadline_time_zone: "Asia/Jakarta" } request_id: "hx-period-$N")"},
      {"GetPeriod", R"(name: "periods/2")"},
      {"UpdatePeriod",
       R"(period { name: "periods/2" display_name: "Periode uji" } update_mask { paths: "display_name" } reason: "uji")"},
      {"ClosePeriod", R"(name: "periods/999" reason: "uji")"},
      {"GrantExtension",
       R"(extension { period: "periods/2" instansi_code: "5371" deadline_civil_time: "2025-09-30 23:59:59"
          deadline_time_zone: "Asia/Jakarta" reason: "banjir" letter_number: "800/2/2025" }
          request_id: "hx-ext-$N")"},
      {"ListExtensions", R"(period: "periods/2" instansi_code: "5371")"},
      {"CreateProposal",
       R"(proposal { period: "periods/2" instansi_code: "5371" sptjm_reference: "800/3/2025" $LINES }
          request_id: "hx-prop-$N")"},
      {"GetProposal", R"(name: "periods/2/proposals/5371")"},
      {"ListProposals", R"(period: "periods/2" instansi_code: "5371")"},
      {"UpdateProposal",
       R"(proposal { name: "periods/2/proposals/5371" sptjm_reference: "800/3/2025" $LINES }
          update_mask { paths: "sptjm_reference" })"},
      {"SubmitProposal", R"(name: "periods/2/proposals/5371" validate_only: true)"},
      {"DecideProposal", R"(name: "periods/2/proposals/5371" decision: APPROVE note: "uji")"},
      {"GetPeriodSummary", R"(period: "periods/2" instansi_code: "5371")"},
      {"ListReminders", R"(period: "periods/2" instansi_code: "5371")"},
      // screening
      {"CreateRound",
       R"(round { display_name: "Seleksi $N" cutoff_date { year: 2024 month: 12 day: 31 }
          appeal_start_date { year: 2025 month: 2 day: 19 }
          appeal_end_date { year: 2025 month: 2 day: 21 } appeal_time_zone: "Asia/Jakarta" $RULES }
          request_id: "hx-round-$N")"},
      {"GetRound", R"(name: "rounds/2")"},
      {"UpdateRound",
       R"(round { name: "rounds/2" display_name: "Seleksi uji" appeal_time_zone: "Asia/Jakarta" $RULES }
          update_mask { paths: "display_name" } etag: "$ROUND_ETAG")"},
      {"AddApplicants", R"(round: "rounds/2" instansi_code: "5371" honorers: "$H")"},
      {"ListApplicants", R"(round: "rounds/2" instansi_code: "5371")"},
      {"RunScreening", R"(round: "rounds/2" dry_run: true request_id: "hx-run-$N")"},
      {"GetRun", R"(name: "rounds/2/runs/1")"},
      {"GetResult", R"(name: "rounds/1/results/$ID")"},
      {"ListResults", R"(round: "rounds/1" instansi_code: "5371")"},
      {"SummarizeResults", R"(round: "rounds/1" instansi_code: "5371")"},
      {"FileAppeal",
       R"(result: "rounds/1/results/$ID" answers { code: SERVICE_TOO_SHORT statement: "SK 2010" }
          request_id: "hx-appeal-$N")"},
      {"GetAppeal", R"(name: "rounds/1/results/$ID/appeal")"},
      {"ListAppeals", R"(round: "rounds/1" instansi_code: "5371")"},
      {"DecideAppeal",
       R"(name: "rounds/1/results/$ID/appeal" decision: REJECT note: "uji" etag: "$APPEAL_ETAG")"},
      {"RankCandidates", R"(round: "rounds/1" instansi_code: "5371")"},
  };
  return *baselines;
}

// A round's rules, every parameter set, so that each citation is reached.
constexpr char kRules[] = R"(
    rules {
      min_continuous_service_years { value: 2 regulation: "KepmenPANRB 347/2024" }
      min_age_years { value: 20 regulation: "PermenPANRB 14/2018" }
      max_age { post_kind: GENERAL max_age_years: 56 regulation: "PP 49/2018" }
      require_in_bkn_database { required: true regulation: "SE MenPANRB B/1527/2023" }
      require_active { required: true regulation: "KepmenPANRB 347/2024" }
      open_categories { categories: GURU categories: TENAGA_KESEHATAN regulation: "KepmenPANRB 347/2024" }
      min_education { category: GURU position_title: "Guru Kelas" education: S1 regulation: "UU 14/2005" }
      require_bkn_data_match { required: true regulation: "KepmenPANRB 347/2024" } })";

// A proposal's line naming the sample honorer, and a second Kupang honorer left out.
constexpr char kLines[] =
    R"(lines { jabatan_category: GURU position_title: "Guru Kelas" education_qualification: S1
               unit_kerja: "Dinas Pendidikan" count: 1 monthly_pay_idr: 2500000 honorers: "$H" }
       left_out { honorer: "$H2" reason: LAINNYA note: "pindah tugas" })";

// Where an accepted value can be read back: the read method and its request, with
// {field} replaced by that field of the call's answer.
struct ReadBack {
  std::string method;
  std::string request;
};

const std::map<std::string, ReadBack>& ReadBacks() {
  static const auto* pairs = new std::map<std::string, ReadBack>{
      {"CreateInstansi", {"GetInstansi", R"(code: "{code}")"}},
      {"UpdateInstansiContacts", {"GetInstansiContacts", R"(instansi_code: "{instansi_code}")"}},
      {"CreateHonorer", {"GetHonorer", R"(name: "{name}")"}},
      {"UpdateHonorer", {"GetHonorer", R"(name: "{name}")"}},
      {"UpdateContractPolicy", {"GetContractPolicy", R"(instansi_code: "{instansi_code}")"}},
      {"CreateTemplate", {"GetTemplate", R"(name: "{name}")"}},
      {"SendNotification", {"GetNotification", R"(name: "{name}")"}},
      {"CreatePeriod", {"GetPeriod", R"(name: "{name}")"}},
      {"UpdatePeriod", {"GetPeriod", R"(name: "{name}")"}},
      {"GrantExtension", {"ListExtensions", R"(period: "{period}" instansi_code: "{instansi_code}")"}},
      {"UpdateProposal", {"GetProposal", R"(name: "{name}")"}},
      {"CreateRound", {"GetRound", R"(name: "{name}")"}},
      {"UpdateRound", {"GetRound", R"(name: "{name}")"}},
      {"FileAppeal", {"GetAppeal", R"(name: "{name}")"}},
  };
  return *pairs;
}

// Output fields: a create or update ignores what the request says in them and
// answers what the service made (a name, an etag, who did it, a display text).
const std::set<std::string>& OutputOnly() {
  static const auto* fields = new std::set<std::string>{
      "penataan.registry.v1.Instansi.name",
      "penataan.registry.v1.Honorer.name",
      "penataan.registry.v1.Honorer.etag",
      "penataan.registry.v1.BknDifference.field",  // set by BKN through VerifyHonorers
      "penataan.registry.v1.BknDifference.registry_value",
      "penataan.registry.v1.BknDifference.bkn_value",
      "penataan.registry.v1.InstansiContacts.etag",
      "penataan.registry.v1.InstansiContacts.updated_by",
      "penataan.notification.v1.Template.name",
      "penataan.notification.v1.Template.placeholders",  // read from the body
      "penataan.notification.v1.Template.created_by",
      "penataan.formasi.v1.Period.name",
      "penataan.formasi.v1.Period.etag",
      "penataan.formasi.v1.Period.deadline_display",
      "penataan.formasi.v1.Extension.name",
      "penataan.formasi.v1.Extension.granted_by",
      "penataan.formasi.v1.Extension.deadline_display",
      "penataan.screening.v1.Round.name",
      "penataan.screening.v1.Round.etag",
  };
  return *fields;
}

// ---- the test ------------------------------------------------------------------------

struct Who {
  const char* principal;
  const char* token;
};

// The first of these the access table lets call the method: the national admins,
// then Kupang's admin (whose data the baselines name), then the screening service.
std::optional<Who> Caller(const AccessTable& table, const std::string& method) {
  static const Who candidates[] = {
      {"national:kemenpanrb", testing::kKemenpanToken},
      {"national:bkn", testing::kBknToken},
      {"instansi:5371", testing::kKupangToken},
      {"service:screening", testing::kScreeningToken},
  };
  for (const Who& who : candidates) {
    if (table.Check(*ParsePrincipal(who.principal), method).ok()) return who;
  }
  return std::nullopt;
}

bool IsClear(grpc::StatusCode code, const Hostile& h) {
  switch (code) {
    case grpc::StatusCode::OK:
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::NOT_FOUND:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:  // an etag that does not match
      return true;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return h.kind == "1mb";
    default:
      return false;
  }
}

// Sends stderr to a file while alive, so the servers' log lines can be read.
class CapturedStderr {
 public:
  explicit CapturedStderr(std::string path) : path_(std::move(path)) {
    std::fflush(stderr);
    saved_ = dup(2);
    FILE* f = std::fopen(path_.c_str(), "w");
    dup2(fileno(f), 2);
    std::fclose(f);
  }
  // Restores stderr; answers what was written.
  std::string Finish() {
    std::fflush(stderr);
    dup2(saved_, 2);
    close(saved_);
    std::ifstream in(path_, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::remove(path_.c_str());
    return text.str();
  }

 private:
  std::string path_;
  int saved_ = -1;
};

struct ServiceUnderTest {
  const AccessTable* table;
  std::string address;
  std::string cheap_read;  // a method any national admin may call with an empty request
  std::vector<std::string> canaries;  // "Method request-text": read at setup and at the end
};

class HostileFieldsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto registry = testing::RegistryServer::Start("sqlite");
    ASSERT_TRUE(registry.ok()) << registry.status();
    registry_ = std::move(*registry);
    auto notification = testing::NotificationServer::Start("sqlite");
    ASSERT_TRUE(notification.ok()) << notification.status();
    notification_ = std::move(*notification);
    testing::FormasiServerOptions formasi_options;
    formasi_options.registry_address = registry_->address();
    auto formasi = testing::FormasiServer::Start("sqlite", formasi_options);
    ASSERT_TRUE(formasi.ok()) << formasi.status();
    formasi_ = std::move(*formasi);
    testing::ScreeningServerOptions screening_options;
    screening_options.registry_address = registry_->address();
    screening_options.notification_address = notification_->address();
    auto screening = testing::ScreeningServer::Start("sqlite", screening_options);
    ASSERT_TRUE(screening.ok()) << screening.status();
    screening_ = std::move(*screening);
    ASSERT_NO_FATAL_FAILURE(MakeRecords());
  }

  // The records the baselines name, and the canaries: Bekasi's honorer, the first
  // period and round, a template nobody attacks.
  void MakeRecords() {
    auto text = [](const std::string& t, pb::Message* m) {
      ASSERT_TRUE(pb::TextFormat::ParseFromString(t, m)) << t;
    };
    constexpr char kHonorer[] =
        R"(honorer { nik: "%s" full_name: "%s" birth_date { year: 1990 month: 1 day: 1 }
           gender: FEMALE education: S1 instansi_code: "%s" unit_kerja: "Dinas Pendidikan"
           jabatan_category: GURU position_title: "Guru Kelas"
           service_start_date { year: 2010 month: 7 day: 1 } })";
    for (auto [nik, name, code] : {std::tuple{"5371014101900001", "Maria Goreti Bria", "5371"},
                                   std::tuple{"5371014101900003", "Yakobus Nalle", "5371"},
                                   std::tuple{"3275014101900002", "Siti Kanari", "3275"}}) {
      registry::v1::CreateHonorerRequest create;
      text(absl::StrFormat(kHonorer, nik, name, code), &create);
      registry::v1::Honorer h;
      grpc::Status s = registry_->NewStub()->CreateHonorer(Ctx(testing::kKemenpanToken).get(),
                                                           create, &h);
      ASSERT_TRUE(s.ok()) << s.error_message();
      (std::string(code) == "3275" ? canary_honorer_
       : honorer_.empty()          ? honorer_
                                   : second_honorer_) = h.name();
    }

    // The template the sends use, and its placeholders.
    notification::v1::GetTemplateRequest get_template;
    get_template.set_name("templates/formasi-deadline-reminder");
    notification::v1::Template t;
    grpc::Status s = notification_->NewStub()->GetTemplate(Ctx(testing::kKemenpanToken).get(),
                                                           get_template, &t);
    ASSERT_TRUE(s.ok()) << s.error_message();
    for (const std::string& p : t.placeholders()) {
      absl::StrAppend(&personalisation_, R"( personalisation { key: ")", p, R"(" value: "x" })");
    }
    notification::v1::SendNotificationRequest send;
    text(absl::StrReplaceAll(Baselines().at("SendNotification"),
                             {{"$N", "setup"}, {"$P", personalisation_}}),
         &send);
    notification::v1::Notification n;
    s = notification_->NewStub()->SendNotification(Ctx(testing::kKemenpanToken).get(), send, &n);
    ASSERT_TRUE(s.ok()) << s.error_message();
    notification_name_ = n.name();

    // Formasi: periods/1 the canary, periods/2 attacked, with Kupang's proposal.
    for (const char* n : {"canary", "attacked"}) {
      formasi::v1::CreatePeriodRequest period;
      text(absl::StrReplaceAll(Baselines().at("CreatePeriod"), {{"$N", n}}), &period);
      formasi::v1::Period p;
      s = formasi_->NewStub()->CreatePeriod(Ctx(testing::kKemenpanToken).get(), period, &p);
      ASSERT_TRUE(s.ok()) << s.error_message();
    }
    formasi::v1::CreateProposalRequest proposal;
    text(R"(proposal { period: "periods/2" instansi_code: "5371" })", &proposal);
    formasi::v1::Proposal p;
    s = formasi_->NewStub()->CreateProposal(Ctx(testing::kKupangToken).get(), proposal, &p);
    ASSERT_TRUE(s.ok()) << s.error_message();

    // Screening: rounds/1 the canary, with a TMS result of the honorer (FileAppeal's
    // baseline appeals it); rounds/2 attacked.
    for (int i = 0; i < 2; ++i) {
      screening::v1::CreateRoundRequest round;
      text(Fill(Baselines().at("CreateRound")), &round);
      screening::v1::Round r;
      s = screening_->NewStub()->CreateRound(Ctx(testing::kBknToken).get(), round, &r);
      ASSERT_TRUE(s.ok()) << s.error_message();
    }
    honorer_id_ = honorer_.substr(strlen("honorers/"));
    ASSERT_TRUE(screening_
                    ->StoreTmsResult(1, std::stoll(honorer_id_), "5371",
                                     screening::v1::SERVICE_TOO_SHORT)
                    .ok());
  }

  ServiceUnderTest Service() {
    const std::string& name = GetParam();
    if (name == "registry") {
      return {&registry::RegistryAccess(), registry_->address(), "ListInstansi",
              {R"(GetInstansi code: "3275")", absl::StrCat(R"(GetHonorer name: ")", canary_honorer_, R"(")"),
               R"(GetInstansiContacts instansi_code: "3275")",
               R"(GetContractPolicy instansi_code: "3275")",
               R"(ListHonorers instansi_code: "3275")"}};
    }
    if (name == "notification") {
      return {&notification::NotificationAccess(), notification_->address(), "ListTemplates",
              {R"(GetTemplate name: "templates/formasi-deadline-reminder")"}};
    }
    if (name == "formasi") {
      return {&formasi::FormasiAccess(), formasi_->address(), "ListPeriods",
              {R"(GetPeriod name: "periods/1")"}};
    }
    return {&screening::ScreeningAccess(), screening_->address(), "ListRounds",
            {R"(GetRound name: "rounds/1")"}};
  }

  // The etags an update of the attacked round and a decision of the appeal need.
  std::string RoundEtag() {
    screening::v1::GetRoundRequest get;
    get.set_name("rounds/2");
    screening::v1::Round r;
    EXPECT_TRUE(screening_->NewStub()->GetRound(Ctx(testing::kBknToken).get(), get, &r).ok());
    return r.etag();
  }
  std::string AppealEtag() {
    screening::v1::GetAppealRequest get;
    get.set_name(absl::StrCat("rounds/1/results/", honorer_id_, "/appeal"));
    screening::v1::Appeal a;
    (void)screening_->NewStub()->GetAppeal(Ctx(testing::kBknToken).get(), get, &a);
    return a.etag();
  }

  std::string Fill(const std::string& baseline) {
    const std::string text = absl::StrReplaceAll(baseline, {{"$LINES", kLines}, {"$RULES", kRules}});
    return absl::StrReplaceAll(text, {{"$NOTIFICATION", notification_name_},
                                      {"$ROUND_ETAG", absl::StrContains(text, "$ROUND_ETAG") ? RoundEtag() : ""},
                                      {"$APPEAL_ETAG", absl::StrContains(text, "$APPEAL_ETAG") ? AppealEtag() : ""},
                                      {"$N", absl::StrFormat("%05d", ++counter_)},
                                      {"$H2", second_honorer_},
                                      {"$H", honorer_},
                                      {"$ID", honorer_id_},
                                      {"$P", personalisation_}});
  }

  std::unique_ptr<testing::RegistryServer> registry_;
  std::unique_ptr<testing::NotificationServer> notification_;
  std::unique_ptr<testing::FormasiServer> formasi_;
  std::unique_ptr<testing::ScreeningServer> screening_;
  std::string honorer_, second_honorer_, honorer_id_, canary_honorer_, notification_name_, personalisation_;
  int counter_ = 0;
  pb::DynamicMessageFactory factory_;
};

std::string Describe(const grpc::Status& s) {
  return absl::StrCat(s.error_code(), " \"", s.error_message().substr(0, 300), "\"");
}

// Whether an INVALID_ARGUMENT names one of `names`, in its message or a violation.
bool NamesField(const grpc::Status& s, const std::vector<std::string>& names) {
  absl::Status status = FromGrpcStatus(s);
  for (const std::string& name : names) {
    if (absl::StrContains(s.error_message(), name)) return true;
    for (const Violation& v : ViolationsOf(status)) {
      if (absl::StrContains(v.field, name)) return true;
    }
  }
  return false;
}

TEST_P(HostileFieldsTest, EveryStringFieldOfEveryRequestIsAttacked) {
  const ServiceUnderTest service = Service();
  auto channel = grpc::CreateChannel(service.address, grpc::InsecureChannelCredentials());
  const pb::ServiceDescriptor* descriptor =
      pb::DescriptorPool::generated_pool()->FindServiceByName(service.table->service());
  ASSERT_NE(descriptor, nullptr);
  const std::string prefix = absl::StrCat("/", descriptor->full_name(), "/");
  auto parse = [&](const pb::Descriptor* type, const std::string& text) {
    std::unique_ptr<pb::Message> m(factory_.GetPrototype(type)->New());
    EXPECT_TRUE(pb::TextFormat::ParseFromString(text, m.get())) << text;
    return m;
  };
  auto read = [&](const std::string& method_and_request) {
    const auto [method, request] = std::pair<std::string, std::string>(
        absl::StrSplit(method_and_request, absl::MaxSplits(' ', 1)));
    const pb::MethodDescriptor* m = descriptor->FindMethodByName(method);
    testing::RawReply r =
        testing::CallRaw(channel, prefix + method,
                         {parse(m->input_type(), request)->SerializeAsString()},
                         testing::kKemenpanToken);
    EXPECT_TRUE(r.status.ok()) << method_and_request << ": " << Describe(r.status);
    return r.messages.empty() ? std::string() : r.messages[0];
  };
  std::vector<std::string> canaries_before;
  for (const std::string& c : service.canaries) canaries_before.push_back(read(c));

  const std::vector<Hostile> values = HostileValues();
  int calls = 0, fields = 0, accepted = 0, refused = 0;
  const absl::Time start = absl::Now();
  CapturedStderr log(::testing::TempDir() + "/hostile_" + GetParam() + ".log");
  for (int i = 0; i < descriptor->method_count(); ++i) {
    const pb::MethodDescriptor* method = descriptor->method(i);
    std::optional<Who> who = Caller(*service.table, method->name());
    ASSERT_TRUE(who.has_value()) << method->name();
    auto baseline = Baselines().find(method->name());
    const std::string baseline_text = baseline == Baselines().end() ? "" : baseline->second;
    auto requests = [&]() {
      std::vector<std::unique_ptr<pb::Message>> out;
      for (absl::string_view part : absl::StrSplit(Fill(baseline_text), "\n---\n")) {
        out.push_back(parse(method->input_type(), std::string(part)));
      }
      return out;
    };
    // The baseline itself must pass validation, or the attacks test nothing.
    {
      std::vector<std::string> bytes;
      for (const auto& m : requests()) bytes.push_back(m->SerializeAsString());
      testing::RawReply r = testing::CallRaw(channel, prefix + method->name(), bytes, who->token);
      EXPECT_NE(r.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
          << method->name() << " baseline: " << Describe(r.status);
    }
    const auto read_back = ReadBacks().find(method->name());
    for (const Path& path : StringFields(method->input_type())) {
      ++fields;
      const std::string where = absl::StrCat(method->name(), " ", PathText(path));
      for (const Hostile& h : values) {
        std::vector<std::unique_ptr<pb::Message>> stream = requests();
        // The attacked message of a stream: the first that has the path's first field.
        size_t target = 0;
        for (size_t k = 0; k < stream.size(); ++k) {
          const pb::Reflection* r = stream[k]->GetReflection();
          if (path[0]->is_repeated() ? r->FieldSize(*stream[k], path[0]) > 0
                                     : r->HasField(*stream[k], path[0])) {
            target = k;
            break;
          }
        }
        // An update stores a field only if its mask names it.
        const pb::FieldDescriptor* mask =
            stream[target]->GetDescriptor()->FindFieldByName("update_mask");
        if (mask != nullptr && path.size() > 1 && path[0] != mask) {
          pb::Message* m =
              stream[target]->GetReflection()->MutableMessage(stream[target].get(), mask);
          const pb::FieldDescriptor* paths = m->GetDescriptor()->FindFieldByName("paths");
          m->GetReflection()->ClearField(m, paths);
          m->GetReflection()->AddString(m, paths, path[1]->name());
        }
        std::vector<std::string> bytes;
        for (size_t k = 0; k < stream.size(); ++k) {
          bytes.push_back(k == target ? WithValue(*stream[k], path, h)
                                      : stream[k]->SerializeAsString());
        }
        testing::RawReply reply =
            testing::CallRaw(channel, prefix + method->name(), bytes, who->token);
        ++calls;
        const grpc::StatusCode code = reply.status.error_code();
        const std::string at = absl::StrCat(where, " = ", h.kind, ": ");
        if (std::getenv("HOSTILE_FIELDS_VERBOSE") != nullptr) {
          std::printf("call %s%s\n", at.c_str(), Describe(reply.status).substr(0, 160).c_str());
        }
        if (!IsClear(code, h)) ADD_FAILURE() << at << "unclear status " << Describe(reply.status);
        // An error may quote the value, but not all of a long one: a status travels
        // in HTTP/2 trailers, which a client refuses past a few kilobytes.
        if (reply.status.error_message().size() > 2000) {
          ADD_FAILURE() << at << "an error message of " << reply.status.error_message().size()
                        << " bytes";
        }
        if (code == grpc::StatusCode::INVALID_ARGUMENT) {
          ++refused;
          if (!NamesField(reply.status, NamesOf(path))) {
            ADD_FAILURE() << at << "does not name the field: " << Describe(reply.status);
          }
        }
        if (h.invalid_utf8) {
          if (reply.status.ok()) ADD_FAILURE() << at << "invalid UTF-8 accepted";
        }
        if (!reply.status.ok()) continue;
        ++accepted;
        if (read_back == ReadBacks().end() || reply.messages.empty()) continue;
        std::unique_ptr<pb::Message> answer(factory_.GetPrototype(method->output_type())->New());
        ASSERT_TRUE(answer->ParseFromString(reply.messages[0]));
        std::string read_request = read_back->second.request;
        for (int f = 0; f < answer->GetDescriptor()->field_count(); ++f) {
          const pb::FieldDescriptor* field = answer->GetDescriptor()->field(f);
          if (field->type() == pb::FieldDescriptor::TYPE_STRING && !field->is_repeated()) {
            read_request = absl::StrReplaceAll(
                read_request, {{absl::StrCat("{", field->name(), "}"),
                                answer->GetReflection()->GetString(*answer, field)}});
          }
        }
        const pb::MethodDescriptor* getter = descriptor->FindMethodByName(read_back->second.method);
        testing::RawReply got = testing::CallRaw(channel, prefix + getter->name(),
                            {parse(getter->input_type(), read_request)->SerializeAsString()},
                            testing::kKemenpanToken);
        if (!got.status.ok() || got.messages.empty()) {
          ADD_FAILURE() << at << "accepted, but " << read_request << ": " << Describe(got.status);
          continue;
        }
        std::unique_ptr<pb::Message> stored(factory_.GetPrototype(getter->output_type())->New());
        ASSERT_TRUE(stored->ParseFromString(got.messages.at(0)));
        std::optional<Path> stored_path = MapPath(path, getter->output_type());
        if (!stored_path) {
          // A list answer: the resource is its first repeated message.
          const pb::FieldDescriptor* items = getter->output_type()->field(0);
          if (items->is_repeated() && items->message_type() != nullptr) {
            std::optional<Path> inner = MapPath(path, items->message_type());
            if (inner) {
              inner->insert(inner->begin(), items);
              stored_path = inner;
            }
          }
        }
        if (!stored_path || OutputOnly().count(path.back()->full_name())) continue;
        std::vector<std::string> found;
        GetAll(*stored, *stored_path, 0, found);
        if (std::find(found.begin(), found.end(), h.value) == found.end()) {
          ADD_FAILURE() << at << "accepted but read back as "
                        << (found.empty() ? std::string("nothing")
                                          : absl::CEscape(found[0].substr(0, 80)));
        }
      }
    }
    // The service still answers.
    read(absl::StrCat(service.cheap_read, " "));
  }
  const std::string logged = log.Finish();
  const absl::Duration took = absl::Now() - start;

  // Nothing else changed.
  for (size_t i = 0; i < service.canaries.size(); ++i) {
    EXPECT_EQ(read(service.canaries[i]), canaries_before[i]) << service.canaries[i] << " changed";
  }

  // One line per event, every value escaped: no line that is not an event, no
  // control character inside one.
  int lines = 0;
  for (absl::string_view line : absl::StrSplit(logged, '\n', absl::SkipEmpty())) {
    ++lines;
    EXPECT_TRUE(absl::StartsWith(line, "ts=")) << "not an event line: " << absl::CEscape(line.substr(0, 200));
    for (char c : line) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        ADD_FAILURE() << "control character in a log line: " << absl::CEscape(line.substr(0, 200));
        break;
      }
    }
    EXPECT_FALSE(absl::StrContains(line, "\xE2\x80\xAE")) << "a right-to-left override in the log";
  }
  std::printf("%s: %d methods, %d string fields x %zu values = %d calls (%d accepted, %d "
              "INVALID_ARGUMENT), %d log lines, %s\n",
              GetParam().c_str(), descriptor->method_count(), fields, values.size(), calls,
              accepted, refused, lines, absl::FormatDuration(took).c_str());
}

INSTANTIATE_TEST_SUITE_P(Services, HostileFieldsTest,
                         ::testing::Values("registry", "notification", "formasi", "screening"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan
