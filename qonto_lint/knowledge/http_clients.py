"""The HTTP client libraries the analyzer knows: one entry per library, and lookups derived from them.

The facts pass matches calls by their last identifier (`session.get`, `httpx.AsyncClient`), so
the derived sets below are sets of names; the qualified names (`requests.auth.HTTPBasicAuth`)
are kept where a rule resolves imports. Adding a library is adding an entry to `LIBRARIES`;
`tests/facts/test_http_clients.py` then lints a request made with each of its functions and
constructors.

The fields are not Python-specific: a JavaScript client (`axios.create({baseURL, headers})`,
`fetch(url, {headers})`) fills the same ones, with its own `language`.
"""

from __future__ import annotations

from ..record import ValueRecord


class ClientSpec(ValueRecord):
    """How a client (or session, or connection) constructor is given what its requests share; also
    how a request call itself is given its URL, headers and authentication.

    `url_keyword`: the keyword naming the base URL or host (`base_url=`), None when there is none;
    `url_position`: the positional argument that names the host, None when none does (then a
    request made on the client says where it goes); `headers_keyword` / `auth_keyword`: the
    keywords that give every request its headers / its authentication.
    """

    __slots__ = ("url_keyword", "url_position", "headers_keyword", "auth_keyword")

    def __init__(
        self,
        url_keyword: str | None = None,
        url_position: int | None = None,
        headers_keyword: str | None = None,
        auth_keyword: str | None = None,
    ) -> None:
        self.url_keyword = url_keyword
        self.url_position = url_position
        self.headers_keyword = headers_keyword
        self.auth_keyword = auth_keyword


#: what a request call takes in every Python library here: `get(url=..., headers=..., auth=...)`
REQUEST_CALL = ClientSpec(url_keyword="url", headers_keyword="headers", auth_keyword="auth")


class BasicAuthHelper(ValueRecord):
    """A class or function that makes the library send `Authorization: Basic base64(login:secret)`.

    `qualnames`: the dotted names it is imported or reached under; `label`: how messages name it;
    `login` / `secret`: the argument carrying each, a position ("0") or a keyword ("username"),
    or both in one `login:secret` string (`urllib3.make_headers(basic_auth="login:secret")`), None
    when the helper holds neither (urllib's handler takes a password manager);
    `passed_as`: the request keyword its result goes to (`auth=` for an auth object, `headers=`
    for a headers dict); `requires_keyword`: the helper only makes Basic auth with this keyword.
    """

    __slots__ = ("qualnames", "label", "login", "secret", "passed_as", "requires_keyword")

    def __init__(
        self,
        qualnames: tuple[str, ...],
        label: str,
        login: str | None,
        secret: str | None,
        passed_as: str = "auth",
        requires_keyword: str | None = None,
    ) -> None:
        self.qualnames = qualnames
        self.label = label
        self.login = login
        self.secret = secret
        self.passed_as = passed_as
        self.requires_keyword = requires_keyword


class HttpLibrary(ValueRecord):
    """One HTTP client library.

    - `modules`: the modules it is imported from;
    - `request_functions`: module-level functions that send a request (`requests.get`);
    - `request_keywords`: the keywords a request call takes its URL, headers and auth under;
    - `client_constructors`: classes whose instances send requests, with what they share;
    - `client_methods`: methods of those instances (or of a connection) that send a request;
    - `request_classes`: classes that build a request sent later (`Request(method, url)`);
    - `url_after_method`: functions and methods whose URL follows the HTTP method
      (`request("GET", url)`), including those that only start a request (`putrequest`);
    - `header_methods`: methods that set one header from a key and a value (`add_header(k, v)`);
    - `header_keyword_methods`: those of them that also take `key=` / `val=` keywords;
    - `header_containers`: header mapping classes a headers dict goes through on its way;
    - `header_constants`: constants naming the Authorization header (`hdrs.AUTHORIZATION`);
    - `basic_auth_helpers`: see `BasicAuthHelper`;
    - `auth_flow_methods`: methods of a custom auth class that set headers on each request;
    - `url_joiners`: functions that join a base URL and a path.
    """

    __slots__ = (
        "name",
        "language",
        "modules",
        "request_functions",
        "request_keywords",
        "client_constructors",
        "client_methods",
        "request_classes",
        "url_after_method",
        "header_methods",
        "header_keyword_methods",
        "header_containers",
        "header_constants",
        "basic_auth_helpers",
        "auth_flow_methods",
        "url_joiners",
    )
    _compared = ("name", "language")

    def __init__(
        self,
        name: str,
        language: str,
        modules: tuple[str, ...],
        *,
        request_functions: tuple[str, ...] = (),
        request_keywords: ClientSpec | None = None,
        client_constructors: dict[str, ClientSpec] | None = None,
        client_methods: tuple[str, ...] = (),
        request_classes: tuple[str, ...] = (),
        url_after_method: tuple[str, ...] = (),
        header_methods: tuple[str, ...] = (),
        header_keyword_methods: tuple[str, ...] = (),
        header_containers: tuple[str, ...] = (),
        header_constants: tuple[str, ...] = (),
        basic_auth_helpers: tuple[BasicAuthHelper, ...] = (),
        auth_flow_methods: tuple[str, ...] = (),
        url_joiners: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.language = language
        self.modules = modules
        self.request_functions = request_functions
        self.request_keywords = request_keywords or REQUEST_CALL
        self.client_constructors = client_constructors or {}
        self.client_methods = client_methods
        self.request_classes = request_classes
        self.url_after_method = url_after_method
        self.header_methods = header_methods
        self.header_keyword_methods = header_keyword_methods
        self.header_containers = header_containers
        self.header_constants = header_constants
        self.basic_auth_helpers = basic_auth_helpers
        self.auth_flow_methods = auth_flow_methods
        self.url_joiners = url_joiners


#: the HTTP verbs that have a function or method of their own in requests-like libraries
_VERBS = ("get", "post", "put", "patch", "delete", "head", "options")

LIBRARIES: tuple[HttpLibrary, ...] = (
    HttpLibrary(
        "requests",
        "python",
        ("requests",),
        request_functions=(*_VERBS, "request"),
        client_constructors={"Session": ClientSpec()},  # its headers and auth are attributes
        client_methods=(*_VERBS, "request", "send"),
        request_classes=("Request",),
        url_after_method=("request",),
        header_containers=("CaseInsensitiveDict",),
        basic_auth_helpers=(
            BasicAuthHelper(
                ("requests.auth.HTTPBasicAuth", "requests.HTTPBasicAuth"), "requests' HTTPBasicAuth", "0", "1"
            ),
        ),
        auth_flow_methods=("__call__",),
        url_joiners=("requests.compat.urljoin",),
    ),
    HttpLibrary(
        "httpx",
        "python",
        ("httpx",),
        request_functions=(*_VERBS, "request", "stream"),
        client_constructors={
            "Client": ClientSpec(url_keyword="base_url", headers_keyword="headers", auth_keyword="auth"),
            "AsyncClient": ClientSpec(url_keyword="base_url", headers_keyword="headers", auth_keyword="auth"),
        },
        client_methods=(*_VERBS, "request", "stream", "send"),
        request_classes=("Request",),
        url_after_method=("request", "stream"),
        header_containers=("Headers",),
        basic_auth_helpers=(
            BasicAuthHelper(("httpx.BasicAuth", "httpx._auth.BasicAuth"), "httpx.BasicAuth", "0", "1"),
        ),
        auth_flow_methods=("auth_flow", "async_auth_flow", "sync_auth_flow"),
    ),
    HttpLibrary(
        "aiohttp",
        "python",
        ("aiohttp",),
        request_functions=("request",),
        client_constructors={
            "ClientSession": ClientSpec(url_keyword="base_url", headers_keyword="headers", auth_keyword="auth"),
        },
        client_methods=(*_VERBS, "request", "ws_connect"),
        url_after_method=("request",),
        header_containers=("CIMultiDict",),
        header_constants=("hdrs.AUTHORIZATION",),
        basic_auth_helpers=(
            BasicAuthHelper(("aiohttp.BasicAuth", "aiohttp.helpers.BasicAuth"), "aiohttp.BasicAuth", "0", "1"),
        ),
    ),
    HttpLibrary(
        "urllib.request",
        "python",
        ("urllib.request", "urllib.parse", "urllib2", "urlparse"),
        request_functions=("urlopen",),
        request_classes=("Request",),  # Request(url), then urlopen(request)
        header_methods=("add_header", "add_unredirected_header"),
        header_keyword_methods=("add_header", "add_unredirected_header"),
        basic_auth_helpers=(
            # HTTPBasicAuthHandler(password_manager): the credentials are in the manager
            BasicAuthHelper(
                ("urllib.request.HTTPBasicAuthHandler", "urllib2.HTTPBasicAuthHandler"),
                "urllib's HTTPBasicAuthHandler",
                None,
                None,
            ),
        ),
        url_joiners=("urllib.parse.urljoin", "urljoin", "urlparse.urljoin", "parse.urljoin"),
    ),
    HttpLibrary(
        "urllib3",
        "python",
        ("urllib3",),
        request_functions=("request",),
        client_constructors={"PoolManager": ClientSpec(headers_keyword="headers")},
        client_methods=("request", "urlopen"),
        url_after_method=("request", "urlopen"),
        basic_auth_helpers=(
            BasicAuthHelper(
                ("urllib3.make_headers", "urllib3.util.make_headers", "urllib3.util.request.make_headers"),
                "urllib3.make_headers(basic_auth=...)",
                "basic_auth",
                "basic_auth",
                passed_as="headers",
                requires_keyword="basic_auth",
            ),
        ),
    ),
    HttpLibrary(
        "http.client",
        "python",
        ("http.client", "httplib"),
        client_constructors={
            "HTTPConnection": ClientSpec(url_keyword="host", url_position=0),
            "HTTPSConnection": ClientSpec(url_keyword="host", url_position=0),
        },
        client_methods=("request",),
        url_after_method=("request", "putrequest"),
        header_methods=("putheader",),
    ),
    HttpLibrary(
        "tornado",
        "python",
        ("tornado.httpclient",),
        client_methods=("fetch",),  # AsyncHTTPClient().fetch(url, headers=...)
    ),
    HttpLibrary(
        "niquests",
        "python",
        ("niquests",),
        request_functions=(
            *_VERBS,
            "request",
            *("a" + verb for verb in _VERBS),  # the async module-level functions: aget, apost, ...
            "arequest",
        ),
        client_constructors={
            # headers and auth are attributes of the session, as in requests
            "Session": ClientSpec(url_keyword="base_url"),
            "AsyncSession": ClientSpec(url_keyword="base_url"),
        },
        client_methods=(*_VERBS, "request", "send"),
        request_classes=("Request",),
        url_after_method=("request", "arequest"),
        header_containers=("CaseInsensitiveDict",),
        basic_auth_helpers=(BasicAuthHelper(("niquests.auth.HTTPBasicAuth",), "niquests' HTTPBasicAuth", "0", "1"),),
        auth_flow_methods=("__call__",),
    ),
    HttpLibrary(
        "header mappings",
        "python",
        (),
        # `dict.setdefault(key, value)`, and `Headers.set(key, value)` of the header classes of
        # web frameworks and clients alike
        header_methods=("setdefault", "set"),
    ),
    # -- JavaScript and TypeScript: matched by the last identifier of the callee, as in Python;
    # `url_position` is the argument holding the URL, `url_keyword` the option naming it
    HttpLibrary(
        "fetch",
        "javascript",
        ("node-fetch", "undici", "cross-fetch", "isomorphic-fetch"),
        request_functions=("fetch",),
        request_keywords=ClientSpec(url_keyword="url", url_position=0, headers_keyword="headers"),
        request_classes=("Request",),
        header_methods=("set", "append"),
        header_containers=("Headers",),
    ),
    HttpLibrary(
        "axios",
        "javascript",
        ("axios",),
        request_functions=("axios", *_VERBS, "request"),
        request_keywords=ClientSpec(url_keyword="url", url_position=0, headers_keyword="headers", auth_keyword="auth"),
        client_constructors={
            "create": ClientSpec(url_keyword="baseURL", headers_keyword="headers", auth_keyword="auth"),
        },
        client_methods=(*_VERBS, "request"),
        basic_auth_helpers=(
            BasicAuthHelper(("axios.auth",), "axios' auth: { username, password }", "username", "password"),
        ),
    ),
    HttpLibrary(
        "got",
        "javascript",
        ("got",),
        request_functions=("got", *_VERBS),
        request_keywords=ClientSpec(url_keyword="url", url_position=0, headers_keyword="headers"),
        client_constructors={"extend": ClientSpec(url_keyword="prefixUrl", headers_keyword="headers")},
        client_methods=_VERBS,
        basic_auth_helpers=(
            BasicAuthHelper(("got.username",), "got's username and password options", "username", "password"),
        ),
    ),
    HttpLibrary(
        "ky",
        "javascript",
        ("ky",),
        request_functions=("ky", *_VERBS),
        request_keywords=ClientSpec(url_position=0, headers_keyword="headers"),
        client_constructors={
            "create": ClientSpec(url_keyword="prefixUrl", headers_keyword="headers"),
            "extend": ClientSpec(url_keyword="prefixUrl", headers_keyword="headers"),
        },
        client_methods=_VERBS,
    ),
    HttpLibrary(
        "superagent",
        "javascript",
        ("superagent", "supertest"),
        request_functions=(*_VERBS, "del"),
        request_keywords=ClientSpec(url_position=0),
        header_methods=("set",),
        basic_auth_helpers=(BasicAuthHelper(("superagent.auth",), "superagent's .auth(login, secret)", "0", "1"),),
    ),
    HttpLibrary(
        "XMLHttpRequest",
        "javascript",
        (),
        request_classes=("XMLHttpRequest",),
        url_after_method=("open",),
        header_methods=("setRequestHeader",),
    ),
)


class HttpMock(ValueRecord):
    """A library that fakes HTTP servers in tests: what a test registers with it is an answer to
    give, not a request sent, so its URLs and header dicts say nothing about what the code sends.

    - `modules`: the modules it is imported from; every call on one of them is a registration
      (`responses.add(...)`, `respx.get(...)`, `httpretty.register_uri(...)`);
    - `constructors`: what makes an object whose calls register answers, used as a context
      manager, a decorator or a plain call (`requests_mock.Mocker()`, `aioresponses()`);
    - `fixtures`: the test-runner fixtures the library provides, passed to a test by parameter
      name (`respx_mock`, `httpserver`).

    The fields are not Python-specific: a JavaScript mock (nock's `nock(host).get(path)`, msw's
    `http.get(url, resolver)` with `setupServer`) fills the same ones, with its own `language`.
    """

    __slots__ = ("name", "language", "modules", "constructors", "fixtures")
    _compared = ("name", "language")

    def __init__(
        self,
        name: str,
        language: str,
        modules: tuple[str, ...],
        *,
        constructors: tuple[str, ...] = (),
        fixtures: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.language = language
        self.modules = modules
        self.constructors = constructors
        self.fixtures = fixtures


MOCKS: tuple[HttpMock, ...] = (
    HttpMock("responses", "python", ("responses",), constructors=("RequestsMock",), fixtures=("responses",)),
    HttpMock("respx", "python", ("respx",), constructors=("mock", "MockRouter", "Router"), fixtures=("respx_mock",)),
    HttpMock("requests-mock", "python", ("requests_mock",), constructors=("Mocker",), fixtures=("requests_mock",)),
    HttpMock("httpretty", "python", ("httpretty",)),
    HttpMock("aioresponses", "python", ("aioresponses",), constructors=("aioresponses",), fixtures=("aioresponses",)),
    HttpMock(
        "pytest-httpserver", "python", ("pytest_httpserver",), constructors=("HTTPServer",), fixtures=("httpserver",)
    ),
    HttpMock("pytest-httpx", "python", ("pytest_httpx",), constructors=("HTTPXMock",), fixtures=("httpx_mock",)),
)


# -- lookups derived from the table ----------------------------------------------------------


#: the lookups below serve the Python front end
_PYTHON = [library for library in LIBRARIES if library.language == "python"]


def _union(field: str) -> frozenset[str]:
    return frozenset(name for library in _PYTHON for name in getattr(library, field))


#: client, session and connection constructors: `NAME(...)` makes an object whose methods send
CLIENT_CONSTRUCTORS = _union("client_constructors")
#: constructors whose first positional argument names the host (`HTTPSConnection("host")`)
POSITIONAL_URL_CONSTRUCTORS = frozenset(
    name for library in _PYTHON for name, spec in library.client_constructors.items() if spec.url_position is not None
)
#: classes that build a request sent later
REQUEST_CLASSES = _union("request_classes")
#: calls that send a request, build one or make a client, by their last identifier
HTTP_CALL_NAMES = _union("request_functions") | _union("client_methods") | REQUEST_CLASSES | CLIENT_CONSTRUCTORS
#: functions and methods whose URL is the argument after the HTTP method
URL_AFTER_METHOD = _union("url_after_method")
#: methods that set one header from a key and a value
HEADER_METHODS = _union("header_methods")
#: those that also take the key and the value as `key=` / `val=`
HEADER_KEYWORD_METHODS = _union("header_keyword_methods")
#: header mapping classes a headers dict can pass through
HEADER_CONTAINERS = _union("header_containers")
#: `hdrs.AUTHORIZATION`: constants naming the Authorization header, their modules and their names
HEADER_CONSTANTS = tuple(sorted(_union("header_constants")))
HEADER_CONSTANT_MODULES = frozenset(c.rpartition(".")[0] for c in _union("header_constants"))
HEADER_CONSTANT_NAMES = frozenset(c.rpartition(".")[2] for c in _union("header_constants"))
#: Basic-auth helpers by qualified name
BASIC_AUTH_HELPERS = {
    qualname: helper for library in _PYTHON for helper in library.basic_auth_helpers for qualname in helper.qualnames
}
#: how messages name them
BASIC_AUTH_LABELS = {qualname: helper.label for qualname, helper in BASIC_AUTH_HELPERS.items()}
#: Basic-auth helpers by last identifier (a call's name before its imports are resolved)
BASIC_AUTH_NAMES = frozenset(qualname.rpartition(".")[2] for qualname in BASIC_AUTH_LABELS)
#: methods of a custom auth class that set headers on each request it authenticates
AUTH_FLOW_METHODS = _union("auth_flow_methods")
#: functions that join a base URL and a path
URL_JOINERS = _union("url_joiners")
#: keywords naming a request's or a client's URL, headers and authentication
_SPECS = [spec for library in _PYTHON for spec in (library.request_keywords, *library.client_constructors.values())]
URL_KEYWORDS = frozenset(spec.url_keyword for spec in _SPECS if spec.url_keyword)
HEADERS_KEYWORDS = frozenset(spec.headers_keyword for spec in _SPECS if spec.headers_keyword)
AUTH_KEYWORDS = frozenset(spec.auth_keyword for spec in _SPECS if spec.auth_keyword)
#: URL keywords too common outside HTTP clients to make an unknown call a request (`Redis(host=...)`)
AMBIGUOUS_URL_KEYWORDS = frozenset({"host"})
#: keywords that make a call of any name a request (or a client) worth following
REQUEST_KEYWORDS = HEADERS_KEYWORDS | AUTH_KEYWORDS | (URL_KEYWORDS - AMBIGUOUS_URL_KEYWORDS)

#: HTTP mock libraries: the top-level modules whose calls register fake answers
_PYTHON_MOCKS = [mock for mock in MOCKS if mock.language == "python"]
MOCK_MODULES = frozenset(module.split(".")[0] for mock in _PYTHON_MOCKS for module in mock.modules)
#: what makes a mock object, by last identifier (`Mocker`, `aioresponses`, `RequestsMock`)
MOCK_CONSTRUCTORS = frozenset(name for mock in _PYTHON_MOCKS for name in mock.constructors)
#: test fixtures that are mock objects, by parameter name
MOCK_FIXTURES = frozenset(name for mock in _PYTHON_MOCKS for name in mock.fixtures)
