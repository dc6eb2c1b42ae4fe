// ESLint plugin `messages`: no user-facing text written inline in the renderer or the CLI; every text comes
// from the message catalogue (src/shared/i18n), in Italian and English. Punctuation, numbers, codes (IT01,
// CSV, EC12), key names (Ctrl+S) and identifiers are data, not text, and pass.

/** A run of two or more letters with a lower-case one: a word of a language, not a code like CSV or IT01. */
const WORD = /\p{L}*\p{Ll}\p{L}*/gu;
const KEY_NAMES = new Set(['Alt', 'Ctrl', 'Shift', 'Meta', 'Cmd', 'Esc', 'Enter', 'Tab', 'Space']);

/** The words of a text, leaving out key names and single letters. */
function words(text) {
  return (text.match(WORD) ?? []).filter((w) => w.length >= 2 && !KEY_NAMES.has(w));
}

/** A token with a digit is a code or a name (IT01, sha256, rfc4180), not a word. */
const isCode = (token) => /\d/.test(token);

/** An identifier, a key or a path: letters joined by dots, underscores, slashes or colons (form.save, subject_id). */
const IDENTIFIER = /^[\w.$/#:@-]*[._$/#:@][\w.$/#:@-]*$/;

/** The tokens of a text that are words: split at spaces, sentence punctuation around them taken off. */
function wordTokens(text) {
  return text
    .split(/\s+/)
    .map((token) => token.replace(/^[("'«“‘[]+|[)"'»”’\],;:.!?…]+$/gu, ''))
    .filter((token) => token !== '' && !isCode(token) && !IDENTIFIER.test(token) && words(token).length > 0);
}

/** Text a person reads: at least one word standing as a word. */
const isText = (text) => wordTokens(text).length > 0;

/** A phrase: two words or more separated by spaces (an identifier never has a space). */
const isPhrase = (text) => wordTokens(text).length >= 2;

/** Attributes whose value is shown or read out to the user. */
const VISIBLE_ATTRIBUTES = new Set(['alt', 'title', 'placeholder', 'label', 'aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext']);
const VISIBLE_PROP = /(Label|Title|Text|Placeholder|Message|Caption|Description|Hint)$/;
const isVisibleAttribute = (name) => VISIBLE_ATTRIBUTES.has(name) || VISIBLE_PROP.test(name);

/** Calls whose arguments are keys or codes, never shown as written: t('form.save'), new AppError('form.locked'). */
const KEY_CALLS = new Set(['t', 'translate', 'translateIn', 'translateBoth', 'cliDetail', 'AppError', 'clientError', 'require']);
/** Commander's help definitions: the help texts are English-only (the command line's own convention). */
const HELP_METHODS = new Set(['command', 'description', 'summary', 'option', 'requiredOption', 'argument', 'alias', 'usage', 'name', 'version', 'addHelpText', 'helpOption']);
/** What the CLI writes to the terminal: these calls' arguments are shown. */
const CLI_SINKS = new Set(['out', 'err', 'prompt', 'write', 'log', 'error', 'warn', 'info', 'readSecret', 'readNewSecret', 'progressBar', 'table', 'keyValues']);

const COMPARISONS = new Set(['===', '!==', '==', '!=', 'in', 'instanceof']);

function calleeName(call) {
  const callee = call.callee;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return undefined;
}

/** Whether the literal is a key, a code or a type rather than a value that could be shown. */
function isNotShown(node, parent) {
  if (!parent) return false;
  if (parent.type === 'Property' && parent.key === node && !parent.computed) return true;
  if (parent.type === 'MemberExpression' && parent.property === node) return true;
  if (parent.type === 'BinaryExpression' && COMPARISONS.has(parent.operator)) return true;
  if (parent.type === 'SwitchCase' && parent.test === node) return true;
  if (['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ImportExpression', 'TSLiteralType', 'TSPropertySignature', 'TSEnumMember'].includes(parent.type)) return true;
  if ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.arguments[0] === node && KEY_CALLS.has(calleeName(parent) ?? '')) return true;
  return false;
}

/** The texts of a literal: a string, or the fixed parts of a template. */
function textsOf(node) {
  if (node.type === 'Literal') return typeof node.value === 'string' ? [node.value] : [];
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '');
  if (node.type === 'JSXText') return [node.value];
  return [];
}

/** Nodes a shown value passes through unchanged on its way to a JSX child or attribute. */
const PASS_THROUGH = new Set(['ConditionalExpression', 'LogicalExpression', 'TemplateLiteral', 'BinaryExpression', 'JSXExpressionContainer', 'TSAsExpression', 'ArrayExpression']);

/** Where a renderer literal ends up: a JSX child, a visible attribute, or neither. */
function jsxPlace(node, ancestors) {
  let child = node;
  for (let i = ancestors.length - 1; i >= 0; i -= 1) {
    const a = ancestors[i];
    if (a.type === 'JSXAttribute') {
      const name = a.name.type === 'JSXIdentifier' ? a.name.name : `${a.name.namespace.name}:${a.name.name.name}`;
      return isVisibleAttribute(name) ? `the ${name} attribute` : undefined;
    }
    if (a.type === 'JSXElement' || a.type === 'JSXFragment') return 'JSX text';
    if (!PASS_THROUGH.has(a.type)) return undefined;
    if (a.type === 'ConditionalExpression' && a.test === child) return undefined;
    if (a.type === 'LogicalExpression' && a.left === child && a.operator === '&&') return undefined;
    if (a.type === 'BinaryExpression' && a.operator !== '+') return undefined;
    child = a;
  }
  return undefined;
}

/** Whether an object literal is a text written in both languages on the spot: { it: '…', en: '…' }. */
function isInlineBilingual(node) {
  const names = new Set(
    node.properties.filter((p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.value.type === 'Literal' && typeof p.value.value === 'string' && isText(p.value.value)).map((p) => p.key.name),
  );
  return names.has('it') && names.has('en');
}

const rule = {
  meta: {
    type: 'problem',
    schema: [{ enum: ['renderer', 'cli'] }],
    messages: {
      jsx: 'Inline user-facing text in {{where}}: "{{text}}". Take it from the message catalogue (src/shared/i18n, t()).',
      cli: 'Inline user-facing text written by the CLI: "{{text}}". Take it from the catalogue\'s cli namespace (src/cli/messages.ts).',
      phrase: 'Inline user-facing text: "{{text}}". Take it from the message catalogue (src/shared/i18n).',
      bilingual: 'A text written in both languages on the spot: put it in the message catalogue (src/shared/i18n).',
    },
  },
  create(context) {
    const room = context.options[0];
    const source = context.sourceCode;
    const report = (node, messageId, text) => context.report({ node, messageId, data: { text: text.trim().slice(0, 60), where: '' } });

    const checkLiteral = (node) => {
      const texts = textsOf(node);
      if (!texts.some(isText)) return;
      const ancestors = source.getAncestors(node);
      const parent = ancestors[ancestors.length - 1];
      if (isNotShown(node, parent)) return;
      const shown = texts.find(isText);
      if (room === 'renderer') {
        const where = jsxPlace(node, ancestors);
        if (where) return context.report({ node, messageId: 'jsx', data: { where, text: shown.trim().slice(0, 60) } });
        return;
      }
      // The CLI: any literal word inside what is written to the terminal; a phrase anywhere but in help texts.
      const sink = ancestors.some((a) => a.type === 'CallExpression' && CLI_SINKS.has(calleeName(a) ?? ''));
      const help = ancestors.some((a) => a.type === 'CallExpression' && HELP_METHODS.has(calleeName(a) ?? ''));
      if (help) return;
      if (sink) return report(node, 'cli', shown);
      const phrase = texts.find(isPhrase);
      if (phrase) report(node, 'phrase', phrase);
    };

    return {
      Literal: checkLiteral,
      TemplateLiteral: (node) => {
        // A template inside a template is checked with its parent.
        if (node.parent?.type !== 'TaggedTemplateExpression') checkLiteral(node);
      },
      JSXText: (node) => {
        if (room === 'renderer' && isText(node.value)) context.report({ node, messageId: 'jsx', data: { where: 'JSX text', text: node.value.trim().slice(0, 60) } });
      },
      ObjectExpression: (node) => {
        if (isInlineBilingual(node)) context.report({ node, messageId: 'bilingual' });
      },
    };
  },
};

export default { rules: { 'no-inline-text': rule } };
