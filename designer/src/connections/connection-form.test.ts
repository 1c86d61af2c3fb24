// The Connections screen's forms come from the kinds' definitions (issue 13): the
// fields an admin fills, labelled from the hints, secrets as password inputs, and
// never the live state a connector keeps (rotated QuickBooks tokens).
import { describe, expect, it } from 'vitest';
import { connectionRegistry } from '../../../nodes/connections';
import { connectionForm } from './connection-form';
import { connectionState } from './connection-kinds';

const form = (kind: string) => connectionForm(connectionRegistry.get(kind)!);

describe('connection forms', () => {
  it('Creatio: site URL, sign-in choice, user or client, the identity service token URL; password and client secret hidden', () => {
    const f = form('creatio');
    expect(f.settings.map((x) => `${x.key}:${x.widget}:${x.label}`)).toEqual([
      'baseUrl:text:Site URL',
      'authKind:select:Sign-in',
      'username:text:User name',
      'clientId:text:Client id',
      'tokenUrl:text:Identity service token URL',
      'odataPath:select:OData path',
    ]);
    expect(f.settings[0].required).toBe(true);
    expect(f.secrets.map((x) => `${x.key}:${x.widget}:${x.required}`)).toEqual([
      'password:password:false',
      'clientSecret:password:false',
    ]);
  });

  it('QuickBooks Online asks for the client secret and refresh token, never the access token it keeps', () => {
    expect(form('quickbooks-online').secrets.map((x) => x.key)).toEqual(['clientSecret', 'refreshToken']);
  });

  it('a company file needs a Web Connector password before it is ready, whatever its kind is called', () => {
    const c = { kind: 'quickbooks-desktop', details: { userName: 'acme' }, warning: null };
    expect(connectionState({ ...c, secretsSet: [] }, true).label).toBe('Password needed');
    expect(connectionState({ ...c, secretsSet: ['password'] }, true).label).toBe('Ready for the Web Connector');
    expect(connectionState({ kind: 'creatio', details: {}, warning: null, secretsSet: ['password'] }, true)).toEqual({
      label: 'Saved',
      ok: true,
      next: 'Click Test to check that Weft can sign in.',
    });
  });
});
