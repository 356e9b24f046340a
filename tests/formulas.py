"""A small evaluator for the formulas our workbooks contain, to prove stored values right.

It understands what the renderers write: numbers, "text", cell and range references (also
'Other sheet'!$A$1), + - * / and =, and SUM, COUNT, IF, ISNUMBER, ROUND, N. Anything else
raises, so a new kind of formula cannot slip through untested.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<string>"(?:[^"]|"")*")
  | (?P<ref>(?:'(?:[^']|'')+'!|[A-Za-z_][\w.]*!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)
  | (?P<func>[A-Z][A-Z0-9.]*)\(
  | (?P<number>\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
  | (?P<op><=|>=|<>|[-+*/=(),<>])
""", re.VERBOSE)


def col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


class Evaluator:
    """Evaluates formulas against cells {(sheet, 'B12'): value or '=formula'}."""

    def __init__(self, cells: dict[tuple[str, str], object]) -> None:
        self.cells = cells
        self.cache: dict[tuple[str, str], object] = {}

    def value(self, sheet: str, ref: str):
        key = (sheet, ref)
        if key in self.cache:
            return self.cache[key]
        raw = self.cells.get(key)
        result = self.evaluate(sheet, raw) if isinstance(raw, str) and raw.startswith("=") else raw
        self.cache[key] = result
        return result

    def evaluate(self, sheet: str, formula: str):
        tokens = [(m.lastgroup, m.group(m.lastgroup)) for m in _TOKEN.finditer(formula[1:]) if m.lastgroup != "ws"]
        joined = "".join(t[1] + ("(" if t[0] == "func" else "") for t in tokens)
        if joined.replace(" ", "") != formula[1:].replace(" ", ""):
            raise ValueError(f"cannot tokenize {formula!r}")
        parser = _Parser(tokens, self, sheet)
        result = parser.comparison()
        if parser.pos != len(tokens):
            raise ValueError(f"trailing tokens in {formula!r}")
        return result

    def range_values(self, sheet: str, ref: str) -> list:
        target, first, last = _split_ref(sheet, ref)
        c1, r1 = _cell(first)
        c2, r2 = _cell(last)
        values = []
        for row in range(r1, r2 + 1):
            for col in range(c1, c2 + 1):
                values.append(self.value(target, _name(col, row)))
        return values


def _split_ref(sheet: str, ref: str):
    if "!" in ref:
        target, _, ref = ref.rpartition("!")
        sheet = target.strip("'").replace("''", "'")
    ref = ref.replace("$", "")
    first, _, last = ref.partition(":")
    return sheet, first, last or first


def _cell(ref: str) -> tuple[int, int]:
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    return col_index(m.group(1)), int(m.group(2))


def _name(col: int, row: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


class XlError(str):
    """An Excel error value (#VALUE!): it flows through arithmetic like Excel's, so that IF can
    choose the branch that does not need it (Excel evaluates IF lazily)."""


VALUE_ERROR = XlError("#VALUE!")


def _num(v) -> Decimal:
    if v is None:
        return Decimal(0)
    if isinstance(v, bool):
        return Decimal(int(v))
    if isinstance(v, (int, float, Decimal)):
        return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
    raise TypeError(f"#VALUE! ({v!r} is not a number)")


def _arith(op, *values):
    """Apply op to numbers; text or an error gives #VALUE!, as in Excel."""
    try:
        return op(*(_num(v) for v in values))
    except TypeError:
        return VALUE_ERROR


class _Parser:
    def __init__(self, tokens, ev: Evaluator, sheet: str) -> None:
        self.tokens, self.ev, self.sheet, self.pos = tokens, ev, sheet, 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def take(self, value=None):
        kind, text = self.peek()
        if value is not None and text != value:
            raise ValueError(f"expected {value!r}, got {text!r}")
        self.pos += 1
        return kind, text

    def comparison(self):
        left = self.additive()
        while self.peek()[1] in ("=", "<>", "<", ">", "<=", ">="):
            op = self.take()[1]
            right = self.additive()
            compare = {"=": lambda l, r: l == r, "<>": lambda l, r: l != r, "<": lambda l, r: l < r,
                       ">": lambda l, r: l > r, "<=": lambda l, r: l <= r, ">=": lambda l, r: l >= r}[op]
            left = _arith(compare, left, right)
        return left

    def additive(self):
        left = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            right = self.term()
            left = _arith((lambda a, b: a + b) if op == "+" else (lambda a, b: a - b), left, right)
        return left

    def term(self):
        left = self.unary()
        while self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            right = self.unary()
            left = _arith((lambda a, b: a * b) if op == "*" else (lambda a, b: a / b), left, right)
        return left

    def unary(self):
        if self.peek()[1] == "-":
            self.take()
            return _arith(lambda a: -a, self.unary())
        return self.atom()

    def atom(self):
        kind, text = self.take()
        if kind == "number":
            return Decimal(text)
        if kind == "string":
            return text[1:-1].replace('""', '"')
        if kind == "ref":
            if ":" in text:
                return ("range", text)
            target, first, _ = _split_ref(self.sheet, text)
            return self.ev.value(target, first)
        if kind == "func":
            args = []
            if self.peek()[1] != ")":
                args.append(self.comparison())
                while self.peek()[1] == ",":
                    self.take()
                    args.append(self.comparison())
            self.take(")")
            return self.call(text, args)
        if text == "(":
            value = self.comparison()
            self.take(")")
            return value
        raise ValueError(f"unexpected {text!r}")

    def flat(self, args) -> list:
        values = []
        for a in args:
            if isinstance(a, tuple) and a and a[0] == "range":
                values.extend(self.ev.range_values(self.sheet, a[1]))
            else:
                values.append(a)
        return values

    def call(self, name: str, args):
        numbers = lambda: [v for v in self.flat(args) if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)]  # noqa: E731
        if name == "SUM":
            return sum((_num(v) for v in numbers()), Decimal(0))
        if name == "COUNT":
            return Decimal(len(numbers()))
        if name == "IF":
            if isinstance(args[0], XlError):
                return args[0]
            return args[1] if args[0] else (args[2] if len(args) > 2 else False)
        if name == "ISNUMBER":
            return isinstance(args[0], (int, float, Decimal)) and not isinstance(args[0], bool)
        if name == "ROUND":
            return _arith(lambda v, d: v.quantize(Decimal(1).scaleb(-int(d)), rounding=ROUND_HALF_UP), args[0], args[1])
        if name == "N":
            return args[0] if isinstance(args[0], (int, float, Decimal)) else Decimal(0)
        raise ValueError(f"function {name} is not supported by the test evaluator")


def check_formulas(path) -> list[str]:
    """Return a line for every formula cell whose stored value differs from what it computes."""
    import openpyxl

    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    cells: dict[tuple[str, str], object] = {}
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    cells[(ws.title, c.coordinate)] = c.value
    ev = Evaluator(cells)
    problems = []
    checked = 0
    for (sheet, ref), raw in cells.items():
        if not (isinstance(raw, str) and raw.startswith("=")):
            continue
        checked += 1
        stored = values[sheet][ref].value
        computed = ev.value(sheet, ref)
        if isinstance(computed, Decimal) or isinstance(stored, (int, float)):
            ok = isinstance(stored, (int, float)) and abs(_num(computed) - _num(stored)) <= Decimal("1e-9") * max(1, abs(_num(stored)))
        else:
            ok = computed == stored
        if not ok:
            problems.append(f"{sheet}!{ref}: {raw} computes {computed!r}, stored {stored!r}")
    if checked == 0:
        problems.append("no formulas found")
    return problems
