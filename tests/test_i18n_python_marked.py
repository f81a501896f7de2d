"""Every sentence a person reads from the apps' Python goes through the translator.

The modules that talk to people (views, forms, services, access rules, the API) are read
with :mod:`ast`. A string literal with words (or an f-string, or ``"…" % …``) that reaches
a person unmarked fails, naming the file and line: the message of ``messages.*``,
``ValidationError``, ``add_error``, ``Http404``/``PermissionDenied`` (the error pages show
it), ``HttpResponse*``, the API's ``ApiError``/``HttpError`` and ``{"detail": …}``/
``{"message": …}``, the refusals the pages show (``SetupError``, ``TeamError`` …). A name
passed there counts too when it is a module's constant holding bare text. Text inside
``_()``/``gettext``/``gettext_lazy``/``ngettext``/``pgettext``/``gettext_noop`` is fine.
The CLI, log lines, the settings' start-up errors (for the operator) and the engine (its
sentences are written per language by grammar modules) are not scanned.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import immerse

SOURCE = Path(immerse.__file__).parent
#: Modules that speak to people (relative globs under src/immerse).
SCANNED = ("*/views.py", "*/views/*.py", "*/*_views.py", "*/forms.py", "*/forms/*.py",
           "*/services.py", "*/services/*.py", "*/access.py", "*/selectors.py",
           "*/selectors/*.py", "api/*.py", "*/links.py", "backchannel/kinds.py",
           "*/models.py", "*/models/*.py", "config/db_unavailable.py", "config/webapp.py",
           "common/chart_layout.py", "common/charts.py")
#: callee name → (positions, keywords) of the arguments a person reads.
PEOPLE_READ = {
    "ValidationError": ((0,), ("message",)), "add_error": ((1,), ("error",)),
    "Http404": ((0,), ()), "PermissionDenied": ((0,), ()),
    "HttpResponseBadRequest": ((0,), ("content",)), "HttpResponseForbidden": ((0,), ("content",)),
    "HttpResponseNotFound": ((0,), ("content",)), "HttpResponseGone": ((0,), ("content",)),
    "ApiError": ((1,), ("detail",)), "HttpError": ((1,), ("message",)),
    "SetupError": ((1,), ("message",)), "TeamError": ((1,), ("message",)),
    "QuestionError": ((1,), ("message",)), "LearningError": ((0,), ("message",)),
    "SourceInvalid": ((0,), ("message",)), "LinkInvalid": ((0,), ()),
    "UploadRefused": ((0,), ()), "ValueError": ((0,), ()), "_body": ((3,), ("detail",)),
    "no_profile": ((1, 2), ("heading", "reason")),
    # Charts: the title and legend are drawn in the picture (and said to screen readers).
    "bar_chart": ((), ("title", "legend")), "level_chart": ((), ("title", "legend")),
}
#: A form field's words: its label and help, the words of its choices and of its errors.
FORM_KEYWORDS = frozenset({"label", "help_text", "empty_label", "choices", "error_messages"})
#: A ``raise`` of an exception named so says why to a person (the page shows its text).
REFUSALS = ("Error", "Refused", "Invalid", "Used", "NotOpen", "Clash")
#: ``messages.<level>(request, text)``.
MESSAGE_LEVELS = frozenset({"debug", "info", "success", "warning", "error"})
#: Keys of a JSON answer or a page's context whose value a person reads.
READ_KEYS = frozenset({"detail", "message", "error"})
MARKERS = frozenset({"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext",
                     "pgettext_lazy", "npgettext", "gettext_noop", "_lazy"})
#: (module, the text's start) → why it stays as it is (mostly a guard against a mistake in
#: our own code, which the view or form before it already refuses in the reader's words).
ALLOWED = {
    ("backchannel/selectors/networks.py", "f'graph must be one of"):
        "the graph name comes from our own code",
    ("program/selectors.py", "f'unknown schedule format"):
        "the format comes from the URL pattern (xml|json)",
    ("events/models.py", "f'Session {self.pk} has no time slot"):
        "asked only of sessions a query already found scheduled",
    ("people/services/tools.py", "f\"not catalogue tools"):
        "the questionnaire offers catalogue tools only; the tools are synced just before",
    ("people/services/imports.py", "f\"{run.arguments['filename']} is no longer waiting"):
        "a worker's run result, stored as it is written (the worker has no reader's language)",
    ("program/services/schedule.py", "f'“"):
        "the engine's ScheduleFormatError: English with its file and place, like every "
        "schedule file error the engine's parsers give (docs/formats.md)",
    ("program/services/builder.py", "f'Day {item.day}"):
        "a time slot's stored label, made by the open-space run: data the organizer edits",
    ("people/services/languages.py", "f\"language: {language!r} is not one of"):
        "language_set answers an unknown code with its own translated 400 first",
}
WORDS = re.compile(r"[A-Za-z]{2,}")


def _bare(node: ast.AST, constants: dict[str, ast.AST]) -> bool:
    """True when ``node`` is text with words that no marker wraps."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and WORDS.search(node.value) is not None
    if isinstance(node, ast.JoinedStr):
        return any(_bare(value, constants) for value in node.values)
    if isinstance(node, ast.BinOp):
        return _bare(node.left, constants) or _bare(node.right, constants)
    if isinstance(node, ast.Tuple | ast.List):
        return any(_bare(value, constants) for value in node.elts)
    if isinstance(node, ast.BoolOp):
        return any(_bare(value, constants) for value in node.values)
    if isinstance(node, ast.IfExp):
        return _bare(node.body, constants) or _bare(node.orelse, constants)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == "format":
        return _bare(node.func.value, constants)
    name = node.id if isinstance(node, ast.Name) else \
        node.attr if isinstance(node, ast.Attribute) else None
    return name in constants and _bare(constants[name], constants)


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else \
        func.id if isinstance(func, ast.Name) else ""


def _read_arguments(call: ast.Call) -> list[ast.AST]:
    """The arguments of ``call`` a person reads, if ``call`` is one that shows them."""
    name = _callee(call)
    if isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name) \
            and call.func.value.id == "messages" and name in MESSAGE_LEVELS:
        positions, keywords = (1,), ("message",)
    elif name in PEOPLE_READ:
        positions, keywords = PEOPLE_READ[name]
    else:
        return []
    read = [call.args[p] for p in positions
            if len(call.args) > p and not isinstance(call.args[p], ast.Starred)]
    return read + [k.value for k in call.keywords if k.arg in keywords]


def _labels(node: ast.AST, constants: dict[str, ast.AST]) -> ast.AST:
    """What a person reads of a keyword's value: a dict's values (``error_messages``), the
    second of each pair in a list (``choices``), else the value itself."""
    if isinstance(node, ast.Dict):
        return ast.Tuple(elts=[v for v in node.values if v is not None], ctx=ast.Load())
    if isinstance(node, ast.BinOp):  # [("auto", _("Recognise it"))] + [… for …]
        return ast.Tuple(elts=[_labels(node.left, constants), _labels(node.right, constants)],
                         ctx=ast.Load())
    if isinstance(node, ast.Name) and node.id in constants:  # choices=TELL_CHOICES
        return _labels(constants[node.id], constants)
    if isinstance(node, ast.ListComp) and isinstance(node.elt, ast.Tuple) \
            and len(node.elt.elts) == 2:
        return node.elt.elts[1]
    if isinstance(node, ast.List | ast.Tuple) and all(
            isinstance(e, ast.Tuple) and len(e.elts) == 2 for e in node.elts):
        return ast.Tuple(elts=[e.elts[1] for e in node.elts], ctx=ast.Load())  # type: ignore[attr-defined]
    return node


def _choices(node: ast.ClassDef) -> bool:
    """A ``TextChoices``/``IntegerChoices`` class: its labels are shown on pages."""
    return any((base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", ""))
               in ("TextChoices", "IntegerChoices", "Choices") for base in node.bases)


def _constants(trees: dict[str, ast.Module]) -> dict[str, ast.AST]:
    """Module-level ``NAME = value`` of every scanned module (upper-case names)."""
    found: dict[str, ast.AST] = {}
    for tree in trees.values():
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                    and isinstance(node.targets[0], ast.Name) and node.targets[0].id.isupper():
                found[node.targets[0].id] = node.value
    return found


def unmarked(trees: dict[str, ast.Module],
             allowed: dict[tuple[str, str], str] = ALLOWED) -> list[str]:
    """``path:line: text`` for each unmarked sentence a person reads."""
    constants = _constants(trees)
    found: list[str] = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _callee(node) in MARKERS:
                continue
            read: list[ast.AST] = []
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) \
                    and _callee(node.exc) not in PEOPLE_READ \
                    and _callee(node.exc).endswith(REFUSALS) and node.exc.args:
                read.append(node.exc.args[0])  # our own refusals: the pages show them
            if isinstance(node, ast.Call):
                read += _read_arguments(node)
                read += [_labels(k.value, constants) for k in node.keywords
                         if k.arg in FORM_KEYWORDS]
                read += [k.value for k in node.keywords if k.arg == "detail"]
            elif isinstance(node, ast.Dict):
                read += [value for key, value in zip(node.keys, node.values, strict=True)
                         if isinstance(key, ast.Constant) and key.value in READ_KEYS]
            elif isinstance(node, ast.ClassDef) and _choices(node):
                read += [member.value.elts[1] for member in node.body
                         if isinstance(member, ast.Assign) and isinstance(member.value, ast.Tuple)
                         and len(member.value.elts) == 2]
            elif isinstance(node, ast.Assign):  # context["error"] = …
                read += [node.value for target in node.targets
                         if isinstance(target, ast.Subscript)
                         and isinstance(target.slice, ast.Constant)
                         and target.slice.value in READ_KEYS]
            found += [f"{path}:{node.lineno}: {ast.unparse(value)[:70]}"
                      for value in read if _bare(value, constants)
                      and not any(path == module and ast.unparse(value).startswith(start)
                                  for module, start in allowed)]
    return sorted(set(found))


def _scanned() -> dict[str, ast.Module]:
    paths = {path for pattern in SCANNED for path in SOURCE.glob(pattern)}
    return {str(path.relative_to(SOURCE)): ast.parse(path.read_text(encoding="utf-8"))
            for path in sorted(paths)}


def test_python_text_marked_for_translation() -> None:
    assert unmarked(_scanned()) == []


def test_every_allowed_text_is_still_there() -> None:
    """An exception whose text was marked or removed leaves the list (it cannot rot)."""
    found = unmarked(_scanned(), allowed={})
    assert [(module, start) for module, start in ALLOWED
            if not any(f.startswith(f"{module}:") and f.split(": ", 1)[1].startswith(start)
                       for f in found)] == []


def test_checker_finds_bare_text_and_accepts_marked() -> None:
    source = (
        "NOT_YOURS = 'Not yours.'\n"
        "MARKED = _('Marked.')\n"
        "messages.success(request, _('Saved.'))\n"
        "messages.error(request, f'{name} is taken')\n"
        "logger.warning('not read by people')\n"
        "raise Http404(NOT_YOURS)\n"
        "raise Http404(MARKED)\n"
        "form.add_error('email', 'Taken.')\n"
        "form.add_error('email', _('Taken.'))\n"
        "raise ApiError(409, 'Full.', [{'field': 'x', 'message': gettext('too long')}])\n"
        "return {'status': 'pending', 'detail': 'Sent.'}\n"
        "raise SetupError('name', _('%(name)s is taken') % {'name': name})\n"
        "class Status(models.TextChoices):\n"
        "    DONE = 'done', _('Done')\n"
        "    FAILED = 'failed', 'Failed'\n"
    )
    assert unmarked({"views.py": ast.parse(source)}) == [
        "views.py:10: 'Full.'", "views.py:11: 'Sent.'", "views.py:13: 'Failed'",
        "views.py:4: f'{name} is taken'",
        "views.py:6: NOT_YOURS", "views.py:8: 'Taken.'"]
