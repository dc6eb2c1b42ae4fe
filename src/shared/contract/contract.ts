// The API contract: every entry the UI can call, with its zod input and output. The IPC wrapper, the
// preload bridge, the loopback transport and the renderer's typed client are all derived from it.

import { z } from 'zod';
import { ReturnExportResult, ReturnImportResult } from './return-bundles';
import { ReturnPreview } from './return-preview';
import { AppStatus, AuditVerifyOut, JobOut, JobRef, BackupInput, BackupOut, BackupStatus, SettingsInput, SiteInitInput, SiteInitResult, SiteParamInput, SiteParamsOut, StudyDefinitionOut } from './app';
import { LoginInput, SessionInfo } from './auth';
import { CsvExportInput, ReportInput, ReportOut, ReviewGrid, ReviewGridInput } from './review';
import { CentralSummaryOut, ExchangeCycleResult, ExchangeRunInput, ExchangeSettings, ExchangeStatus, ExportStatus, FileInput, FolderInput, MergeInput, ReceiptBody, UploadInput, UploadUrlInput } from './bundles';
import { AuditEntryOut, FieldHistoryInput, FormInstanceOut, InstanceRef, OpenFormInput, OpenFormOut, ReasonedInstanceRef, SaveFormInput, SaveResult, SignFormInput, SignManyInput } from './forms';
import { Casebook, CreateSubjectInput, EvaluationData, IdentityInput, SetIdentityInput, SubjectIdInput, SubjectQuery, SubjectSummary } from './subjects';
import { JoinCentreInput, JoinCentreOut, KitInspectInput, KitSummary, SiteInitFromKitInput, SiteInitFromKitResult } from './site-kit';
import { StatusMatrix, StatusMatrixInput } from './status-matrix';
import { PrintInput, PrintOut } from './print';
import { CasebookLockInput, CasebookLockOut, CasebookUnlockOut } from './casebook-lock';
import { ListQueriesInput, QueryActionInput, QueryOut, RaiseQueryInput } from './queries';
import { ReturnExportInput, SubjectMarks } from './central-casebook';
import { AddUserInput, ChangePasswordInput, ResetPasswordInput, SetRoleInput, UsernameInput, UserSummary } from './users';

export interface ContractEntry {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  /** Entries callable before login (first run, login itself, status). */
  readonly public?: true;
}

const Empty = z.strictObject({});
const Ok = z.literal(true);

export const contract = {
  'app:status': { input: Empty, output: AppStatus, public: true },
  'app:settings': { input: SettingsInput, output: AppStatus, public: true },
  'site:init': { input: SiteInitInput, output: SiteInitResult, public: true },
  'kit:inspect': { input: KitInspectInput, output: KitSummary, public: true },
  'site:initFromKit': { input: SiteInitFromKitInput, output: SiteInitFromKitResult, public: true },
  'site:joinCentre': { input: JoinCentreInput, output: JoinCentreOut },
  'auth:login': { input: LoginInput, output: SessionInfo, public: true },
  'auth:logout': { input: Empty, output: Ok, public: true },
  'study:definition': { input: Empty, output: StudyDefinitionOut },
  'site:params': { input: Empty, output: SiteParamsOut },
  'site:setParam': { input: SiteParamInput, output: SiteParamsOut },
  'subjects:list': { input: SubjectQuery, output: z.array(SubjectSummary) },
  'subjects:create': { input: CreateSubjectInput, output: SubjectSummary },
  'subjects:casebook': { input: SubjectIdInput, output: Casebook },
  'subjects:evaluationData': { input: SubjectIdInput, output: EvaluationData },
  'subjects:identity': { input: SubjectIdInput, output: IdentityInput },
  'subjects:setIdentity': { input: SetIdentityInput, output: IdentityInput },
  'forms:open': { input: OpenFormInput, output: OpenFormOut },
  'forms:save': { input: SaveFormInput, output: SaveResult },
  'forms:sign': { input: SignFormInput, output: FormInstanceOut },
  'forms:signMany': { input: SignManyInput, output: z.strictObject({ signed: z.number().int() }) },
  'forms:lock': { input: InstanceRef, output: FormInstanceOut },
  'forms:unlock': { input: ReasonedInstanceRef, output: FormInstanceOut },
  'forms:remove': { input: ReasonedInstanceRef, output: Ok },
  'forms:history': { input: FieldHistoryInput, output: z.array(AuditEntryOut) },
  'users:list': { input: Empty, output: z.array(UserSummary) },
  'users:add': { input: AddUserInput, output: UserSummary },
  'users:resetPassword': { input: ResetPasswordInput, output: Ok },
  'users:unlock': { input: UsernameInput, output: Ok },
  'users:deactivate': { input: UsernameInput, output: Ok },
  'users:setRole': { input: SetRoleInput, output: Ok },
  'users:changePassword': { input: ChangePasswordInput, output: Ok },
  'backup:status': { input: Empty, output: BackupStatus },
  'backup:run': { input: BackupInput, output: BackupOut },
  'audit:verify': { input: Empty, output: AuditVerifyOut },
  'jobs:get': { input: JobRef, output: JobOut },
  'export:status': { input: Empty, output: ExportStatus },
  'export:start': { input: FolderInput, output: JobOut },
  'export:setUploadUrl': { input: UploadUrlInput, output: ExportStatus },
  'export:upload': { input: UploadInput, output: JobOut },
  'receipt:import': { input: FileInput, output: ReceiptBody },
  'central:summary': { input: Empty, output: CentralSummaryOut },
  'central:merge': { input: MergeInput, output: JobOut },
  'review:grid': { input: ReviewGridInput, output: ReviewGrid },
  'export:csv': { input: CsvExportInput, output: JobOut },
  'report:build': { input: ReportInput, output: ReportOut },
  'exchange:status': { input: Empty, output: ExchangeStatus },
  'exchange:setSettings': { input: ExchangeSettings, output: ExchangeStatus },
  'exchange:run': { input: ExchangeRunInput, output: ExchangeCycleResult },
  'return:import': { input: FileInput, output: ReturnImportResult },
  /** What `return:import` would do with the file, verified the same way; nothing is written. */
  'return:preview': { input: FileInput, output: ReturnPreview },
  'review:statusMatrix': { input: StatusMatrixInput, output: StatusMatrix },
  'print:document': { input: PrintInput, output: PrintOut },
  'queries:list': { input: ListQueriesInput, output: z.array(QueryOut) },
  'queries:answer': { input: QueryActionInput, output: QueryOut },
  'queries:raise': { input: RaiseQueryInput, output: QueryOut },
  'queries:close': { input: QueryActionInput, output: QueryOut },
  'queries:reopen': { input: QueryActionInput, output: QueryOut },
  'central:subjectMarks': { input: SubjectIdInput, output: SubjectMarks },
  'return:export': { input: ReturnExportInput, output: ReturnExportResult },
  'casebook:lock': { input: CasebookLockInput, output: CasebookLockOut },
  'casebook:unlock': { input: CasebookLockInput, output: CasebookUnlockOut },
} as const satisfies Record<string, ContractEntry>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** The envelope every transport returns. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; messages: { it: string; en: string }; details: Record<string, unknown> } };
