"""The kernel manager of a served edition: culling that spares a page still on its way.

Voilà culls kernels without a connection once they have been idle for
``cull_idle_timeout``. A preheated kernel handed to a page can look idle
for that long (its last output may predate the request) while the browser is
still loading the page on a busy machine; culling it then leaves the
participant with a page that never comes alive. A kernel that has never had
a connection is therefore spared for ``connect_grace`` seconds from the
first cull pass that sees it outside the pool.

Each kernel handed to a page is recorded with the visitor the page was
rendered for (:meth:`RoomKernelManager.record_owner`, called by the page
handler in ``app.py``); the guard lets only that participant, or the
trainer, reach the kernel's routes and websocket.

Before a page's kernel is shut down (the closed tab's beacon, culling,
Ctrl-C), the kernel is asked to save what it still holds: a value typed in
the last second waits for the autosave's quiet second, which a shut-down
kernel never reaches. The request goes over the shell channel, so the kernel
handles it after every widget message the browser sent before leaving (the
shell channel keeps their order; the shutdown itself travels on the control
channel and would overtake them).
"""
from __future__ import annotations

import base64
import json
import time

from jupyter_client.session import Session
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float


# Runs in the page kernel; a kernel without workbook widgets (a dashboard) has nothing to save.
# ``{values}``: base64 (only [A-Za-z0-9+/=]) of the JSON the leaving browser sent, so the participant's
# text is never part of the code; widgets/leaving.py decodes it and sets it as the fields' values.
FLUSH_CODE = ("import sys as _swc_sys\n"
              "_swc_sys.modules['widgets.leaving'].apply_left_values('{values}') "
              "if 'widgets.leaving' in _swc_sys.modules else None\n"
              "del _swc_sys")


class RoomKernelManager(AsyncMappingKernelManager):
    connect_grace = Float(300, config=True, help="Seconds a never-connected kernel is spared from culling.")
    flush_timeout = Float(15, config=True, help="Seconds a page kernel gets to save what it holds before it is "
                                                "shut down (a busy kernel answers after its current cell).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._ever_connected: set[str] = set()
        self._waiting_since: dict[str, float] = {}
        self._owners: dict[str, str] = {}  # kernel id -> who its page was rendered for (Visitor.owner)

    def record_owner(self, kernel_id: str, owner: str) -> None:
        """The page this kernel runs was rendered for ``owner``: only they (and the trainer) may reach it."""
        self._owners[kernel_id] = owner

    def owner_of(self, kernel_id: str) -> str | None:
        """Who the kernel's page was rendered for; None for a kernel no page has (yet), e.g. a preheated one."""
        return self._owners.get(kernel_id)

    def notify_connect(self, kernel_id):
        self._ever_connected.add(kernel_id)
        self._waiting_since.pop(kernel_id, None)
        return super().notify_connect(kernel_id)

    async def cull_kernel_if_idle(self, kernel_id):
        if kernel_id not in self._ever_connected:
            since = self._waiting_since.setdefault(kernel_id, time.monotonic())
            if time.monotonic() - since < self.connect_grace:
                return None
        return await super().cull_kernel_if_idle(kernel_id)

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        if kernel_id in self._ever_connected:  # a page used it: save what it holds first
            await self.flush_kernel(kernel_id)
        self._ever_connected.discard(kernel_id)
        self._waiting_since.pop(kernel_id, None)
        self._owners.pop(kernel_id, None)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)

    async def flush_kernel(self, kernel_id: str, left_values: dict[str, str] | None = None) -> bool:
        """Ask a page kernel to save its pending values (``FLUSH_CODE``); True when it answered in time.

        ``left_values``: the texts the leaving browser still held, by widget
        model id (``widgets/leaving.py``); they are set before the save.

        Never raises: a kernel that is gone or does not answer within
        ``flush_timeout`` seconds is shut down anyway (what it held is then
        lost, and the server's log says so).
        """
        try:
            kernel = self.get_kernel(kernel_id)
            # A session of its own: the manager's session is also the identity of Voilà's executing
            # client, and a kernel routes shell replies by identity, so a client sharing it never
            # sees its reply (seen here: no answer in 15 s once the page had gone).
            session = Session(key=kernel.session.key, signature_scheme=kernel.session.signature_scheme,
                              username="swc-flush")
            client = kernel.client(session=session)
            client.start_channels(iopub=False, stdin=False, hb=False, control=False)
        except Exception as exc:  # noqa: BLE001 - already gone: nothing to save
            self.log.debug("kernel %s: no flush (%s)", kernel_id, exc)
            return False
        try:
            encoded = base64.b64encode(json.dumps(left_values or {}).encode("utf-8")).decode("ascii")
            msg_id = client.execute(FLUSH_CODE.format(values=encoded), silent=True, store_history=False)
            deadline = time.monotonic() + self.flush_timeout
            while (left := deadline - time.monotonic()) > 0:
                reply = await client.get_shell_msg(timeout=left)
                if reply["parent_header"].get("msg_id") == msg_id:
                    return reply["content"].get("status") == "ok"
        except Exception as exc:  # noqa: BLE001 - no answer in time (queue.Empty) or gone: shut down anyway
            self.log.warning("kernel %s: niet alles opgeslagen voor het afsluiten (%s)", kernel_id,
                             type(exc).__name__)
        finally:
            client.stop_channels()
        return False
