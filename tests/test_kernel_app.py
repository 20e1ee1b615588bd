"""The page kernel's IOPub channel never drops a message (swc_core/jupyter/kernel_app.py).

A real kernel from the ``swc`` kernelspec, asked for its own socket options.
"""
from __future__ import annotations

from jupyter_client.manager import start_new_kernel

from swc_core.jupyter.kernelspec import KERNEL_NAME, kernelspec


def test_the_swc_kernelspec_starts_the_room_kernel():
    assert kernelspec()["argv"][1:3] == ["-m", "swc_core.jupyter.kernel_app"]


def test_a_page_kernel_has_no_high_water_mark_on_iopub():
    manager, client = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=120)
    try:
        code = ("import zmq\nfrom ipykernel.kernelapp import IPKernelApp\n"
                "app = IPKernelApp.instance()\n"
                "print(type(app).__name__, app.iopub_socket.getsockopt(zmq.SNDHWM))")
        output = []
        client.execute_interactive(code, timeout=60, output_hook=lambda msg: output.append(msg["content"]["text"])
                                   if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout" else None)
        assert "".join(output).split() == ["RoomKernelApp", "0"], output
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_a_kernel_process_is_known_by_its_command_line():
    from swc_core.jupyter.kernelspec import is_kernel_process

    assert is_kernel_process(["/v/bin/python", "-m", "swc_core.jupyter.kernel_app", "-f", "/r/kernel-1.json"])
    assert is_kernel_process(["/v/bin/python", "-m", "ipykernel_launcher", "-f", "/r/kernel-1.json"])
    assert not is_kernel_process(["/v/bin/python", "-m", "swc_core.cli", "serve", "demo"])
