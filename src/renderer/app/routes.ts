// The screens of the app as plain data: in-memory navigation (no URL routing: the app has one window and
// nothing to bookmark, and the address bar must not carry subject ids).

export type Route =
  | { readonly name: 'subjects' }
  | { readonly name: 'newSubject' }
  | { readonly name: 'casebook'; readonly subjectId: string }
  | { readonly name: 'form'; readonly subjectId: string; readonly form: string; readonly instanceNo?: number | undefined }
  | { readonly name: 'users' }
  | { readonly name: 'backup' }
  | { readonly name: 'settings' };

export const HOME: Route = { name: 'subjects' };
