import { describe, expect, it } from 'vitest';
import { fakeTransports } from '../testing/fakes';
import { DEFAULT_TEMPLATE, draftOf, updateOf } from './draft';

describe('transport drafts', () => {
  it('start local with a ready template and send local back', () => {
    const draft = draftOf(fakeTransports());
    expect(draft).toMatchObject({ email: 'local', sms: 'local', port: '587', tls: 'starttls', template: DEFAULT_TEMPLATE });
    expect(updateOf(draft)).toEqual({ settings: { email: { transport: 'local' }, sms: { transport: 'local' } } });
  });

  it('keep stored secrets unless a new one is typed, and hand a bad port to the core as 0', () => {
    const view = fakeTransports({
      settings: {
        email: { transport: 'smtp', host: 'smtp.example.ru', port: 465, tls: 'tls', user: null, from: 'a@example.ru' },
        sms: { transport: 'http', url: 'https://sms.example.ru/send', body_template: '{"to": "{to}", "text": "{text}"}' },
      },
    });
    const draft = draftOf(view);
    expect(draft).toMatchObject({ host: 'smtp.example.ru', port: '465', tls: 'tls', user: '', password: '', token: '' });
    const kept = updateOf(draft);
    expect(kept.smtp_password).toBeUndefined();
    expect(kept.sms_token).toBeUndefined();
    expect(kept.settings.email).toMatchObject({ transport: 'smtp', port: 465, user: null });

    const changed = updateOf({ ...draft, port: '70000', password: 's3cret', token: 't0ken' });
    expect(changed.settings.email).toMatchObject({ port: 0 });
    expect(changed).toMatchObject({ smtp_password: 's3cret', sms_token: 't0ken' });
  });
});
