"""wrk for bench/load.py: installing it, its Lua scripts, running it, reading it."""

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


def create_body(day: str) -> str:
    """The JSON of the expense every create request POSTs (dated `day`)."""
    return json.dumps(
        {
            "amount": "12.50",
            "currency": "USD",
            "category": "Groceries",
            "vendor": "Bench Mart",
            "transaction_date": day,
        }
    )


# POSTs the same new expense every time (the Authorization header comes from -H).
CREATE_LUA = """
wrk.method = "POST"
wrk.body = '%s'
wrk.headers["Content-Type"] = "application/json"
"""

# The assistant's chat with a question the rule-based router answers (what is due),
# so each request is the fallback path plus two history rows.
ASSISTANT_LUA = """
wrk.method = "POST"
wrk.body = '{"message": "what is due this week?"}'
wrk.headers["Content-Type"] = "application/json"
"""
ASSISTANT_BODY = b'{"message": "what is due this week?"}'

# Each wrk thread's number (0, 1, ...) as the global `thread_index`.
THREAD_INDEX_LUA = """
local threads = 0
function setup(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end
"""

# Every request asks for a window nobody asked for before, so the analytics cache
# misses: request i (counted across the threads, from the run's `start`) ends `i mod
# 1095` days ago and spans 7 + (i div 1095) mod 90 days: 98,550 distinct windows.
COLD_WINDOWS_LUA = THREAD_INDEX_LUA + """
function init(args)
  start = tonumber(args[1])
  stride = tonumber(args[2])
  counter = 0
end
function request()
  local i = start + counter * stride + thread_index
  counter = counter + 1
  local back = i % 1095
  local span = 7 + math.floor(i / 1095) % 90
  local day_to = os.time() - back * 86400
  local day_from = day_to - span * 86400
  local path = wrk.path .. "?date_from=" .. os.date("!%Y-%m-%d", day_from)
    .. "&date_to=" .. os.date("!%Y-%m-%d", day_to)
  return wrk.format(nil, path)
end
"""
COLD_WINDOWS_PER_RUN = 9000

# A write, then the page a person looks at next: odd requests POST the expense to
# the list's path, even ones GET `args[1]` (the project's Home, the floor's list).
WRITE_THEN_READ_LUA = """
local counter = 0
wrk.headers["Content-Type"] = "application/json"
function init(args)
  read_path = args[1]
end
function request()
  counter = counter + 1
  if counter %% 2 == 1 then
    return wrk.format("POST", wrk.path, nil, '%s')
  end
  return wrk.format("GET", read_path, nil, "")
end
"""


@dataclass(frozen=True)
class Result:
    """One wrk run: throughput, latency percentiles (ms), failures."""

    rps: float
    p50: float
    p99: float
    requests: int
    errors: int


def ensure_wrk() -> str:
    """The wrk binary; installed with apt-get when missing and we are root."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: apt-get install -y wrk ...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        quiet = {"env": env, "stdout": subprocess.DEVNULL, "timeout": 600}
        if subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"], **quiet
        ).returncode:
            subprocess.run(["apt-get", "update", "-q"], **quiet, check=True)
            subprocess.run(
                ["apt-get", "install", "-y", "-q", "wrk"], **quiet, check=True
            )
        found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is needed: sudo apt-get install -y wrk (Debian/Ubuntu)")
    return found


def write_scripts(folder: Path, today: str) -> dict[str, Path]:
    """The Lua scripts, written into `folder`: name -> path."""
    scripts = {
        "create": CREATE_LUA % create_body(today),
        "cold": COLD_WINDOWS_LUA,
        "assistant": ASSISTANT_LUA,
        "write_then_read": WRITE_THEN_READ_LUA % create_body(today),
    }
    paths = {}
    for name, text in scripts.items():
        paths[name] = folder / f"{name}.lua"
        paths[name].write_text(text)
    return paths


def _ms(value: str, unit: str) -> float:
    """A wrk duration in milliseconds."""
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse(output: str) -> Result:
    """Requests/sec, p50, p99, request and error counts from `wrk --latency`."""
    latency = {
        match[0]: _ms(match[1], match[2])
        for match in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
    }
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if not (rps and total and len(latency) == 2):
        raise RuntimeError(f"Unexpected wrk output:\n{output}")
    errors = int(non_2xx[1]) if non_2xx else 0
    errors += sum(int(n) for n in socket.groups()) if socket else 0
    return Result(
        rps=float(rps[1]),
        p50=latency["50"],
        p99=latency["99"],
        requests=int(total[1]),
        errors=errors,
    )


def run(
    url: str,
    token: str,
    *,
    seconds: int,
    connections: int,
    threads: int,
    script: Path | None = None,
    script_args: tuple[str, ...] = (),
) -> Result:
    """One wrk run against `url` with the JWT, bounded in time."""
    command = [
        ensure_wrk(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",
        "-H",
        f"Authorization: Bearer {token}",
    ]
    if script:
        command += ["-s", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if done.returncode:
        raise RuntimeError(
            f"wrk failed ({done.returncode}): {done.stderr or done.stdout}"
        )
    return parse(done.stdout)
