"""The example notebook runs top to bottom in a fresh kernel, quickly and cleanly.

``python tests/test_notebook.py`` re-executes it and saves it with its outputs, so that
it reads well on GitHub (do that after retraining the bundled model).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "complaint_analysis.ipynb"
CELL_TIMEOUT = 120  # seconds per cell
TOTAL_LIMIT = 120  # seconds for the whole notebook, kernel start included


def execute(path: Path = NOTEBOOK) -> Any:
    """Run every cell of ``path`` in a fresh ``python3`` kernel, in the notebook's folder."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(path.parent)}},  # cwd: relative paths work
        record_timing=False,  # no timestamps in the saved file: clean diffs
    )
    client.execute()
    return nb


def test_notebook_runs_without_errors_in_time():
    pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    started = time.perf_counter()
    nb = execute()  # raises CellExecutionError on the first failing cell
    elapsed = time.perf_counter() - started
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code)
    outputs = [o for c in code for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    noise = [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not noise, f"warnings or errors printed in the notebook: {noise}"
    assert elapsed < TOTAL_LIMIT, f"notebook took {elapsed:.0f} s"


if __name__ == "__main__":
    import nbformat

    executed = execute()
    nbformat.write(executed, NOTEBOOK)
    print(f"saved {NOTEBOOK} ({NOTEBOOK.stat().st_size / 1024:.0f} KiB)")
