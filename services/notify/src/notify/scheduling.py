"""Background work declared beside its domain: ``@periodic("<interval setting>")`` on a task in a
domain's ``tasks.py``; :func:`discover` finds every such module, so no central list exists."""

from __future__ import annotations

import asyncio
import importlib
import pkgutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from notify.settings import Settings
from notify.upstream import Upstream

log = structlog.get_logger("notify.scheduling")


@dataclass
class TaskContext:
    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]
    upstream: Upstream
    state: dict[str, object] = field(default_factory=dict)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    """Set when the worker stops (a task that waits long looks at it)."""
    _kicks: dict[str, asyncio.Event] = field(default_factory=dict)

    def kick(self, task_name: str) -> None:
        """Run the task whose function is named ``task_name`` now instead of at its next tick."""
        self._kicks.setdefault(task_name, asyncio.Event()).set()

    def kicked(self, task_name: str) -> asyncio.Event:
        return self._kicks.setdefault(task_name, asyncio.Event())


TaskFn = Callable[[TaskContext], Awaitable[object]]


@dataclass(frozen=True)
class PeriodicTask:
    name: str
    interval_setting: str
    run: TaskFn
    interruptible: bool = False
    """Cancelled at once when the worker stops (a task that only waits, never half-writes)."""

    @property
    def function_name(self) -> str:
        return self.name.rsplit(".", 1)[1]

    def interval(self, settings: Settings) -> float:
        return float(getattr(settings, self.interval_setting))


_registry: dict[str, PeriodicTask] = {}


def periodic(interval_setting: str, *, interruptible: bool = False) -> Callable[[TaskFn], TaskFn]:
    """Run the decorated task every ``Settings.<interval_setting>`` seconds in the worker (and at
    once when another task kicks it: ``context.kick("<function name>")``)."""

    def register(fn: TaskFn) -> TaskFn:
        name = f"{fn.__module__}.{fn.__name__}"
        _registry[name] = PeriodicTask(
            name=name, interval_setting=interval_setting, run=fn, interruptible=interruptible
        )
        return fn

    return register


def discover() -> list[PeriodicTask]:
    """Import every ``notify.<domain>.tasks`` module and return the tasks they declare."""
    import notify

    for module in pkgutil.iter_modules(notify.__path__):
        if module.ispkg:
            try:
                importlib.import_module(f"notify.{module.name}.tasks")
            except ModuleNotFoundError as exc:
                if exc.name != f"notify.{module.name}.tasks":
                    raise
    return sorted(_registry.values(), key=lambda task: task.name)


async def _tick(task: PeriodicTask, context: TaskContext, stop: asyncio.Event) -> None:
    if not task.interruptible:
        await task.run(context)
        return
    run = asyncio.ensure_future(task.run(context))
    stopping = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({run, stopping}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for pending in (run, stopping):
            if not pending.done():
                pending.cancel()
        await asyncio.gather(run, stopping, return_exceptions=True)
    if run.done() and not run.cancelled() and (error := run.exception()) is not None:
        raise error


async def _pause(
    task: PeriodicTask, context: TaskContext, stop: asyncio.Event, *, failed: bool = False
) -> None:
    """Until the next tick: the interval (shorter after a failed tick), a kick from another task,
    or the stop."""
    timeout = task.interval(context.settings)
    if failed:
        timeout = min(timeout, context.settings.failed_task_retry_seconds)
    kicked = context.kicked(task.function_name)
    waits = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(kicked.wait())]
    try:
        await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiting in waits:
            waiting.cancel()
        await asyncio.gather(*waits, return_exceptions=True)
    kicked.clear()


async def run_forever(task: PeriodicTask, context: TaskContext, stop: asyncio.Event) -> None:
    """Run ``task`` at its interval until ``stop`` is set; a failing tick is logged and retried."""
    while not stop.is_set():
        failed = False
        try:
            await _tick(task, context, stop)
        except Exception:  # one failed tick must not end the loop; the next tick retries
            log.exception("notify.task.failed", task=task.name)
            failed = True
        await _pause(task, context, stop, failed=failed)


async def run_all(context: TaskContext, stop: asyncio.Event) -> None:
    context.stop = stop
    tasks = discover()
    log.info("notify.worker.started", tasks=[task.name for task in tasks])
    await asyncio.gather(*(run_forever(task, context, stop) for task in tasks))
