"""Real processes that the fault tests start, talk to over stdin/stdout, and kill.

    python tests/fault_processes.py save-loop URL       a kernel saving one value after another
    python tests/fault_processes.py hold-lock PATH      holds BEGIN EXCLUSIVE until a line arrives on stdin
    python tests/fault_processes.py proxy PORT HOST:PORT  a TCP proxy (a network path that can be cut)

Each prints one line when it is ready (and the save loop one line per
confirmed save), so the test waits for facts, not for time.
"""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from pathlib import Path

FIELDS = [f"canvas.block.veld-{i}" for i in range(5)]


def value(n: int) -> str:
    return f"waarde {n}"


def save_loop(url: str) -> None:
    """Save values 0, 1, 2, ... round-robin over FIELDS through the widgets' saver; print each confirmed one."""
    from swc_core.scheduling import ManualScheduler
    from swc_core.store import Store
    from widgets.autosave import StoreBinding

    clock = ManualScheduler()
    binding = StoreBinding(Store.open(url), "demo", "p01", "p01", scheduler=clock)
    n = 0
    while True:
        saver = binding.saver(FIELDS[n % len(FIELDS)])
        saver.submit(value(n))
        clock.advance(binding.save_delay)
        if not saver.has_pending:  # flush returned: the revision is committed
            print(n, flush=True)
            n += 1


def hold_lock(path: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("COMMIT")
    conn.close()


def proxy(port: int, target: str) -> None:
    host, target_port = target.rsplit(":", 1)

    async def pipe(reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    async def handle(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(host, int(target_port))
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", port, reuse_address=True)
        print("listening", flush=True)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def start(*args: str) -> subprocess.Popen:
    """Start one of the above and wait for its ready line."""
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__)), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    ready = proc.stdout.readline()
    if not ready:
        proc.wait()
        raise RuntimeError(f"{args[0]} exited with {proc.returncode} before it was ready")
    proc.ready_line = ready.strip()
    return proc


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "save-loop":
        save_loop(rest[0])
    elif command == "hold-lock":
        hold_lock(rest[0])
    elif command == "proxy":
        proxy(int(rest[0]), rest[1])
    else:
        sys.exit(f"unknown command {command}")
