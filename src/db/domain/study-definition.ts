// A study definition installed in a store (one per version it has seen).

export interface InstalledDefinition {
  readonly version: string;
  readonly hash: string;
  readonly studyId: string;
  /** The assembled definition as stored; validated by the study loader when read. */
  readonly definition: unknown;
  readonly installedAt: string;
}
