import { X509Certificate } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { KeyApiConfig, KeyApiStatus } from '../../../shared/domain';
import { SkmError } from '../../../shared/errors';
import { createCa, issueServerCertificate } from '../auth/certificates';
import type { Clock } from '../clock';
import type { KeyService } from '../keys/key-service';
import type { CaPair } from '../vault/document';
import type { Vault } from '../vault/vault';
import { ApiServer, type ServerLimits } from './server';
import type { ThrottleOptions } from './throttle';
import type { AuditService } from '../audit/audit-service';
import { ApiCallTally } from './call-tally';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Counts of Key API calls reach the vault this often (and at stop). */
export const USAGE_FLUSH_MS = 30_000;
/** Server certificates live as long as browsers accept for a public one; a new one is issued at each Start. */
const SERVER_CERT_DAYS = 397;

/** The vault's Key API CA, made on first need and kept in the vault; its private key never leaves it. */
export async function ensureApiCa(vault: Vault, clock: Clock): Promise<CaPair> {
  const existing = vault.data.apiCa;
  if (existing) return existing;
  const made = await createCa(`Secure Key Manager Key API CA ${vault.data.appKey}`, clock.now());
  return vault.update((draft) => {
    // Another call may have made one meanwhile: keep the first, so clients that already trust it keep working.
    draft.apiCa ??= { ...made, createdAt: clock.now().toISOString() };
    return draft.apiCa;
  });
}

export const caFingerprint = (ca: CaPair | undefined): string | null => (ca ? new X509Certificate(ca.certPem).fingerprint256 : null);

/** The names clients may use to reach the server: the listen address (every local IPv4 for 0.0.0.0) and host names. */
export function serverNames(config: KeyApiConfig): { ips: string[]; dns: string[] } {
  const loopback = config.listen.startsWith('127.');
  if (config.listen === '0.0.0.0') {
    const local = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && i.family === 'IPv4')
      .map((i) => i!.address);
    return { ips: [...new Set(['127.0.0.1', ...local])], dns: [...new Set(['localhost', ...config.hostNames])] };
  }
  return { ips: [config.listen], dns: [...new Set([...(loopback ? ['localhost'] : []), ...config.hostNames])] };
}

export interface KeyApiDeps {
  vault: Vault;
  keys: KeyService;
  clock: Clock;
  limits?: Partial<ServerLimits>;
  throttle?: ThrottleOptions;
  /** The vault's audit trail: API calls are recorded there in batches (null for a read-only vault). */
  audit?: AuditService | null;
}

const LISTEN_ERRORS: Record<string, (c: KeyApiConfig) => { message: string; field: string }> = {
  EADDRINUSE: (c) => ({ message: `Port ${c.port} on ${c.listen} is already in use by another program. Choose another port.`, field: 'port' }),
  EADDRNOTAVAIL: (c) => ({ message: `${c.listen} is not an address of this machine. Use 127.0.0.1, 0.0.0.0 or one of its own addresses.`, field: 'listen' }),
  EACCES: (c) => ({ message: `Listening on port ${c.port} needs administrator rights here. Choose a port from 1024 up.`, field: 'port' }),
};

/**
 * A running Key API: the HTTPS server with a server certificate issued for this run by the vault's API CA, and the
 * timer that writes the per-key call counts. Made by `start`, ended by `stop`, which flushes those counts.
 */
export class KeyApi {
  private constructor(
    private readonly deps: KeyApiDeps,
    private readonly server: ApiServer,
    readonly config: KeyApiConfig,
    readonly since: Date,
    private readonly flushTimer: NodeJS.Timeout,
    private readonly calls: ApiCallTally,
  ) {}

  static async start(deps: KeyApiDeps, config: KeyApiConfig): Promise<KeyApi> {
    const { vault, keys, clock } = deps;
    const ca = await ensureApiCa(vault, clock);
    const now = clock.now();
    // Valid from a little before now, so a client whose clock runs slightly behind still accepts it.
    const tls = await issueServerCertificate(ca, serverNames(config), {
      notBefore: new Date(now.getTime() - 60 * 60 * 1000),
      notAfter: new Date(now.getTime() + SERVER_CERT_DAYS * DAY_MS),
    });
    const calls = new ApiCallTally(
      deps.audit ?? null,
      () => vault.data,
      () => clock.now(),
    );
    const server = new ApiServer({
      onCall: (call) => calls.count(call),
      appKey: vault.data.appKey,
      tls: { certPem: tls.certPem, keyPem: tls.privateKeyPem },
      doc: () => vault.data,
      keys,
      now: () => clock.now(),
      ...(deps.limits ? { limits: deps.limits } : {}),
      ...(deps.throttle ? { throttle: deps.throttle } : {}),
      onInternalError: (kind) => console.error(`[skm] Key API internal error: ${kind}`),
    });
    try {
      await server.listen(config.listen, config.port);
    } catch (err) {
      const words = LISTEN_ERRORS[(err as NodeJS.ErrnoException).code ?? '']?.(config);
      throw new SkmError(
        'KEY_API_LISTEN_FAILED',
        words?.message ?? `The Key API could not listen on ${config.listen}:${config.port}. Choose another address or port.`,
        words?.field ?? 'port',
      );
    }
    const flushTimer = setInterval(() => {
      void keys.usage.flush();
      void calls.flush();
    }, USAGE_FLUSH_MS);
    flushTimer.unref();
    return new KeyApi(deps, server, config, now, flushTimer, calls);
  }

  get port(): number {
    return this.server.address.port;
  }

  /** The base URL clients use: https://HOST:PORT/keymanager/v1.0/appkey/<APPKEY>/ */
  get url(): string {
    const host = this.config.listen === '0.0.0.0' ? (this.config.hostNames[0] ?? '127.0.0.1') : this.config.listen;
    return `https://${host}:${this.port}/keymanager/v1.0/appkey/${this.deps.vault.data.appKey}/`;
  }

  status(): KeyApiStatus {
    return {
      serving: true,
      url: this.url,
      listen: this.config.listen,
      port: this.port,
      hostNames: [...this.config.hostNames],
      since: this.since.toISOString(),
      requests: this.server.requests,
      failures: this.server.failures,
      caFingerprint: caFingerprint(this.deps.vault.data.apiCa),
    };
  }

  /** Stop accepting, finish requests in flight (up to 5 s), close connections, write the call counts. */
  async stop(drainMs?: number): Promise<void> {
    clearInterval(this.flushTimer);
    await this.server.stop(drainMs);
    await this.deps.keys.usage.flush();
    await this.calls.flush();
  }
}
