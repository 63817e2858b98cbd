import pickle
import subprocess
import sys
import threading
import time

import pytest

from extract.deadline import time_limit
from extract.errors import TimedOut

from .conftest import busy


def test_time_limit_stops_python_work() -> None:
    started = time.perf_counter()
    with pytest.raises(TimedOut, match=r"^timeout after 0\.2 s$"), time_limit(0.2):
        busy(5)
    assert time.perf_counter() - started < 2


def test_time_limit_names_the_documents_whole_budget() -> None:
    with pytest.raises(TimedOut, match=r"^timeout after 60 s$"), time_limit(0.1, budget=60):
        busy(5)


def test_time_limit_in_a_thread_other_than_the_main_one() -> None:
    """As in Dask's task threads, where no alarm signal could reach."""
    caught: list[str] = []

    def work() -> None:
        try:
            with time_limit(0.2):
                busy(5)
        except TimedOut as error:
            caught.append(str(error))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert caught == ["timeout after 0.2 s"]


def test_work_done_in_time_is_never_stopped_later() -> None:
    with time_limit(0.2):
        busy(0.01)
    busy(0.5)  # past the limit, after its block: nothing is raised
    with time_limit(0):  # 0: no limit
        busy(0.3)


def test_a_timeout_pickles_as_what_it_is() -> None:
    """The error crosses from a worker process to the run as any other does."""
    with pytest.raises(TimedOut) as caught, time_limit(0.1):
        busy(5)
    again = pickle.loads(pickle.dumps(caught.value))
    assert (type(again), str(again)) == (TimedOut, "timeout after 0.1 s")


def test_extract_imports_without_posix_locks_or_alarm_signals() -> None:
    """As on Windows: no `fcntl`, no `SIGALRM`, no `pthread_sigmask` (filelock,
    left without `fcntl` here, warns that it falls back to a lock file, where on
    Windows it would lock with `msvcrt`)."""
    code = (
        "import signal, sys\n"
        "sys.modules['fcntl'] = None\n"
        "for name in ('SIGALRM', 'setitimer', 'pthread_sigmask'):\n"
        "    delattr(signal, name)\n"
        "import extract, extract.batch, extract.parts, extract.deadline\n"
        "from extract.deadline import time_limit\n"
        "try:\n"
        "    with time_limit(0.1):\n"
        "        while True: pass\n"
        "except Exception as error:\n"
        "    print(error)\n"
    )
    command = [sys.executable, "-W", "ignore:only soft file lock", "-c", code]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (0, "timeout after 0.1 s\n", "")
