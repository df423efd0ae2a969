import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';

export interface QontoBankAccount {
  slug: string;
  iban: string;
  balance_cents: number;
}

enum QontoEnvironment {
  Production = 'https://thirdparty.qonto.com',
  Sandbox = 'https://thirdparty-sandbox.staging.qonto.co', // expect: QNT301
}

@Injectable()
export class QontoService {
  private readonly logger = new Logger(QontoService.name);
  private readonly login: string;
  private readonly secretKey: string;

  constructor(
    private readonly http: HttpService,
    private readonly config: ConfigService,
  ) {
    this.login = this.config.getOrThrow<string>('QONTO_LOGIN');
    this.secretKey = this.config.getOrThrow<string>('QONTO_SECRET_KEY');
  }

  private authHeaders(): Record<string, string> {
    return { Authorization: `${this.secretKey}:${this.login}` }; // expect: QNT105
  }

  async bankAccounts(): Promise<QontoBankAccount[]> {
    const res = await firstValueFrom(
      this.http.get<{ bank_accounts: QontoBankAccount[] }>(
        `${QontoEnvironment.Production}/v2/bank_accounts`,
        { headers: this.authHeaders() },
      ),
    );
    return res.data.bank_accounts;
  }

  async organization(): Promise<unknown> {
    const res = await firstValueFrom(
      this.http.get('https://thirdparty.qonto.com/v2/organization', {
        headers: { Authorization: `${this.login}${this.secretKey}` }, // expect: QNT104
      }),
    );
    this.logger.log(`organization loaded`);
    return res.data;
  }

  async labels(): Promise<unknown> {
    const res = await firstValueFrom(
      this.http.get('https://thirdparty.qonto.com/v2/labels', {
        headers: { Authorization: `${this.login}:${this.secretKey}` },
      }),
    );
    return res.data;
  }
}
