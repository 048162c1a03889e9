"""The public dev set, scored by the shared scorer through the real `figures --jsonl` command."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED

SCORER = SHARED / "figures" / "score.py"


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/figures is not beside the project")
def test_dev_set_f1():
    result = subprocess.run(
        [sys.executable, str(SCORER), "--min-f1", "0.97", "--", sys.executable, "-m", "pipeline", "figures", "--jsonl"],
        capture_output=True, text=True, cwd=ROOT, timeout=300)
    last = result.stdout.strip().splitlines()[-1]
    assert result.returncode == 0, result.stdout[-3000:]
    assert last.startswith("F1 ")
