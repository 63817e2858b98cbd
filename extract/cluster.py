"""The batch on a Dask distributed cluster: `extract run IN OUT --engine dask`.

The run is the local one (`batch.run`) with another map: the chunks of units go
to the cluster's workers as tasks, and their outcomes come back to this
process, which stores and merges them as it does for its own workers. So the
tables are the same, row for row and id for id, and a task Dask runs twice (a
lost worker, a retry) changes nothing: only the first result of a chunk is kept,
and it is written once, here.

Each worker loads the models once, when it joins (`LoadModels`, a worker
plugin), never per task: the embeddings alone would pickle to about 60 MB. The
BLAS thread count is capped to one per worker, like the local engine's.
`--timeout` holds in Dask's task threads as in local workers (`deadline`).

A chunk whose task killed the workers that ran it (Dask gives up after
`distributed.scheduler.allowed-failures` deaths: `KilledWorker`) is sent
again one document a task, as the local engine does, so that the document
at fault gets an error row and the others are processed.

Without `scheduler`, a `LocalCluster` of `workers` processes is started for the
run; with one (`tcp://host:8786`), the run uses that cluster, whose workers must
have `extract` installed and must see the alias file, if any, at the same path.
"""

import asyncio
import logging
import socket
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin, as_completed
from distributed.comm import connect as connect_comm
from distributed.comm.addressing import parse_address, parse_host_port

from .errors import UsageError
from .models import load_models

IN_FLIGHT = 2  # chunks queued per worker
REACH_SECONDS = 3.0  # how long `check_scheduler` waits for the scheduler to answer
HANDSHAKE_SECONDS = 60.0  # longer than any wait for it (see `handshake`)
SCHEDULER_PORT = 8786  # Dask's, for an address without a port
SOCKET_SCHEMES = ("tcp", "tls", "ws", "wss")


class LoadModels(WorkerPlugin):
    """Loads the models on each worker as it starts, once."""

    name = "extract-models"

    def __init__(self, aliases: Path | None) -> None:
        self.aliases = aliases

    def setup(self, worker) -> None:
        load_models(self.aliases)


async def handshake(address: str) -> None:
    """Dask's opening exchange with `address`, on a long timeout: the caller bounds it.
    (Dask's own connect timeout gives each try a fifth of it, which a busy
    machine can miss although the server is there.)"""
    comm = await connect_comm(address, timeout=HANDSHAKE_SECONDS)
    await comm.close()


def check_scheduler(address: str) -> None:
    """A `UsageError` unless a Dask scheduler answers at `address` within
    `REACH_SECONDS`. `Client` would retry a refused connection for 30 s and
    then raise, and wait forever for a server that accepts and says nothing:
    this is said at once, before any work. A plain TCP address is also asked
    for Dask's handshake; others (TLS needs the cluster's certificates) only
    for a connection."""
    seconds = REACH_SECONDS
    try:
        scheme, location = parse_address(address)
        host, port = parse_host_port(location, SCHEDULER_PORT)
    except ValueError:
        raise UsageError(f"--scheduler is not an address: {address}") from None
    if scheme not in SOCKET_SCHEMES:
        return
    try:
        with socket.create_connection((host, port), timeout=seconds):
            pass
    except TimeoutError:
        raise UsageError(
            f"cannot reach the Dask scheduler at {address}: no answer within {seconds:g} s"
        ) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {reason}") from None
    if scheme == "tcp":
        try:
            asyncio.run(asyncio.wait_for(handshake(address), seconds))
        except TimeoutError:
            raise UsageError(
                f"no Dask scheduler at {address}: no handshake within {seconds:g} s"
            ) from None
        except Exception as error:  # closed on us, or another protocol
            raise UsageError(f"no Dask scheduler at {address}: {error}") from None


def connect(scheduler: str | None, workers: int) -> Client:
    if scheduler:
        return Client(scheduler)
    # a task whose worker dies is tried once more before it counts as killing
    # its workers: a local machine has no flaky worker to forgive thrice
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    return Client(cluster)


def map_chunks(
    chunks: Iterable[list],
    process_chunk: Callable,
    workers: int,
    scheduler: str | None,
    aliases: Path | None,
    timeout: float,
    crashed: Callable,
) -> Iterator[list]:
    """Outcomes chunk by chunk as the cluster finishes them, with at most
    `IN_FLIGHT` chunks queued per worker; `crashed(unit)` gives the result of
    a unit that killed its workers when sent alone."""
    client = connect(scheduler, workers)

    def submit(units: list) -> Future:
        return client.submit(process_chunk, units, aliases, None, timeout, pure=False)

    try:
        client.register_plugin(LoadModels(aliases))
        slots = IN_FLIGHT * max(1, len(client.scheduler_info()["workers"]))
        pending = as_completed()
        sent = {}
        for chunk in chunks:
            task = submit(chunk)
            sent[task.key] = chunk
            pending.add(task)
            if pending.count() >= slots:
                future = next(pending)
                yield from settle(future, sent.pop(future.key), submit, crashed)
        for future in pending:
            yield from settle(future, sent.pop(future.key), submit, crashed)
    finally:
        cluster = client.cluster
        client.close()
        if cluster is not None and not scheduler:
            cluster.close()


def settle(
    future: Future, chunk: list, submit: Callable[[list], Future], crashed: Callable
) -> Iterator[list]:
    """A finished chunk's result or, if it killed its workers, its units' one by one."""
    try:
        yield future.result()
        return
    except KilledWorker:
        pass
    for unit in chunk:
        try:
            yield submit([unit]).result()
        except KilledWorker:
            yield crashed(unit)
