// Filled in by the integration harness: probes PostgreSQL once for the whole run.
export default function setup(): void {}
