"""Headers built by helpers, Basic-auth positions in multi-line calls, and the audit corpus."""

from __future__ import annotations

import re
from pathlib import Path

from qonto_lint import lint_source
from qonto_lint.fixing import fix_source
from qonto_lint.model import Options

AUDIT = Path(__file__).resolve().parent / "audit"
SUFFIXES = {".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx"}
MARKER = re.compile(r"//\s*expect:\s*((?:QNT\d{3}\s*)+)")


def _found(source: str, path: str = "client.ts"):
    result = lint_source(source.encode(), path, Options(fixes=False))
    assert result.errors == []
    return [(f.line, f.column, f.code) for f in result.findings]


HELPER = """\
import axios from 'axios';
const QONTO = 'https://thirdparty.qonto.com/v2';
export function bearerHeaders(apiKey: string) {
  const h = new Headers();
  h.set('Authorization', `Bearer ${apiKey}`);
  return h;
}
export const jsonHeaders = (apiKey: string) => ({ Authorization: `Bearer ${apiKey}` });
export async function stripeCustomers(key: string) {
  await fetch('https://api.stripe.com/v1/customers', { headers: bearerHeaders(key) });
  const headers = { ...jsonHeaders(key), Accept: 'application/json' };
  return axios.get('https://api.stripe.com/v1/charges', { headers });
}
"""


def test_headers_returned_by_a_helper_go_where_its_calls_send_them():
    """The helpers' only callers send to Stripe: silent, although the module talks to Qonto."""
    assert _found(HELPER) == []


def test_the_same_helpers_toward_qonto_are_reported():
    source = HELPER.replace("https://api.stripe.com/v1", "https://thirdparty.qonto.com/v2")
    assert _found(source) == [(5, 26, "QNT102"), (8, 66, "QNT102")]


def test_an_uncalled_helper_keeps_the_module_context():
    """No call to follow: the module's Qonto evidence decides, as before."""
    source = HELPER.split("export async function")[0]
    assert _found(source) == [(5, 26, "QNT102"), (8, 66, "QNT102")]


METHOD = """\
class Clients {
  private readonly apiKey = process.env.API_KEY;
  private authHeaders() {
    return { Authorization: `Bearer ${this.apiKey}` };
  }
  stripe() {
    return fetch('https://api.stripe.com/v1/balance', { headers: this.authHeaders() });
  }
  qonto() {
    return fetch('https://thirdparty.qonto.com/v2/organization', { headers: { Authorization: '' } });
  }
}
"""


def test_a_method_helper_follows_its_calls_on_this():
    assert _found(METHOD) == []
    toward_qonto = METHOD.replace("https://api.stripe.com/v1/balance", "https://thirdparty.qonto.com/v2/labels")
    assert _found(toward_qonto) == [(4, 29, "QNT102")]


def test_basic_auth_in_a_multi_line_chain_is_reported_at_auth():
    source = """\
const superagent = require('superagent');
function attachments(login, secret) {
  return superagent
    .get('https://thirdparty.qonto.com/v2/attachments')
    .query({ page: 1 })
    .auth(login, secret);
}
"""
    assert _found(source, "x.js") == [(6, 6, "QNT107")]


def test_got_username_option_is_reported_where_it_is_written():
    source = """\
import got from 'got';
export const qonto = got.extend({
  prefixUrl: 'https://thirdparty.qonto.com/v2',
  responseType: 'json',
  username: process.env.QONTO_LOGIN,
  password: process.env.QONTO_SECRET_KEY,
});
"""
    assert _found(source, "x.mjs") == [(5, 3, "QNT107")]


def _expected(root: Path) -> set[tuple[str, int, str]]:
    expected = set()
    for path in sorted(root.rglob("*")):
        if path.suffix not in SUFFIXES:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            match = MARKER.search(line)
            if match:
                expected |= {(str(path.relative_to(root)), number, code) for code in match.group(1).split()}
    return expected


def test_the_audit_corpus_reports_every_marked_line_and_no_other():
    found = set()
    files = [p for p in sorted(AUDIT.rglob("*")) if p.suffix in SUFFIXES]
    assert len(files) >= 10
    for path in files:
        result = lint_source(path.read_bytes(), str(path.relative_to(AUDIT)), Options(fixes=False))
        assert result.errors == [], path
        found |= {(str(path.relative_to(AUDIT)), f.line, f.code) for f in result.findings}
    expected = _expected(AUDIT)
    assert len(expected) == 41
    assert found == expected


def _messages(source: str, path: str):
    result = lint_source(source.encode(), path, Options(fixes=False))
    assert result.errors == []
    return [(f.line, f.column, f.code, f.message) for f in result.findings]


PLACEHOLDER = (
    "the value still holds the placeholder {!r}: put the real credentials in before calling Qonto "
    "(every 401 counts toward Qonto's 200-per-hour throttle)"
)


def test_your_credential_words_are_placeholders_in_both_languages():
    js = (
        "fetch('https://thirdparty.qonto.com/v2/labels', "
        "{ headers: { Authorization: 'your-login:your-secret-key' } });\n"
    )
    py = (
        "import requests\n"
        "requests.get('https://thirdparty.qonto.com/v2/labels', headers={'Authorization': 'YOUR-LOGIN:your_api_key'})\n"
    )
    assert _messages(js, "x.js") == [(1, 77, "QNT109", PLACEHOLDER.format("your-login"))]
    assert _messages(py, "x.py") == [(2, 82, "QNT109", PLACEHOLDER.format("YOUR-LOGIN"))]


def test_a_slug_that_starts_with_your_is_not_a_placeholder():
    """`your-company-1234` is a real organization's login: it names no credential."""
    source = (
        "fetch('https://thirdparty.qonto.com/v2/labels', { headers: { Authorization: `your-company-1234:${s}` } });\n"
    )
    assert _messages(source, "x.js") == []


PAIRS = """\
const SANDBOX = 'https://thirdparty-sandbox.staging.qonto.co/v2';
export async function labels(login: string, secretKey: string) {
  return fetch(`${SANDBOX}/labels`, {
    headers: new Headers([
      ['Authorization', `${login}:${secretKey}`],
      ['X-Qonto-Staging-Token', process.env.QONTO_STAGING_TOKEN!],
    ]),
  });
}
export async function stripe(apiKey: string) {
  return fetch('https://api.stripe.com/v1/balance', { headers: [['Authorization', `Bearer ${apiKey}`]] });
}
export const matrix = [[1, 2], ['Authorization', 'Bearer x']];
"""


def test_header_pairs_are_header_sites():
    assert _found(PAIRS) == []  # the staging token is in the pairs; Stripe's Bearer is Stripe's
    misspelled = PAIRS.replace("['Authorization', `${login}", "['Autorization', `Basic ${login}")
    assert _found(misspelled) == [(5, 8, "QNT108"), (5, 24, "QNT101")]


def test_a_request_with_all_its_header_pairs_in_sight_and_no_staging_token():
    source = PAIRS.replace("      ['X-Qonto-Staging-Token', process.env.QONTO_STAGING_TOKEN!],\n", "")
    assert _found(source) == [(1, 17, "QNT301")]
    production = PAIRS.replace("https://thirdparty-sandbox.staging.qonto.co", "https://thirdparty.qonto.com")
    assert _found(production) == [(6, 8, "QNT302")]


def test_btoa_on_the_global_object_is_base64_and_its_fix_unwraps_it():
    source = (
        "export const org = (login: string, secretKey: string) =>\n"
        "  fetch('https://thirdparty.qonto.com/v2/organization', {\n"
        "    headers: { Authorization: globalThis.btoa(`${login}:${secretKey}`) },\n"
        "  });\n"
    )
    assert _found(source) == [(3, 31, "QNT103")]
    outcome = fix_source(source.encode(), "x.ts", Options())
    assert outcome.fixed.decode() == source.replace(
        "globalThis.btoa(`${login}:${secretKey}`)", "`${login}:${secretKey}`"
    )


RESPONSE_URL = """\
const KEY = `${process.env.QONTO_LOGIN}:${process.env.QONTO_SECRET_KEY}`;
export async function download(id: string) {
  const r = await fetch(`https://thirdparty.qonto.com/v2/attachments/${id}`, { headers: { Authorization: KEY } });
  const { attachment } = await r.json();
  const link = attachment?.url;
  await fetch(link, { headers: { Authorization: KEY } });
  await fetch(attachment['pdfUrl'], { headers: { Authorization: KEY } });
  await fetch(attachment.name, { headers: { Authorization: KEY } });
}
"""


def test_qonto_credentials_to_a_url_taken_from_an_api_response():
    found = _messages(RESPONSE_URL, "x.ts")
    assert [(line, column, code) for line, column, code, _ in found] == [(6, 49, "QNT202"), (7, 65, "QNT202")]
    assert found[0][3].startswith(
        "Qonto credentials are sent to a URL taken from an API response (attachment?.url), which is not Qonto"
    )
    assert "(attachment['pdfUrl'])" in found[1][3]


def test_deno_read_text_file_without_trim_keeps_the_newline():
    source = (
        "const API = 'https://thirdparty.qonto.com/v2';\n"
        "export async function labels() {\n"
        "  const key = await Deno.readTextFile('/run/secrets/qonto');\n"
        "  const trimmed = Deno.readTextFileSync('/run/secrets/qonto').trim();\n"
        "  await fetch(`${API}/labels`, { headers: { Authorization: trimmed } });\n"
        "  return fetch(`${API}/labels`, { headers: { Authorization: key } });\n"
        "}\n"
    )
    assert _found(source) == [(6, 61, "QNT106")]
