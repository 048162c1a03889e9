"""The CLI contracts: extract --json (one line per input, in order, errors included) and figures --jsonl."""

from __future__ import annotations

import json

from pipeline.serve import DEFAULT_SITE
from tests.conftest import run_cli

SEED_FILE = DEFAULT_SITE / "zh/2026/01/29/meta-ai-capex-1350/index.html"
GBK_FILE = DEFAULT_SITE / "zh/2026/01/26/whale-withdraws-eth-borrows-usdt/index.html"


def test_extract_json_one_line_per_input_in_order(site_url, tmp_path):
    missing = tmp_path / "missing.html"
    result = run_cli("extract", str(SEED_FILE), str(missing), site_url + "en/2026/01/27/kestrel-markets-q3-results/",
                     site_url + "no/such/page/", str(GBK_FILE), "--json")
    assert result.returncode == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 5
    seed, miss, en, notfound, gbk = out
    assert seed["title"].startswith("Meta 豪赌 AI") and seed["published"] == "2026-01-29" and seed["error"] is None
    assert seed["author"] == "Frank, 麦通 MSX" and seed["lang"] == "zh-Hans"
    assert any(f["text"] == "1350 亿美元" and f["value"] == 135000000000 for f in seed["figures"])
    assert miss["error"].startswith("cannot read file") and miss["text"] is None
    assert en["lang"] == "en" and en["author"] == "Dana Whitfield, Marco Ruiz"
    assert notfound["error"] == "HTTP 404"
    assert "1.2 万枚 ETH" in gbk["text"]
    assert len(result.stderr.strip().splitlines()) == 2  # one line per failed input


def test_figures_jsonl_contract():
    lines = ["营收 2.35 亿美元，同比增长 24%", "", "no figures here", "Circle minted 2.5 billion USDC"]
    stdin = "\n".join(json.dumps(t, ensure_ascii=False) for t in lines) + "\n"
    result = run_cli("figures", "--jsonl", stdin=stdin)
    assert result.returncode == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 4
    contract = ("kind", "text", "value", "low", "high", "currency", "approx")  # issue 16 adds context fields
    assert [{k: f[k] for k in contract} for f in out[0]] == [
        {"kind": "money", "text": "2.35 亿美元", "value": 235000000, "low": None, "high": None, "currency": "USD",
         "approx": None},
        {"kind": "percent", "text": "24%", "value": 24, "low": None, "high": None, "currency": None, "approx": None},
    ]
    assert out[1] == [] and out[2] == []
    assert out[3][0]["currency"] == "USDC"


def test_figures_table_for_plain_text():
    result = run_cli("figures", stdin="Meta 2026 全年资本支出冲向 1350 亿美元。")
    assert result.returncode == 0
    assert "1350 亿美元" in result.stdout and "135000000000" in result.stdout and "capex" in result.stdout


def test_help_lists_every_command_and_each_has_its_own_help():
    from click.testing import CliRunner

    from pipeline.cli import cli

    result = run_cli("--help")
    assert result.returncode == 0
    listed = result.stdout.split("Commands:\n", 1)[1].splitlines()
    names = {line.split()[0] for line in listed if line.startswith("  ") and line.strip()}
    assert names == set(cli.commands) and {"crawl", "demo", "extract", "figures", "search", "reprocess"} <= names
    for name in names:  # each command's own help, with its own usage line
        own = CliRunner().invoke(cli, [name, "--help"])
        assert own.exit_code == 0 and f"Usage: cli {name} " in own.output, name


def test_library_log_lines_are_shown_only_with_verbose(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_text("<html></html>", encoding="utf-8")  # trafilatura and htmldate log 'parsed tree length' at ERROR
    quiet = run_cli("-q", "extract", str(empty), "--json")
    assert quiet.stderr.splitlines() == [f"error: {empty}: no article text found on the page"]
    assert len(quiet.stdout.splitlines()) == 1 and quiet.returncode == 1
    verbose = run_cli("-v", "extract", str(empty), "--json")  # the libraries' own lines come back
    assert len(verbose.stderr.splitlines()) > 1 and verbose.stderr.splitlines()[-1] == quiet.stderr.splitlines()[0]
