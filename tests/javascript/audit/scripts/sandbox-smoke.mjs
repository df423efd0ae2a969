#!/usr/bin/env node
// Smoke test against the Qonto sandbox before a release.
import fetch from 'node-fetch';

const SANDBOX = 'https://thirdparty-sandbox.staging.qonto.co/v2';
const { QONTO_LOGIN, QONTO_SECRET_KEY, QONTO_STAGING_TOKEN } = process.env;

const headers = {
  Authorization: `${QONTO_LOGIN}:${QONTO_SECRET_KEY}`,
  'X-Qonto-Staging-Token': QONTO_STAGING_TOKEN,
};

async function check(path) {
  const res = await fetch(`${SANDBOX}${path}`, { headers });
  console.log(path, res.status, res.headers.get('x-tyk-trace-id'));
  return res.ok;
}

async function checkWithoutToken() {
  const res = await fetch('https://thirdparty-sandbox.staging.qonto.co/v2/organization', { // expect: QNT301
    headers: { Authorization: `${QONTO_LOGIN}:${QONTO_SECRET_KEY}` },
  });
  return res.status;
}

async function checkProduction() {
  const res = await fetch('https://thirdparty.qonto.com/v2/organization', {
    headers: {
      Authorization: `${QONTO_LOGIN}:${QONTO_SECRET_KEY}`,
      'X-Qonto-Staging-Token': QONTO_STAGING_TOKEN, // expect: QNT302
    },
  });
  return res.status;
}

async function checkLowercaseToken() {
  const res = await fetch(`${SANDBOX}/memberships`, {
    headers: {
      Authorization: `${QONTO_LOGIN}:${QONTO_SECRET_KEY}`,
      'x-qonto-staging-token': QONTO_STAGING_TOKEN, // expect: QNT303
    },
  });
  return res.status;
}

const results = await Promise.all(['/organization', '/bank_accounts', '/labels'].map(check));
console.log({ results, noToken: await checkWithoutToken(), prod: await checkProduction(), lower: await checkLowercaseToken() });
if (results.includes(false)) process.exit(1);
