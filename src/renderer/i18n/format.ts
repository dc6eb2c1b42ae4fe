// Until the report screen (another branch) imports src/shared/format itself: the names it uses, re-exported.
export { formatTimestampLocal as formatTimestamp, parseDateText, precisionOf } from '../../shared/format';
