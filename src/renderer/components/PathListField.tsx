// A list of file or folder paths typed or pasted one per line (bundles to merge or to upload), with its hint.

import { useId, type ReactNode } from 'react';

/** The non-blank lines of the field, trimmed. */
export function pathsOf(text: string): string[] {
  return text
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
}

export interface PathListFieldProps {
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly onChange: (text: string) => void;
}

export function PathListField({ label, hint, value, onChange }: PathListFieldProps): ReactNode {
  const id = useId();
  return (
    <div className="control wide">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} value={value} spellCheck={false} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint`} />
      <div id={`${id}-hint`} className="hint">
        {hint}
      </div>
    </div>
  );
}
