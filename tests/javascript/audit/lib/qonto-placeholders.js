// Snippets copied from the Qonto docs into our internal wiki tool.
const fetch = require('node-fetch');

const BASE = 'https://thirdparty.qonto.com/v2';

async function fromDocs() {
  return fetch(`${BASE}/organization`, {
    headers: { Authorization: 'your-login:your-secret-key' }, // expect: QNT109
  });
}

async function forgottenTemplate(login, secretKey) {
  return fetch(`${BASE}/organization`, {
    headers: { Authorization: '${login}:${secretKey}' }, // expect: QNT109
  });
}

async function angleBrackets() {
  return fetch(`${BASE}/bank_accounts`, {
    headers: { Authorization: '<login>:<secret-key>' }, // expect: QNT109
  });
}

async function hardcoded() {
  return fetch(`${BASE}/bank_accounts`, {
    headers: { Authorization: 'acme-robotics-4821:f7g2h9j4k1l6m3n8b5v0c7x2z9q4w1e6' }, // expect: QNT201
  });
}

async function misspelled(login, secretKey) {
  return fetch(`${BASE}/labels`, {
    headers: { Authorisation: `${login}:${secretKey}` }, // expect: QNT108
  });
}

async function openaiSummary(text) {
  const res = await fetch('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${process.env.OPENAI_API_KEY}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] }),
  });
  return res.json();
}

module.exports = { fromDocs, forgottenTemplate, angleBrackets, hardcoded, misspelled, openaiSummary };
