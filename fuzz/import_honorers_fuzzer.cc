// Whole ImportHonorers streams against a registry on SQLite (a file in /dev/shm,
// so in memory; one database for the process, emptied between inputs), through
// ImportSession as the RPC handler drives it, without gRPC.
//
// The input is text, one line a message:
//   !<flags>   starts a stream (the lines before the first one make a stream too);
//              flags: v validate_only, b the other instansi (Bekasi), x an unknown
//              instansi, c the upload is cut (never finished), digits: the import_id
//              ("imp-<digits>": the same digits resume or replay that import)
//   #<n> ...   a row numbered n (any integer); otherwise the previous row + 1
//   a|b|c...   a row's cells in ImportRow's order: nik, full_name, birth_date,
//              gender, education, unit_kerja, jabatan_category, position_title,
//              service_start_date, contract_start, contract_end, email, whatsapp,
//              sk_number, sk_signed_by, sk_signed_date
// Cells are made UTF-8 as a protobuf string would be. Batches are 3 rows, so that
// batches commit in the background while the next is read, as they do in service.
//
// Invariants: every row of a fresh import is counted once (created + updated +
// unchanged + rejected = rows sent); errors name a field and a sent row, ascending;
// a fresh import registers exactly `created` honorers; validate_only writes no
// honorer, period or import; a completed import_id sent again replays its counts.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/clock.h"
#include "common/storage/database.h"
#include "common/storage/migrations.h"
#include "common/utf8.h"
#include "fuzz/fuzz_check.h"
#include "services/registry/import_session.h"
#include "services/registry/migrations/registry_migrations.h"
#include "services/registry/registry.h"

namespace {

namespace r = penataan::registry;
using penataan::Caller;
using penataan::storage::Database;

constexpr int kBatchSize = 3;
constexpr size_t kMaxRowsPerInput = 300;

struct Stream {
  std::string instansi = "5371";
  std::string import_id = "imp-0";
  bool validate_only = false;
  bool cut = false;
  std::vector<r::v1::ImportRow> rows;
};

// The registry every input runs against, made once.
struct Env {
  std::string dir;
  std::unique_ptr<Database> db;
  penataan::FakeClock clock{absl::FromCivil(absl::CivilSecond(2025, 8, 22, 10, 0, 0),
                                            absl::UTCTimeZone())};
  std::unique_ptr<r::Registry> registry;
  Caller national;
  std::vector<std::string> tables;  // emptied between inputs
};

Env& TheEnv() {
  static Env* env = [] {
    auto* e = new Env;
    std::string pattern =
        (std::filesystem::exists("/dev/shm") ? std::filesystem::path("/dev/shm")
                                             : std::filesystem::temp_directory_path()) /
        "penataan_import_fuzz_XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    e->dir = pattern;
    std::atexit([] { std::filesystem::remove_all(TheEnv().dir); });
    auto db = Database::Open({absl::StrCat("sqlite://", e->dir, "/registry.db"), 4, 10000});
    FUZZ_CHECK(db.ok());
    e->db = std::move(*db);
    FUZZ_CHECK(penataan::storage::ApplyMigrations(*e->db, r::RegistryMigrations()).ok());
    e->registry = std::make_unique<r::Registry>(*e->db, e->clock);
    e->national.principal = *penataan::ParsePrincipal("national:kemenpanrb");
    e->national.request_id = "fuzz";
    e->national.origin = e->national.principal.ToString();
    FUZZ_CHECK(e->registry
                   ->CreateInstansi(e->national, {"5371", "Pemerintah Kota Kupang",
                                                  r::v1::Instansi::KOTA, "Asia/Makassar", {}})
                   .ok());
    FUZZ_CHECK(e->registry
                   ->CreateInstansi(e->national, {"3275", "Pemerintah Kota Bekasi",
                                                  r::v1::Instansi::KOTA, "Asia/Jakarta", {}})
                   .ok());
    auto conn = e->db->Acquire();
    FUZZ_CHECK(conn.ok());
    auto rows = (*conn)->Query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT IN ('schema_migrations', 'instansi')");
    FUZZ_CHECK(rows.ok());
    for (const auto& row : *rows) e->tables.push_back(row.Str(0));
    return e;
  }();
  return *env;
}

// Every table but the instansi and the schema's record emptied.
void Reset(Env& env) {
  auto conn = env.db->Acquire();
  FUZZ_CHECK(conn.ok());
  FUZZ_CHECK((*conn)->Execute("PRAGMA foreign_keys=OFF").ok());
  for (const std::string& table : env.tables) {
    FUZZ_CHECK((*conn)->Execute(absl::StrCat("DELETE FROM ", table)).ok());
  }
  FUZZ_CHECK((*conn)->Execute("PRAGMA foreign_keys=ON").ok());
}

int64_t Count(Env& env, const char* sql) {
  auto conn = env.db->Acquire();
  FUZZ_CHECK(conn.ok());
  auto rows = (*conn)->Query(sql);
  FUZZ_CHECK(rows.ok() && rows->size() == 1);
  return (*rows)[0].Int(0);
}

// What an import may write, counted.
std::vector<int64_t> Written(Env& env) {
  return {Count(env, "SELECT COUNT(*) FROM honorers"), Count(env, "SELECT COUNT(*) FROM contracts"),
          Count(env, "SELECT COUNT(*) FROM instansi_imports"),
          Count(env, "SELECT COUNT(*) FROM instansi_import_errors")};
}

r::v1::ImportRow RowOf(absl::string_view line, int64_t number) {
  r::v1::ImportRow row;
  row.set_row_number(number);
  std::vector<std::string> cells = absl::StrSplit(line, '|');
  for (std::string& c : cells) c = penataan::ValidUtf8(c);
  cells.resize(16);
  row.set_nik(cells[0]);
  row.set_full_name(cells[1]);
  row.set_birth_date(cells[2]);
  row.set_gender(cells[3]);
  row.set_education(cells[4]);
  row.set_unit_kerja(cells[5]);
  row.set_jabatan_category(cells[6]);
  row.set_position_title(cells[7]);
  row.set_service_start_date(cells[8]);
  row.set_contract_start(cells[9]);
  row.set_contract_end(cells[10]);
  row.set_email(cells[11]);
  row.set_whatsapp(cells[12]);
  row.set_sk_number(cells[13]);
  row.set_sk_signed_by(cells[14]);
  row.set_sk_signed_date(cells[15]);
  return row;
}

Stream HeaderOf(absl::string_view flags) {
  Stream s;
  std::string digits;
  for (char c : flags) {
    if (c == 'v') s.validate_only = true;
    if (c == 'b') s.instansi = "3275";
    if (c == 'x') s.instansi = "9999";
    if (c == 'c') s.cut = true;
    if (absl::ascii_isdigit(static_cast<unsigned char>(c)) && digits.size() < 4) digits += c;
  }
  if (!digits.empty()) s.import_id = absl::StrCat("imp-", digits);
  return s;
}

std::vector<Stream> StreamsOf(absl::string_view text) {
  std::vector<Stream> streams(1);
  int64_t next = 2;  // a CSV's first data line
  size_t rows = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (absl::ConsumePrefix(&line, "!")) {
      streams.push_back(HeaderOf(line));
      next = 2;
      continue;
    }
    if (++rows > kMaxRowsPerInput) break;
    if (absl::ConsumePrefix(&line, "#")) {
      const size_t space = line.find(' ');
      int64_t n = 0;
      if (absl::SimpleAtoi(line.substr(0, space), &n)) next = n;
      line = space == absl::string_view::npos ? "" : line.substr(space + 1);
    }
    streams.back().rows.push_back(RowOf(line, next));
    next = next < INT64_MAX ? next + 1 : next;
  }
  if (streams[0].rows.empty()) streams.erase(streams.begin());
  return streams;
}

void CheckErrors(const r::ImportResult& result, const std::set<int64_t>& sent) {
  int64_t last = 0;
  std::set<int64_t> rows;
  for (const penataan::Violation& v : result.errors) {
    FUZZ_CHECK(!v.field.empty() && !v.description.empty());
    // The answer is a protobuf message: its strings must be UTF-8 to be read.
    FUZZ_CHECK(penataan::IsValidUtf8(v.field) && penataan::IsValidUtf8(v.description));
    FUZZ_CHECK(sent.count(v.row) == 1);
    FUZZ_CHECK(v.row >= last);
    last = v.row;
    rows.insert(v.row);
  }
  FUZZ_CHECK(static_cast<int64_t>(rows.size()) <= result.progress.rejected);
  if (!result.errors_truncated) {
    FUZZ_CHECK(static_cast<int64_t>(rows.size()) == result.progress.rejected);
  }
}

struct Completed {
  int64_t created, updated, unchanged, rejected;
};

// One stream, as the handler runs it; checks what it answered.
void Run(Env& env, const Stream& s, std::map<std::string, Completed>& completed,
         std::set<std::string>& used) {
  const std::string key = absl::StrCat(s.instansi, "/", s.import_id);
  const bool fresh = s.validate_only || used.count(key) == 0;
  if (!s.validate_only) used.insert(key);
  const std::vector<int64_t> before = Written(env);
  auto session = r::ImportSession::Start(*env.registry, env.national, s.instansi, s.import_id,
                                         s.validate_only, kBatchSize);
  if (!session.ok()) {
    FUZZ_CHECK(s.instansi == "9999");
    return;
  }
  auto found = completed.find(key);
  if ((*session)->already_completed()) {
    FUZZ_CHECK(!s.validate_only && found != completed.end());
    auto replay = (*session)->Result(/*replayed=*/true);
    FUZZ_CHECK(replay.ok());
    const Completed& c = found->second;
    FUZZ_CHECK(replay->progress.created == c.created && replay->progress.updated == c.updated &&
               replay->progress.unchanged == c.unchanged &&
               replay->progress.rejected == c.rejected);
    FUZZ_CHECK(Written(env) == before);
    return;
  }
  FUZZ_CHECK(s.validate_only || found == completed.end());
  std::set<int64_t> sent;
  for (const r::v1::ImportRow& row : s.rows) {
    absl::Status added = (*session)->Add(row);
    if (!added.ok()) {
      FUZZ_CHECK(added.code() == absl::StatusCode::kInvalidArgument);
      return;  // the handler answers the error; committed batches stay
    }
    sent.insert(row.row_number());
  }
  if (s.cut) return;
  absl::StatusOr<r::ImportResult> result = (*session)->Finish();
  if (!result.ok()) {
    // A resumed upload that ends below the rows committed before is another file.
    FUZZ_CHECK(result.status().code() == absl::StatusCode::kFailedPrecondition && !fresh);
    return;
  }
  const r::ImportProgress& p = result->progress;
  FUZZ_CHECK(p.created >= 0 && p.updated >= 0 && p.unchanged >= 0 && p.rejected >= 0);
  if (fresh) {
    FUZZ_CHECK(p.created + p.updated + p.unchanged + p.rejected ==
               static_cast<int64_t>(sent.size()));
    CheckErrors(*result, sent);
  }
  const std::vector<int64_t> after = Written(env);
  if (s.validate_only) {
    FUZZ_CHECK(after == before);
  } else {
    if (fresh) FUZZ_CHECK(after[0] - before[0] == p.created);
    completed[key] = {p.created, p.updated, p.unchanged, p.rejected};
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 16384) return 0;
  Env& env = TheEnv();
  Reset(env);
  std::map<std::string, Completed> completed;
  std::set<std::string> used;
  for (const Stream& s : StreamsOf(absl::string_view(reinterpret_cast<const char*>(data), size))) {
    Run(env, s, completed, used);
  }
  return 0;
}
