"""The command-line contract: ``serve --config FILE --host H --port P`` and ``check-config``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx

from tests.conftest import free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "a11y_proxy", *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )


def test_check_config_accepts_the_shipped_files() -> None:
    for name in ("default.toml", "demo.toml"):
        result = run("check-config", f"config/{name}")
        assert result.returncode == 0, result.stderr
        assert "OK" in result.stdout


def test_bad_config_stops_serve_with_a_message_naming_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[upstream]\nallowed_hosts = ["www.x.gov.cn"]\nmax_redirekts = 3\n', "utf-8")
    result = run("serve", "--config", str(bad))
    assert result.returncode == 2
    assert "[upstream] max_redirekts: unknown key" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_listens_on_the_given_host_and_port() -> None:
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "a11y_proxy",
            "serve",
            "--config",
            "config/default.toml",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", proc)
        r = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
        assert r.json()["status"] == "ok"
        refused = httpx.get(f"http://127.0.0.1:{port}/a11y/http://127.0.0.1:{port}/healthz")
        assert refused.status_code == 403  # not on the allowlist, and loopback besides
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_check_config_reads_the_pronunciation_file_and_names_the_bad_line(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("# ok\n乐亭 lao4\n", "utf-8")
    config = tmp_path / "speech.toml"
    config.write_text(f'[speech]\npronunciations = "{words}"\n', "utf-8")
    result = run("check-config", str(config))
    assert result.returncode == 2
    assert f"[speech] pronunciations: {words}:2:" in result.stderr
    assert "Traceback" not in result.stderr
