// The call graph of /work/shared/design/ARCHITECTURE.md ("Services"): who calls
// whom over gRPC. notification is the leaf; registry calls only notification;
// formasi and screening call registry and notification. Admins' clients
// (penataanctl, other agencies' systems) speak to all four.
const CALLS = {
  registry: ['notification'],
  formasi: ['registry', 'notification'],
  screening: ['registry', 'notification'],
  notification: [],
};

// Outside the cluster, by port: every service reaches the database; notification
// also the mail relay (587) and webhook receivers (443).
const EXTERNAL_EGRESS = {
  registry: ['TCP/3306'],
  formasi: ['TCP/3306'],
  screening: ['TCP/3306'],
  notification: ['TCP/3306', 'TCP/443', 'TCP/587'],
};

const workloadName = (service) => `penataan-${service}`;

module.exports = { CALLS, EXTERNAL_EGRESS, workloadName };
