import type { LookupAddress } from 'node:dns';
import { describe, expect, it, vi } from 'vitest';
import { createAllowList } from './allow-list.ts';
import { BlockedDestinationError, createDestinationGuard } from './destination-guard.ts';
import type { HostLookup } from './destination-guard.ts';

// The addresses below are only ever returned by injected lookups; nothing connects to them.
function guardWith(answers: Record<string, LookupAddress[]>, allowHosts: string[] = [], isProxySsrfBoundary = false) {
  const lookup = vi.fn<HostLookup>(async (hostname) => {
    const answer = answers[hostname];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answer;
  });
  return { lookup, guard: createDestinationGuard({ allowList: createAllowList(allowHosts), lookup, isProxySsrfBoundary }) };
}

function connectLookupResult(
  guard: ReturnType<typeof guardWith>['guard'],
  hostname: string,
  options: { all?: boolean; family?: number },
): Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }> {
  return new Promise((resolve) => {
    guard.connectLookup(hostname, options, (error, address, family) => resolve({ error, address, family }));
  });
}

describe('createDestinationGuard', () => {
  it('refuses private IP literals without any DNS, and says how to allow them', () => {
    const { guard, lookup } = guardWith({});
    expect(() => guard.checkHostName('10.0.0.1')).toThrow('10.0.0.1 is a private address; add it to FATHOM_FETCH_ALLOW_HOSTS to allow it');
    expect(() => guard.checkHostName('[::ffff:a9fe:a9fe]')).toThrow(/link-local address .*carries 169\.254\.169\.254/);
    expect(lookup).not.toHaveBeenCalled();
  });

  it.each(['metadata.google.internal', 'METADATA.GOOGLE.INTERNAL.', 'localhost', 'app.localhost', 'instance-data'])(
    'refuses the machine-local or metadata name %s by name',
    (hostname) => {
      const { guard } = guardWith({});
      expect(() => guard.checkHostName(hostname)).toThrow(BlockedDestinationError);
    },
  );

  it('refuses a name that resolves to a private address, naming both', async () => {
    const { guard } = guardWith({ 'intranet.example': [{ address: '10.0.0.1', family: 4 }] });
    await expect(guard.resolveCheckedAddresses('intranet.example')).rejects.toThrow(
      'intranet.example resolves to 10.0.0.1, a private address; add intranet.example or 10.0.0.1 to FATHOM_FETCH_ALLOW_HOSTS to allow it',
    );
  });

  it('refuses a name when any one of its addresses is not public', async () => {
    const { guard } = guardWith({
      'mixed.example': [
        { address: '93.184.216.34', family: 4 },
        { address: '::ffff:127.0.0.1', family: 6 },
      ],
    });
    await expect(guard.resolveCheckedAddresses('mixed.example')).rejects.toThrow(/resolves to ::ffff:127\.0\.0\.1, a loopback address/);
  });

  it('lets allow-listed names and addresses through', async () => {
    const { guard } = guardWith(
      {
        'wiki.corp.example': [{ address: '10.1.2.3', family: 4 }],
        'db.example': [{ address: '192.168.5.5', family: 4 }],
      },
      ['*.corp.example', '192.168.0.0/16'],
    );
    await expect(guard.resolveCheckedAddresses('wiki.corp.example')).resolves.toEqual([{ address: '10.1.2.3', family: 4 }]);
    await expect(guard.resolveCheckedAddresses('db.example')).resolves.toEqual([{ address: '192.168.5.5', family: 4 }]);
    expect(() => guard.checkHostName('192.168.1.1')).not.toThrow();
  });

  it('answers net.connect lookups with exactly the checked addresses, in both callback forms', async () => {
    const answers = [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ];
    const { guard, lookup } = guardWith({ 'public.example': answers });
    expect(await connectLookupResult(guard, 'public.example', { all: true })).toEqual({ error: null, address: answers, family: undefined });
    expect(await connectLookupResult(guard, 'public.example', { family: 6 })).toEqual({ error: null, address: '2606:2800:220:1::1', family: 6 });
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('fails a net.connect lookup with the refusal itself', async () => {
    const { guard } = guardWith({ 'rebound.example': [{ address: '169.254.169.254', family: 4 }] });
    const result = await connectLookupResult(guard, 'rebound.example', { all: true });
    expect(result.error).toBeInstanceOf(BlockedDestinationError);
  });

  it('with a proxy that is the SSRF boundary, checks names that resolve locally and leaves unknown names to the proxy', async () => {
    const { guard } = guardWith({ 'intranet.example': [{ address: '10.0.0.1', family: 4 }] }, [], true);
    await expect(guard.checkIfResolvableLocally('intranet.example')).rejects.toThrow(BlockedDestinationError);
    await expect(guard.checkIfResolvableLocally('only-the-proxy-knows.example')).resolves.toBeUndefined();
    await expect(guard.checkIfResolvableLocally('10.0.0.1')).rejects.toThrow(BlockedDestinationError);
  });

  it('checks a proxied name against one local answer per minute, but resolves direct connections every time', async () => {
    const { guard, lookup } = guardWith({ 'shop.example': [{ address: '93.184.216.34', family: 4 }] }, [], true);
    await Promise.all([guard.checkIfResolvableLocally('shop.example'), guard.checkIfResolvableLocally('shop.example')]);
    await guard.checkIfResolvableLocally('shop.example', 443);
    expect(lookup).toHaveBeenCalledTimes(1);
    await guard.resolveCheckedAddresses('shop.example');
    await guard.resolveCheckedAddresses('shop.example');
    expect(lookup).toHaveBeenCalledTimes(3);
  });

  it('with a proxy that is not declared the boundary, refuses names that do not resolve here', async () => {
    const { guard } = guardWith({});
    await expect(guard.checkIfResolvableLocally('only-the-proxy-knows.example', 443)).rejects.toThrow(
      'only-the-proxy-knows.example does not resolve on this machine, so it cannot be checked before the proxy connects to it; set FATHOM_PROXY_IS_SSRF_BOUNDARY=true if the proxy itself refuses private destinations',
    );
  });

  it('applies port-limited allow-list entries only to their port', async () => {
    const { guard } = guardWith({ 'wiki.corp.example': [{ address: '10.1.2.3', family: 4 }] }, [
      '127.0.0.1:8080',
      '[::1]:8080',
      'wiki.corp.example:443',
      '10.9.0.0/16:5432',
    ]);
    expect(() => guard.checkHostName('127.0.0.1', 8080)).not.toThrow();
    expect(() => guard.checkHostName('127.0.0.1', 8081)).toThrow(
      '127.0.0.1 is a loopback address; add it to FATHOM_FETCH_ALLOW_HOSTS to allow it (127.0.0.1:8081 allows this port only)',
    );
    expect(() => guard.checkHostName('127.0.0.1')).toThrow(BlockedDestinationError);
    expect(() => guard.checkHostName('[::1]', 8080)).not.toThrow();
    expect(() => guard.checkHostName('[::ffff:127.0.0.1]', 8080)).not.toThrow();
    expect(() => guard.checkHostName('[::1]', 8081)).toThrow(
      '::1 is a loopback address; add it to FATHOM_FETCH_ALLOW_HOSTS to allow it ([::1]:8081 allows this port only)',
    );
    expect(() => guard.checkHostName('10.9.1.1', 5432)).not.toThrow();
    expect(() => guard.checkHostName('10.9.1.1', 5433)).toThrow(BlockedDestinationError);
    await expect(guard.resolveCheckedAddresses('wiki.corp.example', 443)).resolves.toEqual([{ address: '10.1.2.3', family: 4 }]);
    await expect(guard.resolveCheckedAddresses('wiki.corp.example', 22)).rejects.toThrow(/wiki\.corp\.example resolves to 10\.1\.2\.3, a private address/);
    const refused = await new Promise<NodeJS.ErrnoException | null>((resolve) => guard.connectLookupFor(8081)('127.0.0.1', {}, (error) => resolve(error)));
    expect(refused).toBeInstanceOf(BlockedDestinationError);
  });
});
