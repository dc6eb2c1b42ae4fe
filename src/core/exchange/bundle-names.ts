// Bundle and receipt file names: <study>_<site>_<seq>_<UTC time>.edcbundle (DESIGN.md, issue 4).

export function bundleFileName(studyId: string, siteId: string, sequence: number, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${studyId}_${siteId}_${String(sequence).padStart(6, '0')}_${stamp}.edcbundle`;
}

export function receiptFileName(studyId: string, siteId: string, sequence: number): string {
  return `${studyId}_${siteId}_${String(sequence).padStart(6, '0')}.receipt.json`;
}

/** A return bundle (centre → site): <study>_<site>_R<seq>_<UTC time>.edcreturn. */
export function returnFileName(studyId: string, siteId: string, sequence: number, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${studyId}_${siteId}_R${String(sequence).padStart(6, '0')}_${stamp}.edcreturn`;
}
