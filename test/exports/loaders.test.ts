// load.R and load.do written with every CSV export: R (Rscript, base R + survival) reads a central export in both
// dialects into typed, labelled data frames whose Kaplan–Meier median OS is the report's; load.do checked structurally.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { exportCsv } from '../../src/core/exports/csv/export-csv';
import { buildReport } from '../../src/core/report';
import type { Session } from '../../src/core/store/session';
import { inoReportData } from '../../src/studies/ino-all-it/report';
import { studyModules } from '../../src/studies';
import { DIALECTS, type DialectName } from '../../src/core/exports/csv/dialect';
import { runR } from '../helpers/rscript';
import { tempDir } from '../helpers/temp';
import { createReportNetwork } from '../report/report-network';

const R_CHECKS = `source("load.R")
out <- function(key, value) cat(key, paste(value, collapse = "|"), "\\n", sep = "\\t")
out("files", names(edc))
out("sex", c(class(edc$dm$sex), levels(edc$dm$sex), attr(edc$dm$sex, "label")))
out("baseline_date", class(edc$dm$baseline_date))
out("height", class(edc$dm$height_cm))
out("checkbox", class(edc$dm[["comorbidities___1"]]))
out("missing", c(class(edc$dm$ecog_missing), levels(edc$dm$ecog_missing)))
out("partial", c(class(edc$dx$dx_date), class(edc$dx$dx_date_precision)))
out("ae_term", c(class(edc$ae$ae_term), length(levels(edc$ae$ae_term)), as.character(edc$ae$ae_term[!is.na(edc$ae$ae_term)][1])))
out("complete", levels(edc$dm$dm_complete))
out("os", c(class(edc$analysis$os_days), class(edc$analysis$os_event), class(edc$analysis$c1d1_date)))
a <- edc$analysis
a <- a[!is.na(a$eligible) & a$eligible == "Yes" & !is.na(a$treated) & a$treated == "Yes", ]
fit <- survival::survfit(survival::Surv(os_days, os_event == "Event") ~ 1, data = a)
out("km_median", sprintf("%.17g", summary(fit)$table[["median"]]))
`;

function lines(output: string): Map<string, string[]> {
  return new Map(output.trim().split('\n').map((l) => l.split('\t')).map(([k, v]) => [k!, (v ?? '').split('|')]));
}

describe('the loaders of a CSV export', () => {
  const tmp = tempDir();
  let central: Session;
  let reportMedian: number | null;
  const dirs: Partial<Record<DialectName, string>> = {};

  beforeAll(async () => {
    const network = await createReportNetwork(tmp.dir);
    central = await network.net.central();
    for (const dialect of ['rfc4180', 'excel-it'] as const) {
      dirs[dialect] = join(tmp.dir, `csv-${dialect}`);
      await exportCsv(central, dirs[dialect], { dialect, modules: studyModules });
    }
    const report = inoReportData(await buildReport(central, { lang: 'en', modules: studyModules }));
    reportMedian = report.survival.curves.find((c) => c.id === 'os_overall')!.median.median;
  }, 180_000);
  afterAll(async () => {
    await central?.close();
    tmp.cleanup();
  });

  it.each(['rfc4180', 'excel-it'] as const)('read in R (%s) give factors, dates, numbers, logical checkboxes, missing-reason factors and the report’s KM median', (dialect) => {
    const r = lines(runR(dirs[dialect]!, 'checks.R', R_CHECKS));
    expect(r.get('files')).toEqual(expect.arrayContaining(['elig', 'dm', 'ae', 'vod', 'subjects_wide', 'analysis']));
    expect(r.get('sex')).toEqual(['factor', 'Male', 'Female', 'Sex']);
    expect(r.get('baseline_date')).toEqual(['Date']);
    expect(r.get('height')).toEqual(['numeric']);
    expect(r.get('checkbox')).toEqual(['logical']);
    expect(r.get('missing')).toEqual(['factor', 'Not done', 'Not known', 'Not applicable']);
    expect(r.get('partial')).toEqual(['character', 'factor']);
    const [cls, levels, first] = r.get('ae_term')!;
    expect([cls, Number(levels)]).toEqual(['factor', 837]);
    expect(first).toMatch(/^[A-Z]/);
    expect(r.get('complete')).toEqual(['Incomplete (draft)', 'Unverified (complete, not signed)', 'Complete (signed or locked)']);
    expect(r.get('os')).toEqual(['numeric', 'factor', 'Date']);
    expect(reportMedian).not.toBeNull();
    expect(Number(r.get('km_median')![0])).toBe(reportMedian);
  });

  it('give the Excel file full dates that plain read.csv2 reads as dates, equal to the RFC 4180 file’s', () => {
    const excel = dirs['excel-it']!;
    const script = `x <- utils::read.csv2("dm.csv", fileEncoding = "UTF-8-BOM", colClasses = c(baseline_date = "Date"), check.names = FALSE)
y <- utils::read.csv(${JSON.stringify(join(dirs.rfc4180!, 'dm.csv'))}, colClasses = "character", check.names = FALSE)
cat(class(x$baseline_date), sum(!is.na(x$baseline_date)), identical(format(x$baseline_date), ifelse(y$baseline_date == "", NA, y$baseline_date)), sep = "\\t")`;
    const [cls, filled, same] = runR(excel, 'read-csv2.R', script).split('\t');
    expect(cls).toBe('Date');
    expect(Number(filled)).toBeGreaterThan(0);
    expect(same).toBe('TRUE');
  });

  it.each(['rfc4180', 'excel-it'] as const)('give Stata (%s) a label for every variable of every file, value labels defined before use and date() for every date', (dialect) => {
    const dir = dirs[dialect]!;
    const text = readFileSync(join(dir, 'load.do'), 'utf8');
    const blocks = text.split(/\n(?=\* [a-z_]+\.csv\n)/).slice(1);
    const csvFiles = readdirSync(dir).filter((f) => f.endsWith('.csv') && f !== 'codebook.csv');
    expect(blocks.map((b) => b.split('\n')[0]!.slice(2)).sort()).toEqual(csvFiles.sort());
    const codebook = parse(readFileSync(join(dir, 'codebook.csv'), 'utf8').replace(/^\uFEFF/, ''), { columns: true, delimiter: DIALECTS[dialect].delimiter }) as Record<string, string>[];
    for (const block of blocks) {
      const file = block.split('\n')[0]!.slice(2);
      expect(block).toContain(`import delimited using "${file}", delimiters("${DIALECTS[dialect].delimiter}")`);
      const header = (parse(readFileSync(join(dir, file), 'utf8').replace(/^\uFEFF/, ''), { delimiter: DIALECTS[dialect].delimiter, to_line: 1 }) as string[][])[0]!;
      const statements = block.split('\n');
      for (const name of header) expect(statements.some((s) => s.startsWith(`label variable ${name.slice(0, 32)} `))).toBe(true);
      const defined = new Set<string>();
      for (const s of statements) {
        const def = /^label define (\S+) /.exec(s);
        if (def) defined.add(def[1]!);
        const use = /^label values \S+ (\S+)$/.exec(s);
        if (use) expect(defined.has(use[1]!)).toBe(true);
      }
      for (const row of codebook.filter((c) => c.file === file && (c.type === 'date' || c.type === 'calc:date'))) {
        expect(block).toContain(`date(${row.variable!.slice(0, 32)}, "YMD")`);
      }
      expect(block.trimEnd().endsWith(`save "${file.replace(/\.csv$/, '')}.dta", replace`)).toBe(true);
    }
  });
});
