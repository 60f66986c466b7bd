"""The bundled sample's outputs (answers, digests, the written report) equal tests/golden/.

The golden file was first written on the commit before the layout change (issue 11), so this test
holds the move to "behaviour unchanged". A deliberate change of an output regenerates the file
(`python -m tests.support.golden`) and the diff shows exactly what users will see differently.
"""

from __future__ import annotations

import json

import pytest

from tests.support.golden import GOLDEN_DIR, generate


@pytest.fixture(scope="module")
def outputs() -> dict[str, object]:
    return generate()


@pytest.fixture(scope="module")
def golden() -> dict[str, object]:
    return json.loads((GOLDEN_DIR / "thanh_xa_sample.json").read_text())


@pytest.mark.parametrize("part", ["answers", "digests", "reports"])
def test_outputs_equal_golden(part: str, outputs: dict[str, object], golden: dict[str, object]) -> None:
    assert outputs[part] == golden[part]
