#!/usr/bin/env python3
"""Runs the real trustui TUI under a pseudo-terminal and measures what a person
(or an SSH link) would see. The figures are the time to the first bytes and to
the first frame, the time to the first page of rows, the bytes per cursor move
and while idle, and the peak resident memory.

Subcommands (each prints one JSON object on stdout):

  startup BINARY [--runs N]
      Start-up with a server that never answers: a socket on 127.0.0.1 that
      listens but never accepts, so connects succeed and no response comes.
      Times, per run, process start (just before fork) to the first byte read
      from the terminal, and to the first frame (the header text "trustui").

  session BINARY ENDPOINT --marker TEXT [--idle-seconds S]
      One session against ENDPOINT: time to the first page drawn (the first
      time TEXT, which only a row contains, appears in the output), time until
      loading is over (no output for a while: the spinner ticks every 250 ms
      while a request runs), bytes written over S idle seconds, bytes for one
      cursor move (`j`), then VmHWM (peak resident memory) from /proc.

  session BINARY --stub COUNT --marker TEXT [...]
      The same against a stub on 127.0.0.1 in this process that serves COUNT
      synthetic relationships in pages, the way Hydra v2.3.0 pages them.

The terminal is 200x50 and TERM is xterm-256color. Only loopback is used.
"""

import argparse
import fcntl
import json
import os
import pty
import select
import signal
import socket
import statistics
import struct
import sys
import tempfile
import termios
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

COLUMNS = 200
ROWS = 50
# Loading is over once the TUI wrote nothing for this long: while a request
# runs, the spinner redraws every 250 ms.
QUIET_SECONDS = 1.5
# Upper bound for any one wait, so that a run always ends.
WAIT_LIMIT_SECONDS = 120
ISSUERS_PATH = "/admin/trust/grants/jwt-bearer/issuers"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    startup = commands.add_parser("startup")
    startup.add_argument("binary")
    startup.add_argument("--runs", type=int, default=30)

    session = commands.add_parser("session")
    session.add_argument("binary")
    session.add_argument("endpoint", nargs="?")
    session.add_argument("--stub", type=int, metavar="COUNT")
    session.add_argument("--marker", required=True)
    session.add_argument("--idle-seconds", type=float, default=10.0)

    args = parser.parse_args()
    if args.command == "startup":
        result = measure_startup(args.binary, args.runs)
    else:
        if (args.endpoint is None) == (args.stub is None):
            parser.error("session needs either ENDPOINT or --stub COUNT")
        result = measure_session(args)
    print(json.dumps(result))


class Child:
    """trustui running under a pty of COLUMNS x ROWS."""

    def __init__(self, binary, endpoint, log_file):
        env = dict(os.environ)
        env["TERM"] = "xterm-256color"
        env["TRUSTUI_LOG_FILE"] = log_file
        env.pop("NO_COLOR", None)
        argv = [binary, "--endpoint", endpoint]

        self.started = time.monotonic()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                set_window_size(sys.stdout.fileno())
                os.execve(binary, argv, env)
            finally:
                os._exit(127)
        set_window_size(self.fd)

    def read_for(self, seconds):
        """Returns what the child writes within `seconds`."""
        chunks = []
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            data = self.read_some(left)
            if data is None:
                break
            chunks.append(data)
        return b"".join(chunks)

    def read_until_quiet(self, quiet, limit=WAIT_LIMIT_SECONDS):
        """Reads until nothing arrived for `quiet` seconds; returns the bytes."""
        chunks = []
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            data = self.read_some(quiet)
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)

    def read_until(self, needle, buffer=b"", limit=WAIT_LIMIT_SECONDS):
        """Reads until `needle` appears; returns (seconds since start or None, bytes)."""
        deadline = time.monotonic() + limit
        while needle not in buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None, buffer
            data = self.read_some(left)
            if data is None:
                return None, buffer
            buffer += data
        return time.monotonic() - self.started, buffer

    def read_some(self, timeout):
        """Returns the next bytes, b"" on a timeout, None once the pty closed."""
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return b""
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            return None
        return data or None

    def send(self, text):
        os.write(self.fd, text)

    def peak_rss_kib(self):
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return None

    def stop(self):
        """Quits with `q`, then SIGTERM and SIGKILL if it does not exit."""
        for action in (lambda: self.send(b"q"), lambda: os.kill(self.pid, signal.SIGTERM)):
            try:
                action()
            except OSError:
                pass
            if self.wait_exit(3):
                break
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)

    def wait_exit(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            # Drain output so that a full pty buffer cannot block the exit.
            self.read_some(0.05)
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                return True
        return False


def set_window_size(fd):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))


def measure_startup(binary, runs):
    # Listens and never accepts: connects complete in the kernel's backlog
    # and no byte ever comes back.
    silent = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    silent.bind(("127.0.0.1", 0))
    silent.listen(128)
    endpoint = "http://127.0.0.1:%d" % silent.getsockname()[1]

    first_bytes, first_frames = [], []
    with tempfile.TemporaryDirectory() as scratch:
        log_file = os.path.join(scratch, "trustui.log")
        for _ in range(runs):
            child = Child(binary, endpoint, log_file)
            first_byte, buffer = child.read_until(b"\x1b", limit=10)
            first_frame, _ = child.read_until(b"trustui", buffer, limit=10)
            child.stop()
            if first_byte is None or first_frame is None:
                raise SystemExit("trustui drew no frame within 10 s")
            first_bytes.append(first_byte * 1000)
            first_frames.append(first_frame * 1000)
    silent.close()

    return {
        "runs": runs,
        "endpoint": "127.0.0.1, listening, never accepting",
        "first_byte_ms_median": round(statistics.median(first_bytes), 2),
        "first_byte_ms_min": round(min(first_bytes), 2),
        "first_byte_ms_max": round(max(first_bytes), 2),
        "first_frame_ms_median": round(statistics.median(first_frames), 2),
        "first_frame_ms_min": round(min(first_frames), 2),
        "first_frame_ms_max": round(max(first_frames), 2),
    }


def measure_session(args):
    stub = None
    endpoint = args.endpoint
    if args.stub is not None:
        stub = ListStub(args.stub)
        endpoint = stub.url

    with tempfile.TemporaryDirectory() as scratch:
        child = Child(args.binary, endpoint, os.path.join(scratch, "trustui.log"))
        try:
            result = run_session(child, args.marker.encode(), args.idle_seconds)
        finally:
            child.stop()
    if stub is not None:
        stub.close()
        result["server"] = f"stub on 127.0.0.1 with {args.stub} relationships"
    else:
        result["server"] = endpoint
    return result


def run_session(child, marker, idle_seconds):
    first_page, buffer = child.read_until(marker)
    if first_page is None:
        raise SystemExit("no row with the marker text was drawn")
    loading = child.read_until_quiet(QUIET_SECONDS)
    loaded = time.monotonic() - child.started - QUIET_SECONDS

    idle = child.read_for(idle_seconds)

    child.send(b"j")
    cursor_move = child.read_until_quiet(0.5)
    peak_kib = child.peak_rss_kib()

    return {
        "terminal": f"{COLUMNS}x{ROWS}",
        "first_page_ms": round(first_page * 1000, 1),
        "loaded_ms": round(loaded * 1000, 1),
        "bytes_until_loaded": len(buffer) + len(loading),
        "idle_seconds": idle_seconds,
        "idle_bytes": len(idle),
        "cursor_move_bytes": len(cursor_move),
        "peak_rss_mib": round(peak_kib / 1024, 1) if peak_kib else None,
    }


class ListStub:
    """Serves COUNT synthetic relationships on 127.0.0.1, paged like Hydra v2.3.0:
    `page_size` (at most 1000) and an offset `page_token`, a `next` link while
    rows remain, and a JSON array body."""

    def __init__(self, count):
        items = [stub_item(index) for index in range(count)]
        bodies = {}

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                url = urlparse(self.path)
                if url.path != ISSUERS_PATH:
                    self.send_error(404)
                    return
                query = parse_qs(url.query)
                size = min(int(query.get("page_size", ["250"])[0]), 1000)
                offset = int(query.get("page_token", ["0"])[0])
                key = (offset, size)
                if key not in bodies:
                    bodies[key] = json.dumps(items[offset : offset + size]).encode()
                body = bodies[key]

                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("X-Total-Count", str(len(items)))
                if offset + size < len(items):
                    link = f'<{ISSUERS_PATH}?page_size={size}&page_token={offset + size}>; rel="next"'
                    self.send_header("Link", link)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def stub_item(index):
    issuer = "https://idp-%02d.stub.example.com" % (index % 100)
    any_subject = index % 10 == 0
    return {
        "id": "%08x-0000-4000-8000-%012x" % (index * 2654435761 % 2**32, index),
        "issuer": issuer,
        "subject": "" if any_subject else "svc-%06d@workload.stub.example.com" % index,
        "allow_any_subject": any_subject,
        "scope": ["openid", "tenant-%d.read" % (index % 37), "offline_access"],
        "public_key": {"set": issuer, "kid": "stub-key-%d" % (index % 4)},
        "created_at": "2026-01-%02dT09:06:39Z" % (1 + index % 28),
        "expires_at": "%d-%02d-15T23:59:59Z" % (2026 + index % 3, 1 + index % 12),
    }


if __name__ == "__main__":
    main()
