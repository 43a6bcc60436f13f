import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// Headers do not depend on the database: SQLite only.
describe('Security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.close());

  it('every answer forbids MIME sniffing, framing and Referer leaks; HTML carries a CSP', async () => {
    for (const path of ['/', '/tables/anything', '/docs', '/openapi.json', '/v1/user', '/v1/tables/unknown']) {
      const response = await fetch(`${server.baseUrl}${path}`, { headers: { authorization: `Bearer ${server.tokens.alice}` } });
      await response.arrayBuffer();
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      if (response.headers.get('content-type')?.startsWith('text/html')) {
        expect(csp, path).not.toContain('script-src *');
        expect(csp, path).toMatch(/script-src 'self'|default-src 'none'/);
      }
    }
  });

  it('the web app itself gets the strict policy: no inline script or style', async () => {
    const response = await fetch(`${server.baseUrl}/`);
    await response.arrayBuffer();
    const csp = response.headers.get('content-security-policy') ?? '';
    if (response.status === 200) {
      // 'unsafe-eval' only for ajv in the column form (see WEB_APP_CSP); never inline script or style.
      expect(csp).toContain("script-src 'self' 'unsafe-eval'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
    } else {
      // Without a build the server answers its own page, which has one inline style and no script.
      expect(csp).toContain("default-src 'none'");
    }
  });
});
