const QONTO = 'https://thirdparty.qonto.com/v2';
export async function org(login: string, secretKey: string, accessToken: string) {
  await fetch(`${QONTO}/organization`, { headers: { Authorization: `Basic ${login}:${secretKey}` } });
  await fetch(`${QONTO}/organization`, { headers: { Authorization: `Bearer ${process.env.QONTO_API_KEY}` } });
  await fetch(`${QONTO}/organization`, { headers: { Authorization: btoa(`${login}:${secretKey}`) } });
  await fetch(`${QONTO}/organization`, { headers: { Authorization: `${login}${secretKey}` } });
  await fetch(`${QONTO}/organization`, { headers: { Authorization: `${secretKey}:${login}` } });
  await fetch(`${QONTO}/organization`, { headers: { Authorization: ` ${login}:${secretKey}` } });
  await axios.get(`${QONTO}/organization`, { auth: { username: login, password: secretKey } });
  await fetch(`${QONTO}/organization`, { headers: { Autorization: `${login}:${secretKey}` } });
  await fetch(`${QONTO}/organization`, { headers: { Authorization: '{login}:{secret_key}' } });
  await fetch(`${QONTO}/organization`, { headers: { Authorization: accessToken } });
  await fetch(`${QONTO}/organization`, { headers: { Authorization: 'acme-corp-1234:62885d39f3a0ddedd3d3ee0432a43ccr' } });
  await fetch(`${QONTO}/organization`, { headers: { Authorization: `${login}:${secretKey}`, 'x-qonto-staging-token': t } });
  await fetch('https://thirdparty-sandbox.staging.qonto.co/v2/organization', { headers: { Authorization: `${login}:${secretKey}` } });
  await fetch('http://thirdparty.qonto.com/v2/organization');
  await fetch('https://api.qonto.com/v2/organization');
  await fetch('https://thirdparty.qonto.eu/v2/organization');
}
