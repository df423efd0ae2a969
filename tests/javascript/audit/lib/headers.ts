import axios from 'axios';

const AUTHORIZATION = 'Authorization';

export function qontoHeaders(login: string, secretKey: string): HeadersInit {
  return { [AUTHORIZATION]: `${login}:${secretKey}`, Accept: 'application/json' };
}

export function bearerHeaders(apiKey: string) {
  const h = new Headers();
  h.set('Authorization', `Bearer ${apiKey}`);
  return h;
}

export async function qontoOrganization() {
  const headers = new Headers({ Accept: 'application/json' });
  headers.set('Authorization', `Bearer ${import.meta.env.VITE_QONTO_SECRET_KEY}`); // expect: QNT102
  return fetch('https://thirdparty.qonto.com/v2/organization', { headers });
}

export async function qontoLabels() {
  const headers = new Headers();
  headers.append(AUTHORIZATION, `${import.meta.env.VITE_QONTO_LOGIN};${import.meta.env.VITE_QONTO_SECRET_KEY}`); // expect: QNT104
  return fetch('https://thirdparty.qonto.com/v2/labels', { headers });
}

export async function qontoAccounts(login: string, secretKey: string) {
  return fetch('https://thirdparty.qonto.com/v2/bank_accounts', {
    headers: qontoHeaders(login, secretKey),
  });
}

export async function stripeCustomers() {
  return fetch('https://api.stripe.com/v1/customers', {
    headers: bearerHeaders(import.meta.env.VITE_STRIPE_SECRET_KEY),
  });
}

export function configureDefaults() {
  axios.defaults.baseURL = 'https://thirdparty.qonto.com/v2';
  axios.defaults.headers.common['Authorization'] = `Bearer ${import.meta.env.VITE_QONTO_API_KEY}`; // expect: QNT102
}

export async function qontoStatements(login: string, secretKey: string) {
  return fetch('https://thirdparty.qonto.com/v2/statements', {
    headers: { Authorization: window.btoa(`${login}:${secretKey}`) }, // expect: QNT103
  });
}

export async function segmentIdentify(writeKey: string) {
  return fetch('https://api.segment.io/v1/identify', {
    headers: { Authorization: `Basic ${window.btoa(`${writeKey}:`)}` },
  });
}
