// `edc return export` (centre) and `edc return import` (site): the return bundle, centre → site.

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { importReturn, readReturnFile } from '../../core/bundles/import-return';
import { previewReturn } from '../../core/bundles/preview-return';
import { exportReturn } from '../../core/central/export-return';
import { SiteId } from '../../shared/contract/common';
import { RETURN_SECTIONS } from '../../shared/contract/return-bundles';
import { withCentral } from '../central-session';
import { keyValues } from '../format';
import { cliText, type CliText } from '../messages';
import { parseWith } from '../parse-input';
import { withSession } from '../session';
import type { AmendmentOutcome } from '../../shared/contract/amendments';
import type { ReturnPreview } from '../../shared/contract/return-preview';
import type { Lang } from '../../shared/i18n/catalogue';
import { amendmentChangeText, migrationLines } from '../../shared/study/amendment-text';
import { langOf, type CliIo } from '../io';

/** What each amendment did at the site, and the checks that now fail (warnings: nothing is blocked). */
function amendmentLines(outcomes: readonly AmendmentOutcome[], t: CliText): string[] {
  const lines: string[] = [];
  for (const o of outcomes) {
    if (o.status === 'alreadyApplied') {
      lines.push(t('return.amendment.alreadyApplied', { version: o.version }));
      continue;
    }
    lines.push(t('return.amendment.applied', { base: o.baseVersion, version: o.version, values: o.migratedValues, instances: o.migratedInstances }));
    if (o.frozenInstances > 0) lines.push(t('return.amendment.frozen', { count: o.frozenInstances }));
    if (o.warnings.length > 0) lines.push(t('return.amendment.warnings', { count: o.warnings.length, version: o.version }));
    for (const w of o.warnings) lines.push(t('return.amendment.warning', { subject: w.subjectId, form: w.form, instance: w.instanceNo, check: w.check, severity: w.severity }));
  }
  return lines;
}

/** The amendments a bundle carries, before they are applied: the diff and the migration of each one. */
function previewLines(preview: ReturnPreview, t: CliText, lang: Lang): string[] {
  const lines: string[] = [];
  const outcomes = new Map((preview.result.amendments ?? []).map((o) => [o.version, o]));
  for (const a of preview.amendments) {
    const outcome = outcomes.get(a.version);
    if (outcome?.status !== 'applied') {
      lines.push(t('return.amendment.previewAlready', { version: a.version }));
      continue;
    }
    lines.push(t('return.amendment.preview', { base: a.baseVersion, version: a.version, count: a.changes.length }));
    for (const change of a.changes) lines.push(`  · ${amendmentChangeText(change, lang)}`);
    lines.push(t('return.amendment.previewMigration', { values: outcome.migratedValues, instances: outcome.migratedInstances }));
    for (const line of migrationLines(a.migration, lang)) lines.push(`  · ${line}`);
  }
  return lines;
}

export function registerReturn(program: Command, io: CliIo): void {
  const t = cliText(io);
  const sectionRows = (counts: Readonly<Record<string, number>>): [string, number][] => RETURN_SECTIONS.map((name) => [t(`return.sections.${name}`), counts[name] ?? 0]);
  const ret = program.command('return').description('return bundles from the coordinating centre to a site (receipts, review marks, locks, queries, amendments)');
  ret
    .command('export')
    .description('write the signed return bundle of one site, encrypted to that site only')
    .requiredOption('--dir <dir>', 'coordinator directory')
    .requiredOption('--site <site>', 'site code')
    .requiredOption('--out <dir>', 'folder to write the return bundle to')
    .action(async (opts: { dir: string; site: string; out: string }) => {
      const siteId = parseWith(SiteId, opts.site);
      await withCentral(io, opts.dir, async (session) => {
        const result = await exportReturn(session, { siteId, outDir: resolve(io.cwd, opts.out) });
        io.out(keyValues([[t('return.file'), result.file], [t('return.site'), result.siteId], [t('return.sequence'), result.sequence], ['sha256', result.sha256], ...sectionRows(result.counts)]));
      });
    });
  ret
    .command('import')
    .description("apply a return bundle from the coordinating centre (verified against the kit's coordinator key)")
    .requiredOption('--db <file>', 'site database')
    .requiredOption('--user <name>', 'acting user')
    .argument('<file>')
    .action(async (file: string, opts: { db: string; user: string }) => {
      await withSession(io, opts, async (session) => {
        const bytes = readReturnFile(resolve(io.cwd, file));
        // The diff is printed before anything is applied (the preview writes nothing), so the admin reads what
        // the import is about to change; the import verifies the bundle again and applies it.
        for (const line of previewLines(await previewReturn(session, bytes), t, langOf(io))) io.out(line);
        const result = await importReturn(session, bytes);
        io.out(keyValues([[t('return.status'), t(`return.statuses.${result.status}`)], [t('return.sequence'), result.sequence], [t('return.createdAt'), result.createdAt], ...sectionRows(result.counts)]));
        for (const line of amendmentLines(result.amendments ?? [], t)) io.out(line);
      });
    });
}
