import type { LookupAddress } from 'node:dns';
import { describe, expect, it, vi } from 'vitest';
import { createAllowList } from './allow-list.ts';
import { BlockedDestinationError, createDestinationGuard } from './destination-guard.ts';
import type { HostLookup } from './destination-guard.ts';

// The addresses below are only ever returned by injected lookups; nothing connects to them.
function guardWith(answers: Record<string, LookupAddress[]>, allowHosts: string[] = []) {
  const lookup = vi.fn<HostLookup>(async (hostname) => {
    const answer = answers[hostname];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answer;
  });
  return { lookup, guard: createDestinationGuard({ allowList: createAllowList(allowHosts), lookup }) };
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

  it('with a proxy, checks names that resolve locally and leaves unknown names to the proxy', async () => {
    const { guard } = guardWith({ 'intranet.example': [{ address: '10.0.0.1', family: 4 }] });
    await expect(guard.checkIfResolvableLocally('intranet.example')).rejects.toThrow(BlockedDestinationError);
    await expect(guard.checkIfResolvableLocally('only-the-proxy-knows.example')).resolves.toBeUndefined();
    await expect(guard.checkIfResolvableLocally('10.0.0.1')).rejects.toThrow(BlockedDestinationError);
  });
});
