// An API error reads in the user's language: worded by the catalogue from its code and details when the
// renderer knows the code, in the sender's words otherwise.

import { ApiError, asApiError, clientError } from './api-error';

describe('ApiError', () => {
  it('words a known code from its details in each language, texts in both languages included', () => {
    const error = new ApiError({
      code: 'role.forbidden',
      message: 'ignored',
      messages: { it: 'ignorato', en: 'ignored' },
      details: { role: 'monitor', action: { it: 'firmare le schede', en: 'sign forms' } },
    });
    expect(error.messageIn('it')).toBe('Il suo ruolo (monitor) non consente di firmare le schede');
    expect(error.messageIn('en')).toBe('Your role (monitor) may not sign forms');
  });

  it('keeps the sender’s wording for a code it does not know or details of another shape', () => {
    const unknown = new ApiError({ code: 'future.code', message: 'm', messages: { it: 'messaggio', en: 'message' }, details: {} });
    expect(unknown.messageIn('it')).toBe('messaggio');
    const odd = new ApiError({ code: 'audit.broken', message: 'm', messages: { it: 'rotta', en: 'broken' }, details: { id: { nested: true } } });
    expect(odd.messageIn('en')).toBe('broken');
  });

  it('words its own errors from the catalogue', () => {
    expect(clientError('internal.transport').messageIn('it')).toBe('Impossibile contattare il servizio locale');
    expect(asApiError(new Error('boom')).messageIn('en')).toBe('Error: boom');
  });
});
