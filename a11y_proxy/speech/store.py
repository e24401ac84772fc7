"""Where finished audio is kept: memory (bounded by bytes), then disk (bounded by bytes).

Audio is content-addressed (the key is a hash of the text, the voices, the
speed and the pronunciation file), so an entry never goes stale and the
same sentence on a thousand pages is made once. The disk copy survives a
restart; when the folder grows past its size, the least recently used files
go first (file access times are not reliable, so reads touch the mtime).
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from cachetools import LRUCache

_KEY = re.compile(r"^[0-9a-f]{32}$")


class AudioStore:
    def __init__(self, memory_bytes: int, disk_dir: Path | None, disk_bytes: int) -> None:
        self._memory: LRUCache[str, bytes] = LRUCache(maxsize=max(1, memory_bytes), getsizeof=len)
        self._memory_bytes = memory_bytes
        self._dir = disk_dir if disk_bytes > 0 else None
        self._disk_bytes = disk_bytes
        self._disk_used = 0
        if self._dir is not None:
            self._dir.mkdir(parents=True, exist_ok=True)
            self._disk_used = sum(p.stat().st_size for p in self._dir.glob("*.mp3"))
        self.hits = 0
        self.misses = 0

    @property
    def memory_used(self) -> int:
        return int(self._memory.currsize)

    @property
    def disk_used(self) -> int:
        return self._disk_used

    def _path(self, key: str) -> Path | None:
        if self._dir is None or not _KEY.match(key):
            return None
        return self._dir / f"{key}.mp3"

    def get(self, key: str) -> bytes | None:
        data = self._memory.get(key)
        if data is None:
            path = self._path(key)
            if path is not None:
                try:
                    data = path.read_bytes()
                    os.utime(path)
                except OSError:
                    data = None
            if data is not None and len(data) <= self._memory_bytes:
                self._memory[key] = data
        if data is None:
            self.misses += 1
        else:
            self.hits += 1
        return data

    def put(self, key: str, data: bytes) -> None:
        if len(data) <= self._memory_bytes:
            self._memory[key] = data
        path = self._path(key)
        if path is None or len(data) > self._disk_bytes:
            return
        tmp = path.with_suffix(".tmp")
        try:
            tmp.write_bytes(data)
            tmp.replace(path)  # atomic: a reader never sees half a file
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
            return
        self._disk_used += len(data)
        if self._disk_used > self._disk_bytes:
            self._trim()

    def _trim(self) -> None:
        assert self._dir is not None
        files = []
        for p in self._dir.glob("*.mp3"):
            with contextlib.suppress(OSError):
                st = p.stat()
                files.append((st.st_mtime, st.st_size, p))
        files.sort()
        used = sum(size for _, size, _ in files)
        # Down to 90 %, so the next few writes do not each trigger a scan.
        target = int(self._disk_bytes * 0.9)
        for _, size, p in files:
            if used <= target:
                break
            with contextlib.suppress(OSError):
                p.unlink()
                used -= size
        self._disk_used = used
