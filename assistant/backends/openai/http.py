"""One HTTP call to a served model: a whole-call deadline, retries with capped backoff, a cap on requests in flight.

Plain httpx, not the `openai` SDK: the SDK speaks one dialect (the others ride in `extra_body`), applies its
own retry policy and per-read timeouts, and would be one more dependency; here the deadline covers the
whole call (connect, every retry, every byte of the reply) and every fault becomes one line.

Retried: 429 (honouring Retry-After, capped), 5xx, a connection dropped mid-reply. Not retried: nothing
listening (the server is not running), 4xx, a deadline passed, a redirect (never followed: an error naming
where it pointed), a reply over `max_reply_mb` (decoded bytes: a gzip bomb stops at the cap; assistant/replies.py).

The deadline is a deadline: each try runs in a worker thread (`assistant.deadline`), so a server that sends its
headers a byte at a time cannot stretch it; at the deadline the try's own client is closed and the call ends.
Every message is redacted (the key, `key=`/`token=` in the URL, an echoed Authorization header).
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ...deadline import Deadline, DeadlineExceeded
from ...errors import MissingDependencyError, ShipcardError
from ...sanitize import printable, redact, secret

BACKOFF_S = 0.5  # first wait; doubles per retry
BACKOFF_CAP_S = 8.0  # longest wait between tries (a Retry-After above it is capped too)
_GATES: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_GATES_LOCK = threading.Lock()


class ServerError(ShipcardError):
    """The server could not be used (not running, failing, too slow). Ends the run: the card would be the rules'."""


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict = field(default_factory=dict)

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def message(self) -> str:
        """The server's error message, short, on one line."""
        data = self.json()
        if isinstance(data, dict):
            err = data.get("error", data.get("detail", data))
            text = err.get("message", err) if isinstance(err, dict) else err
        else:
            text = self.body.decode("utf-8", "replace")
        return " ".join(redact(text).split())[:200]  # a server may echo the request's Authorization header


@dataclass
class HttpStats:
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0  # waiting on the network and the server, backoff included


class Http:
    """Calls to one server (`base`: the URL up to and including /v1)."""

    def __init__(self, base: str, api_key: str | None, timeout_s: float, max_retries: int, max_requests: int,
                 max_reply_mb: float = 8.0):
        self.base, self.timeout_s, self.max_retries, self.max_reply_mb = base, timeout_s, max_retries, max_reply_mb
        self.key = secret(api_key)  # never in a message: every one goes through redact
        self.shown = printable(redact(base, api_key))  # the base as every message shows it
        self.headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.gate = _gate(base, max_requests)
        self.stats = HttpStats()
        self._tls = None

    def client(self):
        """A client for one try (closed at its deadline from another thread, so never shared); TLS set up once."""
        try:
            import httpx

            from ...replies import capped_transport
        except ImportError:
            raise MissingDependencyError("httpx", "openai") from None
        if self._tls is None:
            self._tls = httpx.create_ssl_context()
        transport = capped_transport(self.max_reply_mb, "-o max_reply_mb", httpx, httpx.HTTPTransport(verify=self._tls))
        return httpx.Client(headers=self.headers, transport=transport, follow_redirects=False)

    def get(self, url: str, timeout_s: float = 5.0) -> Reply:
        return self._call("GET", url, None, timeout_s)

    def post(self, url: str, body: dict, keep: Callable[[Reply], bool] | None = None) -> Reply:
        """POST JSON; a 2xx or 4xx reply is returned, the rest retried then raised as one ServerError line.

        `keep(reply)` True returns a 5xx reply as it is (a server that refuses a request field with a 500).
        """
        return self._call("POST", url, body, self.timeout_s, keep)

    def _call(self, method: str, url: str, body: dict | None, seconds: float, keep=None) -> Reply:
        """One deadline, `seconds` from now, for the whole call: the gate, every try and every wait."""
        t0 = time.monotonic()
        deadline = t0 + seconds
        try:
            with self.gate:
                return self._tries(method, url, body, deadline, seconds, keep or (lambda reply: False))
        finally:
            self.stats.seconds += time.monotonic() - t0

    def _tries(self, method: str, url: str, body: dict | None, deadline: float, seconds: float, keep) -> Reply:
        for attempt in range(self.max_retries + 1):
            last = attempt == self.max_retries
            reply, fault = self._once(method, url, body, deadline)
            if reply is not None and 300 <= reply.status < 400:
                raise self._redirected(reply)
            if reply is not None and (not _retryable(reply.status) or keep(reply)):
                return reply
            if last or fault == "refused":
                raise self._fault(reply, fault, attempt, seconds)
            wait = _backoff(attempt, reply)
            if time.monotonic() + wait >= deadline:
                raise self._fault(reply, fault, attempt, seconds)
            self.stats.retries += 1
            time.sleep(wait)
        raise AssertionError("unreachable")

    def _once(self, method: str, url: str, body: dict | None, deadline: float) -> tuple[Reply | None, str | None]:
        """(reply, None), or (None, 'refused' | 'dropped' | 'timeout'); within the deadline, whatever the server does."""
        self.stats.requests += 1
        client = self.client()
        clock = Deadline(max(0.0, deadline - time.monotonic()))
        try:
            return clock.run(lambda: self._send(client, method, url, body, deadline), cancel=client.close)
        except DeadlineExceeded:
            return None, "timeout"
        finally:
            client.close()

    def _send(self, client, method: str, url: str, body: dict | None, deadline: float):
        import httpx

        from ...replies import ReplyRefused

        try:
            response = client.request(method, url, json=body, timeout=_timeout(deadline))
            return Reply(response.status_code, response.content, dict(response.headers)), None
        except httpx.TimeoutException:
            return None, "timeout"
        except httpx.ConnectError:
            return None, "refused"
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError, httpx.CloseError):
            return None, "dropped"
        except ReplyRefused as exc:
            raise ServerError(f"The server at {self.shown} sent a {exc.problem}.", exc.fix) from None
        except httpx.HTTPError as exc:  # an URL httpx cannot send (bad port, unsupported scheme...)
            raise ServerError(f"Cannot call {self.shown} ({type(exc).__name__}: {self._clean(exc)}).",
                              "Check --base-url / SHIPCARD_OPENAI_BASE_URL.") from None

    def _clean(self, text: object) -> str:
        return printable(redact(text, self.key))[:200]

    def _redirected(self, reply: Reply) -> ServerError:
        from ...replies import redirect_target

        where = redirect_target(reply, self.base)
        return ServerError(f"The server at {self.shown} redirected ({reply.status}) to {self._clean(where)}; "
                           f"redirects are not followed (the screenshots go only where you said).",
                           "Pass the server's own address with --base-url.")

    def _fault(self, reply: Reply | None, fault: str | None, retries: int, seconds: float) -> ServerError:
        after = f" (after {retries} {'retry' if retries == 1 else 'retries'})" if retries else ""
        if fault == "refused":
            return ServerError(f"Nothing answers at {self.shown}.",
                               "Start the server (docs/serving.md) or check --base-url / SHIPCARD_OPENAI_BASE_URL.")
        if fault == "timeout":
            return ServerError(f"The server at {self.shown} did not answer within {seconds:g} s{after}.",
                               "Raise --timeout, or lower --concurrency.")
        if fault == "dropped":
            return ServerError(f"The server at {self.shown} closed the connection mid-reply{after}.",
                               "Check the server's log; it may have crashed or run out of memory.")
        assert reply is not None, "_once returns a reply or a fault"
        if reply.status == 429:
            return ServerError(f"The server at {self.shown} is rate-limiting (429){after}.",
                               "Lower --concurrency, or wait and run again.")
        return ServerError(f"The server at {self.shown} failed ({reply.status}: {self._clean(reply.message())}){after}.",
                           "Check the server's log.")


def _gate(base: str, size: int) -> threading.BoundedSemaphore:
    with _GATES_LOCK:
        return _GATES.setdefault((base, size), threading.BoundedSemaphore(size))


def _retryable(status: int) -> bool:
    return status == 429 or status >= 500


def _timeout(deadline: float):
    import httpx

    left = max(0.01, deadline - time.monotonic())
    return httpx.Timeout(left, connect=min(left, 10.0))


def _backoff(attempt: int, reply: Reply | None) -> float:
    """Seconds before the next try: Retry-After when given, else exponential with jitter; capped either way."""
    after = (reply.headers.get("retry-after") if reply else None) or ""
    try:
        wanted = float(after)
    except ValueError:
        wanted = BACKOFF_S * 2**attempt * (0.8 + 0.4 * random.random())
    return max(0.0, min(wanted, BACKOFF_CAP_S))
