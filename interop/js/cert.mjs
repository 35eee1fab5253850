// Verifies jic-made certificates with @dfinity/agent's Certificate.create and reports lookups.
// stdin: {"cases":[{"name","certificate":hex,"rootKey":hex DER,"canisterId":text,
//                   "lookups":[[hex label,...],...]}]}
// stdout, one line each: "CASE <name> OK" or "CASE <name> FAIL <error>", then for an OK case
// "LOOKUP <name> <index> <Found|Absent|Unknown|Error> <hex value or ->".
import { Certificate } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';

const hex = (s) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b) => Buffer.from(b).toString('hex');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { cases } = JSON.parse(input);

const lines = [];
for (const c of cases) {
  try {
    const cert = await Certificate.create({
      certificate: hex(c.certificate),
      rootKey: hex(c.rootKey),
      canisterId: Principal.fromText(c.canisterId),
    });
    lines.push(`CASE ${c.name} OK`);
    (c.lookups ?? []).forEach((path, i) => {
      const r = cert.lookup_path(path.map(hex));
      const v = r.value instanceof Uint8Array ? toHex(r.value) : '-';
      lines.push(`LOOKUP ${c.name} ${i} ${r.status} ${v}`);
    });
  } catch (e) {
    const msg = `${e?.name ?? 'Error'}: ${e?.message ?? e}`.replace(/\s+/g, ' ');
    lines.push(`CASE ${c.name} FAIL ${msg}`);
  }
}
process.stdout.write(lines.join('\n') + '\n');
