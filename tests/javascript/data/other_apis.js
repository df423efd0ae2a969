const QONTO_API = 'https://thirdparty.qonto.com/v2';
const STRIPE_API = 'https://api.stripe.com/v1';

export async function qontoLabels() {
  return axios.get(`${QONTO_API}/labels`, { headers: { Authorization: `${process.env.QONTO_LOGIN}:${process.env.QONTO_SECRET_KEY}` } });
}
export async function stripe() {
  await axios.get(`${STRIPE_API}/payouts`, { headers: { Authorization: `Bearer ${process.env.STRIPE_SECRET_KEY}` } });
  await axios.get(`${STRIPE_API}/balance`, { auth: { username: process.env.STRIPE_SECRET_KEY, password: '' } });
}
export async function github(user, password) {
  await fetch('https://api.github.com/repos/a/b', { headers: { Authorization: `token ${process.env.GITHUB_TOKEN}` } });
  await fetch('https://api.github.com/user', { headers: { Authorization: 'Basic ' + btoa(user + ':' + password) } });
}
export async function openai(apiKey) {
  await fetch('https://api.openai.com/v1/chat/completions', { headers: { Authorization: `Bearer ${apiKey}` } });
}
export async function slack() {
  await axios.post('https://slack.com/api/chat.postMessage', {}, { headers: { Authorization: `Bearer ${process.env.SLACK_BOT_TOKEN}` } });
  await superagent.get('https://slack.com/api/users.list').auth(process.env.SLACK_USER, process.env.SLACK_PASSWORD);
}
export function twilio(sid) {
  return got('https://api.twilio.com/2010-04-01/Accounts', { username: sid, password: process.env.TWILIO_AUTH_TOKEN });
}
