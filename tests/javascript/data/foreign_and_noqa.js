const QONTO_API = 'https://thirdparty.qonto.com/v2';
async function upload(url) {
  await fetch(`${QONTO_API}/organization`, { headers: { Authorization: `${process.env.QONTO_LOGIN}:${process.env.QONTO_SECRET_KEY}` } });
  await fetch('https://files.example-cdn.net/upload', { headers: { Authorization: `${process.env.QONTO_LOGIN}:${process.env.QONTO_SECRET_KEY}` } });
  await fetch(`${QONTO_API}/organization`, { headers: { Authorization: `Bearer ${process.env.QONTO_API_KEY}` } }); // noqa: QNT102
  await fetch(`${QONTO_API}/organization`, { headers: { Authorization: `Bearer ${process.env.QONTO_API_KEY}` } }); // noqa
  await fetch(`${QONTO_API}/organization`, { headers: { Authorization: `Bearer ${process.env.QONTO_API_KEY}` } }); // noqa: QNT101
}
