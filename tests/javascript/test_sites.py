"""The JavaScript front end's header sites, requests and Qonto context."""

from __future__ import annotations

import textwrap

from qonto_lint.facts.questions import Context
from qonto_lint.javascript.engine import analyse
from qonto_lint.model import Options


def _sites(source: str, path: str = "client.ts"):
    facts = analyse(textwrap.dedent(source).encode(), path, Options())
    return facts, [(s.key, s.form, s.value_node.start_point[0] + 1) for s in facts.header_sites]


def test_every_form_of_header_site():
    source = """
        const AUTH = 'Authorization';
        const a = { Authorization: v1 };
        const b = { 'X-Qonto-Staging-Token': v2, "authorization": v3 };
        const c = { [AUTH]: v4 };
        const d = new Headers({ Authorisation: v5 });
        headers.set('Authorization', v6);
        headers.append('X-Qonto-Staging-Token', v7);
        axios.defaults.headers.common['Authorization'] = v8;
        config.headers.Authorization = v9;
        xhr.setRequestHeader('Authorization', v10);
        request.set('Authorization', v11);
        const e = { Accept: 'application/json', 'Proxy-Authorization': v12 };
        user.authorization = v13;
    """
    _facts, sites = _sites(source)
    assert sites == [
        ("Authorization", "dict", 3),
        ("X-Qonto-Staging-Token", "dict", 4),
        ("authorization", "dict", 4),
        ("Authorization", "dict", 5),
        ("Authorisation", "dict", 6),
        ("Authorization", "method", 7),
        ("X-Qonto-Staging-Token", "method", 8),
        ("Authorization", "subscript", 9),
        ("Authorization", "subscript", 10),
        ("Authorization", "method", 11),
        ("Authorization", "method", 12),
    ]


def _context(source: str, path: str = "client.js"):
    facts = analyse(textwrap.dedent(source).encode(), path, Options())
    return [(s.site.value_node.start_point[0] + 1, s.context, [t.host for t in s.targets]) for s in facts.qonto_sites]


def test_the_request_url_decides_first():
    source = """
        const QONTO = 'https://thirdparty.qonto.com/v2';
        const STRIPE = 'https://api.stripe.com/v1';
        fetch(`${QONTO}/organization`, { headers: { Authorization: key } });
        axios.get(`${STRIPE}/payouts`, { headers: { Authorization: key } });
        got(QONTO + '/labels', { headers: { Authorization: key } });
    """
    assert _context(source) == [
        (4, Context.URL, ["thirdparty.qonto.com"]),
        (6, Context.URL, ["thirdparty.qonto.com"]),
    ]


def test_clients_made_with_a_base_url_and_relative_paths():
    source = """
        const api = axios.create({ baseURL: 'https://thirdparty.qonto.com/v2', headers: { Authorization: k1 } });
        const k = ky.create({ prefixUrl: 'https://api.github.com', headers: { Authorization: k2 } });
        api.interceptors.request.use((config) => { config.headers.Authorization = k3; return config; });
    """
    assert _context(source) == [
        (2, Context.URL, ["thirdparty.qonto.com"]),
        (4, Context.URL, ["thirdparty.qonto.com"]),
    ]


def test_headers_through_names_superagent_and_xhr():
    source = """
        const URL = 'https://thirdparty.qonto.com/v2/organization';
        function a() {
          const headers = new Headers();
          headers.append('Authorization', k1);
          return fetch(URL, { method: 'GET', headers });
        }
        function b() {
          const req = superagent.get(URL).query({ a: 1 });
          req.set('Authorization', k2);
          superagent.post('https://slack.com/api/x').set({ Authorization: k3 });
        }
        function c() {
          const xhr = new XMLHttpRequest();
          xhr.open('GET', URL);
          xhr.setRequestHeader('Authorization', k4);
        }
    """
    assert _context(source) == [
        (5, Context.URL, ["thirdparty.qonto.com"]),
        (10, Context.URL, ["thirdparty.qonto.com"]),
        (16, Context.URL, ["thirdparty.qonto.com"]),
    ]


def test_names_then_scope_evidence_then_the_path():
    source = """
        function github() { return fetch(url, { headers: { Authorization: `token ${process.env.GITHUB_TOKEN}` } }); }
        function a() { return fetch(url, { headers: { Authorization: process.env.QONTO_API_KEY } }); }
        function b() { const base = 'https://api.openai.com'; return fetch(url, { headers: { Authorization: k } }); }
        function c() { return fetch(url, { headers: { Authorization: k } }); }
        // talks to Qonto
    """
    assert _context(source) == [(3, Context.NAME, [None]), (5, Context.SCOPE, [None])]
    assert _context("fetch(url, { headers: { Authorization: k } });", "src/qonto/api.js") == [
        (1, Context.SCOPE, [None])
    ]
    assert _context("fetch(url, { headers: { Authorization: k } });", "src/api.js") == []


def test_axios_forms_and_fetch_requests():
    source = """
        const QONTO = 'https://thirdparty.qonto.com/v2';
        axios({ url: `${QONTO}/labels`, headers: { Authorization: k1 } });
        axios.post(`${QONTO}/transfers`, { amount: 1 }, { headers: { Authorization: k2 } });
        const request = new Request(`${QONTO}/labels`, { headers: { Authorization: k3 } });
        axios.request({ url: 'https://api.stripe.com/v1/x', headers: { Authorization: k4 } });
    """
    assert _context(source) == [
        (3, Context.URL, ["thirdparty.qonto.com"]),
        (4, Context.URL, ["thirdparty.qonto.com"]),
        (5, Context.URL, ["thirdparty.qonto.com"]),
    ]
