"""What the benchmarks share: free loopback ports, waiting for a server, the demo portal."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


def start_demo_portal(port: int) -> subprocess.Popen[bytes]:
    """The demo portal alone on 127.0.0.1:``port`` (uvicorn, no access log)."""
    return subprocess.Popen([sys.executable, "-m", "a11y_proxy.demo.portal", str(port)], cwd=ROOT)
