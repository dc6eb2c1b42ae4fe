// The signature a site puts on an upload request, so the centre knows the sender before it reads a byte
// of the body: Ed25519 with the site's signing key over the method, path, site, time, a nonce and the
// body's SHA-256, carried in headers. Built by the site's upload client, checked by the upload server.

import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SiteId } from '../../shared/contract/common';
import { signBytes, verifyBytes } from '../crypto/signing';

export const UPLOAD_HEADERS = {
  site: 'x-edc-site',
  time: 'x-edc-time',
  nonce: 'x-edc-nonce',
  bodySha256: 'x-edc-body-sha256',
  signature: 'x-edc-signature',
} as const;

/** The signed headers as the server reads them: all present, each in its one accepted form. */
export const UploadRequestHeaders = z.object({
  [UPLOAD_HEADERS.site]: SiteId,
  [UPLOAD_HEADERS.time]: z.iso.datetime(),
  [UPLOAD_HEADERS.nonce]: z.string().regex(/^[0-9a-f]{32}$/),
  [UPLOAD_HEADERS.bodySha256]: z.string().regex(/^[0-9a-f]{64}$/),
  [UPLOAD_HEADERS.signature]: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});

export interface UploadRequestFields {
  readonly method: string;
  readonly path: string;
  readonly siteId: string;
  /** ISO 8601 UTC. */
  readonly time: string;
  readonly nonce: string;
  readonly bodySha256: string;
}

/** The exact bytes signed: a format line, then one field a line (no field can hold a newline). */
export function uploadSigningText(f: UploadRequestFields): Buffer {
  return Buffer.from(['edc-upload/1', f.method, f.path, f.siteId, f.time, f.nonce, f.bodySha256].join('\n'), 'utf8');
}

export function signUploadRequest(privateKeyPem: string, fields: Omit<UploadRequestFields, 'nonce'>): Record<string, string> {
  const signed: UploadRequestFields = { ...fields, nonce: randomBytes(16).toString('hex') };
  return {
    [UPLOAD_HEADERS.site]: signed.siteId,
    [UPLOAD_HEADERS.time]: signed.time,
    [UPLOAD_HEADERS.nonce]: signed.nonce,
    [UPLOAD_HEADERS.bodySha256]: signed.bodySha256,
    [UPLOAD_HEADERS.signature]: signBytes(privateKeyPem, uploadSigningText(signed)).toString('base64'),
  };
}

/** The signed fields of a request, or undefined when a header is missing or malformed. */
export function readUploadHeaders(method: string, path: string, headers: Readonly<Record<string, string | string[] | undefined>>): { fields: UploadRequestFields; signature: Buffer } | undefined {
  const parsed = UploadRequestHeaders.safeParse(headers);
  if (!parsed.success) return undefined;
  const h = parsed.data;
  return {
    fields: { method, path, siteId: h[UPLOAD_HEADERS.site], time: h[UPLOAD_HEADERS.time], nonce: h[UPLOAD_HEADERS.nonce], bodySha256: h[UPLOAD_HEADERS.bodySha256] },
    signature: Buffer.from(h[UPLOAD_HEADERS.signature], 'base64'),
  };
}

export function verifyUploadRequest(publicKeyPem: string, fields: UploadRequestFields, signature: Uint8Array): boolean {
  return verifyBytes(publicKeyPem, uploadSigningText(fields), signature);
}
