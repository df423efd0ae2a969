"""What the Authorization value rules (QNT101-QNT106, QNT108-QNT110) share: the loop over the
Authorization sites in Qonto context, each value read once (`Facts.authorization_readings`).

A header rule says what it finds in one value (`diagnose`) and how to fix it (`fix`); `doctor`
runs the same `diagnose` on a pasted value (`authorization.diagnose.diagnose_authorization`).
Whatever a rule's fix says, it is safe only where Qonto is seen at the site (`site_fix`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .base import Need, Report, Rule

if TYPE_CHECKING:
    from ..authorization.problem import Problem
    from ..authorization.shape import Atom, Reading
    from ..facts.analysis import Facts
    from ..facts.sites import QontoSite
    from ..fixes.edits import Fix

from ..knowledge.qonto import STAGING_HEADER

__all__ = ["STAGING_HEADER", "HeaderRule", "neighbours", "site_fix"]


class HeaderRule(Rule):
    NEEDS = frozenset({Need.HEADER_KEY})

    def diagnose(self, reading: Reading) -> Problem | None:  # pragma: no cover - interface
        """This rule's problem in one Authorization value sent to Qonto, or None."""
        raise NotImplementedError

    def fix(self, facts: Facts, site: QontoSite, problem: Problem) -> Fix | None:
        """The fix of `problem` at `site` (called only for a FIXABLE rule, when fixes are wanted)."""
        return None

    def applies(self, facts: Facts, site: QontoSite) -> bool:
        """Whether the rule reads the value at this site at all (every site unless a rule says)."""
        return True

    def check(self, facts: Facts) -> Iterator[Report]:
        return self.check_values(facts)

    def check_values(self, facts: Facts) -> Iterator[Report]:
        for site, reading in facts.authorization_readings:
            problem = self.diagnose(reading) if self.applies(facts, site) else None
            if problem is not None:
                fix = self.fix(facts, site, problem) if self.FIXABLE and facts.want_fixes else None
                yield self.report(site.value_node, problem.message, site_fix(facts, site, fix))


def site_fix(facts: Facts, site: QontoSite, fix: Fix | None) -> Fix | None:
    """A fix is safe only where Qonto is seen at the site: where its context is only inferred
    (the module's or the class's evidence, the path, `assume-qonto`), the header may be another
    service's, and an edit that is right for Qonto would break that service's call."""
    if fix is None or not fix.safe or facts.qonto_seen(site):
        return fix
    return fix.replace(safe=False)


def neighbours(reading: Reading) -> Iterator[tuple[int, Atom, Atom, str]]:
    """(index, atom, the next atom, the separator between them) along the value, in order."""
    atoms, separators = reading.shape.atoms, reading.shape.separators
    for i in range(len(atoms) - 1):
        yield i, atoms[i], atoms[i + 1], separators[i]
