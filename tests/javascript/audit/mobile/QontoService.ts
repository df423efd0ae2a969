import Config from 'react-native-config';
import * as Keychain from 'react-native-keychain';

const API_URL = 'https://thirdparty.qonto.com/v2';

export type Account = { iban: string; balance: number; currency: string };

async function credentials(): Promise<{ login: string; secret: string }> {
  const stored = await Keychain.getGenericPassword({ service: 'qonto' });
  if (!stored) {
    throw new Error('No Qonto credentials in the keychain');
  }
  return { login: stored.username, secret: stored.password };
}

export async function fetchAccounts(): Promise<Account[]> {
  const { login, secret } = await credentials();
  const response = await fetch(`${API_URL}/bank_accounts`, {
    headers: { Authorization: `${login}:${secret}` },
  });
  const json = await response.json();
  return json.bank_accounts;
}

export async function fetchOrganization() {
  const { login, secret } = await credentials();
  const response = await fetch(`${API_URL}/organization`, {
    headers: { Authorization: btoa(`${login}:${secret}`) }, // expect: QNT103
  });
  return response.json();
}

export async function fetchMemberships() {
  const response = await fetch(`${API_URL}/memberships`, {
    headers: { Authorization: `${Config.QONTO_LOGIN}:${Config.QONTO_SECRET_KEY}\n` }, // expect: QNT106
  });
  return response.json();
}

export function loadStatements(onDone: (body: string) => void) {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', `${API_URL}/statements`);
  xhr.setRequestHeader('Authorization', `Basic ${btoa(`${Config.QONTO_LOGIN}:${Config.QONTO_SECRET_KEY}`)}`); // expect: QNT101 QNT103
  xhr.onload = () => onDone(xhr.responseText);
  xhr.send();
}

export async function trackEvent(name: string) {
  await fetch('https://api.segment.io/v1/track', {
    method: 'POST',
    headers: {
      Authorization: `Basic ${btoa(`${Config.SEGMENT_WRITE_KEY}:`)}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ event: name, anonymousId: 'device' }),
  });
}
