// One handler per contract entry: the only place where a request becomes a core use-case call.
// Both transports (Electron IPC and the loopback HTTP server) dispatch here.

import { join } from 'node:path';
import { verifyAudit } from '../audit/audit-queries';
import { fieldHistory } from '../audit/audit-queries';
import { openSession } from '../auth/open-session';
import { backupStore } from '../backup/backup-store';
import { backupStatus } from '../backup/backup-status';
import { lockForm, removeInstance, signForm, signForms, unlockForm } from '../forms/instance-actions';
import { openForm } from '../forms/open-form';
import { saveForm } from '../forms/save-form';
import { initStore } from '../store/init-site';
import type { Session } from '../store/session';
import { getSiteParams, setSiteParam } from '../store/site-settings';
import { listBuiltInStudies, loadBuiltInStudy } from '../study/built-in';
import { getCasebook } from '../subjects/casebook';
import { createSubject } from '../subjects/create-subject';
import { getEvaluationData } from '../forms/evaluation-data';
import { getIdentity, setIdentity } from '../subjects/identity';
import { listSubjects } from '../subjects/list-subjects';
import { addUser, changeOwnPassword, deactivateUser, listUsers, resetPassword, setRole, unlockUser } from '../users/manage-users';
import type { Channel, OutputOf, ParsedInputOf } from '../../shared/contract/contract';
import type { SessionInfo } from '../../shared/contract/auth';
import { AppError } from '../../shared/errors/app-error';
import { problemDetail } from '../../shared/errors/codes';
import type { AppContext } from './app-context';
import type { JobState } from './jobs';
import { reviewGrid } from '../review/review-grid';
import { exportCsv } from '../exports/csv/export-csv';
import { buildReport, renderCharts } from '../report';
import { exportBundle } from '../bundles/export-bundle';
import { exportStatus, importReceipt, readReceiptFile } from '../bundles/import-receipt';
import { importReturn, readReturnFile } from '../bundles/import-return';
import { previewReturn } from '../bundles/preview-return';
import { uploadBundle } from '../bundles/upload-client';
import { importAnsweredReturn } from '../bundles/answered-return';
import { runExchangeCycle } from '../bundles/exchange-cycle';
import { setExchangeSettings } from '../bundles/exchange-settings';
import { exchangeStatus } from '../bundles/exchange-status';
import { uploadSigner } from '../bundles/upload-signer';
import { setUploadUrl, uploadCa } from '../bundles/upload-settings';
import { centralSummary } from '../central/central-summary';
import { mergeRun } from '../central/merge-run';
import { requireRole } from '../store/permissions';
import { expandBundlePaths } from '../exchange/bundle-paths';
import { initSiteFromKit } from '../bundles/init-site-from-kit';
import { checkKitFitsStore, joinCentre } from '../bundles/join-centre';
import { kitSummary, verifyKitUnconfirmed } from '../exchange/inspect-kit';
import { readKitFile } from '../exchange/site-kit';
import type { SiteAdmin } from '../../shared/contract/app';
import { statusMatrix } from '../review/status-matrix';
import { printDocument } from '../exports/crf/print-document';
import { listQueryViews } from '../queries/list-queries';
import { answerQuery, closeQuery, reopenQuery } from '../queries/query-actions';
import { raiseQuery } from '../queries/raise-query';
import { subjectMarks } from '../central/subject-marks';
import { exportReturn } from '../central/export-return';
import { lockCasebook, unlockCasebook } from '../subjects/casebook-lock';

export type Handler<C extends Channel> = (ctx: AppContext, input: ParsedInputOf<C>) => Promise<OutputOf<C>>;
export type Handlers = { [C in Channel]: Handler<C> };

export function sessionInfo(session: Session): SessionInfo {
  return {
    username: session.user.username,
    displayName: session.user.displayName,
    role: session.user.role,
    siteId: session.info.siteId,
    siteName: session.info.siteName,
    storeKind: session.info.kind,
    study: { id: session.study.definition.id, version: session.study.definition.version, hash: session.study.hash, title: session.study.definition.title },
  };
}

async function status(ctx: AppContext): Promise<OutputOf<'app:status'>> {
  await ctx.lockIfIdle();
  return {
    initialized: ctx.initialized,
    mode: ctx.centralMode ? 'central' : 'site',
    session: ctx.session ? sessionInfo(ctx.session) : null,
    builtInStudies: listBuiltInStudies(),
    autoLockMinutes: ctx.settings.autoLockMinutes,
    lang: ctx.settings.lang,
  };
}

const ok = true as const;

/** The administrator just created at first run, logged in. */
async function loginNewAdmin(ctx: AppContext, admin: SiteAdmin): Promise<Session> {
  const session = await openSession({ dbFile: ctx.dbFile, username: admin.username, password: admin.password, clock: ctx.clock, auditLogin: true });
  await ctx.setSession(session);
  return session;
}

/** A query as the Queries screen shows it, read back after a transition (its events included). */
async function queryView(session: Session, id: string, subjectId: string): Promise<OutputOf<'queries:answer'>> {
  const found = (await listQueryViews(session, { subjectId })).find((q) => q.id === id);
  if (!found) throw new AppError('query.notFound', { query: id });
  return found;
}

function jobOut(job: JobState): OutputOf<'jobs:get'> {
  return { ...job };
}

export const handlers: Handlers = {
  'app:status': (ctx) => status(ctx),
  'app:settings': async (ctx, input) => {
    // The language may be switched on the login screen; the auto-lock time is an admin's setting.
    if (input.autoLockMinutes !== undefined) requireRole((await ctx.requireSession()).user.role, 'site.settings');
    ctx.updateSettings({ ...(input.autoLockMinutes !== undefined ? { autoLockMinutes: input.autoLockMinutes } : {}), ...(input.lang ? { lang: input.lang } : {}) });
    return status(ctx);
  },
  'site:init': async (ctx, input) => {
    if (ctx.initialized) throw new AppError('store.exists', { file: 'site.db' });
    const study = loadBuiltInStudy(input.studyId);
    const { recoveryCode } = await initStore({
      dbFile: ctx.dbFile,
      kind: 'site',
      siteId: input.siteId,
      siteName: input.siteName,
      study,
      admin: input.admin,
      clock: ctx.clock,
    });
    const session = await loginNewAdmin(ctx, input.admin);
    return { recoveryCode, session: sessionInfo(session) };
  },
  'kit:inspect': async (ctx, input) => {
    // Before set-up anyone at this computer may read a kit; once a store exists, only a logged-in user.
    const session = input.forJoin || ctx.initialized ? await ctx.requireSession() : undefined;
    const verified = verifyKitUnconfirmed(readKitFile(input.file));
    if (session && input.forJoin) await checkKitFitsStore(session, verified);
    return kitSummary(verified);
  },
  'site:initFromKit': async (ctx, input) => {
    if (ctx.initialized) throw new AppError('store.exists', { file: 'site.db' });
    const kit = readKitFile(input.file);
    const result = await initSiteFromKit({ dbFile: ctx.dbFile, kit, expectedFingerprint: input.coordinatorFingerprint, admin: input.admin, clock: ctx.clock });
    const session = await loginNewAdmin(ctx, input.admin);
    return { recoveryCode: result.recoveryCode, session: sessionInfo(session), siteFingerprint: result.siteFingerprint };
  },
  'site:joinCentre': async (ctx, input) => joinCentre(await ctx.requireSession(), readKitFile(input.file), input.coordinatorFingerprint),
  'auth:login': async (ctx, input) => {
    if (!ctx.initialized) throw new AppError('store.notFound', { file: 'site.db' });
    await ctx.endSession();
    const session = await openSession({ dbFile: ctx.dbFile, username: input.username, password: input.password, clock: ctx.clock, auditLogin: true });
    await ctx.setSession(session);
    return sessionInfo(session);
  },
  'auth:logout': async (ctx) => {
    await ctx.endSession();
    return ok;
  },
  'study:definition': async (ctx) => {
    const s = await ctx.requireSession();
    return { hash: s.study.hash, definition: s.study.definition };
  },
  'site:params': async (ctx) => getSiteParams(await ctx.requireSession()),
  'site:setParam': async (ctx, input) => {
    const s = await ctx.requireSession();
    await setSiteParam(s, input.name, input.value);
    return getSiteParams(s);
  },
  'subjects:list': async (ctx, input) => listSubjects(await ctx.requireSession(), input),
  'subjects:create': async (ctx, input) => createSubject(await ctx.requireSession(), input),
  'subjects:casebook': async (ctx, input) => getCasebook(await ctx.requireSession(), input),
  'subjects:evaluationData': async (ctx, input) => getEvaluationData(await ctx.requireSession(), input),
  'subjects:identity': async (ctx, input) => getIdentity(await ctx.requireSession(), input),
  'subjects:setIdentity': async (ctx, input) => setIdentity(await ctx.requireSession(), input),
  'forms:open': async (ctx, input) => openForm(await ctx.requireSession(), input),
  'forms:save': async (ctx, input) => saveForm(await ctx.requireSession(), input),
  'forms:sign': async (ctx, input) => signForm(await ctx.requireSession(), input),
  'forms:signMany': async (ctx, input) => signForms(await ctx.requireSession(), input),
  'forms:lock': async (ctx, input) => lockForm(await ctx.requireSession(), input),
  'forms:unlock': async (ctx, input) => unlockForm(await ctx.requireSession(), input),
  'forms:remove': async (ctx, input) => {
    await removeInstance(await ctx.requireSession(), input);
    return ok;
  },
  'forms:history': async (ctx, input) => fieldHistory(await ctx.requireSession(), input),
  'users:list': async (ctx) => listUsers(await ctx.requireSession()),
  'users:add': async (ctx, input) => addUser(await ctx.requireSession(), input),
  'users:resetPassword': async (ctx, input) => {
    await resetPassword(await ctx.requireSession(), input);
    return ok;
  },
  'users:unlock': async (ctx, input) => {
    await unlockUser(await ctx.requireSession(), input);
    return ok;
  },
  'users:deactivate': async (ctx, input) => {
    await deactivateUser(await ctx.requireSession(), input);
    return ok;
  },
  'users:setRole': async (ctx, input) => {
    await setRole(await ctx.requireSession(), input);
    return ok;
  },
  'users:changePassword': async (ctx, input) => {
    await changeOwnPassword(await ctx.requireSession(), input);
    return ok;
  },
  'backup:status': async (ctx) => backupStatus(await ctx.requireSession(), ctx.settings.backupReminderDays),
  'backup:run': async (ctx, input) => {
    const s = await ctx.requireSession();
    const stamp = s.clock().toISOString().replace(/[:.]/g, '-');
    const result = await backupStore(s, join(input.folder, `${s.info.siteId}_backup_${stamp}.db`));
    return { file: result.file, sha256: result.sha256, auditEntries: result.auditEntries, at: result.at };
  },
  'jobs:get': async (ctx, input) => {
    await ctx.requireSession();
    const job = ctx.jobs.get(input.jobId);
    if (!job) throw new AppError('input.invalid', { issues: problemDetail('noSuchJob') });
    return jobOut(job);
  },
  'export:status': async (ctx) => exportStatus(await ctx.requireSession()),
  'export:start': async (ctx, input) => {
    const s = await ctx.requireSession();
    requireRole(s.user.role, 'bundle.export');
    return jobOut(ctx.jobs.start('export', ctx.clock(), (progress) => exportBundle(s, input.folder, (phase, done, total) => progress(phase, done, total))));
  },
  'export:setUploadUrl': async (ctx, input) => {
    const s = await ctx.requireSession();
    await setUploadUrl(s, input.url, input.ca);
    return exportStatus(s);
  },
  'export:upload': async (ctx, input) => {
    const s = await ctx.requireSession();
    requireRole(s.user.role, 'bundle.export');
    const url = (await exportStatus(s)).uploadUrl;
    if (!url) throw new AppError('upload.notConfigured');
    const ca = await uploadCa(s);
    const signer = await uploadSigner(s);
    // The main process (or the loopback server) makes the request; the page itself stays offline.
    return jobOut(
      ctx.jobs.start('upload', ctx.clock(), async (progress) => {
        const outcomes = [];
        for (const [i, file] of input.files.entries()) {
          progress('uploading', i, input.files.length);
          const outcome = await uploadBundle(url, file, { signer, clock: s.clock, ...(ca ? { ca } : {}) });
          if (outcome.receipt) await importReceipt(s, outcome.receipt);
          // The return bundle the answer carried goes through the same import as a file; the bytes stay here.
          const returned = outcome.returnBundle ? await importAnsweredReturn(s, outcome.returnBundle) : null;
          const { returnBundle: _carried, ...plain } = outcome;
          outcomes.push(returned ? { ...plain, returnImport: { status: returned.status, sequence: returned.sequence, code: returned.error?.code ?? null } } : plain);
        }
        progress('done', input.files.length, input.files.length);
        return outcomes;
      }),
    );
  },
  'receipt:import': async (ctx, input) => importReceipt(await ctx.requireSession(), readReceiptFile(input.file)),
  'central:summary': async (ctx) => centralSummary(await ctx.requireSession()),
  'central:merge': async (ctx, input) => {
    const s = await ctx.requireSession();
    requireRole(s.user.role, 'central.merge');
    const files = expandBundlePaths(input.paths);
    return jobOut(
      ctx.jobs.start('merge', ctx.clock(), (progress) =>
        mergeRun(s, files, {
          registerSites: new Map(Object.entries(input.registerSites)),
          receiptsDir: join(ctx.dataDir, 'receipts'),
          lang: ctx.settings.lang,
          onProgress: (done, total) => progress('merging', done, total),
        }),
      ),
    );
  },
  'review:grid': async (ctx, input) => reviewGrid(await ctx.requireSession(), input.form),
  'export:csv': async (ctx, input) => {
    const s = await ctx.requireSession();
    requireRole(s.user.role, 'data.export');
    if (input.identified && !input.confirmIdentified) throw new AppError('input.invalid', { issues: problemDetail('identifiedNotConfirmed') });
    return jobOut(ctx.jobs.start('csv', ctx.clock(), (progress) => exportCsv(s, input.folder, { dialect: input.dialect, modules: ctx.modules, identified: input.identified, onProgress: (done, total) => progress('writing', done, total) })));
  },
  'exchange:status': async (ctx) => exchangeStatus(await ctx.requireSession()),
  'exchange:setSettings': async (ctx, input) => {
    const s = await ctx.requireSession();
    await setExchangeSettings(s, input);
    return exchangeStatus(s);
  },
  'exchange:run': async (ctx, input) => {
    const s = await ctx.requireSession();
    return ctx.exchangeExclusive(() => runExchangeCycle(s, { force: input.force, ...(ctx.upload ? { upload: ctx.upload } : {}) }));
  },
  'report:build': async (ctx, input) => {
    const s = await ctx.requireSession();
    requireRole(s.user.role, 'data.export');
    const data = await buildReport(s, { lang: input.lang, modules: ctx.modules, ...(input.dataCutoff ? { params: { data_cutoff: input.dataCutoff } } : {}) });
    return { data, charts: [...(await renderCharts(data))].map(([id, svg]) => ({ id, svg })) };
  },
  'audit:verify': async (ctx) => {
    const result = await verifyAudit(await ctx.requireSession());
    return result.ok
      ? { ok: true, entries: result.entries, brokenAt: null, reason: null }
      : { ok: false, entries: result.entries, brokenAt: result.brokenAt, reason: result.reason };
  },
  'return:import': async (ctx, input) => importReturn(await ctx.requireSession(), readReturnFile(input.file)),
  'return:preview': async (ctx, input) => previewReturn(await ctx.requireSession(), readReturnFile(input.file)),
  'review:statusMatrix': async (ctx, input) => statusMatrix(await ctx.requireSession(), input),
  'print:document': async (ctx, input) => printDocument(await ctx.requireSession(), input),
  'queries:list': async (ctx, input) => listQueryViews(await ctx.requireSession(), input),
  'queries:answer': async (ctx, input) => {
    const s = await ctx.requireSession();
    // Core checks the store kind (a site's) and the role (query.answer) before anything is written.
    const answered = await answerQuery(s, input);
    return queryView(s, answered.id, answered.subjectId);
  },
  // Raising, closing and re-opening: the same core as `edc queries raise|close|reopen` (central store, query.manage).
  'queries:raise': async (ctx, input) => {
    const s = await ctx.requireSession();
    const raised = await raiseQuery(s, input);
    return queryView(s, raised.id, raised.subjectId);
  },
  'queries:close': async (ctx, input) => {
    const s = await ctx.requireSession();
    const closed = await closeQuery(s, input);
    return queryView(s, closed.id, closed.subjectId);
  },
  'queries:reopen': async (ctx, input) => {
    const s = await ctx.requireSession();
    const reopened = await reopenQuery(s, input);
    return queryView(s, reopened.id, reopened.subjectId);
  },
  'central:subjectMarks': async (ctx, input) => subjectMarks(await ctx.requireSession(), input),
  'return:export': async (ctx, input) => exportReturn(await ctx.requireSession(), { siteId: input.siteId, outDir: input.folder }),
  'casebook:lock': async (ctx, input) => lockCasebook(await ctx.requireSession(), input),
  'casebook:unlock': async (ctx, input) => unlockCasebook(await ctx.requireSession(), input),
};
