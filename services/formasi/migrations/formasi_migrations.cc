#include "services/formasi/migrations/formasi_migrations.h"

#include <string>

#include "common/storage/audit_log.h"

namespace penataan::formasi {
namespace {

// Times are UTC microseconds (BIGINT); enums are the API's numbers; honorers are
// the registry's ids (a name "honorers/{id}" without its prefix).
std::vector<std::string> PeriodsAndProposals() {
  std::vector<std::string> statements = {
      // A period's state is computed from the clock: SCHEDULED before open_time,
      // OPEN until the last effective deadline, CLOSED after it or once close_time
      // is set by ClosePeriod. `version` is the etag.
      "CREATE TABLE IF NOT EXISTS periods ("
      " id {{ID}},"
      " display_name VARCHAR(200) NOT NULL,"
      " kind INTEGER NOT NULL,"
      " open_time_us BIGINT NOT NULL,"
      " deadline_us BIGINT NOT NULL,"
      " deadline_zone VARCHAR(64) NOT NULL,"
      " deadline_letter VARCHAR(100) NOT NULL,"
      // Seconds before the deadline, comma-separated, largest first: "604800,259200".
      " reminder_offsets VARCHAR(200) NOT NULL,"
      " close_time_us BIGINT,"
      " close_reason VARCHAR(500) NOT NULL,"
      " request_id VARCHAR(100) NOT NULL,"
      " created_by VARCHAR(100) NOT NULL,"
      " version BIGINT NOT NULL,"
      " create_time_us BIGINT NOT NULL,"
      " update_time_us BIGINT NOT NULL) {{TABLE}}",
      "CREATE INDEX periods_request ON periods (request_id)",

      // One per instansi per period; granting again replaces it (the audit log keeps
      // every grant).
      "CREATE TABLE IF NOT EXISTS extensions ("
      " period_id BIGINT NOT NULL,"
      " instansi_code VARCHAR(16) NOT NULL,"
      " deadline_us BIGINT NOT NULL,"
      " deadline_zone VARCHAR(64) NOT NULL,"
      " reason VARCHAR(1000) NOT NULL,"
      " letter_number VARCHAR(100) NOT NULL,"
      " granted_by VARCHAR(100) NOT NULL,"
      " grant_time_us BIGINT NOT NULL,"
      " PRIMARY KEY (period_id, instansi_code)) {{TABLE}}",

      "CREATE TABLE IF NOT EXISTS proposals ("
      " id {{ID}},"
      " period_id BIGINT NOT NULL,"
      " instansi_code VARCHAR(16) NOT NULL,"
      " state INTEGER NOT NULL,"
      " budget_capacity_idr BIGINT NOT NULL,"
      " estimated_annual_cost_idr BIGINT NOT NULL,"
      " sptjm_reference VARCHAR(200) NOT NULL,"
      " decision_note VARCHAR(2000) NOT NULL,"
      " submit_time_us BIGINT,"
      " decide_time_us BIGINT,"
      " decided_by VARCHAR(100) NOT NULL,"
      " request_id VARCHAR(100) NOT NULL,"
      " created_by VARCHAR(100) NOT NULL,"
      " version BIGINT NOT NULL,"
      " create_time_us BIGINT NOT NULL,"
      " update_time_us BIGINT NOT NULL) {{TABLE}}",
      "CREATE UNIQUE INDEX proposals_period_instansi ON proposals (period_id, instansi_code)",

      "CREATE TABLE IF NOT EXISTS proposal_lines ("
      " proposal_id BIGINT NOT NULL,"
      " line_no INTEGER NOT NULL,"
      " jabatan_category INTEGER NOT NULL,"
      " position_title VARCHAR(200) NOT NULL,"
      " education INTEGER NOT NULL,"
      " unit_kerja VARCHAR(200) NOT NULL,"
      " post_count INTEGER NOT NULL,"
      " monthly_pay_idr BIGINT NOT NULL,"
      " PRIMARY KEY (proposal_id, line_no)) {{TABLE}}",

      // An honorer is named on at most one line of a proposal, and is never both
      // named and left out (checked by the logic before writing).
      "CREATE TABLE IF NOT EXISTS line_honorers ("
      " proposal_id BIGINT NOT NULL,"
      " honorer_id BIGINT NOT NULL,"
      " line_no INTEGER NOT NULL,"
      " PRIMARY KEY (proposal_id, honorer_id)) {{TABLE}}",

      "CREATE TABLE IF NOT EXISTS left_out_honorers ("
      " proposal_id BIGINT NOT NULL,"
      " honorer_id BIGINT NOT NULL,"
      " reason INTEGER NOT NULL,"
      " note VARCHAR(500) NOT NULL,"
      " PRIMARY KEY (proposal_id, honorer_id)) {{TABLE}}",
  };
  for (std::string& s : storage::AuditLogSchema()) statements.push_back(std::move(s));
  for (std::string& s : storage::AuditLogOriginAndIndexes()) statements.push_back(std::move(s));
  return statements;
}

// What this service owes an instansi by a due time: a reminder before a deadline,
// the notice that it was missed, the news of a decision. `reference` (unique) is
// built from (period, instansi, kind, offset, deadline), so a row planned twice is
// one row, and the notification service drops a repeated send of it. The claim
// columns follow the notification dispatcher's lease pattern.
std::vector<std::string> Reminders() {
  return {
      "CREATE TABLE IF NOT EXISTS reminders ("
      " id {{ID}},"
      " period_id BIGINT NOT NULL,"
      " instansi_code VARCHAR(16) NOT NULL,"
      " kind INTEGER NOT NULL,"
      " offset_s BIGINT NOT NULL,"
      " deadline_us BIGINT NOT NULL,"
      " due_time_us BIGINT NOT NULL,"
      " state INTEGER NOT NULL,"
      " reference VARCHAR(200) NOT NULL,"
      // Kind-specific values for the message (a decision's outcome and note), JSON.
      " payload VARCHAR(4000) NOT NULL,"
      " attempts INTEGER NOT NULL,"
      " next_attempt_us BIGINT NOT NULL,"
      " lease_owner VARCHAR(100) NOT NULL,"
      " lease_until_us BIGINT NOT NULL,"
      " last_error VARCHAR(1000) NOT NULL,"
      " detail VARCHAR(500) NOT NULL,"
      " sent_time_us BIGINT,"
      " create_time_us BIGINT NOT NULL) {{TABLE}}",
      "CREATE UNIQUE INDEX reminders_reference ON reminders (reference)",
      "CREATE INDEX reminders_due ON reminders (state, next_attempt_us, id)",
      "CREATE INDEX reminders_period ON reminders (period_id, instansi_code, id)",
  };
}

// CreatePeriod's idempotency held under concurrency: two creates with one
// request id that both find nothing before inserting must not both insert. The
// key is a nullable copy of a non-empty request_id (NULL for none: NULLs never
// collide in a UNIQUE index, on SQLite and MariaDB alike), since request_id
// itself is NOT NULL and SQLite cannot relax that in place. Rows duplicated
// before this keep the key on their first one only. periods_request (on
// request_id alone) stays: dropping an index is not spelled alike on both.
std::vector<std::string> PeriodRequestKey() {
  return {
      "ALTER TABLE periods ADD COLUMN request_key VARCHAR(100)",
      "UPDATE periods SET request_key = request_id WHERE request_id <> '' AND id IN"
      " (SELECT first_id FROM (SELECT MIN(id) AS first_id FROM periods WHERE request_id <> ''"
      " GROUP BY created_by, request_id) AS firsts)",
      "CREATE UNIQUE INDEX periods_request_key ON periods (created_by, request_key)",
  };
}

}  // namespace

const std::vector<storage::Migration>& FormasiMigrations() {
  static const auto* migrations = new std::vector<storage::Migration>{
      {1, "periods, extensions, proposals with lines and left-out honorers, audit",
       PeriodsAndProposals()},
      {2, "reminders and notices owed to each instansi", Reminders()},
      {3, "a period's (created_by, request id) is unique", PeriodRequestKey()},
  };
  return *migrations;
}

}  // namespace penataan::formasi
