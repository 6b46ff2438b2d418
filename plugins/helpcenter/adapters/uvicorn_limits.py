"""uvicorn's HTTP protocol (httptools) with the limits uvicorn itself lacks: a deadline for a request's line
and headers, a cap on their size, a cap on open connections, and a cap on the connections of one peer address.

uvicorn accepts a protocol class for `http=`; this subclass hooks the parser callbacks of
`uvicorn.protocols.http.httptools_impl.HttpToolsProtocol`, which are not a documented API, hence an adapter.
Without it a client that opens connections and sends nothing (or a byte every few seconds) holds a file
descriptor each until the process runs out of them.
"""

from __future__ import annotations

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

_408 = b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
_431 = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
_503 = b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\nretry-after: 1\r\n\r\n"


class _HeadersTooLarge(Exception):
    pass


def limited_protocol(header_timeout: float, max_connections: int, max_per_peer: int = 0,
                     exempt_peer=lambda host: False, max_header_bytes: int = 16 * 1024) -> type:
    """A protocol class for `uvicorn.Config(http=...)` that enforces the limits. `max_per_peer` (0: none) caps
    the connections of one peer address, except peers for which `exempt_peer(host)` is true (trusted proxies,
    whose connections carry many readers)."""
    per_peer: dict[str, int] = {}

    class LimitedHttpToolsProtocol(HttpToolsProtocol):
        _header_timer = None
        _header_bytes = 0
        _peer = None

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            host = self.client[0] if self.client else None
            if max_per_peer and host and not exempt_peer(host):
                self._peer = host
                per_peer[host] = per_peer.get(host, 0) + 1
                if per_peer[host] > max_per_peer:
                    transport.write(_503)
                    transport.close()
                    return
            if len(self.connections) > max_connections:
                transport.write(_503)
                transport.close()
                return
            self._arm()  # a connection that never sends a request is closed too

        def connection_lost(self, exc) -> None:
            self._disarm()
            if self._peer is not None:
                left = per_peer.get(self._peer, 1) - 1
                if left > 0:
                    per_peer[self._peer] = left
                else:
                    per_peer.pop(self._peer, None)
                self._peer = None
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._disarm()
            self._header_bytes = 0
            self._header_timer = self.loop.call_later(header_timeout, self._refuse, _408)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _refuse(self, response: bytes) -> None:
            self._header_timer = None
            if not self.transport.is_closing():
                self.transport.write(response)
                self.transport.close()

        def on_message_begin(self) -> None:
            super().on_message_begin()
            if self._header_timer is None:  # the next request on a kept-alive connection
                self._arm()

        def on_url(self, url: bytes) -> None:
            self._count(len(url))
            super().on_url(url)

        def on_header(self, name: bytes, value: bytes) -> None:
            self._count(len(name) + len(value) + 4)
            super().on_header(name, value)

        def _count(self, size: int) -> None:
            self._header_bytes += size
            if self._header_bytes > max_header_bytes:
                self._disarm()
                self._refuse(_431)
                raise _HeadersTooLarge  # stops the parser; uvicorn's own 400 is then skipped (send_400_response)

        def data_received(self, data: bytes) -> None:
            if not self.transport.is_closing():  # refused: nothing more of this connection is parsed
                super().data_received(data)

        def send_400_response(self, msg: str) -> None:
            if not self.transport.is_closing():
                super().send_400_response(msg)

        def on_headers_complete(self) -> None:
            self._disarm()
            super().on_headers_complete()

    return LimitedHttpToolsProtocol
