import axios, { AxiosInstance, InternalAxiosRequestConfig } from 'axios';

const QONTO_LOGIN = process.env.QONTO_LOGIN ?? '';
const QONTO_SECRET_KEY = process.env.QONTO_SECRET_KEY ?? '';

export const qonto: AxiosInstance = axios.create({
  baseURL: 'https://thirdparty.qonto.com/v2',
  timeout: 10_000,
  headers: { Accept: 'application/json' },
});

qonto.interceptors.request.use((config: InternalAxiosRequestConfig) => {
  config.headers.Authorization = `${QONTO_LOGIN}:${QONTO_SECRET_KEY}`;
  return config;
});

export const qontoLegacy = axios.create({
  baseURL: 'https://thirdparty.qonto.eu/v1', // expect: QNT306
  auth: { username: QONTO_LOGIN, password: QONTO_SECRET_KEY }, // expect: QNT107
});

export const qontoSandbox = axios.create({
  baseURL: 'https://thirdparty-sandbox.staging.qonto.co/v2',
  headers: {
    Authorization: `${QONTO_LOGIN}:${QONTO_SECRET_KEY}`,
    'X-Qonto-Staging-Token': process.env.QONTO_STAGING_TOKEN ?? '',
  },
});

export const github = axios.create({
  baseURL: 'https://api.github.com',
  headers: { Authorization: `token ${process.env.GITHUB_TOKEN}`, Accept: 'application/vnd.github+json' },
});

export const openai = axios.create({
  baseURL: 'https://api.openai.com/v1',
});
openai.interceptors.request.use((config) => {
  config.headers.Authorization = `Bearer ${process.env.OPENAI_API_KEY}`;
  return config;
});

export const internal = axios.create({
  baseURL: 'https://billing.internal.acme.dev',
  auth: { username: process.env.BILLING_USER ?? '', password: process.env.BILLING_PASSWORD ?? '' },
});

export async function listQontoLabels(): Promise<unknown[]> {
  const { data } = await qonto.get<{ labels: unknown[] }>('/labels');
  return data.labels;
}

export async function listSandboxAccounts() {
  const { data } = await qontoSandbox.get('/bank_accounts');
  return data;
}
