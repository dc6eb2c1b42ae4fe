// The one formatting module: dates, partial dates, timestamps and numbers for the screen, documents and data files.

export { DASH, formatNumber, formatPercent, formatPlainNumber } from './numbers';
export { formatDecimal } from './decimal';
export { formatRanges } from './ranges';
export { dayFirst, formatDate, formatDateSpelled, formatMonth, formatTimestampLocal, formatTimestampUtc, parseDateText, precisionOf } from './dates';
