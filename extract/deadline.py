"""A time limit on a stretch of work, on any system and in any thread.

A timer thread raises the limit's exception into the working thread when the
time is up (CPython's `PyThreadState_SetAsyncExc`), so no alarm signal is
needed: it works on Windows, and in the threads Dask runs its tasks in. The
exception lands between two Python steps, as a signal's would: a numpy call
or a blocking read in progress finishes first.
"""

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import TimedOut


def raise_in(thread: int, exception: type[BaseException] | None) -> None:
    """Have `thread` raise `exception` at its next Python step; `None` takes
    back one not raised yet."""
    target = ctypes.py_object(exception) if exception else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), target)


def expiry(seconds: float) -> type[TimedOut]:
    """`TimedOut(seconds)` as a class called with no arguments, the way an
    exception raised into a thread is made."""

    class Expired(TimedOut):
        def __init__(self) -> None:
            super().__init__(seconds)

        def __reduce__(self) -> tuple:  # it pickles as the TimedOut it stands for
            return TimedOut, (seconds,)

    return Expired


@contextmanager
def time_limit(seconds: float, budget: float | None = None) -> Iterator[None]:
    """Stop the work after `seconds` with `TimedOut` (naming `budget`, the
    document's whole limit, when given), so a pathological text cannot hang its
    worker; 0 for none."""
    if not seconds:
        yield
        return
    thread, guard = threading.get_ident(), threading.Lock()
    ended = threading.Event()
    expired = expiry(budget or seconds)

    def expire() -> None:
        with guard:
            if not ended.is_set():
                raise_in(thread, expired)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with guard:  # once here, no exception is raised into this thread any more
            ended.set()
            timer.cancel()
            raise_in(thread, None)
