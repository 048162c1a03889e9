"""The lexicon's data files: they load, every key is in the conventions' vocabulary, a word
listed twice is an error, the files ship with the package, and the figures package has no
import cycles."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from pipeline.figures import lexicon
from tests.conftest import ROOT, SHARED

PACKAGE = ROOT / "pipeline" / "figures"


def test_the_shipped_files_load_and_keep_scripts_apart():
    words = lexicon.metric_words()
    assert words["营收"] == words["營收"] == words["revenue"] == "revenue"
    assert lexicon.metric_lookup()["capex"] == "capex"
    assert "跌破" in lexicon.down_words() and "rose" in lexicon.up_words()
    assert lexicon.entities()["币安"] == "nt" and lexicon.entities()["BTC"] == "nz"
    assert "The" in lexicon.not_subjects()


@pytest.mark.skipif(not (SHARED / "figures" / "CONVENTIONS.md").exists(), reason="../shared is not beside the project")
def test_every_metric_key_is_in_the_conventions_vocabulary():
    conventions = (SHARED / "figures" / "CONVENTIONS.md").read_text(encoding="utf-8")
    listed = conventions.split("**metric** is one of:", 1)[1].split(". It is null", 1)[0]
    vocabulary = set(re.findall(r"[a-z_]+", listed))
    # "other" is the lexicon's stop key: a measure outside the vocabulary, so the metric stays null
    assert set(lexicon.metric_words().values()) <= vocabulary | {lexicon.OTHER}
    tables = tomllib.loads((PACKAGE / "lexicon" / "metrics.toml").read_text(encoding="utf-8"))
    assert all(t["means"] and t["examples"] for t in tables.values())


def test_a_word_listed_twice_is_an_error_naming_both_keys():
    text = ('[revenue]\nmeans = "m"\nexamples = ["e"]\nhans = ["营收"]\n'
            '[profit]\nmeans = "m"\nexamples = ["e"]\nhans = ["营收"]\n')
    with pytest.raises(lexicon.LexiconError, match=r"'营收' is listed under \[revenue\] and again under \[profit\]"):
        lexicon.parse_keyed_words(text, "metrics.toml")
    twice_in_english = '[capex]\nmeans = "m"\nexamples = ["e"]\nen = ["capex", "CapEx"]\n'
    with pytest.raises(lexicon.LexiconError, match="CapEx"):
        lexicon.parse_keyed_words(twice_in_english, "metrics.toml")


def test_a_word_in_the_wrong_script_list_or_an_undocumented_key_is_an_error():
    with pytest.raises(lexicon.LexiconError, match="English words go in 'en'"):
        lexicon.parse_keyed_words('[fee]\nmeans = "m"\nexamples = ["e"]\nen = ["手续费"]\n', "metrics.toml")
    with pytest.raises(lexicon.LexiconError, match="needs 'means' and 'examples'"):
        lexicon.parse_keyed_words('[fee]\nen = ["fee"]\n', "metrics.toml")


def test_package_data_patterns_cover_every_data_file():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["pipeline.figures"]
    data_files = [p for p in (PACKAGE / "lexicon").iterdir() if p.is_file()]
    assert data_files
    for path in data_files:
        assert any(path.relative_to(PACKAGE).match(pattern) for pattern in patterns), path


def _imports(path: Path) -> set[str]:
    """The pipeline.figures modules a module imports (a `from pipeline.figures import x` counts as x)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline.figures"):
            if node.module == "pipeline.figures":
                out.update(f"pipeline.figures.{a.name}" for a in node.names)
            else:
                out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("pipeline.figures"))
    return out


def test_no_import_cycles_inside_the_figures_package():
    graph = {f"pipeline.figures.{p.stem}": _imports(p) for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in graph.get(node, ()):
            assert state.get(nxt) != "open", " -> ".join([*path, node, nxt])
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = "done"

    for module in graph:
        if module not in state:
            visit(module, [])


def test_to_simplified_keeps_length_and_leaves_simplified_text_alone():
    from pipeline.figures.lexicon import to_simplified
    assert to_simplified("美國 8 月 PPI 年增 2.6%") == "美国 8 月 PPI 年增 2.6%"  # one Traditional character is enough
    assert to_simplified("营收显著增长 24%") == "营收显著增长 24%"  # 著 is Simplified too: untouched
    text = "富邦金控前三季稅後淨利達 1,083 億元"
    assert len(to_simplified(text)) == len(text) and to_simplified(text).startswith("富邦金控前三季税后净利")


def test_traditional_words_are_also_looked_up_in_simplified():
    from pipeline.figures import lexicon
    assert lexicon.metric_lookup()["每股盈余"] == "eps"  # listed as 每股盈餘
    assert "币安" in lexicon.entities() and "减少" in lexicon.down_words()
