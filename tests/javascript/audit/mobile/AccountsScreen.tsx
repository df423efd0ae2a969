import React, { useEffect, useState } from 'react';
import { FlatList, Text, View } from 'react-native';

const QONTO_ORG_LOGIN = 'acme-robotics-4821';
const QONTO_API_SECRET = 'k3v9x2m7q8w1z5t6r4y0u2i8o3p7a1s9'; // expect: QNT201

type Row = { id: string; label: string; amount: number };

export default function AccountsScreen() {
  const [rows, setRows] = useState<Row[]>([]);

  useEffect(() => {
    fetch('https://thirdparty.qonto.com/v2/transactions', {
      headers: { Authorization: `${QONTO_ORG_LOGIN}:${QONTO_API_SECRET}` },
    })
      .then((r) => r.json())
      .then((json) => setRows(json.transactions.map((t: any) => ({ id: t.transaction_id, label: t.label, amount: t.amount }))));
  }, []);

  return (
    <View style={{ flex: 1 }}>
      <Text>Qonto transactions</Text>
      <FlatList data={rows} keyExtractor={(r) => r.id} renderItem={({ item }) => <Text>{item.label}: {item.amount}</Text>} />
    </View>
  );
}
