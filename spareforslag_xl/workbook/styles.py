"""The cell formats of every generated workbook, created once per workbook (xlsxwriter formats are per workbook)."""

from __future__ import annotations

HEADER_FILL = "#DDE5F0"
TOTAL_FILL = "#F2F2F2"
WARN_FILL = "#FFF2CC"
ERROR_FILL = "#F8D7DA"
OK_FILL = "#E2EFDA"


def amount_format(decimals: int) -> str:
    return "#,##0" if decimals <= 0 else "#,##0." + "0" * decimals


BASE_FORMAT = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
"""The font and alignment every format starts from."""

INDENTED = "_indented"
"""The suffix of a style's indented variant (Styles.indented)."""
BESIDE = "_beside"
"""The suffix of a figure style's variant for a column right of figures (Styles.beside)."""
WRAPPED = "_wrapped"
"""The suffix of a style's wrapping variant (Styles.wrapping)."""
SHARE_FORMAT = "0.0 %"
"""Shares as the document writes them: one decimal and a space before the sign (28,4 %)."""


class Styles:
    """Every cell format of one workbook, created once (xlsxwriter formats are per workbook)."""

    def __init__(self, book, decimals: int = 0) -> None:
        self._book = book
        amount = amount_format(decimals)
        spec: dict[str, dict] = {
            "title": {"bold": True, "font_size": 14},
            "subtitle": {"italic": True, "font_size": 11},
            "meta": {"font_color": "#595959"},
            "section": {"bold": True, "font_size": 12},
            "subsection": {"bold": True, "italic": True},
            "header": {"bold": True, "bg_color": HEADER_FILL, "bottom": 1, "text_wrap": True},
            "header_num": {"bold": True, "bg_color": HEADER_FILL, "bottom": 1, "align": "right"},
            "text": {},
            "number_left": {"align": "left"},
            "text_wrap": {"text_wrap": True},
            "bold": {"bold": True},
            "italic": {"italic": True, "text_wrap": True},
            "label": {"text_wrap": True},
            "label_indent": {"text_wrap": True, "align": "left", "indent": 1},
            "label_muted": {"text_wrap": True, "align": "left", "indent": 1, "font_color": "#595959"},
            "note": {"italic": True, "font_color": "#595959", "text_wrap": True},
            "amount": {"num_format": amount},
            "amount_muted": {"num_format": amount, "font_color": "#595959"},
            "amount_nil": {"num_format": f'{amount};-{amount};"-"'},
            "amount_bold": {"num_format": amount, "bold": True, "top": 1, "bg_color": TOTAL_FILL},
            "amount_total": {"num_format": amount, "bold": True},
            "dash": {"align": "right"},
            "dash_bold": {"align": "right", "bold": True, "top": 1, "bg_color": TOTAL_FILL},
            "label_total": {"bold": True, "top": 1, "bg_color": TOTAL_FILL, "text_wrap": True},
            "share": {"num_format": SHARE_FORMAT},
            "share_bold": {"num_format": SHARE_FORMAT, "bold": True, "top": 1, "bg_color": TOTAL_FILL},
            "share_warn": {"num_format": SHARE_FORMAT, "bold": True, "top": 1, "bg_color": WARN_FILL},
            "share_warn_plain": {"num_format": SHARE_FORMAT, "bg_color": WARN_FILL},
            "fte": {"num_format": "0.00"},
            "decimal": {"num_format": "#,##0.0###"},
            "fte_label": {"italic": True},
            "amount_warn": {"num_format": amount, "bg_color": WARN_FILL},
            "amount_error": {"num_format": amount, "bg_color": ERROR_FILL, "bold": True},
            "amount_ok": {"num_format": amount, "bg_color": OK_FILL},
            "banner": {"bold": True, "font_color": "#FFFFFF", "bg_color": "#C00000", "text_wrap": True},
            "error": {"bg_color": ERROR_FILL, "text_wrap": True},
            "warning": {"bg_color": WARN_FILL, "text_wrap": True},
            "ok": {"bg_color": OK_FILL},
            "description": {"text_wrap": True, "valign": "top"},
        }
        self._spec = spec
        self.formats = {name: book.add_format({**BASE_FORMAT, **props}) for name, props in spec.items()}
        """Style name → its xlsxwriter format (read-only; variants added later are in it too): what
        ``styles[name]`` gives, for the writer's loop over hundreds of thousands of cells."""

    def __getitem__(self, name: str):
        return self.formats[name]

    def indented(self, name: str) -> str:
        """Return the name of the style's indented variant (created once, when first asked for):
        text in a column right of figures starts a little in, so that it never runs into them."""
        props = self._spec.get(name)
        if props is None or "num_format" in props or props.get("align", "left") != "left" or props.get("indent"):
            return name
        variant = name + INDENTED
        if variant not in self.formats:
            self.add(variant, {**props, "align": "left", "indent": 1})
        return variant

    def beside(self, name: str) -> str:
        """Return the name of the style's variant for a figure in a side column (a share right of the
        years): at the column's left, indented like the texts there, so that it stands beside the
        figures it belongs to, not a column's width away; a share is padded to three digits ('?'),
        so that the shares of a column still line up. A style without a number format is indented."""
        props = self._spec.get(name)
        if props is None or "num_format" not in props:
            return self.indented(name)
        variant = name + BESIDE
        if variant not in self.formats:
            fmt = props["num_format"]
            self.add(variant, {**props, "align": "left", "indent": 1,
                               "num_format": "??" + fmt if fmt == SHARE_FORMAT else fmt})
        return variant

    def wrapping(self, name: str) -> str:
        """Return the name of a style whose text wraps: the style itself, or its wrapping variant
        (created once, when first asked for), so that a paragraph in a heading's style wraps too."""
        props = self._spec.get(name)
        if props is None or props.get("text_wrap"):
            return name
        variant = name + WRAPPED
        if variant not in self.formats:
            self.add(variant, {**props, "text_wrap": True})
        return variant

    def decision_styles(self) -> None:
        """Add the styles of lines left out of a decided plan (struck through, grey), once per workbook.

        Only a workbook with decisions gets them, so that one without is unchanged byte for byte.
        """
        if "amount_struck" not in self.formats:
            grey = {"font_color": "#808080", "font_strikeout": True}
            self.add("label_struck", {**grey, "text_wrap": True})
            self.add("label_struck_indent", {**grey, "text_wrap": True, "align": "left", "indent": 1})
            self.add("amount_struck", {**grey, "num_format": self.formats["amount"].num_format})

    def add(self, name: str, props: dict) -> None:
        """Register a new format under name: props on top of the base font and alignment."""
        if name in self.formats:
            raise ValueError(f"the style {name!r} exists already")
        self._spec[name] = props
        self.formats[name] = self._book.add_format({**BASE_FORMAT, **props})
