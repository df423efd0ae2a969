import ky from 'ky';
import got from 'got';
import { readFileSync } from 'node:fs';

const login = process.env.QONTO_LOGIN;
const secretKey = process.env.QONTO_SECRET_KEY;

export const qontoKy = ky.create({
  prefixUrl: 'https://thirdparty.qonto.com/v2',
  headers: { Authorization: `${login}: ${secretKey}` }, // expect: QNT106
});

const apiKeyFromFile = readFileSync('/run/secrets/qonto_api_key', 'utf8');

export const qontoGot = got.extend({
  prefixUrl: 'https://thirdparty.qonto.com/v2',
  headers: { authorization: apiKeyFromFile }, // expect: QNT106
  responseType: 'json',
});

export const qontoGotTrimmed = got.extend({
  prefixUrl: 'https://thirdparty.qonto.com/v2',
  headers: { authorization: readFileSync('/run/secrets/qonto_api_key', 'utf8').trim() },
});

export const qontoGotBasic = got.extend({
  prefixUrl: 'https://thirdparty.qonto.com/v2',
  username: login, // expect: QNT107
  password: secretKey,
});

export const slack = ky.create({
  prefixUrl: 'https://slack.com/api',
  headers: { Authorization: `Bearer ${process.env.SLACK_BOT_TOKEN}` },
});

export const graph = got.extend({
  prefixUrl: 'https://graph.microsoft.com/v1.0',
  headers: { Authorization: `Bearer ${process.env.GRAPH_ACCESS_TOKEN}` },
});

export async function balances() {
  const { bank_accounts: accounts } = await qontoKy.get('bank_accounts').json();
  return accounts.map((a) => ({ iban: a.iban, balance: a.balance_cents / 100 }));
}

export async function mailTreasury(subject) {
  await graph.post('me/sendMail', { json: { message: { subject } } });
}
