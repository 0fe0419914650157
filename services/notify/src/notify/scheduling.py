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


TaskFn = Callable[[TaskContext], Awaitable[object]]


@dataclass(frozen=True)
class PeriodicTask:
    name: str
    interval_setting: str
    run: TaskFn

    def interval(self, settings: Settings) -> float:
        return float(getattr(settings, self.interval_setting))


_registry: dict[str, PeriodicTask] = {}


def periodic(interval_setting: str) -> Callable[[TaskFn], TaskFn]:
    """Run the decorated task every ``Settings.<interval_setting>`` seconds in the worker."""

    def register(fn: TaskFn) -> TaskFn:
        name = f"{fn.__module__}.{fn.__name__}"
        _registry[name] = PeriodicTask(name=name, interval_setting=interval_setting, run=fn)
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


async def run_forever(task: PeriodicTask, context: TaskContext, stop: asyncio.Event) -> None:
    """Run ``task`` at its interval until ``stop`` is set; a failing tick is logged and retried."""
    interval = task.interval(context.settings)
    while not stop.is_set():
        try:
            await task.run(context)
        except Exception:  # one failed tick must not end the loop; the next tick retries
            log.exception("notify.task.failed", task=task.name)
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
        except TimeoutError:
            continue


async def run_all(context: TaskContext, stop: asyncio.Event) -> None:
    tasks = discover()
    log.info("notify.worker.started", tasks=[task.name for task in tasks])
    await asyncio.gather(*(run_forever(task, context, stop) for task in tasks))
