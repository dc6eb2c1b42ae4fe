// Stable error codes, grouped by domain, with their messages in Italian and English.
// Messages are templates: {name} is replaced from the error's details. Never put secrets in details.

import type { Lang } from '../study/localized';

interface MessageSpec {
  readonly it: string;
  readonly en: string;
}

export const MESSAGES = {
  // input.*: what crosses a boundary did not parse
  'input.invalid': { en: 'Invalid input: {issues}', it: 'Dati non validi: {issues}' },
  'input.json': { en: 'Not valid JSON: {detail}', it: 'JSON non valido: {detail}' },
  'input.file': { en: 'Cannot read file {file}', it: 'Impossibile leggere il file {file}' },
  'input.passwordMissing': { en: 'No password: set EDC_PASSWORD or run in a terminal to be asked', it: 'Nessuna password: impostare EDC_PASSWORD o eseguire in un terminale per inserirla' },
  'input.passwordWeak': { en: 'Password too short: at least {min} characters', it: 'Password troppo corta: almeno {min} caratteri' },
  'input.unknownChannel': { en: 'Unknown request', it: 'Richiesta sconosciuta' },
  'input.tooLarge': { en: 'The request is too large', it: 'La richiesta è troppo grande' },
  'input.confirmMismatch': { en: 'The two entries do not match', it: 'I due inserimenti non coincidono' },
  // auth.*
  'auth.wrongPassword': { en: 'Wrong user name or password ({remaining} attempts left before the account locks)', it: 'Nome utente o password errati (ancora {remaining} tentativi prima del blocco)' },
  'auth.locked': { en: 'Account locked after repeated failures; try again in {seconds} s or ask an administrator', it: 'Account bloccato dopo ripetuti errori; riprovare tra {seconds} s o rivolgersi a un amministratore' },
  'auth.disabled': { en: 'This account is disabled', it: 'Questo account è disattivato' },
  'auth.unknownUser': { en: 'Wrong user name or password', it: 'Nome utente o password errati' },
  'auth.wrongRecoveryCode': { en: 'The recovery code is not correct', it: 'Il codice di recupero non è corretto' },
  'auth.notLoggedIn': { en: 'Please log in', it: 'Effettuare l\u2019accesso' },
  'auth.sessionLocked': { en: 'The session was locked after inactivity; log in again', it: 'La sessione è stata bloccata per inattività; accedere di nuovo' },
  'auth.passwordReuse': { en: 'The new password must differ from the current one', it: 'La nuova password deve essere diversa da quella attuale' },
  // role.*
  'role.forbidden': { en: 'Your role ({role}) may not {action}', it: 'Il suo ruolo ({role}) non consente di {action_it}' },
  // store.*
  'store.notFound': { en: 'No study database at {file}', it: 'Nessun database dello studio in {file}' },
  'store.exists': { en: 'A study database already exists at {file}', it: 'Esiste già un database dello studio in {file}' },
  'store.keyringMissing': { en: 'The keyring beside the database is missing ({file})', it: 'Manca il portachiavi accanto al database ({file})' },
  'store.keyringCorrupt': { en: 'The keyring file is damaged', it: 'Il file del portachiavi è danneggiato' },
  'store.notADatabase': { en: 'The file is not a study database or the key does not open it', it: 'Il file non è un database dello studio o la chiave non lo apre' },
  'store.newerSchema': { en: 'This database was written by a newer version of the app (schema {found}, this app knows up to {known}); update the app', it: 'Questo database è stato scritto da una versione più recente dell\u2019app (schema {found}, questa app arriva a {known}); aggiornare l\u2019app' },
  'store.integrity': { en: 'Database integrity check failed: {detail}', it: 'Controllo di integrità del database fallito: {detail}' },
  'store.busy': { en: 'The database is busy; try again', it: 'Il database è occupato; riprovare' },
  'store.backupFailed': { en: 'The backup could not be verified: {detail}', it: 'Non è stato possibile verificare il backup: {detail}' },
  'store.wrongKind': { en: 'This store is a {found} store, not a {expected} store', it: 'Questo archivio è di tipo {found}, non {expected}' },
  // study.*
  'study.unknown': { en: 'Unknown study {study}', it: 'Studio sconosciuto {study}' },
  'study.invalid': { en: 'The study definition has {count} problem(s): {first}', it: 'La definizione dello studio ha {count} problema/i: {first}' },
  'study.mismatch': { en: 'This database belongs to study {found}, not {expected}', it: 'Questo database appartiene allo studio {found}, non a {expected}' },
  // user.*
  'user.exists': { en: 'User {user} already exists', it: 'L\u2019utente {user} esiste già' },
  'user.notFound': { en: 'No user {user}', it: 'Nessun utente {user}' },
  'user.lastAdmin': { en: 'The last active administrator cannot be removed or demoted', it: 'L\u2019ultimo amministratore attivo non può essere rimosso o declassato' },
  'user.invalidName': { en: 'User names are 2–40 letters, digits, dots, dashes or underscores', it: 'I nomi utente sono 2–40 lettere, cifre, punti, trattini o trattini bassi' },
  // subject.*
  'subject.notFound': { en: 'No subject {subject}', it: 'Nessun paziente {subject}' },
  'subject.identityInvalid': { en: 'Identification log entry not valid: {issues}', it: 'Voce del registro di identificazione non valida: {issues}' },
  'subject.sequenceExhausted': { en: 'No more subject numbers for site {site}', it: 'Numeri paziente esauriti per il centro {site}' },
  // form.*
  'form.unknown': { en: 'Unknown form {form}', it: 'Scheda sconosciuta {form}' },
  'form.notFound': { en: 'Form {form} #{instance} of {subject} has not been entered', it: 'La scheda {form} n. {instance} di {subject} non è stata compilata' },
  'form.notRepeating': { en: 'Form {form} has a single instance', it: 'La scheda {form} ha una sola istanza' },
  'form.invalidValues': { en: 'Values not accepted: {issues}', it: 'Valori non accettati: {issues}' },
  'form.incomplete': { en: 'Cannot mark complete: required items missing: {fields}', it: 'Impossibile segnare come completa: mancano voci obbligatorie: {fields}' },
  'form.hardCheckFailed': { en: 'Cannot mark complete: {checks}', it: 'Impossibile segnare come completa: {checks_it}' },
  'form.softCheckNeedsReason': { en: 'Warnings need a reason to override before completing: {checks}', it: 'Gli avvisi richiedono un motivo per essere superati prima del completamento: {checks_it}' },
  'form.reasonRequired': { en: 'A reason for change is required: this form was already completed', it: 'È richiesto il motivo della modifica: la scheda era già stata completata' },
  'form.locked': { en: 'Form {form} is locked; an administrator must unlock it first', it: 'La scheda {form} è bloccata; un amministratore deve prima sbloccarla' },
  'form.versionConflict': { en: 'The form was changed by someone else meanwhile (version {found}, you edited {expected}); reload it', it: 'La scheda è stata modificata da altri nel frattempo (versione {found}, lei ha modificato la {expected}); ricaricarla' },
  'form.entryBlocked': { en: 'Data entry in this form is blocked: {reason}', it: 'L\u2019inserimento dati in questa scheda è bloccato: {reason_it}' },
  'form.notComplete': { en: 'Only a completed form can be {action}', it: 'Solo una scheda completata può essere {action}' },
  'form.notLocked': { en: 'The form is not locked', it: 'La scheda non è bloccata' },
  'form.noChange': { en: 'Nothing changed', it: 'Nessuna modifica' },
  'form.unknownOverride': { en: 'No warning {check} to override on this form', it: 'Nessun avviso {check} da superare in questa scheda' },
  // audit.*
  'audit.broken': { en: 'The audit trail is broken at entry {id}: {detail}', it: 'La traccia di audit è interrotta alla voce {id}: {detail}' },
  // bundle.*: the file itself
  'bundle.notABundle': { en: 'This file is not an EDC bundle', it: 'Questo file non è un pacchetto EDC' },
  'bundle.wrongRecipient': { en: 'This bundle is not encrypted for this coordinating centre', it: 'Questo pacchetto non è cifrato per questo centro coordinatore' },
  'bundle.corrupt': { en: 'The bundle is damaged or incomplete (integrity check failed)', it: 'Il pacchetto è danneggiato o incompleto (controllo di integrità fallito)' },
  'bundle.badSignature': { en: 'The bundle signature does not verify with the key of site {site}', it: 'La firma del pacchetto non è verificata con la chiave del centro {site}' },
  'bundle.badKey': { en: 'Not a valid Ed25519 public key', it: 'Chiave pubblica Ed25519 non valida' },
  'bundle.hashMismatch': { en: 'Bundle file {file} does not match its manifest ({detail})', it: 'Il file {file} del pacchetto non corrisponde al manifesto ({detail})' },
  'bundle.unsafeEntry': { en: 'Refused archive entry {entry}: {detail}', it: 'Voce di archivio rifiutata {entry}: {detail}' },
  'bundle.tooLarge': { en: 'The bundle expands beyond the allowed size ({detail})', it: 'Il pacchetto si espande oltre la dimensione consentita ({detail})' },
  'bundle.badManifest': { en: 'The bundle manifest is not valid: {issues}', it: 'Il manifesto del pacchetto non è valido: {issues}' },
  'bundle.malformedRecord': { en: 'Malformed record in {file} line {line}: {detail}', it: 'Record non valido in {file} riga {line}: {detail}' },
  'bundle.duplicateRecord': { en: 'Duplicate record {key} in {file}', it: 'Record duplicato {key} in {file}' },
  'bundle.noCoordinator': { en: 'This site was not set up from a coordinator site kit, so it cannot export bundles', it: 'Questo centro non è stato configurato da un kit del centro coordinatore, quindi non può esportare pacchetti' },
  'bundle.badKit': { en: 'The site kit is not valid: {detail}', it: 'Il kit del centro non è valido: {detail}' },
  'bundle.fingerprintMismatch': { en: 'The coordinator fingerprint does not match: expected {expected}, the kit has {found}', it: 'L\u2019impronta del coordinatore non corrisponde: attesa {expected}, il kit ha {found}' },
  'bundle.fingerprintUnconfirmed': { en: 'Confirm the coordinator fingerprint {found} read out of band: pass --coordinator-fingerprint', it: 'Confermare l\u2019impronta del coordinatore {found} letta per altra via: usare --coordinator-fingerprint' },
  'bundle.badReceipt': { en: 'The receipt is not valid or not signed by the coordinating centre: {detail}', it: 'La ricevuta non è valida o non è firmata dal centro coordinatore: {detail}' },
  // merge.*: the bundle against the central store
  'merge.unknownSite': { en: 'Site {site} is not registered; compare its key fingerprint {fingerprint} out of band and use --register-site {site}:FINGERPRINT', it: 'Il centro {site} non è registrato; confrontare l\u2019impronta {fingerprint} per altra via e usare --register-site {site}:IMPRONTA' },
  'merge.fingerprintMismatch': { en: 'The key of site {site} has fingerprint {found}, not {expected}', it: 'La chiave del centro {site} ha impronta {found}, non {expected}' },
  'merge.keyChanged': { en: 'Site {site} signed with a key other than the one pinned at first merge', it: 'Il centro {site} ha firmato con una chiave diversa da quella registrata al primo accorpamento' },
  'merge.studyMismatch': { en: 'The bundle is for study {found}, this centre runs {expected}', it: 'Il pacchetto è dello studio {found}, questo centro gestisce {expected}' },
  'merge.definitionUnknown': { en: 'The bundle uses definition {version} ({hash}), unknown here', it: 'Il pacchetto usa la definizione {version} ({hash}), sconosciuta qui' },
  'merge.stale': { en: 'Bundle {got} of site {site} is older than bundle {have} already merged', it: 'Il pacchetto {got} del centro {site} è più vecchio del pacchetto {have} già accorpato' },
  'merge.sequenceConflict': { en: 'Bundle {got} of site {site} differs from the bundle with the same number already merged', it: 'Il pacchetto {got} del centro {site} differisce da quello con lo stesso numero già accorpato' },
  'merge.historyRewritten': { en: 'The audit trail of site {site} does not extend the one merged before (entry {id})', it: 'La traccia di audit del centro {site} non prosegue quella accorpata prima (voce {id})' },
  'merge.auditBroken': { en: 'The audit trail in the bundle is broken at entry {id}', it: 'La traccia di audit nel pacchetto è interrotta alla voce {id}' },
  'merge.siteMismatch': { en: 'The bundle of site {site} carries records of another site', it: 'Il pacchetto del centro {site} contiene record di un altro centro' },
  // upload.*
  'upload.failed': { en: 'Upload to {url} failed: {detail}', it: 'Invio a {url} fallito: {detail}' },
  'upload.refused': { en: 'The coordinating centre refused the bundle: {detail}', it: 'Il centro coordinatore ha rifiutato il pacchetto: {detail}' },
  'upload.notConfigured': { en: 'No coordinator address is configured', it: 'Nessun indirizzo del coordinatore configurato' },
  // export.*: files written on this machine
  'export.filesExist': { en: 'The folder {folder} already holds an export ({files}): choose another folder or move those files', it: 'La cartella {folder} contiene già un\u2019esportazione ({files}): sceglierne un\u2019altra o spostare quei file' },
  'export.writeFailed': { en: 'Could not write {file}: {detail}', it: 'Impossibile scrivere {file}: {detail}' },
  // internal
  'internal.unexpected': { en: 'Unexpected error; nothing was changed. Reference {ref}', it: 'Errore imprevisto; nulla è stato modificato. Riferimento {ref}' },
} as const satisfies Record<string, MessageSpec>;

export type ErrorCode = keyof typeof MESSAGES;

/** Exit status of the CLI per error domain (documented in the README). */
export const EXIT_CODES: Readonly<Record<string, number>> = {
  internal: 1,
  input: 2,
  auth: 3,
  role: 4,
  form: 5,
  subject: 6,
  user: 6,
  study: 7,
  store: 8,
  audit: 9,
  bundle: 10,
  merge: 11,
  upload: 12,
  export: 13,
};

export function exitCodeOf(code: string): number {
  const domain = code.split('.')[0] ?? '';
  return Object.hasOwn(EXIT_CODES, domain) ? EXIT_CODES[domain]! : 1;
}

export type ErrorDetails = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

export function formatMessage(code: string, details: ErrorDetails, lang: Lang): string {
  const spec = Object.hasOwn(MESSAGES, code) ? (MESSAGES as Record<string, MessageSpec>)[code] : undefined;
  const template = spec ? spec[lang] : code;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = Object.hasOwn(details, key) ? details[key] : undefined;
    if (value === undefined || value === null) return whole;
    return Array.isArray(value) ? value.join('; ') : String(value);
  });
}
