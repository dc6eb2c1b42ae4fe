// The screens of the app as plain data: in-memory navigation (no URL routing: the app has one window and
// nothing to bookmark, and the address bar must not carry subject ids).

export type Route =
  | { readonly name: 'subjects' }
  | { readonly name: 'newSubject' }
  | { readonly name: 'casebook'; readonly subjectId: string }
  | { readonly name: 'form'; readonly subjectId: string; readonly form: string; readonly instanceNo?: number | undefined }
  | { readonly name: 'users' }
  | { readonly name: 'backup' }
  | { readonly name: 'settings' }
  | { readonly name: 'review'; readonly form?: string | undefined }
  | { readonly name: 'exchange' }
  | { readonly name: 'summary' }
  | { readonly name: 'merge' }
  | { readonly name: 'report' }
  | { readonly name: 'statusMatrix' }
  | { readonly name: 'queries'; readonly subjectId?: string | undefined };

export const HOME: Route = { name: 'subjects' };
/** Where a coordinator starts: the state of the central store. */
export const CENTRAL_HOME: Route = { name: 'summary' };
