// XML text for ODM elements: escaping of any string (quotes, markup, control characters), and elements as strings.

/** An attribute; undefined or null values are left out. */
export type Attr = readonly [name: string, value: string | number | undefined | null];

/** Every character the loop below may replace (a superset: tab and LF are kept in text). */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001f&<>"'\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Escapes a string for XML 1.0 text or attribute content. Characters XML 1.0 cannot carry at all (C0 controls
 * other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF) become U+FFFD. CR is always written as `&#13;`, and in
 * attributes tab and LF too, so that the parser's whitespace normalisation does not change the value.
 */
function escape(s: string, attribute: boolean): string {
  // Most values (dates, codes, numbers, OIDs) hold nothing to escape: one native scan instead of the loop below.
  if (!NEEDS_ESCAPE.test(s)) return s;
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x20) {
      if (c === 0x09) rep = attribute ? '&#9;' : undefined;
      else if (c === 0x0a) rep = attribute ? '&#10;' : undefined;
      else if (c === 0x0d) rep = '&#13;';
      else rep = '\uFFFD';
    } else if (c === 0x26) rep = '&amp;';
    else if (c === 0x3c) rep = '&lt;';
    else if (c === 0x3e) rep = '&gt;';
    else if (c === 0x22) rep = attribute ? '&quot;' : undefined;
    else if (c === 0x27) rep = attribute ? '&apos;' : undefined;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
      else rep = '\uFFFD';
    } else if ((c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) rep = '\uFFFD';
    if (rep !== undefined) {
      out += s.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}

export function escapeText(s: string): string {
  return escape(s, false);
}

export function escapeAttr(s: string): string {
  return escape(s, true);
}

function attrs(list: readonly Attr[]): string {
  let out = '';
  for (const [name, value] of list) {
    if (value === undefined || value === null) continue;
    out += ` ${name}="${escapeAttr(String(value))}"`;
  }
  return out;
}

/** An element with child elements (already XML); an empty element when there are none. */
export function el(name: string, attributes: readonly Attr[], ...children: readonly string[]): string {
  // Concatenated, not joined: V8 keeps the pieces as a rope, so each nesting level does not copy its whole body
  // again (join flattens); the document is flattened once, when the sink encodes it.
  let body = '';
  for (const child of children) body += child;
  return body === '' ? `<${name}${attrs(attributes)}/>\n` : `<${name}${attrs(attributes)}>\n${body}</${name}>\n`;
}

/** An element holding text. */
export function textEl(name: string, attributes: readonly Attr[], text: string): string {
  return `<${name}${attrs(attributes)}>${escapeText(text)}</${name}>\n`;
}

/** The opening tag of an element whose children are written one by one (streamed). */
export function open(name: string, attributes: readonly Attr[]): string {
  return `<${name}${attrs(attributes)}>\n`;
}

export function close(name: string): string {
  return `</${name}>\n`;
}
