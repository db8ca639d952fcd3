import { Agent as HttpsAgent } from 'https';
import { rootCertificates } from 'tls';

export interface TlsOptions {
  readonly ca?: string;
  readonly tlsInsecure?: boolean;
}

/**
 * An https agent only when the profile needs custom TLS: without one node-fetch uses the global agent,
 * which is what VS Code's proxy support patches. Extra CAs are added to Node's defaults, not replacing them.
 */
export function createTlsAgent(baseUrl: string, tls: TlsOptions): HttpsAgent | undefined {
  if (!baseUrl.startsWith('https:') || (!tls.ca && !tls.tlsInsecure)) return undefined;
  return new HttpsAgent({
    keepAlive: true,
    ...(tls.ca ? { ca: [...rootCertificates, tls.ca] } : {}),
    ...(tls.tlsInsecure ? { rejectUnauthorized: false } : {}),
  });
}
