"""`figures --jsonl`: the contract of ../shared/figures/CONVENTIONS.md, with the context fields on
every figure, one line out per line in."""

from __future__ import annotations

import json

from tests.conftest import run_cli

CONTEXT_FIELDS = {"metric", "direction", "subject", "period", "role"}


def test_every_figure_carries_its_context_fields():
    lines = ["比特币日内涨 4.6%，报 91250 美元。", "Kestrel posted revenue of $1.2 billion in Q3 2025.", "没有数字"]
    result = run_cli("figures", "--jsonl", stdin="".join(json.dumps(t, ensure_ascii=False) + "\n" for t in lines))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 3 and out[2] == []
    assert all(CONTEXT_FIELDS <= set(f) for f in out[0] + out[1])
    zh = {f["text"]: f for f in out[0]}
    assert (zh["4.6%"]["metric"], zh["4.6%"]["direction"], zh["4.6%"]["subject"]) == ("price", "up", "比特币")
    assert (zh["91250 美元"]["metric"], zh["91250 美元"]["direction"]) == ("price", None)
    (en,) = out[1]
    assert (en["metric"], en["subject"], en["period"], en["role"]) == ("revenue", "Kestrel", "2025-Q3", "actual")
    assert {"kind", "text", "value", "low", "high", "currency", "approx"} <= set(en)
