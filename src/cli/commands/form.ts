// `edc form …`: save (draft or complete), show, sign, lock, unlock, remove, field history.

import type { Command } from 'commander';
import { fieldHistory } from '../../core/audit/audit-queries';
import { getFormInstance, lockForm, removeInstance, signForm, unlockForm } from '../../core/forms/instance-actions';
import { saveForm } from '../../core/forms/save-form';
import { FieldHistoryInput, InstanceRef, ReasonedInstanceRef, SaveFormInput, SignFormInput } from '../../shared/contract/forms';
import type { FormInstanceOut } from '../../shared/contract/forms';
import { AppError } from '../../shared/errors/app-error';
import { json, table } from '../format';
import { langOf, type CliIo } from '../io';
import { cliDetail, cliText } from '../messages';
import { parseWith, readJsonArg } from '../parse-input';
import { readSecret } from '../secrets';
import { withSession } from '../session';

interface StoreOpts {
  db: string;
  user: string;
}
interface RefOpts extends StoreOpts {
  subject: string;
  form: string;
  instance?: string;
}

function instanceNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new AppError('input.invalid', { issues: cliDetail('issues.instance') });
  return Number(value);
}

function ref(opts: RefOpts): { subjectId: string; form: string; instanceNo?: number } {
  const instanceNo = instanceNumber(opts.instance);
  return { subjectId: opts.subject, form: opts.form, ...(instanceNo !== undefined ? { instanceNo } : {}) };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerForm(program: Command, io: CliIo): void {
  const t = cliText(io);
  const form = program.command('form').description('form data: save, show, sign, lock, unlock, remove, history');
  const common = (c: Command, instanceHelp?: string): Command =>
    c
      .requiredOption('--db <file>', 'database')
      .requiredOption('--user <name>', 'acting user')
      .requiredOption('--subject <id>', 'subject pseudonym')
      .requiredOption('--form <key>', 'form key')
      .option('--instance <n>', instanceHelp ?? 'instance number (repeating forms)');

  const summary = (instance: FormInstanceOut): string => {
    const lang = langOf(io);
    const lines = [t('form.summary', { subject: instance.subjectId, instance: `${instance.form}#${instance.instanceNo}`, status: instance.status, version: instance.version })];
    if (instance.missing.length > 0) lines.push(t('form.missing', { fields: instance.missing.join(', ') }));
    for (const f of instance.failures) lines.push(t(f.overridden ? 'form.failureOverridden' : 'form.failure', { check: f.id, severity: t(`severity.${f.severity}`), message: f.message[lang] }));
    return lines.join('\n');
  };

  common(form.command('save').description('save values (a patch: null clears a field); --complete marks the form complete'), 'instance number; omit to add a new instance of a repeating form')
    .requiredOption('--data <json>', 'values by field name, JSON or @file')
    .option('--reason <text>', 'reason for change (required once the form was completed)')
    .option('--complete', 'mark complete (required items present, hard checks pass, soft checks overridden)')
    .option('--override <check=reason>', 'override a soft-check warning with a reason (repeatable)', collect, [])
    .option('--expected-version <n>', 'refuse if someone saved a newer version meanwhile')
    .option('--json', 'machine-readable output')
    .action(async (opts: RefOpts & { data: string; reason?: string; complete?: boolean; override: string[]; expectedVersion?: string; json?: boolean }) => {
      const overrides: Record<string, string> = {};
      for (const o of opts.override) {
        const at = o.indexOf('=');
        if (at < 1) throw new AppError('input.invalid', { issues: cliDetail('issues.override', { value: o }) });
        overrides[o.slice(0, at)] = o.slice(at + 1);
      }
      const input = parseWith(SaveFormInput, {
        ...ref(opts),
        data: readJsonArg(opts.data, io.cwd),
        complete: opts.complete === true,
        ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
        ...(opts.override.length > 0 ? { overrides } : {}),
        ...(opts.expectedVersion !== undefined ? { expectedVersion: Number(opts.expectedVersion) } : {}),
      });
      await withSession(io, opts, async (session) => {
        const result = await saveForm(session, input);
        if (opts.json) io.out(json(result));
        else {
          io.out(summary(result.instance));
          if (result.clearedHiddenFields.length > 0) io.out(t('form.clearedHidden', { fields: result.clearedHiddenFields.join(', ') }));
        }
      });
    });

  common(form.command('show').description('values, calculated values, missing items and checks of a form instance'))
    .option('--json', 'machine-readable output')
    .action(async (opts: RefOpts & { json?: boolean }) => {
      await withSession(io, opts, async (session) => {
        const instance = await getFormInstance(session, parseWith(InstanceRef, ref(opts)));
        if (opts.json) io.out(json(instance));
        else {
          io.out(summary(instance));
          const rows = [...Object.entries(instance.data), ...Object.entries(instance.calcs).map(([k, v]) => [t('form.calculated', { field: k }), v] as const)];
          io.out(table([t('form.columns.field'), t('form.columns.value')], rows.map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : (v as string | number | null)])));
        }
      });
    });

  common(form.command('sign').description('sign as investigator (the password in EDC_PASSWORD is re-checked as the signature)'))
    .action(async (opts: RefOpts) => {
      await withSession(io, opts, async (session) => {
        const password = await readSecret(io, 'EDC_PASSWORD', t('prompts.signPassword'));
        const meaning = session.study.definition.signatureMeaning[langOf(io)];
        io.err(meaning);
        const signed = await signForm(session, parseWith(SignFormInput, { ...ref(opts), password }));
        io.out(summary(signed));
      });
    });

  common(form.command('lock').description('lock a signed form (admin)')).action(async (opts: RefOpts) => {
    await withSession(io, opts, async (session) => {
      io.out(summary(await lockForm(session, parseWith(InstanceRef, ref(opts)))));
    });
  });

  common(form.command('unlock').description('unlock a form (admin), with a reason'))
    .requiredOption('--reason <text>', 'why it is unlocked')
    .action(async (opts: RefOpts & { reason: string }) => {
      await withSession(io, opts, async (session) => {
        io.out(summary(await unlockForm(session, parseWith(ReasonedInstanceRef, { ...ref(opts), reason: opts.reason }))));
      });
    });

  common(form.command('remove').description('remove an instance of a repeating form, with a reason kept in the audit trail'))
    .requiredOption('--reason <text>', 'why it is removed')
    .action(async (opts: RefOpts & { reason: string }) => {
      await withSession(io, opts, async (session) => {
        await removeInstance(session, parseWith(ReasonedInstanceRef, { ...ref(opts), reason: opts.reason }));
        io.out(t('form.removed', { subject: opts.subject, instance: `${opts.form}#${opts.instance ?? 1}` }));
      });
    });

  form
    .command('history')
    .description('audit entries of a subject, form, instance or field')
    .requiredOption('--db <file>', 'database')
    .requiredOption('--user <name>', 'acting user')
    .requiredOption('--subject <id>', 'subject pseudonym')
    .option('--form <key>', 'form key')
    .option('--instance <n>', 'instance number')
    .option('--field <name>', 'field name')
    .option('--json', 'machine-readable output')
    .action(async (opts: StoreOpts & { subject: string; form?: string; instance?: string; field?: string; json?: boolean }) => {
      const instanceNo = instanceNumber(opts.instance);
      const input = parseWith(FieldHistoryInput, {
        subjectId: opts.subject,
        ...(opts.form ? { form: opts.form } : {}),
        ...(instanceNo !== undefined ? { instanceNo } : {}),
        ...(opts.field ? { field: opts.field } : {}),
      });
      await withSession(io, opts, async (session) => {
        const entries = await fieldHistory(session, input);
        if (opts.json) io.out(json(entries));
        else io.out(table(['#', t('form.history.when'), t('form.history.who'), t('form.history.action'), t('form.history.form'), t('form.history.field'), t('form.history.old'), t('form.history.new'), t('form.history.reason')], entries.map((e) => [e.id, e.at, e.user, e.action, e.form ? `${e.form}#${e.instanceNo}` : '', e.field, e.oldValue, e.newValue, e.reason])));
      });
    });
}
