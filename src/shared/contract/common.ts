// Building blocks of the API contract shared by the IPC, the loopback transport and the CLI.

import { z } from 'zod';

export const SiteId = z.string().regex(/^[A-Z0-9]{2,6}$/, 'site codes are 2–6 capital letters or digits');
export const SubjectId = z.string().regex(/^[A-Z0-9]{2,6}-[0-9]{4}$/, 'subject ids look like IT01-0001');
export const FormKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
export const FieldName = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/);
export const Username = z.string().regex(/^[A-Za-z0-9._-]{2,40}$/, 'user names are 2–40 letters, digits, dots, dashes or underscores');
/** A password as typed; its strength is checked where a new one is set. */
export const Password = z.string().min(1).max(256);
export const NewPassword = z.string().min(10, 'at least 10 characters').max(256);
export const Reason = z.string().trim().min(3, 'give a reason of at least 3 characters').max(500);
export const InstanceNo = z.number().int().min(1).max(100_000);
export const IsoTimestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
export const Lang = z.enum(['it', 'en']);
