/* eslint-disable no-console */
const superagent = require('superagent');
const fs = require('fs');

const QONTO_HOST = 'http://thirdparty.qonto.com'; // expect: QNT304
const login = process.env.QONTO_LOGIN;
const secret = process.env.QONTO_SECRET;

async function exportTransactions(iban, out) {
  const res = await superagent
    .get(`${QONTO_HOST}/v2/transactions`)
    .query({ iban })
    .set('Authorization', `${login}:${secret}`)
    .set('Accept', 'application/json');
  const lines = res.body.transactions.map((t) => [t.settled_at, t.label, t.amount].join(','));
  fs.writeFileSync(out, lines.join('\n'));
}

async function exportAttachments(iban) {
  return superagent
    .get('https://thirdparty.qonto.com/v2/attachments')
    .query({ iban })
    .auth(login, secret); // expect: QNT107
}

async function postToGitHub(body) {
  return superagent
    .post('https://api.github.com/repos/acme/finance/issues')
    .set('Authorization', `token ${process.env.GITHUB_TOKEN}`)
    .set('User-Agent', 'export-csv')
    .send({ title: 'Monthly export', body });
}

async function pushToErp(rows) {
  return superagent
    .post('https://erp.internal.acme.dev/import')
    .auth(process.env.ERP_USER, process.env.ERP_PASSWORD)
    .send(rows);
}

module.exports = { exportTransactions, exportAttachments, postToGitHub, pushToErp };
