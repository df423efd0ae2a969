'use strict';

const express = require('express');
const axios = require('axios');
const Stripe = require('stripe');

const router = express.Router();
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);

const QONTO_BASE = 'https://thirdparty.qonto.com/v2';
const qontoLogin = process.env.QONTO_LOGIN;
const qontoSecretKey = process.env.QONTO_SECRET_KEY;

const baseHeaders = { Accept: 'application/json', 'User-Agent': 'payments-svc/2.3' };

async function listQontoTransactions(iban) {
  const { data } = await axios.get(`${QONTO_BASE}/transactions`, {
    params: { iban, status: ['completed'] },
    headers: { ...baseHeaders, Authorization: `${qontoLogin}:${qontoSecretKey}` },
  });
  return data.transactions;
}

async function getQontoOrganization() {
  const { data } = await axios.get(`${QONTO_BASE}/organization`, {
    headers: { ...baseHeaders, Authorization: `Basic ${qontoLogin}:${qontoSecretKey}` }, // expect: QNT101
  });
  return data.organization;
}

async function listStripePayouts() {
  const res = await axios.get('https://api.stripe.com/v1/payouts', {
    headers: { ...baseHeaders, Authorization: `Bearer ${process.env.STRIPE_SECRET_KEY}` },
  });
  return res.data.data;
}

async function notifySlack(text) {
  await axios.post(
    'https://slack.com/api/chat.postMessage',
    { channel: '#finance', text },
    { headers: { Authorization: `Bearer ${process.env.SLACK_BOT_TOKEN}` } },
  );
}

async function sendSms(to, body) {
  const sid = process.env.TWILIO_ACCOUNT_SID;
  await axios.post(
    `https://api.twilio.com/2010-04-01/Accounts/${sid}/Messages.json`,
    new URLSearchParams({ To: to, From: process.env.TWILIO_FROM, Body: body }),
    { auth: { username: sid, password: process.env.TWILIO_AUTH_TOKEN } },
  );
}

router.post('/reconcile', async (req, res) => {
  const [transactions, payouts] = await Promise.all([
    listQontoTransactions(req.body.iban),
    listStripePayouts(),
  ]);
  const missing = payouts.filter((p) => !transactions.some((t) => t.amount_cents === p.amount));
  if (missing.length) {
    await notifySlack(`${missing.length} Stripe payouts not found on Qonto`);
    await sendSms(process.env.ONCALL_PHONE, 'Reconciliation mismatch');
  }
  const refund = await stripe.refunds.list({ limit: 3 });
  res.json({ missing, refunds: refund.data.length });
});

module.exports = { router, getQontoOrganization };
