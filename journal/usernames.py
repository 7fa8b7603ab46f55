"""One name, however it is typed: `Alice`, `alice` and a full-width `ａlice` are the same
username (api.md v1.1). Pure Python, so it can be tested without a database."""

from __future__ import annotations

import unicodedata


def username_canonical(name: str) -> str:
    """Unicode's NFKC_Casefold, approximated the way RFC 8265 (PRECIS) compares names:
    compatibility forms folded, then case folded, then normalised again (folding can
    undo a normal form: "ﬃ".casefold() is "ffi", "ǰ" decomposes)."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return unicodedata.normalize("NFKC", folded)
