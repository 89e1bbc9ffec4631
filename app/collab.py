"""CodeMirror ChangeSet JSON on the server: apply, compose and map positions exactly as `@codemirror/state` does.

The shared document of a mock interview (issue 17) lives on the server, which applies every
pushed update to its own copy of the text so that run, submit and the report use exactly the
text both people see. That only holds if this module computes what `ChangeSet.fromJSON(json)
.apply(doc)` computes in the browser, so it follows `@codemirror/state` 6 section by section and
is checked against fixtures the real package generated (`frontend/gen_changeset_fixtures.mjs`).

Two facts of CodeMirror's model matter here:
- positions and lengths count UTF-16 code units, so an emoji is two; internally texts are held
  as UTF-16-LE bytes and every offset is doubled;
- documents use "\\n" line breaks only (CodeMirror splits "\\r\\n" and "\\r" when it loads text),
  and the JSON form of an insertion is its list of lines.

Everything a client sends is hostile: malformed JSON shapes, lengths that do not match the
document, and changes that would leave half a surrogate pair in the text all raise `ValueError`
with a message saying what is wrong; nothing else is raised.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "ChangeSet",
    "ChangeSetJSON",
    "apply_changes",
    "compose_changes",
    "normalize_line_breaks",
    "utf16_length",
]

# What CodeMirror's default line separator splits on when a document is loaded.
_LINE_BREAKS = re.compile(r"\r\n?")

# The JSON form: an unchanged stretch is its length; a change is [deleted length, *inserted lines].
ChangeSetJSON = list[int | list[int | str]]


def utf16_length(text: str) -> int:
    """The length CodeMirror gives `text`: UTF-16 code units, so an astral character (emoji) counts two."""
    return len(_units(text)) // 2


def normalize_line_breaks(text: str) -> str:
    """The text as a CodeMirror document holds it: "\\r\\n" and lone "\\r" become "\\n"."""
    return _LINE_BREAKS.sub("\n", text)


def _units(text: str) -> bytes:
    # surrogatepass: a lone surrogate that arrived in JSON is one code unit, as it is in JavaScript.
    return text.encode("utf-16-le", "surrogatepass")


def _is_length(value: object) -> bool:
    # CodeMirror takes any JavaScript number; its own toJSON only writes non-negative integers,
    # and anything else (a float, a negative, a bool) can only come from a hostile client.
    return type(value) is int and value >= 0


def _add_section(sections: list[int], length: int, ins: int, force_join: bool = False) -> None:
    """`addSection` of @codemirror/state: append a section, merging it into the last where CodeMirror does."""
    if length == 0 and ins <= 0:
        return
    last = len(sections) - 2
    if last >= 0 and ins <= 0 and ins == sections[last + 1]:
        sections[last] += length
    elif last >= 0 and length == 0 and sections[last] == 0:
        sections[last + 1] += ins
    elif force_join and last >= 0:
        sections[last] += length
        sections[last + 1] += ins
    else:
        sections.extend((length, ins))


def _add_insert(values: list[bytes], sections: list[int], value: bytes) -> None:
    """`addInsert` of @codemirror/state: attach inserted text to the last section (appending if it has some)."""
    if not value:
        return
    index = (len(sections) - 2) >> 1
    if index < len(values):
        values[-1] = values[-1] + value
    else:
        values.extend(b"" for _ in range(index - len(values)))
        values.append(value)


@dataclass(frozen=True)
class ChangeSet:
    """A CodeMirror change set: (length, inserted length or -1 for unchanged) pairs and the inserted texts.

    `inserted[k]` is the UTF-16-LE text of section k (empty where nothing is inserted).
    Build one with `ChangeSet.from_json`; the constructor trusts its arguments.
    """

    sections: tuple[int, ...]
    inserted: tuple[bytes, ...]

    @classmethod
    def from_json(cls, value: object) -> ChangeSet:
        """Parse the JSON form `ChangeSet.toJSON()` writes; a malformed value raises `ValueError`."""
        if not isinstance(value, list):
            raise ValueError(f"A ChangeSet's JSON is a list of sections, not {type(value).__name__}.")
        sections: list[int] = []
        inserted: list[bytes] = []
        for index, part in enumerate(value):
            if _is_length(part):
                sections.extend((part, -1))
                inserted.append(b"")
                continue
            if not (isinstance(part, list) and part and _is_length(part[0])
                    and all(isinstance(line, str) for line in part[1:])):
                raise ValueError(
                    f"Section {index} of the ChangeSet is malformed: expected a length (a non-negative integer) "
                    "or [deleted length, ...inserted lines]."
                )
            lines: list[str] = part[1:]
            if any("\n" in line or "\r" in line for line in lines):
                raise ValueError(f"Section {index} of the ChangeSet has a line break inside a line: "
                                 "inserted text is sent as a list of lines.")
            text = _units("\n".join(lines)) if lines else b""
            sections.extend((part[0], len(text) // 2))
            inserted.append(text)
        return cls(tuple(sections), tuple(inserted))

    @classmethod
    def empty(cls, length: int) -> ChangeSet:
        """No change to a document of `length` code units."""
        return cls((length, -1), (b"",)) if length else cls((), ())

    def to_json(self) -> ChangeSetJSON:
        """The JSON form, as `ChangeSet.toJSON()` writes it."""
        parts: ChangeSetJSON = []
        for k in range(len(self.sections) // 2):
            length, ins = self.sections[2 * k], self.sections[2 * k + 1]
            if ins < 0:
                parts.append(length)
            elif ins == 0:
                parts.append([length])
            else:
                lines = self.inserted[k].decode("utf-16-le", "surrogatepass").split("\n")
                parts.append([length, *lines])
        return parts

    @property
    def length(self) -> int:
        """The length of the document before the changes, in UTF-16 code units."""
        return sum(self.sections[0::2])

    @property
    def new_length(self) -> int:
        """The length of the document after the changes, in UTF-16 code units."""
        return sum(length if ins < 0 else ins for length, ins in zip(self.sections[0::2], self.sections[1::2],
                                                                      strict=True))

    @property
    def is_empty(self) -> bool:
        """True when the set changes nothing."""
        return not self.sections or (len(self.sections) == 2 and self.sections[1] < 0)

    def apply(self, doc: str) -> str:
        """The document after the changes; `doc` must have exactly the length the changes were made for."""
        if "\r" in doc:
            raise ValueError("The document has '\\r' line breaks: normalize_line_breaks() it first, "
                             "as CodeMirror does when it loads a text.")
        units = _units(doc)
        if len(units) // 2 != self.length:
            raise ValueError(
                f"The changes are for a document of {self.length} UTF-16 code units, but this one has "
                f"{len(units) // 2}: pull the updates you are missing, then send the changes again."
            )
        pieces: list[bytes] = []
        pos = 0
        for k in range(len(self.sections) // 2):
            length, ins = self.sections[2 * k], self.sections[2 * k + 1]
            pieces.append(units[2 * pos:2 * (pos + length)] if ins < 0 else self.inserted[k])
            pos += length
        try:
            # Strict decoding: a change that cuts an emoji's surrogate pair in two leaves text that is
            # not Unicode (it could be neither stored nor sent as UTF-8), so it is refused here.
            return b"".join(pieces).decode("utf-16-le")
        except UnicodeDecodeError:
            raise ValueError("The changes split a character (half of a UTF-16 surrogate pair, as in an emoji); "
                             "edit whole characters only.") from None

    def compose(self, other: ChangeSet) -> ChangeSet:
        """One set doing `self` then `other` (which starts from the document `self` produces)."""
        if self.new_length != other.length:
            raise ValueError(f"Cannot compose: the first changes produce a document of {self.new_length} code "
                             f"units, the second expect {other.length}.")
        if self.is_empty:
            return other
        if other.is_empty:
            return self
        return _compose_sets(self, other)

    def map_pos(self, pos: int, assoc: int = -1) -> int:
        """Where position `pos` of the old document ends up (`mapPos`, simple mode).

        `assoc` < 0 keeps a position at an insertion point before the inserted text, > 0 after it.
        """
        if type(pos) is not int or pos < 0:
            raise ValueError(f"Position {pos!r} is not a non-negative integer.")
        pos_a = pos_b = 0
        for k in range(len(self.sections) // 2):
            length, ins = self.sections[2 * k], self.sections[2 * k + 1]
            end_a = pos_a + length
            if ins < 0:
                if end_a > pos:
                    return pos_b + (pos - pos_a)
                pos_b += length
            else:
                if end_a > pos or (end_a == pos and assoc < 0 and not length):
                    return pos_b if pos == pos_a or assoc < 0 else pos_b + ins
                pos_b += ins
            pos_a = end_a
        if pos > pos_a:
            raise ValueError(f"Position {pos} is out of range for changes to a document of length {pos_a}.")
        return pos_b


class _SectionIter:
    """`SectionIter` of @codemirror/state: a cursor over a set's sections, able to stop inside one."""

    def __init__(self, changes: ChangeSet) -> None:
        self.changes = changes
        self.i = 0
        self.len = 0
        self.ins = 0
        self.off = 0
        self.next()

    def next(self) -> None:
        sections = self.changes.sections
        if self.i < len(sections):
            self.len, self.ins = sections[self.i], sections[self.i + 1]
            self.i += 2
        else:
            self.len, self.ins = 0, -2
        self.off = 0

    @property
    def done(self) -> bool:
        return self.ins == -2

    @property
    def len2(self) -> int:
        return self.len if self.ins < 0 else self.ins

    @property
    def text(self) -> bytes:
        index = (self.i - 2) >> 1
        return b"" if index >= len(self.changes.inserted) else self.changes.inserted[index]

    def text_bit(self, length: int) -> bytes:
        return self.text[2 * self.off:2 * (self.off + length)]

    def forward(self, length: int) -> None:
        if length == self.len:
            self.next()
        else:
            self.len -= length
            self.off += length

    def forward2(self, length: int) -> None:
        if self.ins == -1:
            self.forward(length)
        elif length == self.ins:
            self.next()
        else:
            self.ins -= length
            self.off += length


def _compose_sets(set_a: ChangeSet, set_b: ChangeSet) -> ChangeSet:
    """`composeSets` of @codemirror/state, kept line for line so the JSON it yields is CodeMirror's."""
    sections: list[int] = []
    inserted: list[bytes] = []
    a, b = _SectionIter(set_a), _SectionIter(set_b)
    is_open = False
    while True:
        if a.done and b.done:
            inserted.extend(b"" for _ in range(len(sections) // 2 - len(inserted)))
            return ChangeSet(tuple(sections), tuple(inserted))
        if a.ins == 0:  # deletion in A
            _add_section(sections, a.len, 0, is_open)
            a.next()
        elif b.len == 0 and not b.done:  # insertion in B
            _add_section(sections, 0, b.ins, is_open)
            _add_insert(inserted, sections, b.text)
            b.next()
        elif a.done or b.done:
            raise ValueError("Cannot compose: the change sets' lengths do not match.")
        else:
            length, before = min(a.len2, b.len), len(sections)
            if a.ins == -1:
                ins_b = -1 if b.ins == -1 else (0 if b.off else b.ins)
                _add_section(sections, length, ins_b, is_open)
                if ins_b:
                    _add_insert(inserted, sections, b.text)
            elif b.ins == -1:
                _add_section(sections, 0 if a.off else a.len, length, is_open)
                _add_insert(inserted, sections, a.text_bit(length))
            else:
                _add_section(sections, 0 if a.off else a.len, 0 if b.off else b.ins, is_open)
                if not b.off:
                    _add_insert(inserted, sections, b.text)
            is_open = (a.ins > length or (b.ins >= 0 and b.len > length)) and (is_open or len(sections) > before)
            a.forward2(length)
            b.forward(length)


def apply_changes(doc: str, changes: object) -> str:
    """`ChangeSet.fromJSON(changes).apply(doc)`: the text after one pushed update, or `ValueError`."""
    return ChangeSet.from_json(changes).apply(doc)


def compose_changes(changes: Sequence[ChangeSet]) -> ChangeSet:
    """The updates of a log as one set (the first starts from the shared starting text)."""
    if not changes:
        raise ValueError("Cannot compose an empty list of changes: there is no document length to start from.")
    total = changes[0]
    for following in changes[1:]:
        total = total.compose(following)
    return total
