"""Generated trees for the whole-project benchmark cases of benchmarks/run.py.

- A project of N modules (Django-style: settings, helpers, a Qonto client, and many application
  modules importing each other), and one file of it linted alone: pre-commit names only the staged
  file, and the project view must read what that file imports without costing much more than the
  file alone (target: ≤ 2×).
- Tree C: M small Qonto client modules, each with a request, a header and a settings import: the
  analysis of many small files against bandit's default run on the same tree (target: ≤ 1.0×).
- JS Tree C: the JavaScript/TypeScript twin of Tree C (fetch, axios, got, a React component in turn),
  each file the same lines and bytes as its Python twin (target: ≤ 1.0× qonto-lint on Tree C).
- JS tree: a monorepo's JavaScript and TypeScript with no Qonto code, and node_modules folders
  (target: ≤ 4× the grep floor).

The trees are deterministic and rebuilt only when their recipe changes (a stamp file).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

RECIPE = "project-trees 1"

SETTINGS = '''"""Settings of the application."""
import os

QONTO_API_URL = "https://thirdparty.qonto.com"
QONTO_SANDBOX_URL = "https://thirdparty-sandbox.staging.qonto.co"
QONTO_LOGIN = os.environ["QONTO_LOGIN"]
QONTO_SECRET_KEY = os.environ["QONTO_SECRET_KEY"]
QONTO_STAGING_TOKEN = os.environ.get("QONTO_STAGING_TOKEN", "")
PROVIDERS = {
    "openai": {"base_url": "https://api.openai.com/v1", "model": "gpt-4o-mini"},
    "groq": {"base_url": "https://api.groq.com/openai/v1", "model": "llama3"},
}
TIMEOUT = 30
'''

HELPERS = '''"""Helpers shared by the clients."""
from .settings import QONTO_LOGIN, QONTO_SECRET_KEY


def qonto_auth(login=QONTO_LOGIN, secret=QONTO_SECRET_KEY):
    return f"{login}:{secret}"


def json_headers():
    return {"Accept": "application/json", "Content-Type": "application/json"}
'''

CLIENT = '''"""The Qonto client: the file pre-commit names."""
import requests

from app import settings
from app.helpers import json_headers, qonto_auth
{imports}


def list_accounts():
    headers = {{**json_headers(), "Authorization": "Bearer " + qonto_auth()}}
    response = requests.get(f"{{settings.QONTO_API_URL}}/v2/bank_accounts", headers=headers, timeout=settings.TIMEOUT)
    response.raise_for_status()
    return response.json()["bank_accounts"]


def list_transactions(iban):
    headers = {{"Authorization": qonto_auth()}}
    params = {{"iban": iban, "per_page": 100}}
    response = requests.get(settings.QONTO_API_URL + "/v2/transactions", headers=headers, params=params)
    return response.json()["transactions"]
'''

APP_MODULE = '''"""Application module {index}."""
{imports}

CONSTANT_{index} = "value-{index}"
LIMIT_{index} = {index} * 3


def handle_{index}(payload):
    total = 0
    for item in payload:
        total += len(str(item)) + LIMIT_{index}
    return {{"module": {index}, "total": total, "name": CONSTANT_{index}}}


class Service{index}:
    prefix = "service-{index}"

    def run(self, values):
        return [f"{{self.prefix}}-{{value}}" for value in values]
'''

SMALL_CLIENT = '''"""Qonto client {index}."""
import os

import requests

from .config import QONTO_URL

LOGIN = os.environ["QONTO_LOGIN_{index}"]
SECRET = os.environ["QONTO_SECRET_{index}"]


def fetch_{index}(path):
    headers = {{"Authorization": f"{{LOGIN}}:{{SECRET}}", "Accept": "application/json"}}
    response = requests.get(f"{{QONTO_URL}}/v2/{{path}}", headers=headers, timeout=30)
    response.raise_for_status()
    return response.json()


def organization_{index}():
    return fetch_{index}("organization")["organization"]
'''


def _fresh(target: Path, manifest: str) -> Path | None:
    stamp = target / ".complete"
    if stamp.is_file() and stamp.read_text() == manifest:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=target.name + "-", dir=target.parent))


def _finish(staging: Path, target: Path, manifest: str) -> None:
    (staging / ".complete").write_text(manifest)
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)


def build_project(trees: Path, modules: int) -> tuple[Path, Path, Path]:
    """(project root, the client file inside it, the same file alone in a project of its own)."""
    target = trees / f"project-{modules}"
    manifest = f"{RECIPE}\n{modules}\n"
    staging = _fresh(target, manifest)
    if staging is not None:
        project = staging / "project"
        app = project / "app"
        (app / "services").mkdir(parents=True)
        (app / "modules").mkdir()
        (project / "pyproject.toml").write_text('[project]\nname = "app"\nversion = "0"\n')
        (app / "__init__.py").write_text("")
        (app / "services" / "__init__.py").write_text("")
        (app / "modules" / "__init__.py").write_text("")
        (app / "settings.py").write_text(SETTINGS)
        (app / "helpers.py").write_text(HELPERS)
        count = max(modules - 6, 1)
        for index in range(count):
            # each module imports the next three: what the client imports reaches the whole project
            deps = [f"from . import m{(index + step) % count:04d}" for step in (1, 2, 3) if (index + step) < count]
            text = APP_MODULE.format(index=index, imports="\n".join(["from app import settings", *deps]))
            (app / "modules" / f"m{index:04d}.py").write_text(text)
        imports = "\n".join(f"from app.modules import m{index:04d}" for index in range(min(5, count)))
        (app / "services" / "qonto.py").write_text(CLIENT.format(imports=imports))
        alone = staging / "alone"
        alone.mkdir()
        (alone / "pyproject.toml").write_text('[project]\nname = "alone"\nversion = "0"\n')
        (alone / "qonto.py").write_text(CLIENT.format(imports=imports))
        _finish(staging, target, manifest)
    project = target / "project"
    return project, project / "app" / "services" / "qonto.py", target / "alone" / "qonto.py"


def build_tree_c(trees: Path, files: int) -> Path:
    """`files` small Qonto client modules in packages of 100, each package with its config module."""
    target = trees / f"C-{files}"
    manifest = f"{RECIPE}\n{files}\n"
    staging = _fresh(target, manifest)
    if staging is not None:
        (staging / "pyproject.toml").write_text('[project]\nname = "clients"\nversion = "0"\n')
        for index in range(files):
            package = staging / "clients" / f"p{index // 100:03d}"
            if not package.is_dir():
                package.mkdir(parents=True)
                (package / "__init__.py").write_text("")
                (package / "config.py").write_text('QONTO_URL = "https://thirdparty.qonto.com"\n')
            (package / f"client_{index:05d}.py").write_text(SMALL_CLIENT.format(index=index))
        _finish(staging, target, manifest)
    return target


# --------------------------------------------------------------------------- JavaScript and TypeScript

JS_RECIPE = "js-trees 1"
#: the suffixes qonto-lint reads as JavaScript or TypeScript (qonto_lint.files.JAVASCRIPT_SUFFIXES):
#: the grep floor takes the same files, and run.py checks that qonto-lint read them all
JS_SUFFIXES = (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx")

#: the small JavaScript/TypeScript Qonto clients, one per suffix in turn; each is padded on its first
#: line to the exact size (lines and bytes) of the Python client of the same index (SMALL_CLIENT)
SMALL_JS_CLIENTS = (
    (
        ".js",
        """/**
 * {comment}
 */
import {{ QONTO_URL }} from "./config.js";

const LOGIN = process.env.QONTO_LOGIN_{index};
const SECRET = process.env.QONTO_SECRET_{index};

export async function fetch{index}(path) {{
  const response = await fetch(`${{QONTO_URL}}/v2/${{path}}`, {{
    headers: {{ Authorization: `${{LOGIN}}:${{SECRET}}` }},
  }});

  return response.json();
}}

export async function organization{index}() {{
  const body = await fetch{index}("organization");
  return body.organization;
}}
""",
    ),
    (
        ".ts",
        """/**
 * {comment}
 */
import axios from "axios";
import {{ QONTO_URL }} from "./config";

const LOGIN: string = process.env.QONTO_LOGIN_{index}!;
const SECRET: string = process.env.QONTO_SECRET_{index}!;

const client{index} = axios.create({{
  baseURL: `${{QONTO_URL}}/v2`,
  headers: {{ Authorization: `${{LOGIN}}:${{SECRET}}` }},
  timeout: 30000,
}});

export async function organization{index}() {{
  const response = await client{index}.get("/organization");

  return response.data.organization;
}}
""",
    ),
    (
        ".mjs",
        """/**
 * {comment}
 */
import got from "got";
import {{ QONTO_URL }} from "./config.js";

const LOGIN = process.env.QONTO_LOGIN_{index};
const SECRET = process.env.QONTO_SECRET_{index};

const qonto{index} = got.extend({{
  prefixUrl: `${{QONTO_URL}}/v2`,
  headers: {{ authorization: `${{LOGIN}}:${{SECRET}}` }},
  timeout: {{ request: 30000 }},
}});

export function transactions{index}(iban) {{
  const searchParams = {{ iban }};

  return qonto{index}.get("transactions", {{ searchParams }}).json();
}}
""",
    ),
    (
        ".tsx",
        """/**
 * {comment}
 */
import {{ useEffect, useState }} from "react";
import {{ QONTO_URL }} from "./config";

const API_KEY = process.env.QONTO_API_KEY_{index};

export function Balance{index}() {{
  const [balance, setBalance] = useState(0);
  useEffect(() => {{
    fetch(`${{QONTO_URL}}/v2/organization`, {{
      headers: {{ Authorization: API_KEY }},
    }})
      .then((r) => r.json())
      .then((b) => setBalance(b.balance));
  }}, []);

  return <p>{{balance}}</p>;
}}
""",
    ),
)

_FILLER = (
    "reads the organization and its bank accounts for the treasury dashboard; the login and the "
    "secret key come from the environment, never from the code "
)


def small_js_client(index: int) -> tuple[str, str]:
    """(suffix, text) of JavaScript/TypeScript client `index`: as many lines and bytes as the Python one."""
    suffix, template = SMALL_JS_CLIENTS[index % len(SMALL_JS_CLIENTS)]
    python = SMALL_CLIENT.format(index=index).encode()
    bare = template.format(index=index, comment="").encode()
    room = len(python) - len(bare)
    head = f"Qonto client {index}: "
    if room < len(head) or python.count(b"\n") != bare.count(b"\n"):
        raise ValueError(f"client {index}: the {suffix} template does not fit the Python client's size")
    words = (head + _FILLER * (1 + room // len(_FILLER)))[: room + 1]
    comment = words[: words.rfind(" ")].rstrip(" ;,") + "."
    comment = comment[:room].ljust(room, ".")  # a trailing space would not survive an editor
    return suffix, template.format(index=index, comment=comment)


def build_tree_js_clients(trees: Path, files: int) -> Path:
    """`files` small JavaScript/TypeScript Qonto clients in packages of 100, each package with its
    config module: the JavaScript twin of Tree C, file for file the same size."""
    target = trees / f"JC-{files}"
    manifest = f"{JS_RECIPE}\n{RECIPE}\n{files}\n"
    staging = _fresh(target, manifest)
    if staging is not None:
        (staging / "package.json").write_text('{"name": "clients", "private": true, "type": "module"}\n')
        for index in range(files):
            package = staging / "clients" / f"p{index // 100:03d}"
            if not package.is_dir():
                package.mkdir(parents=True)
                (package / "config.js").write_text('export const QONTO_URL = "https://thirdparty.qonto.com";\n')
            suffix, text = small_js_client(index)
            (package / f"client_{index:05d}{suffix}").write_text(text)
        _finish(staging, target, manifest)
    return target


# A monorepo's front end and Node services with no Qonto code: what the text gate must get through
# at the speed of a grep. Each kind of file is a function of (index, rng); the names vary with the
# index and the lengths with the rng, so that no two files are alike.

_ENTITIES = ("user", "invoice", "order", "product", "customer", "payment", "report", "team", "project", "ticket")
_APIS = (
    ("STRIPE_SECRET_KEY", "https://api.stripe.com/v1"),
    ("GITHUB_TOKEN", "https://api.github.com"),
    ("OPENAI_API_KEY", "https://api.openai.com/v1"),
    ("SLACK_BOT_TOKEN", "https://slack.com/api"),
    ("SENDGRID_API_KEY", "https://api.sendgrid.com/v3"),
)


def _camel(name: str) -> str:
    return name[:1].upper() + name[1:]


def _component(index: int, rng) -> str:
    entity = rng.choice(_ENTITIES)
    name = f"{_camel(entity)}List{index}"
    fields = rng.sample(("id", "name", "email", "status", "createdAt", "amount", "owner", "title"), rng.randint(3, 6))
    rows = "\n".join(f"          <td>{{item.{field}}}</td>" for field in fields)
    heads = "\n".join(f"          <th>{_camel(field)}</th>" for field in fields)
    props = "\n".join(f"  {field}: string;" for field in fields)
    return f"""import {{ useCallback, useEffect, useMemo, useState }} from "react";
import {{ Button, Spinner, Table }} from "@acme/ui";
import {{ formatDate }} from "../../lib/format";
import type {{ Paginated }} from "../../types/api";

export interface {_camel(entity)}Row{index} {{
{props}
}}

interface Props {{
  pageSize?: number;
  onSelect?: (row: {_camel(entity)}Row{index}) => void;
}}

export function {name}({{ pageSize = {rng.choice((10, 20, 25, 50))}, onSelect }}: Props) {{
  const [page, setPage] = useState(1);
  const [items, setItems] = useState<{_camel(entity)}Row{index}[]>([]);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {{
    setLoading(true);
    try {{
      const response = await fetch(`/api/{entity}s?page=${{page}}&size=${{pageSize}}`, {{
        headers: {{ Accept: "application/json" }},
        credentials: "include",
      }});
      const body: Paginated<{_camel(entity)}Row{index}> = await response.json();
      setItems(body.items);
    }} finally {{
      setLoading(false);
    }}
  }}, [page, pageSize]);

  useEffect(() => {{
    void load();
  }}, [load]);

  const sorted = useMemo(() => [...items].sort((a, b) => a.{fields[0]}.localeCompare(b.{fields[0]})), [items]);

  if (loading) {{
    return <Spinner label="Loading {entity}s" />;
  }}
  return (
    <Table>
      <thead>
        <tr>
{heads}
        </tr>
      </thead>
      <tbody>
        {{sorted.map((item) => (
          <tr key={{item.{fields[0]}}} onClick={{() => onSelect?.(item)}}>
{rows}
          </tr>
        ))}}
      </tbody>
      <Button onClick={{() => setPage((p) => p + 1)}}>Next</Button>
    </Table>
  );
}}
"""


def _service(index: int, rng) -> str:
    variable, base = rng.choice(_APIS)
    entity = rng.choice(_ENTITIES)
    methods = []
    for number in range(rng.randint(3, 8)):
        verb = rng.choice(("get", "post", "patch", "delete"))
        body = ", body: JSON.stringify(payload)" if verb in ("post", "patch") else ""
        methods.append(
            f"""  async {verb}{_camel(entity)}{number}(id: string, payload: Record<string, unknown> = {{}}) {{
    const response = await fetch(`${{this.baseUrl}}/{entity}s/${{id}}/step{number}`, {{
      method: "{verb.upper()}",
      headers: this.headers(){body},
    }});
    if (!response.ok) {{
      throw new ApiError(response.status, await response.text());
    }}
    return (await response.json()) as {_camel(entity)}Response;
  }}
"""
        )
    return f"""import {{ ApiError }} from "./errors";
import type {{ {_camel(entity)}Response }} from "../types/{entity}";

export class {_camel(entity)}Client{index} {{
  private readonly baseUrl = "{base}";

  constructor(private readonly apiKey: string = process.env.{variable} ?? "") {{}}

  private headers(): Record<string, string> {{
    return {{
      Authorization: `Bearer ${{this.apiKey}}`,
      "Content-Type": "application/json",
    }};
  }}

{chr(10).join(methods)}}}
"""


def _route(index: int, rng) -> str:
    entity = rng.choice(_ENTITIES)
    handlers = []
    for number in range(rng.randint(2, 6)):
        handlers.append(
            f"""router.get("/{entity}s/:id/part{number}", async (req, res, next) => {{
  try {{
    const record = await db.{entity}.findUnique({{ where: {{ id: req.params.id }} }});
    if (!record) {{
      return res.status(404).json({{ error: "not found" }});
    }}
    const {{ data }} = await axios.get(`${{SERVICE_URL}}/{entity}s/${{record.id}}`, {{ timeout: 5000 }});
    res.json({{ ...record, extra: data, part: {number} }});
  }} catch (error) {{
    next(error);
  }}
}});
"""
        )
    return f"""const express = require("express");
const axios = require("axios");
const {{ db }} = require("../db");
const logger = require("../logger");

const SERVICE_URL = process.env.{entity.upper()}_SERVICE_URL || "http://localhost:{4000 + index % 1000}";
const router = express.Router();

router.use((req, res, next) => {{
  logger.info({{ path: req.path, method: req.method }}, "request {index}");
  next();
}});

{chr(10).join(handlers)}
module.exports = router;
"""


def _types(index: int, rng) -> str:
    entity = rng.choice(_ENTITIES)
    members = "\n".join(
        f"  {field}{'?' if rng.random() < 0.3 else ''}: {kind};"
        for field, kind in rng.sample(
            [
                ("id", "string"),
                ("createdAt", "string"),
                ("updatedAt", "string"),
                ("amount", "number"),
                ("currency", '"EUR" | "USD" | "GBP"'),
                ("tags", "string[]"),
                ("owner", "UserRef"),
                ("metadata", "Record<string, string>"),
                ("status", "Status"),
            ],
            rng.randint(4, 9),
        )
    )
    states = " | ".join(f'"{s}"' for s in rng.sample(("draft", "open", "paid", "void", "late", "closed"), 4))
    return f"""export type Status = {states};

export interface UserRef {{
  id: string;
  displayName: string;
}}

export interface {_camel(entity)}{index} {{
{members}
}}

export interface {_camel(entity)}Page{index} {{
  items: {_camel(entity)}{index}[];
  total: number;
  nextCursor: string | null;
}}

export enum {_camel(entity)}Event{index} {{
  Created = "{entity}.created",
  Updated = "{entity}.updated",
  Deleted = "{entity}.deleted",
}}

export type {_camel(entity)}Patch{index} = Partial<Omit<{_camel(entity)}{index}, "id" | "createdAt">>;
"""


def _util(index: int, rng) -> str:
    functions = []
    for number in range(rng.randint(3, 10)):
        functions.append(
            f"""/**
 * Formats a value for display ({number}).
 * @param {{number}} value
 * @returns {{string}}
 */
export function format{number}x{index}(value, locale = "en-GB") {{
  if (value === null || value === undefined || Number.isNaN(value)) {{
    return "-";
  }}
  const formatter = new Intl.NumberFormat(locale, {{ maximumFractionDigits: {number % 4} }});
  return formatter.format(value).replace(/\\u00a0/g, " ");
}}
"""
        )
    return "\n".join(functions)


def _config(index: int, rng) -> str:
    return f"""/** @type {{import('jest').Config}} */
module.exports = {{
  displayName: "package-{index}",
  testEnvironment: "{rng.choice(("node", "jsdom"))}",
  transform: {{ "^.+\\\\.(t|j)sx?$": ["@swc/jest"] }},
  moduleNameMapper: {{ "^@/(.*)$": "<rootDir>/src/$1" }},
  collectCoverageFrom: ["src/**/*.{{ts,tsx}}", "!src/**/*.d.ts"],
  coverageThreshold: {{ global: {{ branches: {rng.randint(60, 90)}, lines: {rng.randint(60, 90)} }} }},
}};
"""


def _test(index: int, rng) -> str:
    entity = rng.choice(_ENTITIES)
    cases = "\n".join(
        f"""  it("handles case {number}", async () => {{
    fetchMock.mockResponseOnce(JSON.stringify({{ items: [{{ id: "{entity}-{number}" }}], total: 1 }}));
    const result = await load{_camel(entity)}s({{ page: {number} }});
    expect(result.items).toHaveLength(1);
    expect(fetchMock).toHaveBeenCalledWith(expect.stringContaining("page={number}"), expect.anything());
  }});
"""
        for number in range(rng.randint(2, 6))
    )
    return f"""import {{ describe, expect, it, beforeEach }} from "@jest/globals";
import fetchMock from "jest-fetch-mock";
import {{ load{_camel(entity)}s }} from "../src/api/{entity}s";

describe("load{_camel(entity)}s {index}", () => {{
  beforeEach(() => {{
    fetchMock.resetMocks();
  }});

{cases}}});
"""


def _legacy(index: int, rng) -> str:
    entity = rng.choice(_ENTITIES)
    return f"""import React from "react";
import PropTypes from "prop-types";

export default class {_camel(entity)}Card{index} extends React.Component {{
  static propTypes = {{ id: PropTypes.string.isRequired, onClose: PropTypes.func }};

  state = {{ data: null, error: null }};

  componentDidMount() {{
    fetch(`/api/{entity}s/${{this.props.id}}`)
      .then((response) => response.json())
      .then((data) => this.setState({{ data }}))
      .catch((error) => this.setState({{ error }}));
  }}

  render() {{
    const {{ data, error }} = this.state;
    if (error) return <div className="error">{{String(error)}}</div>;
    if (!data) return <div className="loading" />;
    return (
      <div className="card">
        <h2>{{data.name}}</h2>
        <button onClick={{this.props.onClose}}>Close</button>
      </div>
    );
  }}
}}
"""


#: (directory, suffix, generator, weight)
_JS_KINDS = (
    ("apps/web/src/components", ".tsx", _component, 6),
    ("apps/web/src/services", ".ts", _service, 4),
    ("apps/api/src/routes", ".js", _route, 4),
    ("packages/types/src", ".ts", _types, 3),
    ("packages/types/src/generated", ".d.ts", _types, 1),
    ("packages/utils/src", ".mjs", _util, 2),
    ("packages/config", ".cjs", _config, 1),
    ("apps/web/tests", ".test.ts", _test, 2),
    ("apps/legacy/src", ".jsx", _legacy, 2),
)


def build_tree_js(trees: Path, files: int, installed: int) -> tuple[Path, int]:
    """(root, files outside node_modules): `files` JavaScript/TypeScript files that never mention
    Qonto, in folders of 50, and `installed` more under node_modules folders (excluded by default,
    and by the grep floor)."""
    import random

    target = trees / f"JA-{files}-{installed}"
    manifest = f"{JS_RECIPE}\n{files}\n{installed}\n"
    staging = _fresh(target, manifest)
    if staging is not None:
        rng = random.Random(15)
        weighted = [kind for kind in _JS_KINDS for _ in range(kind[3])]
        (staging / "package.json").write_text('{"name": "monorepo", "private": true, "workspaces": ["apps/*"]}\n')
        for index in range(files):
            directory, suffix, make, _weight = weighted[index % len(weighted)]
            folder = staging / directory / f"g{index // 50:03d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"m{index:05d}{suffix}").write_text(make(index, rng))
        for index in range(installed):
            where = ("node_modules", "apps/web/node_modules")[index % 2]
            _directory, suffix, make, _weight = weighted[index % len(weighted)]
            folder = staging / where / f"pkg{index // 20:03d}" / "lib"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"index{index:05d}{suffix}").write_text(make(index, rng))
        _finish(staging, target, manifest)
    return target, files
