import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { EMAIL, PHONE, templateFieldErrors } from './forms';

describe('pathways form checks', () => {
  it('maps the API\'s field paths to the template editor\'s fields, step by step', () => {
    const err = new ApiError(400, { title: 'Invalid', errors: [
      { path: 'body.name', message: 'too long' },
      { path: 'body.steps.1.title', message: 'required' },
      { path: '/steps/0/dueAfterDays', message: 'too big' },
      { path: 'body.steps.1.title', message: 'second message for the same field' },
      { path: 'body', message: 'bad body' },
    ] });
    expect(templateFieldErrors(err)).toEqual({ name: 'too long', 'steps.1.title': 'required', 'steps.0.dueAfterDays': 'too big', form: 'bad body' });
  });

  it('accepts plausible e-mail addresses and phone numbers only', () => {
    for (const ok of ['iryna.pryklad@example.org', 'a+b@mail.example.ua']) expect(EMAIL.test(ok)).toBe(true);
    for (const bad of ['iryna.pryklad', 'a @b.c', 'a@b', '@example.org']) expect(EMAIL.test(bad)).toBe(false);
    for (const ok of ['+49 40 1234567', '040/123-45', '(040) 123 45 67', '+380 57 700 00 00']) expect(PHONE.test(ok)).toBe(true);
    for (const bad of ['call me', '12', '+', '++49 40 123', '((( ))', '+49 ' + '1'.repeat(40)]) expect(PHONE.test(bad)).toBe(false);
  });
});
