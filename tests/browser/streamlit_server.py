"""Run `streamlit run SCRIPT` on a free loopback port for as long as a `with` block lasts.

Shared by the dashboard's browser tests and bench/dashboard_bench.py, so both start the app
the way a user does and wait on its health check, never on a fixed sleep.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

START_TIMEOUT_S = 90


def free_port() -> int:
    """A loopback port that was free a moment ago (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def streamlit_command(script: Path, port: int, *, headless: bool = True) -> list[str]:
    """`streamlit run` on a loopback port; `headless=False` starts it exactly as a user does."""
    command = [sys.executable, "-m", "streamlit", "run", str(script)]
    if headless:
        command += [
            "--server.headless=true",
            "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none",
        ]
    return [*command, f"--server.port={port}", "--server.address=127.0.0.1"]


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout_s: float) -> None:
    """Poll the server's health endpoint until it answers, the process dies or time is up."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout_s} s")


@contextmanager
def running_app(
    script: Path,
    *,
    cwd: Path | None = None,
    timeout_s: float = START_TIMEOUT_S,
    log: Path | None = None,
    headless: bool = True,
    env: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Start the app, yield its URL once healthy, stop it afterwards (killed if it lingers).

    Streamlit reads .streamlit/config.toml from the working folder (default: the script's).
    `log` receives the server's output (stdout and stderr); `env` is added to the environment.
    """
    port = free_port()
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(log.open("wb")) if log else subprocess.DEVNULL
        process = subprocess.Popen(
            streamlit_command(script, port, headless=headless),
            cwd=cwd or script.parent,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        yield from _serve(process, f"http://127.0.0.1:{port}", timeout_s)


def _serve(process: subprocess.Popen[bytes], url: str, timeout_s: float) -> Iterator[str]:
    try:
        wait_healthy(url, process, timeout_s)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
