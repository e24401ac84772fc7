from pathlib import Path

from a11y_proxy.speech.store import AudioStore

KEY_A = "a" * 32
KEY_B = "b" * 32
KEY_C = "c" * 32


def test_memory_is_bounded_by_bytes(tmp_path: Path) -> None:
    store = AudioStore(memory_bytes=250, disk_dir=None, disk_bytes=0)
    store.put(KEY_A, b"x" * 100)
    store.put(KEY_B, b"x" * 100)
    store.put(KEY_C, b"x" * 100)
    assert store.memory_used <= 250
    assert store.get(KEY_A) is None
    assert store.get(KEY_C) == b"x" * 100


def test_disk_copy_survives_a_restart(tmp_path: Path) -> None:
    AudioStore(1000, tmp_path, 10_000).put(KEY_A, b"mp3 data")
    fresh = AudioStore(1000, tmp_path, 10_000)
    assert fresh.get(KEY_A) == b"mp3 data"
    assert fresh.disk_used == len(b"mp3 data")


def test_disk_is_trimmed_oldest_first(tmp_path: Path) -> None:
    import os

    store = AudioStore(0, tmp_path, 250)
    store.put(KEY_A, b"a" * 100)
    os.utime(tmp_path / f"{KEY_A}.mp3", (1, 1))
    store.put(KEY_B, b"b" * 100)
    store.put(KEY_C, b"c" * 100)
    assert store.disk_used <= 250
    assert not (tmp_path / f"{KEY_A}.mp3").exists()
    assert (tmp_path / f"{KEY_C}.mp3").exists()


def test_keys_that_are_not_hashes_never_touch_the_disk(tmp_path: Path) -> None:
    store = AudioStore(1000, tmp_path, 10_000)
    store.put("../../etc/passwd", b"x")
    assert list(tmp_path.iterdir()) == []
    assert store.get("../../etc/passwd") == b"x"  # memory only
