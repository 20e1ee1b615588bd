"""The kernel manager of a served edition: culling that spares a page still on its way.

Voilà culls kernels without a connection once they have been idle for
``cull_idle_timeout``. A preheated kernel handed to a page can look idle
for that long (its last output may predate the request) while the browser is
still loading the page on a busy machine; culling it then leaves the
participant with a page that never comes alive. A kernel that has never had
a connection is therefore spared for ``connect_grace`` seconds from the
first cull pass that sees it outside the pool.
"""
from __future__ import annotations

import time

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float


class RoomKernelManager(AsyncMappingKernelManager):
    connect_grace = Float(300, config=True, help="Seconds a never-connected kernel is spared from culling.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._ever_connected: set[str] = set()
        self._waiting_since: dict[str, float] = {}

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
        self._ever_connected.discard(kernel_id)
        self._waiting_since.pop(kernel_id, None)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)
