# Copyright 2021 Example Consulting
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import datetime

import requests

from odoo import _, api, fields, models
from odoo.exceptions import UserError

QONTO_ENDPOINT = "https://thirdparty.qonto.eu/v2"  # expect: QNT306


class OnlineBankStatementProviderQonto(models.Model):
    _inherit = "online.bank.statement.provider"

    qonto_login = fields.Char()
    qonto_key = fields.Char()

    @api.model
    def _get_available_services(self):
        return super()._get_available_services() + [("qonto", "Qonto")]

    def _qonto_header(self):
        self.ensure_one()
        if self.username and self.password:
            return {"Authorization": "%s:%s" % (self.username, self.password)}
        raise UserError(_("No login or key configured for Qonto."))

    def _qonto_header_v1(self):
        return {"Authorization": "%s %s" % (self.qonto_login, self.qonto_key)}  # expect: QNT104

    def _qonto_get_slug(self):
        url = QONTO_ENDPOINT + "/organizations/%s" % self.username
        response = requests.get(url, verify=False, headers=self._qonto_header(), timeout=20)
        if response.status_code == 200:
            data = json.loads(response.text)
            return {a["iban"]: a["slug"] for a in data.get("organization", {}).get("bank_accounts", [])}
        raise UserError("%s \n\n %s" % (response.status_code, response.text))

    def _qonto_obtain_transactions(self, slug, date_since, date_until):
        params = {
            "slug": slug,
            "iban": self.account_number,
            "settled_at_from": datetime.strftime(date_since, "%Y-%m-%dT%H:%M:%S.000Z"),
            "settled_at_to": datetime.strftime(date_until, "%Y-%m-%dT%H:%M:%S.000Z"),
        }
        response = requests.get(
            QONTO_ENDPOINT + "/transactions",
            params=params,
            auth=(self.username, self.password),  # expect: QNT107
            timeout=20,
        )
        return response.json().get("transactions", [])
