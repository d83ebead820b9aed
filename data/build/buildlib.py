"""Helpers shared by the maintainer scripts that rebuild data/ from its sources."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent


def write_json_atomic(path: Path, payload: dict[str, Any]) -> None:
    """Write JSON through a temp file and a rename so a failed build never leaves half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(payload, out, ensure_ascii=False, indent=1)
            out.write("\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
