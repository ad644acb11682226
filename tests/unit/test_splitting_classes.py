"""The splitter's character classes written as negated ASCII classes match exactly the characters of
the classes they stand for (`[A-Za-z_\\x80-\\U0010ffff]` and kin), over every code point."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from migwiz.engine.sets import splitting

SETS = Path(__file__).parent.parent / "realworld" / "sets"
EVERY_CHARACTER = "".join(map(chr, range(0x110000)))

WRITTEN_OUT = {
    "_IDENT_START": r"[A-Za-z_\x80-\U0010ffff]",
    "_IDENT_PART": r"[A-Za-z_\x80-\U0010ffff0-9$]",
    "_TAG_PART": r"[A-Za-z_\x80-\U0010ffff0-9]",
    "_OTHER": r"""[^\s;()'"$\\A-Za-z_\x80-\U0010ffff0-9/-]""",
}


def matched(pattern: str) -> list[int]:
    return [m.start() for m in re.finditer(pattern, EVERY_CHARACTER, re.VERBOSE | re.DOTALL)]


@pytest.mark.parametrize("name", sorted(WRITTEN_OUT))
def test_class_matches_what_it_stands_for(name: str) -> None:
    fast = getattr(splitting, name)
    assert "\\U" not in fast and len(fast) < 600
    expected = matched(WRITTEN_OUT[name])
    assert expected
    assert matched(fast) == expected


ORIGINAL_TOKEN = re.compile(
    r"""
      (?P<space>\s++)
    | (?P<line_comment>--[^\n]*+)
    | (?P<block_comment>/\*)
    | (?P<estring>[eE]'(?:[^'\\]|\\.|'')*+(?:'|\Z))
    | (?P<word>[A-Za-z_\x80-\U0010ffff][A-Za-z_\x80-\U0010ffff0-9$]*+)
    | (?P<string>'(?:[^']|'')*+(?:'|\Z))
    | (?P<quoted_ident>"(?:[^"]|"")*+(?:"|\Z))
    | (?P<dollar>\$(?:[A-Za-z_\x80-\U0010ffff][A-Za-z_\x80-\U0010ffff0-9]*+)?\$)
    | (?P<number>[0-9][A-Za-z0-9_.]*+)
    | (?P<semicolon>;)
    | (?P<open>\()
    | (?P<close>\))
    | (?P<backslash>\\)
    | (?P<other>[^\s;()'"$\\A-Za-z_\x80-\U0010ffff0-9/-]++|.)
    """,
    re.VERBOSE | re.DOTALL,
)
"""The token pattern as it was written before its classes were."""

MIXED = (
    "CREATE TABLE été_1 (ñ$x int); SELECT $tag_é$ body $tag_é$, 1.5e3 ~ ∑ @ #\x1c\u00a0\u2003; \\set",
    "E'it\\'s' || U&'d\\0061t' || \"ö\"\"q\" -- note ∂\n/* a /* b */ */ $1 $$x$$ 0x1F;",
    EVERY_CHARACTER[:0x3000],
)


def tokens(pattern: re.Pattern[str], text: str) -> list[tuple[str | None, int, int]]:
    return [(m.lastgroup, m.start(), m.end()) for m in pattern.finditer(text)]


def test_token_pattern_splits_as_before() -> None:
    """Every vendored script of two real sets and a few mixed ones: the same tokens at the same places."""
    texts = [*MIXED]
    for name in ("crates-io", "trigger-dev"):
        texts += [p.read_text(encoding="utf-8") for p in sorted((SETS / name).rglob("*.sql"))]
    assert len(texts) > 1000
    for text in texts:
        assert tokens(splitting._TOKEN, text) == tokens(ORIGINAL_TOKEN, text), text[:200]
