// `npm run audit:verify -- FILE`: check an Audit Log export (JSON Lines or CSV) made by Export in the console.
// Needs neither the app nor the vault: the export carries its hash chain, its signature and the signing public key.
import { readFileSync } from 'node:fs';
import { checkExport } from '../main/core/audit/export-check';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run audit:verify -- FILE (an Audit Log export, .jsonl or .csv)');
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch {
  console.error(`Could not read ${file}.`);
  process.exit(2);
}
const result = checkExport(text);
if (!result.ok) {
  console.error(`NOT VERIFIED: ${result.problem}`);
  process.exit(1);
}
console.log(`Verified: ${result.count} records, exported ${result.exportedAt}.`);
console.log(`Chain head at export: ${result.chainHead ? `record ${result.chainHead.seq}, MAC ${result.chainHead.mac}` : 'empty trail'}.`);
console.log(`Signed by export key ${result.publicKeyFingerprint}: compare it with the fingerprint in the console (Audit Log) or the ceremony record.`);
