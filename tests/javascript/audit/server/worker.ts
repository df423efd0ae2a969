import got from 'got';

declare const Deno: { env: { get(name: string): string | undefined }; readTextFile(path: string): Promise<string> };

const qontoApiKey = Deno.env.get('QONTO_API_KEY');
const stripeKey = Deno.env.get('STRIPE_SECRET_KEY');
const STRIPE_LIVE_KEY = 'sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789';

abstract class BaseClient<T> {
  protected constructor(protected readonly baseUrl: string) {}
  abstract fetchAll(): Promise<T[]>;
}

class QontoWorker extends BaseClient<{ id: string }> {
  constructor() {
    super('https://thirdparty.qonto.com/v2');
  }

  async fetchAll() {
    const body = await got(`${this.baseUrl}/requests`, {
      headers: { Authorization: `Basic ${qontoApiKey}` }, // expect: QNT101
    }).json<{ requests: { id: string }[] }>();
    return body.requests;
  }
}

class StripeWorker extends BaseClient<{ id: string }> {
  constructor() {
    super('https://api.stripe.com/v1');
  }

  async fetchAll() {
    const body = await got(`${this.baseUrl}/charges`, {
      headers: { Authorization: `Bearer ${stripeKey ?? STRIPE_LIVE_KEY}` },
    }).json<{ data: { id: string }[] }>();
    return body.data;
  }
}

export async function qontoMemberships(keyFile: string) {
  const key = await Deno.readTextFile(keyFile);
  return got('https://thirdparty.qonto.com/v2/memberships', {
    headers: { Authorization: key }, // expect: QNT106
  }).json();
}

export async function run() {
  const [requests, charges] = await Promise.all([new QontoWorker().fetchAll(), new StripeWorker().fetchAll()]);
  const internal = await got.post('https://hooks.internal.acme.dev/finance', {
    username: 'finance-bot',
    password: Deno.env.get('HOOK_PASSWORD'),
    json: { requests: requests.length, charges: charges.length },
  });
  return internal.statusCode;
}
