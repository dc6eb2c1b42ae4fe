// The ODM document body during an amendment's changeover: one MetaDataVersion per definition version in use,
// then one ClinicalData per version holding the form instances saved under it (their MetaDataVersionOID).
// A subject with instances under two versions appears in both; one with no instance at all, under the current.

import type { DatasetSubject } from '../../dataset/dataset';
import type { LoadedStudy } from '../../study/load-definition';
import { adminData } from './admin-data';
import type { OdmAdmin } from './admin-source';
import { metaDataVersion, studyHead } from './metadata';
import type { OdmModel } from './model';
import * as oid from './oids';
import { versionOfInstance, type OdmVersion } from './versions';
import type { SitePass } from './write-odm';
import type { TextSink } from './xml-sink';
import { close, open } from './xml';

export type WritePass = (model: OdmModel, pass: SitePass) => Promise<void>;

/** The subject with only its instances saved under `version` (undefined when it has none there). */
function instancesUnder(subject: DatasetSubject, versions: readonly OdmVersion[], version: string, current: string): DatasetSubject | undefined {
  const instances = subject.instances.filter((i) => versionOfInstance(versions, i.defVersion, current) === version);
  if (instances.length > 0) return { ...subject, instances };
  return subject.instances.length === 0 && version === current ? subject : undefined;
}

export async function writeVersions(sink: TextSink, current: LoadedStudy, versions: readonly OdmVersion[], admin: OdmAdmin, writePass: WritePass): Promise<void> {
  const d = current.definition;
  const head = versions.find((v) => v.loaded.definition.version === d.version)!;
  for (const chunk of studyHead(current, head.model)) await sink.write(chunk);
  for (const v of versions) for (const chunk of metaDataVersion(v.loaded, v.model)) await sink.write(chunk);
  await sink.write(close('Study'));
  await sink.write(adminData(current, admin, versions.map((v) => ({ definition: v.loaded.definition, since: v.since }))));
  const seen = new Set<string>();
  for (const v of versions) {
    const version = v.loaded.definition.version;
    await sink.write(open('ClinicalData', [['StudyOID', oid.studyOid(d)], ['MetaDataVersionOID', oid.metaDataVersionOid(v.loaded.definition)]]));
    await writePass(v.model, { pick: (subject) => instancesUnder(subject, versions, version, d.version), seen });
    await sink.write(close('ClinicalData'));
  }
}
