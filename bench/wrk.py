"""Running wrk (Debian's package) against a list of prepared requests, and reading its report."""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

LUA = r"""
-- Read-only lists: every thread cycles through all the prepared requests. One-shot requests
-- (feedback submissions): each thread takes every T-th one, so none is sent twice, and stops
-- when its share runs out.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  reqs = {}
  local T = tonumber(args[2])
  cycle = args[3] == "cycle"
  local n = 0
  for line in io.lines(args[1]) do
    if cycle or n % T == tid then
      local method, path, token, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local headers = {}
      if token ~= "" then headers["Authorization"] = "Bearer " .. token end
      if body ~= "" then headers["Content-Type"] = "application/json" else body = nil end
      table.insert(reqs, wrk.format(method, path, headers, body))
    end
    n = n + 1
  end
  -- Cycling threads start at different places so they do not march in step.
  index = cycle and (tid * 7919) % math.max(#reqs, 1) or 0
  pause = tonumber(args[4] or "0")
end

-- A pause before each request on a connection (0: as fast as the server answers). The soak
-- uses it to hold a steady rate below capacity.
function delay()
  return pause
end

function request()
  index = index + 1
  if index > #reqs then
    if cycle then
      index = 1
    else
      wrk.thread:stop()
      return reqs[#reqs]
    end
  end
  return reqs[index]
end
"""


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    token: str = ""
    body: str = ""

    def line(self) -> str:
        for part in (self.method, self.path, self.token, self.body):
            if "\t" in part or "\n" in part:
                raise ValueError("requests may not contain tabs or newlines")
        return f"{self.method}\t{self.path}\t{self.token}\t{self.body}"


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    throughput: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors + non-2xx/3xx responses
    raw: str


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse(output: str) -> WrkResult:
    requests = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", output)
    if not requests:
        raise ValueError("wrk printed no request count:\n" + output)
    count = int(requests.group(1))
    seconds = _ms(requests.group(2) + requests.group(3)) / 1000
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+(?:us|ms|s|m))", output, re.MULTILINE))
    errors = 0
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket:
        errors += sum(int(x) for x in socket.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    return WrkResult(
        requests=count,
        seconds=seconds,
        throughput=count / seconds if seconds else 0.0,
        p50_ms=_ms(percentiles["50"]) if "50" in percentiles else float("nan"),
        p99_ms=_ms(percentiles["99"]) if "99" in percentiles else float("nan"),
        errors=errors,
        raw=output,
    )


def run(
    base_url: str,
    requests: list[Request],
    *,
    seconds: float,
    connections: int,
    threads: int,
    cycle: bool = True,
    timeout_s: int = 10,
    delay_ms: int = 0,
) -> WrkResult:
    """Send ``requests`` for ``seconds`` with wrk (127.0.0.1 only) and return the figures."""
    if not base_url.startswith(("http://127.0.0.1", "http://localhost")):
        raise ValueError("benchmarks only send traffic to this machine")
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "requests.lua"
        script.write_text(LUA)
        listing = Path(folder) / "requests.tsv"
        listing.write_text("\n".join(r.line() for r in requests) + "\n")
        output = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                f"--timeout={timeout_s}s",
                "--latency",
                "-s",
                str(script),
                base_url,
                "--",
                str(listing),
                str(threads),
                "cycle" if cycle else "once",
                str(max(0, delay_ms)),
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    return parse(output)
