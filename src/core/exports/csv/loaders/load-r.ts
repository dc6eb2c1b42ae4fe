// load.R: a base-R script, written beside the CSV files, that reads each file into a typed, labelled data frame
// (numbers, Date, factors with the codebook's labels, checkboxes as logical, missing-data reasons as NA plus a
// `<field>_missing` factor, partial dates as text plus a `<field>_precision` factor). Generated for one dialect.

import type { Dialect } from '../dialect';
import { MISSING_LABELS, type LoaderFile, type LoaderVariable } from './loader-model';

/** An R string literal; non-ASCII as \\u escapes so the script reads the same in any locale. */
export function rString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp > 0x7e) out += cp > 0xffff ? `\\U{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

const vector = (items: readonly string[]): string => `c(${items.map(rString).join(', ')})`;

function helpers(dialect: Dialect): string[] {
  return [
    `edc_dir <- Sys.getenv("EDC_CSV_DIR", ".")`,
    `edc_reasons <- ${vector(MISSING_LABELS.map((m) => m.code))}`,
    `edc_read <- function(file) utils::read.csv(file.path(edc_dir, file), sep = ${rString(dialect.delimiter)}, colClasses = "character", na.strings = "", fileEncoding = "UTF-8-BOM", check.names = FALSE)`,
    `edc_blank <- function(x) { x[x %in% edc_reasons] <- NA; x }`,
    `edc_missing <- function(x) factor(ifelse(x %in% edc_reasons, x, NA), levels = edc_reasons, labels = ${vector(MISSING_LABELS.map((m) => m.label))})`,
    dialect.decimalComma ? `edc_num <- function(x) as.numeric(chartr(",", ".", edc_blank(x)))` : `edc_num <- function(x) as.numeric(edc_blank(x))`,
    `edc_date <- function(x) as.Date(edc_blank(x), format = "%Y-%m-%d")`,
    `edc_precision <- function(x) { x <- edc_blank(x); factor(ifelse(grepl("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", x), "day", ifelse(grepl("^[0-9]{4}-[0-9]{2}$", x), "month", ifelse(grepl("^[0-9]{4}$", x), "year", NA))), levels = c("day", "month", "year")) }`,
    `edc_factor <- function(x, codes, labels) factor(edc_blank(x), levels = codes, labels = labels)`,
    `edc_logical <- function(x) { x <- edc_blank(x); ifelse(is.na(x), NA, x == "1") }`,
    dialect.guardFormulas ? `edc_text <- function(x) sub("^'(?=[=+@\\t\\r-])", "", x, perl = TRUE)` : `edc_text <- function(x) x`,
    `edc_label <- function(x, label) { attr(x, "label") <- label; x }`,
  ];
}

function conversion(v: LoaderVariable): string {
  const x = `d[[${rString(v.name)}]]`;
  switch (v.kind) {
    case 'number':
      return `edc_num(${x})`;
    case 'date':
      return `edc_date(${x})`;
    case 'partialDate':
      return `edc_blank(${x})`;
    case 'factor':
      return `edc_factor(${x}, ${vector((v.codes ?? []).map((c) => c.code))}, ${vector((v.codes ?? []).map((c) => c.label))})`;
    case 'checkbox':
      return `edc_logical(${x})`;
    default:
      return `edc_text(${x})`;
  }
}

function fileBlock(file: LoaderFile): string[] {
  const lines = [``, `# ${file.file}`, `d <- edc_read(${rString(file.file)})`];
  for (const v of file.variables) {
    const x = `d[[${rString(v.name)}]]`;
    if (v.missingReasons) lines.push(`d[[${rString(`${v.name}_missing`)}]] <- edc_label(edc_missing(${x}), ${rString(`${v.label}: missing-data reason`)})`);
    if (v.kind === 'partialDate') lines.push(`d[[${rString(`${v.name}_precision`)}]] <- edc_label(edc_precision(${x}), ${rString(`${v.label}: precision`)})`);
    lines.push(`${x} <- edc_label(${conversion(v)}, ${rString(v.label)})`);
  }
  lines.push(`edc[[${rString(file.name)}]] <- d`);
  return lines;
}

export function loadR(files: readonly LoaderFile[], dialect: Dialect): string {
  return [
    `# load.R, written by edc with this CSV export (dialect ${dialect.name}): reads every file into the list edc of`,
    `# typed, labelled data frames (base R only). Run it in this folder, or set EDC_CSV_DIR: source("load.R"); str(edc$analysis)`,
    `# Codes become factors labelled from codebook.csv; ND/NK/NA become NA with a <field>_missing factor; partial dates`,
    `# stay text with a <field>_precision factor; checkbox columns (field___code) are logical.`,
    ...helpers(dialect),
    `edc <- list()`,
    ...files.flatMap(fileBlock),
    `rm(d)`,
    ``,
  ].join('\n');
}
