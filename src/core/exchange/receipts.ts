// Merge receipts: signed by the coordinator; the site verifies them against the coordinator key of its kit.

import { canonicalJson } from '../../shared/canonical-json';
import { Receipt, type ReceiptBody } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import { problemDetail } from '../../shared/errors/codes';
import { zodIssues } from '../../shared/errors/zod-issues';
import { signBytes, verifyBytes } from '../crypto/signing';

export function signReceipt(body: ReceiptBody, privateKeyPem: string): Receipt {
  return { receipt: body, signature: signBytes(privateKeyPem, Buffer.from(canonicalJson(body), 'utf8')).toString('base64') };
}

/** The receipt, once its shape is valid and its signature verifies against the coordinator's key. */
export function verifyReceipt(raw: unknown, coordinatorPublicKeyPem: string): Receipt {
  const parsed = Receipt.safeParse(raw);
  if (!parsed.success) throw new AppError('bundle.badReceipt', { detail: zodIssues(Receipt, raw, parsed.error, 3) });
  if (!verifyBytes(coordinatorPublicKeyPem, Buffer.from(canonicalJson(parsed.data.receipt), 'utf8'), Buffer.from(parsed.data.signature, 'base64'))) {
    throw new AppError('bundle.badReceipt', { detail: problemDetail('signatureInvalid') });
  }
  return parsed.data;
}
