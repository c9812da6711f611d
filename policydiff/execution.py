"""Where ``policydiff.corpus`` runs its tasks: this process, local processes, any executor
or a Dask cluster; results in task order, progress bars on a terminal."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from typing import Any, TypeVar

from .errors import PolicydiffError

__all__ = ["executor_for", "is_terminal", "run"]

_T = TypeVar("_T")


@contextmanager
def executor_for(executor: Executor | None, scheduler: Any, workers: int | None
              ) -> Iterator[Executor | None]:
    """The executor to use (``None``: run in this process); shuts down only what it made."""
    if executor is not None:
        yield executor
    elif scheduler is not None:
        if hasattr(scheduler, "get_executor"):                  # a dask.distributed.Client
            yield scheduler.get_executor()
            return
        try:
            distributed: Any = importlib.import_module("distributed")
        except ImportError:
            raise PolicydiffError(
                "scheduler= needs dask.distributed: pip install 'policydiff[dask]'") from None
        try:
            client = distributed.Client(scheduler, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise PolicydiffError(f"cannot connect to the Dask scheduler {scheduler!r}: "
                                  f"{error}") from None
        try:
            yield client.get_executor()
        finally:
            client.close()
    elif workers == 1:
        yield None
    else:
        # the platform's start method, as ProcessPoolExecutor() has it: with spawn or
        # forkserver a script must call corpus() under `if __name__ == "__main__":`
        from .alignment.tokens import load_segmenter

        load_segmenter()   # load jieba's dictionary once: forked workers inherit it
        with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
            yield pool


def run(pool: Executor | None, function: Callable[..., _T], tasks: Sequence[tuple[Any, ...]],
         label: str, show: bool) -> list[_T]:
    """``function(*task)`` for every task, results in task order."""
    bar = _progress(len(tasks), label) if show and tasks else None
    try:
        if pool is None:
            results = []
            for task in tasks:
                results.append(function(*task))
                if bar is not None:
                    bar.update(1)
            return results
        futures: dict[Future[_T], int] = {pool.submit(function, *task): i
                                          for i, task in enumerate(tasks)}
        out: list[Any] = [None] * len(tasks)
        for future in as_completed(futures):
            out[futures[future]] = future.result()
            if bar is not None:
                bar.update(1)
        return out
    finally:
        if bar is not None:
            bar.close()


def is_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _progress(total: int, label: str) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit="doc" if label == "reading" else "pair",
                file=sys.stderr, dynamic_ncols=True, leave=False, mininterval=0.2)
