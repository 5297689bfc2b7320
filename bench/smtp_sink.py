"""An SMTP sink for the mailing benchmark: counts messages, Message-IDs and letter PDFs.

Part of ``bench/bench_mailing.py`` (see bench/README.md); imported as ``smtp_sink``.
"""

import email.parser
import threading
import time

from common import (
    HOST,
    free_port,
)


class CountingSink:
    """An aiosmtpd handler that counts messages, distinct Message-IDs and PDF attachments."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.count = 0
            self.with_pdf = 0
            self.bytes = 0
            self.message_ids: set[str] = set()
            self.first_at: float | None = None
            self.last_at: float | None = None

    async def handle_DATA(self, server, session, envelope):
        now = time.perf_counter()
        content = envelope.content
        headers = email.parser.BytesHeaderParser().parsebytes(content)
        with self.lock:
            self.count += len(envelope.rcpt_tos)
            self.bytes += len(content)
            self.message_ids.add(str(headers.get("Message-ID", "")))
            if b"letter.pdf" in content:
                self.with_pdf += 1
            if self.first_at is None:
                self.first_at = now
            self.last_at = now
        return "250 Message accepted for delivery"


def start_sink():
    from aiosmtpd.controller import Controller

    sink = CountingSink()
    # A fixed server name: else aiosmtpd looks the host name up for every connection.
    controller = Controller(sink, hostname=HOST, port=free_port(), server_hostname="bench-sink")
    controller.start()
    return sink, controller
