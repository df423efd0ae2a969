"""The guide's diagnosis of one Authorization value, shared by the header rules and `doctor`.

`diagnose_authorization(value)` takes a `Value` (literal text and holes) and
returns the problems it carries, in code order. The rules call it on the value a
header site will carry; `qonto-lint doctor` calls it on `Value.of_text(header)`.
"""

from __future__ import annotations

from ..facts.values import Kind, Origin, Value
from .placeholder import placeholder_in
from .problem import COST, Problem
from .shape import (
    base64_literal,
    is_client_auth,
    is_login,
    is_secret,
    shape_of,
    whitespace_problem,
)


def diagnose_authorization(value: Value, *, oauth_client: bool = False, glued: bool = False) -> list[Problem]:
    """Problems of an Authorization value sent to Qonto, in code order (`glued`: see shape_of)."""
    shape = shape_of(value, glued)
    exempt = oauth_client or is_client_auth(value)
    problems: list[Problem] = []
    atoms, seps = shape.atoms, shape.separators

    if shape.scheme == "basic" and not exempt:
        problems.append(
            Problem(
                "QNT101",
                f"Qonto static API keys take no 'Basic' prefix: send 'login:secret' as is ({COST})",
                {"scheme_text": shape.scheme_text},
            )
        )

    if shape.scheme == "bearer" and atoms and not any(Kind.OAUTH in a.kinds for a in atoms):
        pair = len(atoms) >= 2 and ":" in seps[0]
        single = len(atoms) == 1 and bool(atoms[0].kinds & {Kind.SECRET, Kind.STATIC_KEY})
        if pair or single:
            problems.append(
                Problem(
                    "QNT102",
                    f"'Bearer' is for OAuth access tokens; a Qonto static API key is sent as 'login:secret' with no prefix ({COST})",
                    {"scheme_text": shape.scheme_text},
                )
            )

    encoded = [h for h in value.holes if h.origin is Origin.BASE64]
    decoded_literal = base64_literal(shape) if not encoded else None
    if (encoded or decoded_literal is not None) and not exempt:
        what = f"{encoded[0].name}()" if encoded else "a base64 literal"
        problems.append(
            Problem(
                "QNT103",
                f"Qonto static API keys are not base64-encoded: send 'login:secret' as plain text, not {what} ({COST})",
                {"holes": encoded},
            )
        )

    for i in range(len(atoms) - 1):
        a, b, sep = atoms[i], atoms[i + 1], seps[i]
        if ":" not in sep and ((is_login(a) and is_secret(b)) or (is_secret(a) and is_login(b))):
            shown = "nothing" if sep == "" else repr(sep)
            problems.append(
                Problem(
                    "QNT104",
                    f"Qonto's API key needs a colon between login and secret, found {shown} between "
                    f"{a.describe()} and {b.describe()}: send 'login:secret' ({COST})",
                    {"index": i},
                )
            )
            break

    for i in range(len(atoms) - 1):
        a, b, sep = atoms[i], atoms[i + 1], seps[i]
        if ":" in sep and is_secret(a) and is_login(b):
            problems.append(
                Problem(
                    "QNT105",
                    f"login and secret are swapped ({a.describe()} comes first): Qonto expects 'login:secret', "
                    f"login first ({COST})",
                    {"index": i},
                )
            )
            break

    whitespace = whitespace_problem(shape)
    if whitespace:
        problems.append(Problem("QNT106", f"{whitespace}: Qonto reads the key byte for byte, so strip it ({COST})"))

    if shape.pasted:
        problems.append(
            Problem(
                "QNT108",
                f"the value repeats the header name 'Authorization:': send only the credentials ({COST})",
                {"pasted": True},
            )
        )

    placeholder = placeholder_in(value)
    if placeholder:
        problems.append(Problem("QNT109", f"{placeholder}: put the real credentials in before calling Qonto ({COST})"))

    if shape.scheme != "bearer" and atoms and Kind.OAUTH in atoms[-1].kinds:
        # the token alone, after another scheme (`Basic <token>`), or glued to `Bearer` (`"Bearer" + token`)
        bare = shape.scheme is None and len(atoms) == 1
        glued = (
            shape.scheme is None
            and len(atoms) == 2
            and seps[0] == ""
            and not atoms[0].is_hole
            and atoms[0].part.lower() == "bearer"
        )
        if bare or glued or (shape.scheme == "basic" and len(atoms) == 1):
            problems.append(
                Problem(
                    "QNT110",
                    f"OAuth access token {atoms[-1].describe()} is sent without the 'Bearer ' prefix: "
                    f"send 'Bearer <access_token>' ({COST})",
                    {"bare": bare},
                )
            )
    return problems
