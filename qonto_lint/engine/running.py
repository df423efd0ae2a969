"""What every front end does with its facts: run the selected rules, and skip a file over budget."""

from __future__ import annotations

from ..model import FileResult, Options
from .parsing import OverBudget, Unparsable, internal_reason, unreadable

TOO_DEEP = "the file is nested too deeply to analyse"


def skip(result: FileResult, error: OverBudget | Unparsable, options: Options) -> None:
    """The file is not analysed: one QNT900 finding says why; what was found so far is dropped."""
    result.findings.clear()
    if not options.selected("QNT900"):
        return
    if isinstance(error, OverBudget):
        result.findings.append(error.finding(result.path))
        result.over_budget = True
    else:
        result.findings.append(unreadable(result.path, str(error)))


def run_rules(facts, options: Options, result: FileResult, over_budget: tuple = ()) -> list:
    """Every selected rule over one file's facts (whichever front end made them): the reports;
    a rule's own failure is an internal error of the file, the other rules still run."""
    from ..rules import ALL_RULES

    reports: list = []
    for rule_class in ALL_RULES:
        if not options.selected(rule_class.CODE) or rule_class.CODE == "QNT900":
            continue
        try:
            reports.extend(rule_class().check(facts))
        except over_budget as error:
            raise OverBudget("evaluation steps", error.budget, "max-evaluation-steps") from None
        except RecursionError:
            result.errors.append((rule_class.CODE, TOO_DEEP))
        except Exception as error:  # one rule failing must not stop the others
            result.errors.append((rule_class.CODE, internal_reason(error)))
    return reports
