// The coordinator's read-only casebook of a merged subject: the site's casebook itself (read-only on the
// central store), with the subject's source-verification marks and locks, and the centre's queries on it.

import type { ReactNode } from 'react';
import { Casebook } from '../Casebook';
import { SubjectMarksPanel } from './SubjectMarksPanel';
import { SubjectQueriesPanel } from './SubjectQueriesPanel';

export function CentralCasebook({ subjectId }: { subjectId: string }): ReactNode {
  return (
    <Casebook
      subjectId={subjectId}
      aside={
        <>
          <SubjectMarksPanel subjectId={subjectId} />
          <SubjectQueriesPanel subjectId={subjectId} />
        </>
      }
    />
  );
}
