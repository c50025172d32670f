"""Throttles: DRF's, with a cheap counter for the generous per-client limits.

DRF's throttles keep every request's timestamp of the last window in the cache (an
exact sliding window) and write that list back on every request: fine for the strict
scopes (`auth` 10/minute: at most 10 entries), costly for `user` (2,000 an hour) and
`anon`, whose list grows to thousands of entries written on each request — a large
write into the database cache. Those two count in fixed windows instead: one small
counter per client and window (`cache.add` + `cache.incr`). A fixed window may let
up to twice the rate through across a window's edge; the strict scopes stay exact.

A worker process does not write that counter on every request: it reserves a batch
of a client's requests at once (`incr` by the batch, 1% of the rate, at least 1) and
serves the batch from memory. The shared counter therefore never lets more than the
rate through, across all workers; a client served by several workers may be refused
slightly early (by at most 1% of the rate per other worker holding an unused batch).
Limits under 200 requests per window reserve one request at a time: exact.
"""

import threading
from typing import Any

from rest_framework import throttling
from rest_framework.request import Request

from mysphere_core.resilient_cache import CacheUnavailable, breaker

BATCH_SHARE = 100  # a batch is 1/BATCH_SHARE of the rate
MAX_LEASES = 10_000  # past this, the leases of ended windows are dropped
MAX_SLOTS = 100  # strict rates up to this are exact sliding windows of slots

_leases: dict[tuple[str, int, int], int] = {}
_lock = threading.Lock()


def _take_leased(lease: tuple[str, int, int]) -> bool:
    """Use one request of this process's batch for the client's window, if any."""
    with _lock:
        left = _leases.get(lease, 0)
        if left <= 0:
            return False
        _leases[lease] = left - 1
        return True


def _store_lease(lease: tuple[str, int, int], count: int) -> None:
    """Keep `count` more requests of the window for this process."""
    with _lock:
        if len(_leases) >= MAX_LEASES:
            for old in [k for k in _leases if k[2] < lease[2]]:
                del _leases[old]
        if count > 0:
            _leases[lease] = count
        else:
            _leases.pop(lease, None)


def forget_leases() -> None:
    """Drop this process's unused batches (tests start each from a clean state)."""
    with _lock:
        _leases.clear()


class FixedWindowMixin:
    """`allow_request` with one counter per client and window instead of a log."""

    def allow_request(self, request: Request, view: Any) -> bool:
        """Count this request in the current window; refuse past the rate."""
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self._wait = (window + 1) * self.duration - now
        lease = (self.key, self.duration, window)
        if _take_leased(lease):
            return True
        batch = max(1, self.num_requests // BATCH_SHARE)
        count = self._reserve(f"{self.key}_w{window}", batch)
        granted = min(batch, self.num_requests - (count - batch))
        _store_lease(lease, granted - 1)
        return granted > 0

    def _reserve(self, key: str, batch: int) -> int:
        """Add `batch` to the window's shared counter; its new value."""
        self.cache.add(key, 0, self.duration)
        try:
            return self.cache.incr(key, batch)
        except ValueError:  # expired between add and incr
            self.cache.set(key, batch, self.duration)
            return batch
        except CacheUnavailable:  # the generous limits do not stop the service
            return batch

    def wait(self) -> float:
        """Seconds until the window ends."""
        return self._wait


class UserRateThrottle(FixedWindowMixin, throttling.UserRateThrottle):
    """Per user (or client address when anonymous), counted in fixed windows."""


class AnonRateThrottle(FixedWindowMixin, throttling.AnonRateThrottle):
    """Per client address of anonymous requests, counted in fixed windows."""


class ScopedRateThrottle(throttling.ScopedRateThrottle):
    """The strict scopes (`auth`, `refresh`, `ai`, `assistant`): an exact sliding
    window whose count is atomic across threads, workers and servers.

    DRF's keeps the window's timestamps in one cache entry, read, appended to and
    written back: two requests at once both read the same list, so a burst gets past
    the rate. Here the window's N requests are N slots, each a cache key living
    `duration` seconds from its use; a request passes only by claiming a free slot
    with `cache.add`, one atomic statement (Redis `SET NX`, the database cache's
    conditional upsert). A rate over MAX_SLOTS counts in a fixed window instead (one
    atomic `incr`). A cache that is down lets requests through.
    """

    def allow_request(self, request: Request, view: Any) -> bool:
        """Claim a free slot of the view's scope, or refuse."""
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope:
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        if self.num_requests > MAX_SLOTS:
            return self._counted(now)
        slots = [f"{self.key}_slot{i}" for i in range(self.num_requests)]
        taken = self.cache.get_many(slots)
        for slot in slots:
            if slot not in taken and self.cache.add(slot, now, self.duration):
                return True
        self._wait = self.duration - (now - min(taken.values(), default=now))
        return breaker.is_open()  # every claim failed because the cache is down

    def _counted(self, now: float) -> bool:
        """This request counted in the current fixed window: within the rate?"""
        window = int(now // self.duration)
        self._wait = (window + 1) * self.duration - now
        key = f"{self.key}_w{window}"
        self.cache.add(key, 0, self.duration)
        try:
            count = self.cache.incr(key)
        except ValueError:  # expired between add and incr
            self.cache.set(key, 1, self.duration)
            count = 1
        except CacheUnavailable:
            return True
        return count <= self.num_requests

    def wait(self) -> float:
        """Seconds until the oldest slot (or the window) frees."""
        return max(0.0, self._wait)
