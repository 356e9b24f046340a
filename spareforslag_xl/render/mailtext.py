"""Renders a department's mail texts (subject, plain text, HTML) from jinja2 templates.

The default templates are the repository's top-level 'templates/' folder, installed as the
package spareforslag_xl.templates and read with importlib.resources, so that they are found
in a plain (non-editable) install too. A user's folder (--templates) comes first; a template
it lacks falls back to the default. HTML is autoescaped, and the templates run sandboxed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

from spareforslag_xl.core.parts import DepartmentPart, OthersPart, SplitPart, ThemePart
from spareforslag_xl.model.danish import format_danish, to_decimal
from spareforslag_xl.model.errors import InputError, RequestError
from spareforslag_xl.model.labels import SCENARIO_LINE, bases_text, basis_text, plan_title
from spareforslag_xl.model.plan import Plan

SUBJECT, TEXT, HTML = "subject.txt", "body.txt", "body.html"
TEMPLATE_NAMES = (SUBJECT, TEXT, HTML)
PACKAGE = "spareforslag_xl.templates"


@dataclass(frozen=True)
class MailText:
    subject: str
    text: str
    html: str


def packaged_template(name: str) -> str | None:
    """Return the text of a default template, or None when there is none of that name."""
    path = resources.files(PACKAGE) / name
    return path.read_text(encoding="utf-8") if path.is_file() else None


def template_environment(folder: Path | None = None, decimals: int = 0):
    """Return a sandboxed jinja2 environment over folder (if given) and the default templates."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    loaders: list = []
    if folder is not None:
        folder = Path(folder)
        if not any((folder / name).is_file() for name in TEMPLATE_NAMES):
            raise RequestError(f"{folder} holds none of the templates {', '.join(TEMPLATE_NAMES)}.", remedy="templates")
        loaders.append(jinja2.FileSystemLoader(folder, encoding="utf-8"))

    def default(name: str):
        source = packaged_template(name) if name in TEMPLATE_NAMES else None
        return None if source is None else (source, f"{PACKAGE}/{name}", lambda: True)

    loaders.append(jinja2.FunctionLoader(default))
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm"), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["kr"] = lambda value: _kr(value, decimals)
    env.filters["signed"] = lambda value: ("+" if value is not None and value > 0 else "") + _kr(value, decimals)
    return env


def _kr(value, decimals: int) -> str:
    """The template filter 'kr': an amount the Danish way; numbers of any kind, text as it is."""
    if value is None or isinstance(value, Decimal):
        return format_danish(value, decimals)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_danish(to_decimal(value), decimals)
    return str(value)


class Worded:
    """A department's part as the templates see it: what it is based on in words (model.labels), the rest as it is.

    ``.basis`` of a theme, a split or the difference, and ``.target_basis``, are texts; the parts it
    leads to (``.themes``, ``.splits``, ``.difference``, ``largest()``, ``others()``) are Worded too.
    """

    def __init__(self, part: object) -> None:
        self._part = part

    def __getattr__(self, name: str) -> object:
        part = self._part
        if name == "basis" and isinstance(part, ThemePart):
            return bases_text(part.bases)
        value = getattr(part, name)
        if name in ("basis", "target_basis"):
            return basis_text(value)
        if callable(value):
            return lambda *args, **kwargs: _worded(value(*args, **kwargs))
        return _worded(value)


def _worded(value: object) -> object:
    if isinstance(value, (DepartmentPart, ThemePart, SplitPart, OthersPart)):
        return Worded(value)
    if isinstance(value, (list, tuple)) and any(isinstance(v, (ThemePart, SplitPart)) for v in value):
        return [_worded(v) for v in value]
    return value


def mail_context(part: DepartmentPart, plan: Plan, meeting: str = "", note: str = "", attachment: str = "",
                 changes=None) -> dict:
    """Return the variables the templates see (documented in the README, 'Mail templates');
    ``changes`` is a PlanDiff (build/mail --since), shown when the department's figures changed."""
    s = plan.settings
    return {
        "department": part.department,
        "plan": {"title": plan_title(plan), "subtitle": s.subtitle, "municipality": s.municipality,
                 "budget_year": s.budget_year, "unit": s.unit or "1.000 kr.", "source": plan.source_name,
                 "scenario": plan.scenario.value if plan.scenario else "",
                 "scenario_text": SCENARIO_LINE[plan.scenario.value] if plan.scenario else ""},
        "years": list(part.years),
        "total": part.total,
        "themes": [Worded(t) for t in part.themes],
        "largest": [Worded(t) for t in part.largest()],
        "others": Worded(others) if (others := part.others()) is not None else None,
        "difference": Worded(part.difference),
        "target_share": part.target_share,
        "target_basis": basis_text(part.target_basis),
        "meeting": meeting,
        "note": note,
        "attachment": attachment,
        "part": Worded(part),
        "changes": change_context(changes, part.department.code),
    }


CHANGES_SHOWN = 5
"""The master's changes a mail names; the attached workbook's sheet 'Ændringer' has all."""


def change_context(diff, code: str) -> dict | None:
    """Return the template variable 'changes' for a department, or None when its figures did not change."""
    if diff is None:
        return None
    dept = diff.department(code)
    if dept is None or not dept.any_change(diff.years):
        return None
    from spareforslag_xl.render.change_text import describe, with_amounts

    decimals = diff.new.plan.settings.decimals
    items = [with_amounts(describe(c, decimals=decimals), c, decimals) for c in diff.changes_for(code)]
    return {
        "since": diff.old.plan.source_name,
        "total": {y: {"old": dept.total.old.get(y), "new": dept.total.new.get(y), "change": dept.total.change(y)}
                  for y in diff.years},
        "items": items[:CHANGES_SHOWN],
        "more": max(0, len(items) - CHANGES_SHOWN),
    }


def render_mail(env, context: dict) -> MailText:
    """Return subject, plain text and HTML; raise InputError naming the template that fails."""
    import jinja2

    rendered: dict[str, str] = {}
    for name in TEMPLATE_NAMES:
        try:
            template = env.get_template(name)
            rendered[name] = template.render(**context, subject=rendered.get(SUBJECT, ""))
        except jinja2.TemplateNotFound:
            raise InputError(name, "the template is neither in the --templates folder nor installed with "
                             "spareforslag-xl.",
                             "Reinstall spareforslag-xl, or add the template to your folder.") from None
        except jinja2.TemplateSyntaxError as exc:
            raise InputError(exc.filename or name, f"the template has an error on line {exc.lineno}: {exc.message}.",
                             "Correct the template (see README, 'Mail templates').") from None
        except jinja2.TemplateError as exc:
            raise InputError(_template_file(env, name), f"the template cannot be rendered: {exc.message}.",
                             "Use only the variables listed in README, 'Mail templates'.") from None
        except Exception as exc:  # an expression of the template fails (e.g. text × number)
            line = _template_line(exc, _template_file(env, name))
            where = f" on line {line}" if line else ""
            raise InputError(_template_file(env, name), f"the template cannot be rendered{where}: "
                             f"{type(exc).__name__}: {exc}.", "Correct the expression in the template "
                             "(amounts are exact decimals: use the filter 'kr' to show them).") from None
        if name == SUBJECT:
            # One line whatever the template gives: a line break in a subject could add headers.
            rendered[name] = " ".join(rendered[name].split())
            if not rendered[name]:
                raise InputError(_template_file(env, name), "the template gives an empty subject.",
                                 "Write a subject in the template.")
    return MailText(rendered[SUBJECT], rendered[TEXT], rendered[HTML])


def _template_line(exc: Exception, filename: str) -> int | None:
    """Return the template line of the innermost frame that ran the template, if any."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _template_file(env, name: str) -> str:
    try:
        return env.get_template(name).filename or name
    except Exception:  # pragma: no cover - the template was loaded a moment ago
        return name
