"""The kernel of every page and generated notebook: ipykernel whose IOPub channel never drops a message.

A page is built from its widgets' messages on IOPub (about a thousand for a
long workbook). zmq's PUB/XPUB socket has a high-water mark of 1,000 messages
per subscriber by default, and drops whatever comes after it without a word
while the subscriber is behind (zmq docs, ``ZMQ_SNDHWM``; 0 means no limit).
When thirty pages are built at once on two cores, the server reads late, a
page's messages were dropped, and the page waited for them until the IOPub
timeout (seen here: a page not up within 180 s, ``tests/test_serve_in_browser.py``
``test_a_room_arriving_at_once_gets_working_pages``). Here the kernel's sockets
have no high-water mark: a slow reader makes the kernel hold the messages
(memory), never lose them.

A kernel ignores SIGINT from its first line on. ipykernel does the same once
it is up (``IPKernelApp.init_signal`` sets ``SIG_IGN``; a running cell takes
interrupts through its own handler), but a kernel still importing would die
with a KeyboardInterrupt traceback on the trainer's terminal: jupyter_client
interrupts every kernel before it shuts it down (``KernelManager.shutdown_kernel``),
and Ctrl-C on ``swc serve`` shuts down the pool's kernels while they start.

Run as ``python -m swc_core.jupyter.kernel_app -f <connection file>`` (the
``swc`` kernelspec).
"""

from __future__ import annotations

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)  # before the imports below, which take about a second

import zmq  # noqa: E402
from ipykernel.kernelapp import IPKernelApp  # noqa: E402


class RoomKernelApp(IPKernelApp):
    """IPKernelApp whose IOPub socket (and the sockets made after it) has no send limit (``SNDHWM = 0``)."""

    def init_iopub(self, context):
        context.setsockopt(
            zmq.SNDHWM, 0
        )  # pyzmq: a Context's options apply to every socket it creates next
        super().init_iopub(context)


def main() -> None:
    RoomKernelApp.launch_instance()


if __name__ == "__main__":
    main()
