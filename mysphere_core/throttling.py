"""Throttles: DRF's, with a cheap counter for the generous per-client limits.

DRF's throttles keep every request's timestamp of the last window in the cache (an
exact sliding window) and write that list back on every request: fine for the strict
scopes (`auth` 10/minute: at most 10 entries), costly for `user` (2,000 an hour) and
`anon`, whose list grows to thousands of entries written on each request — a large
write into the database cache. Those two count in fixed windows instead: one small
counter per client and window (`cache.add` + `cache.incr`). A fixed window may let
up to twice the rate through across a window's edge; the strict scopes stay exact.
"""

from typing import Any

from rest_framework import throttling
from rest_framework.request import Request


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
        key = f"{self.key}_w{window}"
        self.cache.add(key, 0, self.duration)
        try:
            count = self.cache.incr(key)
        except ValueError:  # expired between add and incr
            self.cache.set(key, 1, self.duration)
            count = 1
        self._wait = (window + 1) * self.duration - now
        return count <= self.num_requests

    def wait(self) -> float:
        """Seconds until the window ends."""
        return self._wait


class UserRateThrottle(FixedWindowMixin, throttling.UserRateThrottle):
    """Per user (or client address when anonymous), counted in fixed windows."""


class AnonRateThrottle(FixedWindowMixin, throttling.AnonRateThrottle):
    """Per client address of anonymous requests, counted in fixed windows."""
