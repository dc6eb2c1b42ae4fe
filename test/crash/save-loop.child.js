// Crash-test child: saves forms in a loop through the compiled core and reports each committed save.
// Usage: node save-loop.child.js <dbFile> <username> <seed>; password from EDC_PASSWORD.
'use strict';
const path = require('node:path');
const dist = path.join(__dirname, '..', '..', 'dist');
const { openSession } = require(path.join(dist, 'core/auth/open-session'));
const { saveForm } = require(path.join(dist, 'core/forms/save-form'));
const { createSubject } = require(path.join(dist, 'core/subjects/create-subject'));
const { SaveFormInput } = require(path.join(dist, 'shared/contract/forms'));

async function main() {
  const [dbFile, username, seedText] = process.argv.slice(2);
  let seed = Number(seedText) >>> 0;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const session = await openSession({ dbFile, username, password: process.env.EDC_PASSWORD });
  process.stdout.write('READY\n');
  for (;;) {
    const subject = await createSubject(session, {});
    process.stdout.write(`SUBJECT ${subject.id}\n`);
    const dm = await saveForm(session, SaveFormInput.parse({ subjectId: subject.id, form: 'dm', data: { sex: rand() < 0.5 ? '1' : '2', birth_year: 1950 + Math.floor(rand() * 50), height_cm: 150 + Math.floor(rand() * 40) } }));
    process.stdout.write(`SAVED ${subject.id} dm ${dm.instance.instanceNo} ${dm.instance.version}\n`);
    for (let i = 0; i < 3; i += 1) {
      const ae = await saveForm(session, SaveFormInput.parse({ subjectId: subject.id, form: 'ae', data: { ae_term: '10002272', ae_grade: String(1 + Math.floor(rand() * 4)), ae_onset: '2020-0' + (1 + i) } }));
      process.stdout.write(`SAVED ${subject.id} ae ${ae.instance.instanceNo} ${ae.instance.version}\n`);
    }
    const again = await saveForm(session, SaveFormInput.parse({ subjectId: subject.id, form: 'dm', data: { weight_kg: 50 + Math.floor(rand() * 40) } }));
    process.stdout.write(`SAVED ${subject.id} dm ${again.instance.instanceNo} ${again.instance.version}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`child failed: ${error && error.code ? error.code : error}\n`);
  process.exit(3);
});
