// What the stores keep about the return path: return bundles written per site (centre) and imported
// (site), the sites' age recipients (centre), review marks and central locks (both stores).

export type { CentralLock, ReviewMark } from '../../shared/contract/return-bundles';

export interface ReturnExport {
  readonly siteId: string;
  readonly sequence: number;
  readonly fileName: string;
  readonly sha256: string;
  readonly manifestSha256: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly counts: Readonly<Record<string, number>>;
}

export interface ReturnImport {
  readonly sequence: number;
  readonly manifestSha256: string;
  readonly bundleSha256: string;
  readonly createdAt: string;
  readonly importedAt: string;
  readonly importedBy: string;
  readonly counts: Readonly<Record<string, number>>;
}
