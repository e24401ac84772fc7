"""A hostile portal on 127.0.0.1: raw sockets, so it can misbehave in ways no HTTP library allows.

Each path is one misbehaviour (the issue's list): a byte-a-second trickle,
headers that never end, a 1 GiB body, a gzip bomb, a lying Content-Encoding,
a redirect loop, a reset in the middle of the body, 100,000 nested elements (and 100,000 <div/>, and formatting reopened 3,000 deep),
bytes that are not valid in the declared charset, and a trickled file.
``/ok`` is a well-behaved page, for "the proxy keeps serving everyone else".
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import socket
import struct
import threading
import zlib

PAGE = "<!DOCTYPE html><html><head><title>正常页面</title></head><body><main><p>正常内容。</p></main></body></html>"


def _gzip_bomb(decoded_mib: int) -> bytes:
    """A gzip member of ``decoded_mib`` MiB of zeros: about 1/1000 of that on the wire."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = bytes(1024 * 1024)
    body = b"".join(compressor.compress(block) for _ in range(decoded_mib)) + compressor.flush()
    crc = 0
    for _ in range(decoded_mib):
        crc = zlib.crc32(block, crc)
    size = (decoded_mib * 1024 * 1024) & 0xFFFFFFFF
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + body + struct.pack("<II", crc, size)


class HostileServer:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.server: asyncio.base_events.Server | None = None
        self.port = 0
        self.bomb = _gzip_bomb(1024)  # 1 GiB decoded
        ready = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self.thread.start()
        ready.wait(10)

    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", 0))
        self.port = self.server.sockets[0].getsockname()[1]
        ready.set()
        self.loop.run_forever()

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            line = await reader.readline()
            while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                pass
            path = line.split()[1].decode().split("?", 1)[0] if len(line.split()) > 1 else "/"
            await self._answer(path, writer)
        except (ConnectionError, asyncio.CancelledError, OSError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    async def _send(self, writer: asyncio.StreamWriter, head: str, body: bytes = b"") -> None:
        writer.write(head.encode("latin-1") + b"\r\n" + body)
        await writer.drain()

    async def _answer(self, path: str, writer: asyncio.StreamWriter) -> None:
        html = "Content-Type: text/html; charset=utf-8\r\n"
        if path == "/ok":
            body = PAGE.encode()
            await self._send(writer, f"HTTP/1.1 200 OK\r\n{html}Content-Length: {len(body)}\r\n", body)
        elif path == "/slow-ok":
            await asyncio.sleep(2)
            body = PAGE.encode()
            await self._send(writer, f"HTTP/1.1 200 OK\r\n{html}Content-Length: {len(body)}\r\n", body)
        elif path == "/trickle":
            await self._send(writer, f"HTTP/1.1 200 OK\r\n{html}Content-Length: 100000\r\n", b"<p>")
            for _ in range(600):
                writer.write(b"x")
                await writer.drain()
                await asyncio.sleep(1)
        elif path == "/slow-headers":
            writer.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(600):
                writer.write(b"X-Slow: a\r\n")
                await writer.drain()
                await asyncio.sleep(0.5)
        elif path == "/endless-header":
            writer.write(b"HTTP/1.1 200 OK\r\nX-Long: ")
            for _ in range(10000):
                writer.write(b"a" * 4096)
                await writer.drain()
        elif path == "/huge":
            # 1 GiB of HTML, no Content-Length: the cap must stop it, not the memory.
            await self._send(writer, f"HTTP/1.1 200 OK\r\n{html}Connection: close\r\n")
            chunk = b"<p>" + b"x" * 65533
            for _ in range(16384):
                writer.write(chunk)
                await writer.drain()
        elif path == "/huge-file":
            await self._send(
                writer, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n"
            )
            chunk = bytes(65536)
            for _ in range(16384):
                writer.write(chunk)
                await writer.drain()
        elif path == "/trickle-file":
            await self._send(
                writer,
                "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 1000000\r\n",
                b"%PDF",
            )
            for _ in range(600):
                writer.write(b"x")
                await writer.drain()
                await asyncio.sleep(1)
        elif path == "/gzip-bomb":
            await self._send(
                writer,
                f"HTTP/1.1 200 OK\r\n{html}Content-Encoding: gzip\r\nContent-Length: {len(self.bomb)}\r\n",
                self.bomb,
            )
        elif path == "/lying-encoding":
            body = PAGE.encode()
            await self._send(
                writer,
                f"HTTP/1.1 200 OK\r\n{html}Content-Encoding: gzip\r\nContent-Length: {len(body)}\r\n",
                body,
            )
        elif path == "/redirect-loop":
            await self._send(
                writer, "HTTP/1.1 302 Found\r\nLocation: /redirect-loop-2\r\nContent-Length: 0\r\n"
            )
        elif path == "/redirect-loop-2":
            await self._send(
                writer, "HTTP/1.1 302 Found\r\nLocation: /redirect-loop\r\nContent-Length: 0\r\n"
            )
        elif path == "/reset":
            await self._send(
                writer, f"HTTP/1.1 200 OK\r\n{html}Content-Length: 100000\r\n", b"<p>" + b"x" * 5000
            )
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
        elif path == "/nested":
            body = ("<div>" * 100_000 + "深处的文字" + "</div>" * 100_000).encode()
            await self._send(writer, f"HTTP/1.1 200 OK\r\n{html}Content-Length: {len(body)}\r\n", body)
        elif path == "/reopened":
            # 20 KB: each <p> closes the b's before it, each text reopens them all.
            body = "".join(f"<p><b id={i}>x" for i in range(3000)).encode()
            await self._send(writer, f"HTTP/1.1 200 OK\r\n{html}Content-Length: {len(body)}\r\n", body)
        elif path == "/nested-self-closed":
            # <div/> opens a div as <div> does (the self-closing flag of an HTML element is ignored).
            body = ("<div/>" * 100_000 + "深处的文字").encode()
            await self._send(writer, f"HTTP/1.1 200 OK\r\n{html}Content-Length: {len(body)}\r\n", body)
        elif path == "/bad-bytes":
            body = "<html><head><title>坏字节</title></head><body><p>前面".encode("gbk")
            body += b"\xff\xfe\x80\x81\xa1" + "后面的文字</p></body></html>".encode("gbk")
            await self._send(
                writer,
                f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=gbk\r\nContent-Length: {len(body)}\r\n",
                body,
            )
        elif path == "/bad-utf8":
            body = b"<html><head><meta charset=utf-8><title>t</title></head><body><p>ok \xc3\x28 \xed\xa0\x80 end</p>"
            await self._send(writer, f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n", body)
        elif path == "/gzip-truncated":
            body = gzip.compress(PAGE.encode() * 50)[:-40]
            await self._send(
                writer,
                f"HTTP/1.1 200 OK\r\n{html}Content-Encoding: gzip\r\nContent-Length: {len(body)}\r\n",
                body,
            )
        else:
            await self._send(writer, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n")
