"""Waiting for a worker: poll until a condition holds, or give up."""

import time


def wait_until(condition, timeout: float = 90) -> bool:
    """Whether ``condition()`` held within ``timeout`` seconds (polled every 0.2 s)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False
