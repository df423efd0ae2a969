import { NextRequest, NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

const QONTO_API = 'https://api.qonto.com/v2'; // expect: QNT305

type QontoTransaction = {
  transaction_id: string;
  amount: number;
  side: 'credit' | 'debit';
};

export async function GET(request: NextRequest) {
  const iban = request.nextUrl.searchParams.get('iban');
  if (!iban) {
    return NextResponse.json({ error: 'iban is required' }, { status: 400 });
  }
  const res = await fetch(`${QONTO_API}/transactions?iban=${encodeURIComponent(iban)}`, {
    headers: {
      Authorization: `Bearer ${process.env.QONTO_API_KEY}`, // expect: QNT102
      'Content-Type': 'application/json',
    },
    cache: 'no-store',
  });
  const body = (await res.json()) as { transactions: QontoTransaction[] };
  return NextResponse.json(body.transactions ?? []);
}

export async function POST(request: NextRequest) {
  const session = await request.json();
  const res = await fetch('https://thirdparty.qonto.com/v2/transfers', {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${session?.accessToken}`,
      'Content-Type': 'application/json',
      'X-Qonto-Idempotency-Key': crypto.randomUUID(),
    },
    body: JSON.stringify(session.transfer),
  });
  return NextResponse.json(await res.json(), { status: res.status });
}
