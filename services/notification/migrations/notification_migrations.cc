#include "services/notification/migrations/notification_migrations.h"

#include "common/storage/audit_log.h"

namespace penataan::notification {
namespace {

std::vector<std::string> Outbox() {
  std::vector<std::string> statements = {
      // A template version never changes once written; a change is a new version.
      "CREATE TABLE IF NOT EXISTS templates ("
      " id VARCHAR(100) NOT NULL,"
      " version INTEGER NOT NULL,"
      " channel INTEGER NOT NULL,"
      " subject TEXT NOT NULL,"
      " body TEXT NOT NULL,"
      " created_by VARCHAR(100) NOT NULL,"
      " create_time_us BIGINT NOT NULL,"
      " PRIMARY KEY (id, version)) {{TABLE}}",

      "CREATE TABLE IF NOT EXISTS batches ("
      " id {{ID}},"
      " sender VARCHAR(100) NOT NULL,"
      // NULL when the caller gave none; NULLs never collide in a unique index.
      " request_id VARCHAR(100),"
      " template_id VARCHAR(100) NOT NULL,"
      " template_version INTEGER NOT NULL,"
      " queued BIGINT NOT NULL,"
      " already_sent BIGINT NOT NULL,"
      " create_time_us BIGINT NOT NULL) {{TABLE}}",
      "CREATE UNIQUE INDEX batches_request ON batches (sender, request_id)",

      // The outbox. due_us is when the dispatcher next needs to look at a row: the
      // next attempt (QUEUED, TEMPORARY_FAILURE) or the end of the lease (SENDING);
      // NULL once DELIVERED or PERMANENT_FAILURE, so that the claim's index range
      // holds only the work still to do.
      "CREATE TABLE IF NOT EXISTS notifications ("
      " id {{ID}},"
      " sender VARCHAR(100) NOT NULL,"
      " reference VARCHAR(200) NOT NULL,"
      " template_id VARCHAR(100) NOT NULL,"
      " template_version INTEGER NOT NULL,"
      " channel INTEGER NOT NULL,"
      " recipient VARCHAR(2048) NOT NULL,"
      " personalisation TEXT NOT NULL,"
      " batch_id BIGINT NOT NULL,"
      " status INTEGER NOT NULL,"
      " attempts INTEGER NOT NULL,"
      " last_error VARCHAR(1000) NOT NULL,"
      " scheduled_us BIGINT,"
      " due_us BIGINT,"
      " lease_owner VARCHAR(100),"
      " create_time_us BIGINT NOT NULL,"
      " deliver_time_us BIGINT,"
      " update_time_us BIGINT NOT NULL) {{TABLE}}",
      "CREATE UNIQUE INDEX notifications_reference ON notifications (sender, reference)",
      "CREATE INDEX notifications_reference_prefix ON notifications (reference)",
      "CREATE INDEX notifications_due ON notifications (due_us)",
      "CREATE INDEX notifications_batch ON notifications (batch_id, id)",

      "CREATE TABLE IF NOT EXISTS delivery_attempts ("
      " id {{ID}},"
      " notification_id BIGINT NOT NULL,"
      " attempt INTEGER NOT NULL,"
      " start_us BIGINT NOT NULL,"
      " channel INTEGER NOT NULL,"
      " outcome INTEGER NOT NULL,"
      " error VARCHAR(1000) NOT NULL,"
      " dispatcher VARCHAR(100) NOT NULL,"
      " duration_us BIGINT NOT NULL) {{TABLE}}",
      "CREATE INDEX delivery_attempts_notification ON delivery_attempts (notification_id, id)",
  };
  for (std::string& s : storage::AuditLogSchema()) statements.push_back(std::move(s));
  return statements;
}

}  // namespace

const std::vector<storage::Migration>& NotificationMigrations() {
  static const auto* migrations = new std::vector<storage::Migration>{
      {1, "templates, batches, the outbox, delivery attempts, audit", Outbox()},
      // "What failed?" is the operator's first question: list and count by status
      // without reading the whole outbox.
      {2, "notifications by status", {"CREATE INDEX notifications_status ON notifications (status, id)"}},
      {3, "audit: origin of each record, indexes for ListAuditEvents",
       storage::AuditLogOriginAndIndexes()},
  };
  return *migrations;
}

}  // namespace penataan::notification
