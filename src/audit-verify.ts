// `npm run audit:verify`: checks every case's audit chain and every daily anchor against the
// database the configuration names, prints what it found, and exits non-zero on any break.
import { openDatabase } from '../db/client.js';
import { readConfig } from './config/env.js';
import { keysOf } from './config/keys.js';
import { verifyAllAuditTrails } from './services/audit-anchors.js';

const config = readConfig();
const keys = await keysOf(config);
const database = await openDatabase(config);
try {
  const report = await verifyAllAuditTrails({
    db: database.db,
    now: () => new Date(),
    jurisdiction: config.jurisdiction,
    sessionTtlHours: config.sessionTtlHours,
    keys,
  });
  console.log(
    `audit: ${report.casesChecked} case trails checked, ${report.brokenCases.length} broken; ${report.anchorsChecked} anchors checked, ${report.brokenAnchors.length} broken`,
  );
  for (const broken of report.brokenCases)
    console.log(`  case ${broken.caseId}: from event ${broken.brokenAtSeq}: ${broken.reason}`);
  for (const broken of report.brokenAnchors)
    console.log(
      `  anchor ${broken.takenAt}: ${broken.expectedCases} case heads anchored, ${broken.foundCases} found: ${broken.reason}`,
    );
  process.exitCode = report.brokenCases.length + report.brokenAnchors.length > 0 ? 1 : 0;
} finally {
  await database.close();
}
