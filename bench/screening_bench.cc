// The 1,000,000-applicant screening benchmark of docs/benchmarks.md (issue 9, point
// 12), against running registry, notification (not delivering) and screening
// servers on one MariaDB; bench/run_screening_benchmark.sh starts them.
//
//  1. setup (not timed as the result): HONORERS honorers over INSTANSI instansi are
//     written straight into the registry's tables with LOAD DATA LOCAL INFILE (an
//     import through the API is benchmarked elsewhere and would take most of an
//     hour here), with contacts and BKN's record (some not in BKN's database, some
//     whose birth date or name differ); a round is created, and every instansi's
//     ACTIVE-or-not honorers are added by filter (AddApplicants, timed apart).
//  2. end to end: one RunScreening, from the call to the DONE message: read from the
//     registry, evaluate, store results, write statuses back, notices handed to the
//     notification service (its dispatcher is off: delivery is not counted). The
//     phases are timed from the progress stream.
//  3. the floor, in the same run: one SQL scan reading the same honorer columns, and
//     one LOAD DATA LOCAL INFILE of the run's 1,000,000 result rows (exported to a
//     file first, not timed) into an empty copy of the results table.
//
// Prints key=value lines the script collects.

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <grpcpp/grpcpp.h>
#include <mysql_driver.h>

#include <unistd.h>

#include <cstdio>
#include <iterator>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "penataan/screening/v1/screening.grpc.pb.h"

ABSL_FLAG(std::string, socket, "", "MariaDB's unix socket");
ABSL_FLAG(std::string, registry_db, "bench_registry", "the registry's database");
ABSL_FLAG(std::string, screening_db, "bench_screening", "the screening service's database");
ABSL_FLAG(std::string, notification_db, "bench_notification", "the notification database");
ABSL_FLAG(std::string, screening, "127.0.0.1:50053", "screening server");
ABSL_FLAG(std::string, bkn_token, "", "bearer token of national:bkn");
ABSL_FLAG(int, honorers, 1000000, "honorers (all of them applicants)");
ABSL_FLAG(int, instansi, 600, "instansi they are spread over");
ABSL_FLAG(std::string, work, "build/bench-work/screening", "directory for the load files");
ABSL_FLAG(uint64_t, seed, 2025, "the same seed gives the same honorers");
ABSL_FLAG(std::string, watch_pids, "",
          "name=pid,... whose CPU seconds during RunScreening are printed (the services,"
          " mariadbd)");

namespace {

using namespace penataan;
namespace sv1 = penataan::screening::v1;

[[noreturn]] void Die(const std::string& what) {
  std::cerr << "screening_bench: " << what << std::endl;
  std::exit(1);
}

double Seconds(absl::Time since) { return absl::ToDoubleSeconds(absl::Now() - since); }

std::unique_ptr<sql::Connection> Connect(const std::string& database) {
  try {
    sql::ConnectOptionsMap options;
    options["hostName"] = sql::SQLString("localhost");
    options["socket"] = sql::SQLString(absl::GetFlag(FLAGS_socket));
    options["userName"] = sql::SQLString("root");
    options["password"] = sql::SQLString("");
    options["schema"] = sql::SQLString(database);
    options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    // LOAD DATA LOCAL INFILE is refused by the client library unless asked for
    // (the server has --local-infile=1: scripts/mariadb.sh).
    options["OPT_LOCAL_INFILE"] = 1;
    std::unique_ptr<sql::Connection> c(sql::mysql::get_mysql_driver_instance()->connect(options));
    return c;
  } catch (const sql::SQLException& e) {
    Die(absl::StrCat("connect ", database, ": ", e.what()));
  }
}

void Exec(sql::Connection& c, const std::string& statement) {
  try {
    std::unique_ptr<sql::Statement> s(c.createStatement());
    s->execute(statement);
  } catch (const sql::SQLException& e) {
    Die(absl::StrCat(statement.substr(0, 120), ": ", e.what()));
  }
}

int64_t QueryInt(sql::Connection& c, const std::string& query) {
  try {
    std::unique_ptr<sql::Statement> s(c.createStatement());
    std::unique_ptr<sql::ResultSet> r(s->executeQuery(query));
    return r->next() ? r->getInt64(1) : 0;
  } catch (const sql::SQLException& e) {
    Die(absl::StrCat(query, ": ", e.what()));
  }
}

std::string InstansiCode(int i) { return absl::StrCat(9001 + i); }

std::string Day(absl::CivilDay d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

// ---------------------------------------------------------------- setup

constexpr const char* kGiven[] = {"Maria", "Yohanes", "Agustina", "Fransiskus", "Siti",
                                  "Ahmad", "Dewi",  "Yosef",    "Nur",        "Putu",
                                  "Made",  "Rina",  "Benediktus", "Ketut",    "Wahyu"};
constexpr const char* kFamily[] = {"Bria", "Fanggidae", "Manafe", "Ndun", "Lede", "Rohi",
                                   "Saputra", "Wulandari", "Hidayat", "Pellokila", "Tefa",
                                   "Nahak", "Lomi", "Kase", "Djami"};
constexpr const char* kZones[] = {"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"};

// Writes the instansi and the honorers' TSV, then loads both. The shares are chosen
// so that about a third are TMS for the reasons seen in Kupang: not in BKN's
// database, service under two years, too old, BKN's birth date differs, not active.
void LoadRegistry(sql::Connection& registry, int honorers, int instansi) {
  const absl::Time start = absl::Now();
  const int64_t now_us = absl::ToUnixMicros(absl::Now());
  std::string values;
  for (int i = 0; i < instansi; ++i) {
    absl::StrAppend(&values, i ? "," : "", "('", InstansiCode(i), "','Kabupaten Bench ", i,
                    "',", i % 10 == 0 ? 4 : 3, ",'", kZones[i % 3], "',", now_us, ")");
  }
  Exec(registry, absl::StrCat("INSERT INTO instansi (code, display_name, level, time_zone,"
                              " create_time_us) VALUES ",
                              values));

  const std::string path = absl::StrCat(absl::GetFlag(FLAGS_work), "/honorers.tsv");
  {
    std::mt19937_64 rng(absl::GetFlag(FLAGS_seed));
    auto pct = [&rng] { return static_cast<int>(rng() % 1000); };  // per mille
    std::ofstream out(path, std::ios::binary);
    if (!out) Die("cannot write " + path);
    const absl::CivilDay born_from(1965, 1, 1);
    const absl::CivilDay started_from(2003, 1, 1);
    for (int i = 0; i < honorers; ++i) {
      const std::string code = InstansiCode(i % instansi);
      const absl::CivilDay birth = born_from + static_cast<int>(rng() % (40 * 365));
      const absl::CivilDay started = started_from + static_cast<int>(rng() % (21 * 365 + 180));
      const int category = 1 + static_cast<int>(rng() % 8);
      // Education fits the category except for 2%.
      int education = category == 1 ? 8 : category == 3 ? 6 : 3 + static_cast<int>(rng() % 6);
      if (pct() < 20) education = 3;
      const bool in_bkn = pct() >= 80;
      const int status = pct() < 30 ? 6 /*DIRUMAHKAN*/ : 1 /*ACTIVE*/;
      const std::string name = absl::StrCat(kGiven[rng() % 15], " ", kFamily[rng() % 15]);
      std::string bkn_name = "\\N", bkn_birth = "\\N";
      if (in_bkn) {
        bkn_name = pct() < 10 ? name + " S.Pd" : name;
        bkn_birth = Day(pct() < 20 ? birth + 1 : birth);
      }
      const int contact = pct();
      const std::string email =
          contact < 500 ? absl::StrCat("honorer", i, "@mail.example.co.id") : "";
      const std::string whatsapp =
          contact >= 300 && contact < 800 ? absl::StrFormat("+62812%08d", i) : "";
      out << "53" << absl::StrFormat("%014d", i) << '\t' << code << '\t' << name << '\t'
          << Day(birth) << '\t' << 1 + (i & 1) << '\t' << education << '\t' << "Dinas "
          << (i % 37) << '\t' << category << '\t' << "Pelaksana " << category << '\t'
          << Day(started) << "\t\\N\t\\N\t" << (in_bkn ? 1 : 0) << '\t' << status
          << "\t1\tbench\t" << now_us << '\t' << now_us << '\t' << email << '\t' << whatsapp
          << '\t' << bkn_name << '\t' << bkn_birth << '\n';
    }
  }
  const absl::Time load = absl::Now();
  Exec(registry, absl::StrCat(
                     "LOAD DATA LOCAL INFILE '", path,
                     "' INTO TABLE honorers CHARACTER SET utf8mb4 (nik, instansi_code, full_name,"
                     " birth_date, gender, education, unit_kerja, jabatan_category,"
                     " position_title, service_start_date, contract_start, contract_end,"
                     " in_bkn_database, status, version, created_by, create_time_us,"
                     " update_time_us, contact_email, contact_whatsapp, bkn_full_name,"
                     " bkn_birth_date)"));
  std::remove(path.c_str());
  std::cout << absl::StrFormat("setup_load_registry_s=%.1f (of which LOAD DATA %.1f)\n",
                               Seconds(start), Seconds(load));
}

std::unique_ptr<grpc::ClientContext> Ctx() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->AddMetadata("authorization", "Bearer " + absl::GetFlag(FLAGS_bkn_token));
  return ctx;
}

common::v1::Date Date(int y, int m, int d) {
  common::v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

std::string CreateRound(sv1::ScreeningService::Stub& stub) {
  sv1::CreateRoundRequest req;
  req.set_request_id("bench-round-1");
  sv1::Round& r = *req.mutable_round();
  r.set_display_name("Seleksi PPPK 2024 Tahap II (benchmark)");
  *r.mutable_cutoff_date() = Date(2024, 12, 31);
  *r.mutable_appeal_start_date() = Date(2025, 2, 19);
  *r.mutable_appeal_end_date() = Date(2025, 2, 21);
  r.set_appeal_time_zone("Asia/Makassar");
  sv1::Rules& rules = *r.mutable_rules();
  const std::string kep = "KepmenPANRB 347/2024";
  rules.mutable_min_continuous_service_years()->set_value(2);
  rules.mutable_min_continuous_service_years()->set_regulation(kep);
  rules.mutable_min_age_years()->set_value(20);
  rules.mutable_min_age_years()->set_regulation(kep);
  auto* max_age = rules.add_max_age();
  max_age->set_post_kind(sv1::GENERAL);
  max_age->set_max_age_years(57);
  max_age->set_regulation(kep);
  for (auto* req_rule : {rules.mutable_require_in_bkn_database(),
                         rules.mutable_require_active(), rules.mutable_require_bkn_data_match()}) {
    req_rule->set_required(true);
    req_rule->set_regulation(kep);
  }
  for (int c = 1; c <= 8; ++c) {
    rules.mutable_open_categories()->add_categories(static_cast<common::v1::JabatanCategory>(c));
  }
  rules.mutable_open_categories()->set_regulation(kep);
  auto* guru = rules.add_min_education();
  guru->set_category(common::v1::GURU);
  guru->set_education(common::v1::S1);
  guru->set_regulation(kep);
  auto* nakes = rules.add_min_education();
  nakes->set_category(common::v1::TENAGA_KESEHATAN);
  nakes->set_education(common::v1::D3);
  nakes->set_regulation(kep);
  sv1::Round created;
  grpc::Status s = stub.CreateRound(Ctx().get(), req, &created);
  if (!s.ok()) Die("CreateRound: " + s.error_message());
  return created.name();
}

void AddApplicants(sv1::ScreeningService::Stub& stub, const std::string& round, int instansi) {
  const absl::Time start = absl::Now();
  int64_t added = 0;
  for (int i = 0; i < instansi; ++i) {
    sv1::AddApplicantsRequest req;
    req.set_round(round);
    req.set_instansi_code(InstansiCode(i));
    // Every honorer of the instansi, whatever the status: NOT_ACTIVE is a reason too.
    for (int st : {1, 6}) req.add_statuses(static_cast<registry::v1::HonorerStatus>(st));
    req.set_post_kind(sv1::GENERAL);
    sv1::AddApplicantsResponse resp;
    grpc::Status s = stub.AddApplicants(Ctx().get(), req, &resp);
    if (!s.ok()) Die("AddApplicants " + InstansiCode(i) + ": " + s.error_message());
    added += resp.added() + resp.already_applicants();
  }
  std::cout << absl::StrFormat("setup_add_applicants_s=%.1f applicants=%d\n", Seconds(start),
                               added);
}

// ---------------------------------------------------------------- end to end

// CPU seconds (user + system) each watched process has used so far, from /proc.
std::map<std::string, double> CpuSeconds() {
  std::map<std::string, double> out;
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  for (absl::string_view item : absl::StrSplit(absl::GetFlag(FLAGS_watch_pids), ',',
                                               absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(item, '=');
    std::ifstream in(absl::StrCat("/proc/", kv.second, "/stat"));
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
    const size_t close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::vector<std::string> f = absl::StrSplit(stat.substr(close + 2), ' ');
    int64_t utime = 0, stime = 0;
    if (f.size() > 12 && absl::SimpleAtoi(f[11], &utime) && absl::SimpleAtoi(f[12], &stime)) {
      out[kv.first] = static_cast<double>(utime + stime) / tick;
    }
  }
  return out;
}

void RunScreening(sv1::ScreeningService::Stub& stub, const std::string& round) {
  sv1::RunScreeningRequest req;
  req.set_round(round);
  req.set_request_id("bench-run-1");
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + absl::GetFlag(FLAGS_bkn_token));
  const std::map<std::string, double> cpu_before = CpuSeconds();
  const absl::Time start = absl::Now();
  auto reader = stub.RunScreening(&ctx, req);
  sv1::RunScreeningProgress p;
  std::map<int, double> phase_start;  // phase -> seconds since start, first seen
  sv1::RunScreeningProgress last;
  int64_t messages = 0;
  while (reader->Read(&p)) {
    ++messages;
    if (!phase_start.count(p.phase())) phase_start[p.phase()] = Seconds(start);
    last = p;
  }
  grpc::Status s = reader->Finish();
  const double total = Seconds(start);
  if (!s.ok()) Die("RunScreening: " + s.error_message());
  for (const auto& [name, after] : CpuSeconds()) {
    auto before = cpu_before.find(name);
    if (before == cpu_before.end()) continue;
    std::cout << absl::StrFormat("cpu_during_run_%s_s=%.1f\n", name, after - before->second);
  }
  std::cout << absl::StrFormat(
      "end_to_end_s=%.2f processed=%d total=%d ms=%d tms=%d progress_messages=%d run=%s\n",
      total, last.processed(), last.total(), last.ms(), last.tms(), messages, last.run());
  // Each phase lasts until the next one is first seen.
  double prev_t = 0;
  int prev = -1;
  for (auto [phase, t] : phase_start) {
    if (prev >= 0) {
      std::cout << absl::StrFormat("phase_%s_s=%.2f\n", sv1::Run::Phase_Name(prev), t - prev_t);
    }
    prev = phase;
    prev_t = t;
  }
  if (prev >= 0) {
    std::cout << absl::StrFormat("phase_%s_s=%.2f\n", sv1::Run::Phase_Name(prev),
                                 total - prev_t);
  }
}

// ---------------------------------------------------------------- floor

// The honorer columns the SCREENING view reads, in one scan, every value fetched.
double FloorScan(sql::Connection& registry) {
  const absl::Time start = absl::Now();
  int64_t rows = 0, bytes = 0;
  try {
    std::unique_ptr<sql::Statement> s(registry.createStatement());
    // Streamed (mysql_use_result), as a service reading pages does not hold them all.
    s->setResultSetType(sql::ResultSet::TYPE_FORWARD_ONLY);
    std::unique_ptr<sql::ResultSet> r(s->executeQuery(
        "SELECT id, nik, instansi_code, full_name, birth_date, education, jabatan_category,"
        " position_title, service_start_date, in_bkn_database, status, contact_email,"
        " contact_whatsapp, bkn_full_name, bkn_birth_date FROM honorers"));
    while (r->next()) {
      ++rows;
      bytes += r->getInt64(1) + r->getInt(6) + r->getInt(7) + r->getInt(10) + r->getInt(11);
      for (int col : {2, 3, 4, 5, 8, 9, 12, 13, 14, 15}) bytes += r->getString(col).length();
    }
  } catch (const sql::SQLException& e) {
    Die(absl::StrCat("floor scan: ", e.what()));
  }
  const double t = Seconds(start);
  std::cout << absl::StrFormat("floor_scan_s=%.2f floor_scan_rows=%d (checksum %d)\n", t, rows,
                               bytes);
  return t;
}

// LOAD DATA's default escaping: backslash, tab and newline are escaped.
void AppendEscaped(std::string& out, const std::string& s) {
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
}

constexpr char kResultColumns[] =
    "round_id, honorer_id, instansi_code, outcome, reason_mask, reasons, service_days,"
    " age_days, age_years, full_name, changed_by_appeal, registry_state, run_id, version,"
    " decide_time_us, update_time_us";
constexpr int kResultColumnCount = 16;

double FloorLoad(sql::Connection& screening) {
  const std::string path = absl::StrCat(absl::GetFlag(FLAGS_work), "/results.tsv");
  int64_t rows = 0;
  {
    std::ofstream out(path, std::ios::binary);
    std::string line;
    try {
      std::unique_ptr<sql::Statement> s(screening.createStatement());
      s->setResultSetType(sql::ResultSet::TYPE_FORWARD_ONLY);
      std::unique_ptr<sql::ResultSet> r(
          s->executeQuery(absl::StrCat("SELECT ", kResultColumns, " FROM results")));
      while (r->next()) {
        line.clear();
        for (int col = 1; col <= kResultColumnCount; ++col) {
          if (col > 1) line += '\t';
          AppendEscaped(line, r->getString(col));
        }
        line += '\n';
        out << line;
        ++rows;
      }
    } catch (const sql::SQLException& e) {
      Die(absl::StrCat("results export: ", e.what()));
    }
  }
  Exec(screening, "DROP TABLE IF EXISTS results_floor");
  Exec(screening, "CREATE TABLE results_floor LIKE results");
  const absl::Time start = absl::Now();
  Exec(screening, absl::StrCat("LOAD DATA LOCAL INFILE '", path,
                               "' INTO TABLE results_floor CHARACTER SET utf8mb4 (",
                               kResultColumns, ")"));
  const double t = Seconds(start);
  const int64_t loaded = QueryInt(screening, "SELECT COUNT(*) FROM results_floor");
  std::cout << absl::StrFormat("floor_load_s=%.2f floor_load_rows=%d (exported %d)\n", t, loaded,
                               rows);
  std::remove(path.c_str());
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int honorers = absl::GetFlag(FLAGS_honorers);
  const int instansi = absl::GetFlag(FLAGS_instansi);
  auto registry = Connect(absl::GetFlag(FLAGS_registry_db));
  auto screening_db = Connect(absl::GetFlag(FLAGS_screening_db));
  auto notification_db = Connect(absl::GetFlag(FLAGS_notification_db));

  LoadRegistry(*registry, honorers, instansi);
  auto channel = grpc::CreateChannel(absl::GetFlag(FLAGS_screening),
                                     grpc::InsecureChannelCredentials());
  auto stub = sv1::ScreeningService::NewStub(channel);
  const std::string round = CreateRound(*stub);
  AddApplicants(*stub, round, instansi);

  RunScreening(*stub, round);
  std::cout << "registry_ms=" << QueryInt(*registry, "SELECT COUNT(*) FROM honorers WHERE status = 2")
            << " registry_tms="
            << QueryInt(*registry, "SELECT COUNT(*) FROM honorers WHERE status = 3")
            << " results=" << QueryInt(*screening_db, "SELECT COUNT(*) FROM results")
            << " notices=" << QueryInt(*screening_db, "SELECT COUNT(*) FROM notices")
            << " notices_owed="
            << QueryInt(*screening_db, "SELECT COUNT(*) FROM notices WHERE state = 0")
            << " notifications_enqueued="
            << QueryInt(*notification_db, "SELECT COUNT(*) FROM notifications") << "\n";

  const double scan = FloorScan(*registry);
  const double load = FloorLoad(*screening_db);
  std::cout << absl::StrFormat("floor_s=%.2f\n", scan + load);
  return 0;
}
