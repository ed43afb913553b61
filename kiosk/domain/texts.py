"""Texts that the layers below the UI write for people, in a form the screens can translate.

The command line prints English (scripts and tests read it; the JSON keeps it); the screens
show the same texts in the language shown. So a service does not build a finished sentence but
a `Text`: an English template with `{name}` placeholders and its values (numbers, names, paths,
hex: data, never translated). A `Text` *is* that English sentence (a `str`), so printing it,
putting it in JSON or testing it with `in` works as before; the UI
(`kiosk.ui.i18n.translated`) looks the template up in the catalogue and fills in the values,
translating those that are `Text`s themselves.

Templates are marked where they are written with `QT_TRANSLATE_NOOP("DiagText", "...")`: this
module's Qt-free function of that name, which pyside6-lupdate finds by its name (it reads the
modules `kiosk.ui.i18n.lupdate_sources` lists: every module that imports this one). The
template is the catalogue's source text, so it is written once. Placeholders are plain
`{name}`: numbers are formatted into strings before they are given as values.
"""

from __future__ import annotations

from typing import Any

DIAG = "DiagText"  # the catalogue context of the technician's diagnostics texts


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks `source` for translation in `context` (as Qt's function of that name does) and
    returns it unchanged."""
    return source


class Text(str):
    """An English sentence made from a marked template and its values (see the module)."""

    template: str
    values: dict[str, Any]
    context: str

    def __new__(cls, template: str, /, context: str = DIAG, **values: Any) -> Text:
        self = super().__new__(cls, template.format(**values) if values else template)
        self.template = template
        self.values = values
        self.context = context
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # copy and pickle keep the template
        return (_remake, (self.template, self.context, self.values))

    def __repr__(self) -> str:
        return f"Text({str(self)!r})"


def _remake(template: str, context: str, values: dict[str, Any]) -> Text:
    return Text(template, context=context, **values)


def joined(separator: str, parts: list[str]) -> str:
    """`separator.join(parts)`, kept translatable: a `Text` whose values are the parts (the
    separator is punctuation, the same in both languages)."""
    if not parts:
        return ""
    names = [f"p{i}" for i in range(len(parts))]
    template = separator.join("{" + n + "}" for n in names)
    return Text(template, context="", **dict(zip(names, parts, strict=True)))
