#include "services/screening/migrations/screening_migrations.h"

#include <string>

#include "common/storage/audit_log.h"

namespace penataan::screening {
namespace {

// Times are UTC microseconds (BIGINT); civil dates ISO "YYYY-MM-DD"; enums are the
// API's numbers; honorers are the registry's ids ("honorers/{id}" without its prefix).
std::vector<std::string> RoundsApplicantsResults() {
  std::vector<std::string> statements = {
      // `rules` is the round's v1.Rules as protobuf JSON: parameters are data, and
      // cannot change once the round has results. `version` is the etag.
      "CREATE TABLE IF NOT EXISTS rounds ("
      " id {{ID}},"
      " display_name VARCHAR(200) NOT NULL,"
      " cutoff_date VARCHAR(10) NOT NULL,"
      " rules TEXT NOT NULL,"
      " appeal_start_date VARCHAR(10) NOT NULL,"
      " appeal_end_date VARCHAR(10) NOT NULL,"
      " appeal_zone VARCHAR(64) NOT NULL,"
      " appeal_start_us BIGINT NOT NULL,"
      " appeal_end_us BIGINT NOT NULL,"
      " results_publish_us BIGINT,"
      " request_key VARCHAR(100),"
      " created_by VARCHAR(100) NOT NULL,"
      " version BIGINT NOT NULL,"
      " create_time_us BIGINT NOT NULL,"
      " update_time_us BIGINT NOT NULL) {{TABLE}}",
      // NULL request_key (no request id) never collides.
      "CREATE UNIQUE INDEX rounds_request_key ON rounds (created_by, request_key)",

      "CREATE TABLE IF NOT EXISTS applicants ("
      " round_id BIGINT NOT NULL,"
      " honorer_id BIGINT NOT NULL,"
      " instansi_code VARCHAR(16) NOT NULL,"
      " post_kind INTEGER NOT NULL,"
      " added_by VARCHAR(100) NOT NULL,"
      " create_time_us BIGINT NOT NULL,"
      " PRIMARY KEY (round_id, honorer_id)) {{TABLE}}",
      "CREATE INDEX applicants_instansi ON applicants (round_id, instansi_code, honorer_id)",

      // One per applicant, written once by a run. `reason_mask` has bit (1 << code)
      // for each failed rule (filters and counts per reason); `reasons` the findings
      // as JSON. registry_state: 0 the registry has yet to be told the outcome, 1 told.
      // What the honorer is owed to be told is not here: it is the notices outbox's.
      "CREATE TABLE IF NOT EXISTS results ("
      " round_id BIGINT NOT NULL,"
      " honorer_id BIGINT NOT NULL,"
      " instansi_code VARCHAR(16) NOT NULL,"
      " outcome INTEGER NOT NULL,"
      " reason_mask INTEGER NOT NULL,"
      " reasons TEXT NOT NULL,"
      " service_days BIGINT NOT NULL,"
      " age_days BIGINT NOT NULL,"
      " age_years INTEGER NOT NULL,"
      " full_name VARCHAR(200) NOT NULL,"
      " changed_by_appeal INTEGER NOT NULL,"
      " registry_state INTEGER NOT NULL,"
      " run_id BIGINT NOT NULL,"
      " version BIGINT NOT NULL,"
      " decide_time_us BIGINT NOT NULL,"
      " update_time_us BIGINT NOT NULL,"
      " PRIMARY KEY (round_id, honorer_id)) {{TABLE}}",
      "CREATE INDEX results_instansi ON results (round_id, instansi_code, honorer_id)",
      "CREATE INDEX results_registry ON results (round_id, registry_state, honorer_id)",
      "CREATE INDEX results_rank ON results"
      " (round_id, instansi_code, outcome, service_days, age_days, honorer_id)",

      // A run of a round: resumable by (round, request_id); one holds the round's
      // lease at a time (lease_owner/lease_until, as the notification dispatcher).
      "CREATE TABLE IF NOT EXISTS runs ("
      " id {{ID}},"
      " round_id BIGINT NOT NULL,"
      " request_id VARCHAR(100) NOT NULL,"
      " state INTEGER NOT NULL,"
      " phase INTEGER NOT NULL,"
      " processed BIGINT NOT NULL,"
      " total BIGINT NOT NULL,"
      " ms BIGINT NOT NULL,"
      " tms BIGINT NOT NULL,"
      " error VARCHAR(1000) NOT NULL,"
      " lease_owner VARCHAR(100) NOT NULL,"
      " lease_until_us BIGINT NOT NULL,"
      " created_by VARCHAR(100) NOT NULL,"
      " create_time_us BIGINT NOT NULL,"
      " update_time_us BIGINT NOT NULL) {{TABLE}}",
      "CREATE UNIQUE INDEX runs_request ON runs (round_id, request_id)",

      // One per result. `answers` is the JSON list of (code, statement).
      "CREATE TABLE IF NOT EXISTS appeals ("
      " round_id BIGINT NOT NULL,"
      " honorer_id BIGINT NOT NULL,"
      " instansi_code VARCHAR(16) NOT NULL,"
      " answers TEXT NOT NULL,"
      " state INTEGER NOT NULL,"
      " decision_note VARCHAR(2000) NOT NULL,"
      " filed_by VARCHAR(100) NOT NULL,"
      " decided_by VARCHAR(100) NOT NULL,"
      " request_id VARCHAR(100) NOT NULL,"
      " file_time_us BIGINT NOT NULL,"
      " decide_time_us BIGINT,"
      " version BIGINT NOT NULL,"
      " PRIMARY KEY (round_id, honorer_id)) {{TABLE}}",
      "CREATE INDEX appeals_instansi ON appeals (round_id, instansi_code, honorer_id)",

      // The transactional outbox of messages this service owes: written with the
      // result or decision that causes them, sent to the notification service
      // afterwards (a run's NOTIFYING phase, or the sweeper). `reference` is the
      // notification's idempotency key, so a message sent twice is stored once.
      // `recipient` (an honorer's or instansi's address) is cleared once sent; 2048
      // because an instansi's webhook URL may be that long (the registry allows it),
      // and under STRICT a longer value would fail the whole run or decision.
      // state: 0 owed, 1 sent, 2 dropped (refused by notification: see last_error).
      "CREATE TABLE IF NOT EXISTS notices ("
      " id {{ID}},"
      " round_id BIGINT NOT NULL,"
      " reference VARCHAR(200) NOT NULL,"
      " template_id VARCHAR(100) NOT NULL,"
      " recipient VARCHAR(2048) NOT NULL,"
      " personalisation TEXT NOT NULL,"
      " instansi_code VARCHAR(16) NOT NULL,"
      " honorer_id BIGINT NOT NULL,"
      " state INTEGER NOT NULL,"
      " attempts INTEGER NOT NULL,"
      " last_error VARCHAR(1000) NOT NULL,"
      " create_time_us BIGINT NOT NULL,"
      " sent_time_us BIGINT) {{TABLE}}",
      "CREATE UNIQUE INDEX notices_reference ON notices (reference)",
      "CREATE INDEX notices_owed ON notices (state, id)",
  };
  for (std::string& s : storage::AuditLogSchema()) statements.push_back(std::move(s));
  for (std::string& s : storage::AuditLogOriginAndIndexes()) statements.push_back(std::move(s));
  return statements;
}

}  // namespace

const std::vector<storage::Migration>& ScreeningMigrations() {
  static const auto* migrations = new std::vector<storage::Migration>{
      {1, "rounds, applicants, results, runs, appeals, notices owed, audit",
       RoundsApplicantsResults()},
      {2, "results carry the honorer's category (TMS counted per category)",
       {"ALTER TABLE results ADD COLUMN jabatan_category INTEGER NOT NULL DEFAULT 0"}},
  };
  return *migrations;
}

}  // namespace penataan::screening
