import axios from 'axios';

const QONTO_BASE = 'https://thirdparty.qonto.com';
const QONTO_SANDBOX = 'https://thirdparty-sandbox.staging.qonto.co/v2'; // expect: QNT301
const VAULT = 'https://vault.internal.acme.dev';

export class QontoSdk {
  #login: string;
  #secretKey: string;

  constructor(login: string, secretKey: string) {
    this.#login = login;
    this.#secretKey = secretKey;
  }

  async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const res = await fetch(new URL(path, QONTO_BASE), {
      ...init,
      headers: { ...init.headers, Authorization: `Bearer ${this.#secretKey}` }, // expect: QNT102
    });
    return res.json() as Promise<T>;
  }

  async sandboxLabels() {
    return fetch(`${QONTO_SANDBOX}/labels`, {
      headers: new Headers([
        ['Authorization', `${this.#login}:${this.#secretKey}`],
        ['X-Qonto-Staging-Token', process.env.QONTO_STAGING_TOKEN ?? ''],
      ]),
    });
  }

  async sandboxMemberships() {
    return fetch(`${QONTO_SANDBOX}/memberships`, {
      headers: [['Authorization', `${this.#login}:${this.#secretKey}`]],
    });
  }

  async statements() {
    return fetch(`${QONTO_BASE}/v2/statements`, {
      headers: new Headers([['Authorization', `Basic ${this.#login}:${this.#secretKey}`]]), // expect: QNT101
    });
  }
}

export async function twilioCall(sid: string, token: string) {
  return fetch(`https://api.twilio.com/2010-04-01/Accounts/${sid}/Calls.json`, {
    headers: { Authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}` },
  });
}

export async function vaultSecret(user: string, password: string) {
  return fetch(`${VAULT}/v1/secret/qonto`, {
    headers: new Headers([['Authorization', `Basic ${btoa(`${user}:${password}`)}`]]),
  });
}

export async function stripeBalance(apiKey: string) {
  const options = { method: 'GET', headers: { Authorization: `Bearer ${apiKey}` } };
  return fetch('https://api.stripe.com/v1/balance', options);
}

export function githubClient(apiKey: string) {
  const client = axios.create({ baseURL: 'https://api.github.com' });
  client.defaults.headers.common.Authorization = `Bearer ${apiKey}`;
  return client;
}

export function qontoClient(apiKey: string) {
  const client = axios.create({ baseURL: `${QONTO_BASE}/v2` });
  client.defaults.headers.common.Authorization = `Bearer ${apiKey}`; // expect: QNT102
  return client;
}
