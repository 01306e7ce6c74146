"""The write contract every service follows.

- A write is a service method marked `@write`. It runs in ONE unit of work (`self.transaction()`),
  needs an actor (who is acting: a signed-in user, or the CLI's named local actor), and returns a
  result whose `changed` says what changed. Callers never publish changes by hand: the GUI's
  runner publishes `result.changed` itself after the write succeeded (as Anki's CollectionOp
  fires its change hook), and the sync client publishes what it pulled the same way.
- A read opens `self.reader()` and may run with no actor (the sign-in screen, before anybody is
  signed in).
- Opening a transaction outside a `@write`, or a `@write` with no actor, is a programming error
  (`ContractError`), never a user error: tests catch it.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from fieldapp.core.errors import ContractError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from fieldapp.core.permissions import Actor
    from fieldapp.services import Services
    from fieldapp.store.db import Store


@dataclass(frozen=True)
class Changed:
    """What a write changed: topics such as 'people', 'scans', 'gifts', 'stock', 'visits', 'events'."""

    topics: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *topics: str) -> Changed:
        return cls(frozenset(topics))

    def __or__(self, other: Changed) -> Changed:
        return Changed(self.topics | other.topics)

    def __bool__(self) -> bool:
        return bool(self.topics)


@dataclass(frozen=True)
class Done:
    """The result of a write that has nothing else to return (or only a small value)."""

    changed: Changed
    value: Any = None


class WriteResult(Protocol):
    changed: Changed


# Set while a @write runs on this thread: transaction() checks it, so no write can bypass @write.
_writing: contextvars.ContextVar[str | None] = contextvars.ContextVar("fieldapp_writing", default=None)

F = TypeVar("F", bound=Callable[..., Any])


def write(fn: F | None = None, *, anonymous: bool = False) -> Any:
    """Mark a service method as a write (see the module doc).

    anonymous=True: the write may run with nobody signed in (signing in, the first-run setup);
    the method then names who acts itself (`self.transaction(user_name=...)`).
    """

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def wrapper(self: Service, *args: Any, **kwargs: Any) -> Any:
            if self.services.actor is None and not anonymous:
                raise ContractError(f"{method.__qualname__} is a write and was called with no actor")
            token = _writing.set(method.__qualname__)
            try:
                result = method(self, *args, **kwargs)
            finally:
                _writing.reset(token)
            if not isinstance(getattr(result, "changed", None), Changed):
                raise ContractError(
                    f"{method.__qualname__} is a write and must return a result with `changed`, "
                    f"not {type(result).__name__}"
                )
            return result

        wrapper.is_write = True  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate(fn) if fn is not None else decorate


def is_write(fn: Callable[..., Any]) -> bool:
    """True for a bound or plain `@write` method (the GUI runner routes these through `write()`)."""
    return bool(getattr(fn, "is_write", False))


class Service:
    """Base of every service: the services hub, the store, the actor, and the two ways in."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def store(self) -> Store:
        return self.services.store

    @property
    def actor(self) -> Actor:
        actor = self.services.actor
        if actor is None:
            raise ContractError(f"{type(self).__name__} needs an actor here and none was given")
        return actor

    @contextlib.contextmanager
    def transaction(
        self, bulk_audit: str | None = None, user_name: str | None = None, foreign_keys: bool = True
    ) -> Iterator[Session]:
        """One unit of work for the running @write: commits together (changes, outbox, audit) or not
        at all, holding the database's write lock from the start (store.db.Store.session)."""
        if _writing.get() is None:
            raise ContractError(f"{type(self).__name__} opened a transaction outside a @write method")
        name = user_name or self.actor.user_name
        with self.store.session(name, bulk_audit=bulk_audit, foreign_keys=foreign_keys) as session:
            yield session

    def reader(self) -> contextlib.AbstractContextManager[Session]:
        """A read-only session (never commits)."""
        return self.store.reader()
