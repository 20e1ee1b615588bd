"""The page kernel's IOPub channel never drops a message (swc_core/jupyter/kernel_app.py).

A real kernel from the ``swc`` kernelspec, asked for its own socket options.
"""

from __future__ import annotations

from jupyter_client.manager import start_new_kernel

from swc_core.jupyter.kernelspec import KERNEL_NAME, kernelspec

from servers import serve_command


def test_the_swc_kernelspec_starts_the_room_kernel_and_interrupts_by_message():
    assert kernelspec()["argv"][1:3] == ["-m", "swc_core.jupyter.kernel_app"]
    assert kernelspec()["interrupt_mode"] == "message", (
        "no SIGINT for a kernel that may still be starting"
    )


def test_a_page_kernel_has_no_high_water_mark_on_iopub():
    manager, client = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=120)
    try:
        code = (
            "import zmq\nfrom ipykernel.kernelapp import IPKernelApp\n"
            "app = IPKernelApp.instance()\n"
            "print(type(app).__name__, app.iopub_socket.getsockopt(zmq.SNDHWM))"
        )
        output = []
        client.execute_interactive(
            code,
            timeout=60,
            output_hook=lambda msg: (
                output.append(msg["content"]["text"])
                if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout"
                else None
            ),
        )
        assert "".join(output).split() == ["RoomKernelApp", "0"], output
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_a_kernel_process_is_known_by_its_command_line():
    from swc_core.jupyter.kernelspec import is_kernel_process

    assert is_kernel_process(
        ["/v/bin/python", "-m", "swc_core.jupyter.kernel_app", "-f", "/r/kernel-1.json"]
    )
    assert is_kernel_process(
        ["/v/bin/python", "-m", "ipykernel_launcher", "-f", "/r/kernel-1.json"]
    )
    assert not is_kernel_process(serve_command("demo", 8866))


def _ignores_sigint(pid: int) -> bool:
    """The kernel process has set SIGINT to ignored (``SigIgn`` in /proc, bit 2 is SIGINT)."""
    import signal
    from pathlib import Path

    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)))
    return False


def test_an_interrupt_while_the_kernel_starts_leaves_no_traceback_and_the_kernel_comes_up(tmp_path):
    """jupyter_client interrupts a kernel before it shuts it down; Ctrl-C on ``swc serve`` shuts down a pool
    whose kernels may still be importing (CI saw their KeyboardInterrupt tracebacks on the trainer's terminal).
    The kernel ignores SIGINT from its first line, long before ipykernel is imported and ready."""
    import signal
    import time

    from jupyter_client.manager import KernelManager

    manager = KernelManager(kernel_name=KERNEL_NAME)
    errors = tmp_path / "kernel.err"
    with errors.open("w") as err:
        manager.start_kernel(stderr=err)
        pid = manager.provisioner.process.pid
        deadline = time.monotonic() + 60
        while not _ignores_sigint(pid) and time.monotonic() < deadline:
            time.sleep(0.005)
        assert not _listening(pid), "the interrupt is sent while the kernel still imports"
        client = manager.client()
        try:
            manager.signal_kernel(
                signal.SIGINT
            )  # a SIGINT from anywhere (a terminal's Ctrl-C, a signal-mode manager)
            client.start_channels()
            client.wait_for_ready(timeout=120)
            reply = client.execute_interactive("1 + 1", timeout=60)
            assert reply["content"]["status"] == "ok"
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    assert "Traceback" not in errors.read_text(), errors.read_text()


def _listening(pid: int) -> bool:
    """The kernel has bound its sockets (ipykernel does that before it ignores SIGINT itself)."""
    import psutil

    return any(
        c.status == psutil.CONN_LISTEN for c in psutil.Process(pid).net_connections(kind="tcp")
    )
