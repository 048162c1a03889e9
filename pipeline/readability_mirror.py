"""trafilatura's readability Document with its remove_unlikely_candidates walk made cheaper.

compare_extraction runs readability on every page whose text it could prefer; its first pass
drops the elements whose class and id name page furniture. trafilatura's version lists every
element by ElementPath, joins each one's class and id and keeps its verdicts for one page only.
Here the same elements are dropped in the same order: the element list comes from lxml's
iterator (what findall(".//*") walks), the join is made only where an element has a class or
an id, and each verdict (of the same two regular expressions) is kept for the process, since a
site's class values repeat on every one of its pages. Used only while trafilatura's method is
the one mirrored (its source hashes to MIRRORED_SOURCE).
"""

from __future__ import annotations

import hashlib
import inspect
import types
from typing import Any

from lxml import etree

MIRRORED_SOURCE = "6ef38c8475242af9"  # sha256 (first 16 hex digits) of remove_unlikely_candidates' source
MAX_CACHED_VERDICTS = 50_000  # class-and-id values remembered per process


def fast_document(readability: types.ModuleType) -> type | None:
    """A subclass of `readability`'s (trafilatura.readability_lxml) Document with the cheaper walk,
    or None when its remove_unlikely_candidates is not the one mirrored."""
    document = getattr(readability, "Document", None)
    method = getattr(document, "remove_unlikely_candidates", None)
    regexes, frames = getattr(readability, "REGEXES", None), getattr(readability, "FRAME_TAGS", None)
    try:
        source = inspect.getsource(method)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return None
    if hashlib.sha256(source.encode()).hexdigest()[:16] != MIRRORED_SOURCE or not isinstance(regexes, dict) \
            or not isinstance(frames, (set, frozenset)) or not isinstance(document, type) or not callable(method):
        return None
    unlikely, maybe = regexes["unlikelyCandidatesRe"], regexes["okMaybeItsACandidateRe"]
    verdicts: dict[str, bool] = {}

    def remove_unlikely_candidates(self: Any) -> None:
        if not isinstance(self.doc, etree._Element):  # findall(".//*") of another kind of tree
            method(self)
            return
        if len(verdicts) > MAX_CACHED_VERDICTS:
            verdicts.clear()
        for elem in list(self.doc.iterdescendants("*")):
            cls, ident = elem.get("class"), elem.get("id")
            # " ".join(filter(None, (class, id))), as trafilatura joins them
            if cls:
                attrs = f"{cls} {ident}" if ident else cls
            elif ident:
                attrs = ident
            else:
                continue
            if len(attrs) < 2 or elem.tag in frames:
                continue
            verdict = verdicts.get(attrs)
            if verdict is None:
                low = attrs.lower()
                verdict = verdicts[attrs] = bool(unlikely.search(low)) and not maybe.search(low)
            if verdict:
                elem.drop_tree()

    return type("FastDocument", (document,), {"__slots__": (), "remove_unlikely_candidates": remove_unlikely_candidates,
                                              "__doc__": document.__doc__})
