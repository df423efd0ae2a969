"""QNT104 missing-colon-separator: login and secret are joined without a colon."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..authorization.problem import COST, Problem
from ..authorization.shape import is_login, is_secret
from ..facts.values import Hole, Kind, Text, Value
from ._header_rule import HeaderRule, neighbours
from .base import Example, Report

if TYPE_CHECKING:
    import libcst as cst

    from ..authorization.shape import Reading
    from ..facts.analysis import Facts
    from ..facts.sites import QontoSite
    from ..fixes.edits import Fix


class MissingColonSeparator(HeaderRule):
    CODE = "QNT104"
    NAME = "missing-colon-separator"
    SUMMARY = "Login and secret are joined without a colon"
    FIXABLE = True
    DOCS = """
    ## What it does
    Flags an `Authorization` value sent to Qonto where a login-like part and a
    secret-like part are joined with nothing between them, or with another separator
    (`;`, `/`, `|`, `,`, a space). Also flags a value that is a secret alone
    (`f"{api_key}"`, `secret_key`) when the same function or class reads a login
    (`os.environ["QONTO_ORGANIZATION_ID"]`, `self.organization_slug`) and only checks or
    prints it: the login is read but never sent. A single value named as the whole key
    (`QONTO_API_KEY`, `QONTO_AUTH`) with no login read beside it is not flagged.

    ## Why is this bad?
    Qonto splits the key at its one colon. Without it the key cannot be read and the
    call fails with a 401; repeated 401s get the caller throttled. A secret sent
    without its login is a 401 on every call.

    ## Example
    ```python
    headers = {"Authorization": login + secret}
    ```

    Use instead:
    ```python
    headers = {"Authorization": login + ":" + secret}
    ```

    ## Fix safety
    Safe when the fix only edits literal text inside the header value (an f-string, a `%` or `.format` template, a `join` separator, a wrong separator character). Inserting `":"` into a `+` expression is unsafe. A login read but never sent gets no fix: which value is the login is for a person to say.

    Whatever the edit, a fix is safe only where Qonto is seen at the header: the request's URL is a Qonto host, or a part of the value or the client is qonto-named (`QONTO_SECRET_KEY`, `qonto_session`). Where the Qonto context is only inferred (the function's, class's or module's evidence, `qonto` in the path, `assume-qonto`) or the header is also sent to another host, the fix is unsafe: the header may be another service's, and the edit would break its call.
    """  # noqa: E501
    VALID = [
        Example("""
            def qonto_headers(login, secret):
                return {"Authorization": ":".join((login, secret))}
            """),
        Example("""
            def qonto_headers(token, suffix):
                return {"Authorization": token + suffix}
            """),
        Example("""
            import os
            def qonto_headers():
                api_key = os.environ["QONTO_API_KEY"]
                if not api_key:
                    raise RuntimeError("QONTO_API_KEY is required")
                return {"Authorization": api_key}
            """),
        Example(
            """
            fetch("https://thirdparty.qonto.com/v2/labels", {
              headers: { Authorization: process.env.QONTO_LOGIN + ":" + process.env.QONTO_SECRET_KEY },
            });
            """,
            path="labels.js",
        ),
    ]
    INVALID = [
        Example(
            """
            def qonto_headers(login, secret):
                return {"Authorization": login + secret}
            """,
            2,
            30,
        ),
        Example(
            """
            def qonto_headers(login, secret):
                return {"Authorization": "%s;%s" % (login, secret)}
            """,
            2,
            30,
        ),
        Example(
            """
            import os
            def qonto_headers():
                api_key = os.environ["QONTO_API_KEY"]
                organization_id = os.environ["QONTO_ORGANIZATION_ID"]
                if not api_key or not organization_id:
                    raise RuntimeError("QONTO_API_KEY and QONTO_ORGANIZATION_ID are required")
                return {"Authorization": f"{api_key}"}
            """,
            7,
            30,
        ),
        Example(
            """
            export function load(login: string, secretKey: string) {
              const xhr = new XMLHttpRequest();
              xhr.open("GET", "https://thirdparty.qonto.com/v2/bank_accounts");
              xhr.setRequestHeader("Authorization", `${login}${secretKey}`);
              xhr.send();
            }
            """,
            4,
            41,
            path="AccountsScreen.tsx",
        ),
    ]

    def diagnose(self, reading: Reading) -> Problem | None:
        for i, a, b, sep in neighbours(reading):
            if ":" not in sep and ((is_login(a) and is_secret(b)) or (is_secret(a) and is_login(b))):
                shown = "nothing" if sep == "" else repr(sep)
                return Problem(
                    self.CODE,
                    f"Qonto's API key needs a colon between login and secret, found {shown} between "
                    f"{a.describe()} and {b.describe()}: send 'login:secret' ({COST})",
                    {"index": i},
                )
        return None

    def check(self, facts: Facts) -> Iterator[Report]:
        yield from self.check_values(facts)
        for site, reading in facts.authorization_readings:
            if reading.exempt or self.diagnose(reading) is not None or not _secret_alone(reading):
                continue
            login = facts.unsent_login(site.site)
            if login is not None:
                secret = reading.shape.atoms[0].describe()
                yield self.report(
                    site.value_node,
                    f"The login {login} is read but never sent: the Authorization value is {secret} alone, "
                    f"and Qonto's API key is 'login:secret' ({COST})",
                )

    def fix(self, facts: Facts, site: QontoSite, problem: Problem) -> Fix | None:
        if facts.edits is not None:  # the front end edits its own language's text
            return facts.edits.fix_separator(site.value, site.value_node, problem.data.get("index", 0))
        return fix_separator(site.value, site.value_node, facts.parents, problem.data.get("index", 0))


def _secret_alone(reading: Reading) -> bool:
    """The value is one secret-like or static-key-like part, with no scheme and no other text."""
    shape = reading.shape
    if shape.scheme is not None or shape.pasted or len(shape.atoms) != 1 or not shape.atoms[0].is_hole:
        return False
    if any(isinstance(s, str) and s.strip() for s in shape.segments):
        return False
    kinds = shape.atoms[0].kinds
    return bool(kinds & {Kind.SECRET, Kind.STATIC_KEY}) and not kinds & {Kind.LOGIN, Kind.OAUTH}


def fix_separator(value: Value, value_node, parents, index: int = 0) -> Fix | None:
    """Put ':' between login and secret."""
    import libcst as cst

    from ..fixes.edits import Edit, Fix, edit_literal, pair_in_literal, visible_hole, within

    literal = pair_in_literal(
        value,
        value_node,
        parents,
        index,
        lambda a, sep, b: f"{a}:{b}",
        lambda sep: "Insert ':' between login and secret" if not sep else f"Replace {sep.strip() or sep!r} with ':'",
    )
    if literal is not None:
        return literal
    parts = [visible_hole(p) if isinstance(p, Hole) else p for p in value.parts]
    for i, part in enumerate(parts[:-1]):
        if not isinstance(part, Hole):
            continue
        following = parts[i + 1]
        if isinstance(following, Hole):
            return _insert_colon_between(part, following, value_node, parents)
        if isinstance(following, Text) and following.node is not None:
            sep = following.text
            core = sep.strip() or sep
            node = following.node
            safe = within(node, value_node, parents)
            if isinstance(node, cst.SimpleString):

                def transform(body: str, _edge: bool, sep=sep) -> str | None:
                    if body.count(sep) == 1:
                        return body.replace(sep, ":")
                    return None

                replacement = edit_literal(node, transform)
            elif isinstance(node, cst.FormattedString):
                replacement = _replace_in_fstring(node, sep)
            else:
                replacement = None
            if replacement is not None:
                return Fix(f"Replace {core!r} with ':'", (Edit(node, replacement),), safe)
            return None
    return None


def _replace_in_fstring(node: cst.FormattedString, sep: str) -> cst.FormattedString | None:
    import libcst as cst

    from ..fixes.edits import edit_fstring_text

    texts = [i for i, p in enumerate(node.parts) if isinstance(p, cst.FormattedStringText) and sep in p.value]
    if len(texts) != 1 or getattr(node.parts[texts[0]], "value", "").count(sep) != 1:
        return None
    return edit_fstring_text(node, texts[0], lambda text: text.replace(sep, ":"))


def _insert_colon_between(a: Hole, b: Hole, value_node, parents) -> Fix | None:
    import libcst as cst

    from ..fixes.edits import Edit, Fix, string_body, within

    pa, pb = parents.get(a.node), parents.get(b.node)
    # f"{login}{secret}" -> f"{login}:{secret}"
    if isinstance(pa, cst.FormattedStringExpression) and isinstance(pb, cst.FormattedStringExpression):
        fstring = parents.get(pa)
        if fstring is parents.get(pb) and isinstance(fstring, cst.FormattedString):
            parts = list(fstring.parts)
            index = parts.index(pb)
            parts.insert(index, cst.FormattedStringText(":"))
            return Fix(
                "Insert ':' between login and secret",
                (Edit(fstring, fstring.with_changes(parts=parts)),),
                within(fstring, value_node, parents),
            )
    # login + secret -> login + ":" + secret
    if isinstance(pb, cst.BinaryOperation) and isinstance(pb.operator, cst.Add) and pb.right is b.node:
        left = pb.left
        new = cst.BinaryOperation(
            left=cst.BinaryOperation(left=left, operator=pb.operator, right=cst.SimpleString('":"')),
            operator=cst.Add(),
            right=b.node,
            lpar=pb.lpar,
            rpar=pb.rpar,
        )
        return Fix("Insert ':' between login and secret", (Edit(pb, new),), False)
    # "".join([login, secret]) -> ":".join([login, secret])
    container = parents.get(pb) if isinstance(pb, cst.Element) else None
    arg = parents.get(container) if container is not None else None
    call = parents.get(arg) if isinstance(arg, cst.Arg) else None
    if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "join":
        sep = call.func.value
        if isinstance(sep, cst.SimpleString) and sep.evaluated_value in ("", b""):
            opening, _body, quote = string_body(sep)
            new_sep = sep.with_changes(value=f"{opening}:{quote}")
            return Fix("Join with ':'", (Edit(sep, new_sep),), within(sep, value_node, parents))
    # "%s%s" % (...) / "{}{}".format(...): the template literal
    template = _template_literal(value_node, parents, b)
    if template is not None:
        node, body = template
        for pattern, replacement in ((r"%s%s", "%s:%s"), (r"}{", "}:{")):
            if body.count(pattern) == 1:
                opening, _b, quote = string_body(node)
                return Fix(
                    "Insert ':' between login and secret",
                    (Edit(node, node.with_changes(value=f"{opening}{body.replace(pattern, replacement)}{quote}")),),
                    within(node, value_node, parents),
                )
    return None


def _template_literal(value_node, parents, hole: Hole):
    """The template string of the `%` or `.format` expression that produced a hole."""
    import libcst as cst

    from ..fixes.edits import string_body

    current = parents.get(hole.node)
    for _ in range(6):
        if current is None:
            return None
        if (
            isinstance(current, cst.BinaryOperation)
            and isinstance(current.operator, cst.Modulo)
            and isinstance(current.left, cst.SimpleString)
        ):
            return current.left, string_body(current.left)[1]
        if (
            isinstance(current, cst.Call)
            and isinstance(current.func, cst.Attribute)
            and current.func.attr.value == "format"
            and isinstance(current.func.value, cst.SimpleString)
        ):
            return current.func.value, string_body(current.func.value)[1]
        current = parents.get(current)
    return None
