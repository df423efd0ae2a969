export type Environment = 'production' | 'sandbox';

export interface QontoClientOptions {
  login: string;
  secretKey: string;
  environment?: Environment;
  stagingToken?: string;
}

const BASE_URLS: Record<Environment, string> = {
  production: 'https://thirdparty.qonto.com',
  sandbox: 'https://thirdparty-sandbox.staging.qonto.co',
};

export class QontoError extends Error {
  constructor(
    public readonly status: number,
    public readonly traceId: string | null,
  ) {
    super(`Qonto request failed with ${status}`);
  }
}

export class QontoClient {
  private readonly login: string;
  private readonly secretKey: string;
  private readonly baseUrl: string;
  private readonly stagingToken?: string;

  constructor(options: QontoClientOptions) {
    this.login = options.login;
    this.secretKey = options.secretKey;
    this.baseUrl = BASE_URLS[options.environment ?? 'production'];
    this.stagingToken = options.stagingToken;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      Authorization: `${this.login}:${this.secretKey}`,
      'Content-Type': 'application/json',
    };
    if (this.stagingToken) {
      headers['X-Qonto-Staging-Token'] = this.stagingToken;
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new QontoError(response.status, response.headers.get('x-tyk-trace-id'));
    }
    return (await response.json()) as T;
  }

  organization() {
    return this.request<{ organization: unknown }>('GET', '/v2/organization');
  }

  memberships() {
    return this.request<{ memberships: unknown[] }>('GET', '/v2/memberships');
  }
}

export class LegacyQontoClient {
  private readonly credentials: string;

  constructor(login: string, secret: string) {
    this.credentials = Buffer.from(`${login}:${secret}`).toString('base64');
  }

  async transactions(slug: string) {
    const res = await fetch(`https://thirdparty.qonto.com/v2/transactions?slug=${slug}`, {
      headers: { Authorization: this.credentials }, // expect: QNT103
    });
    return res.json();
  }
}

export async function downloadAttachments(client: LegacyQontoClient, slug: string, apiKey: string) {
  const { transactions } = await client.transactions(slug);
  for (const transaction of transactions) {
    for (const attachment of transaction.attachments ?? []) {
      const file = await fetch(attachment.url, {
        headers: { Authorization: `${slug}:${process.env.QONTO_SECRET_KEY}` }, // expect: QNT202
      });
      await fetch('https://api.dropboxapi.com/2/files/upload', {
        method: 'POST',
        headers: { Authorization: `Bearer ${apiKey}` },
        body: await file.arrayBuffer(),
      });
    }
  }
}
