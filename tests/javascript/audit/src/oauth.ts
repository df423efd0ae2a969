import axios from 'axios';

const QONTO_OAUTH_TOKEN_URL = 'https://oauth.qonto.com/oauth2/token';
const QONTO_AUTHORIZE_URL = 'https://auth.qonto.com/oauth2/auth'; // expect: QNT305

interface TokenResponse {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

export function authorizeUrl(state: string): string {
  const params = new URLSearchParams({
    client_id: process.env.QONTO_CLIENT_ID!,
    redirect_uri: process.env.QONTO_REDIRECT_URI!,
    response_type: 'code',
    scope: 'offline_access organization.read',
    state,
  });
  return `${QONTO_AUTHORIZE_URL}?${params}`;
}

export async function exchangeCode(code: string): Promise<TokenResponse> {
  const { data } = await axios.post<TokenResponse>(
    QONTO_OAUTH_TOKEN_URL,
    new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: process.env.QONTO_REDIRECT_URI! }),
    {
      auth: { username: process.env.QONTO_CLIENT_ID!, password: process.env.QONTO_CLIENT_SECRET! },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    },
  );
  return data;
}

export async function organization(tokens: TokenResponse) {
  const { data } = await axios.get('https://thirdparty.qonto.com/v2/organization', {
    headers: { Authorization: tokens.access_token }, // expect: QNT110
  });
  return data;
}

export async function transactions(accessToken: string, iban: string) {
  const { data } = await axios.get('https://thirdparty.qonto.com/v2/transactions', {
    params: { iban },
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  return data;
}

export async function attachments(accessToken: string) {
  const { data } = await axios.get('https://thirdparty.qonto.com/v2/attachments', {
    headers: { Authorization: accessToken }, // expect: QNT110
  });
  return data;
}
