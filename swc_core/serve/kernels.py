"""The kernel manager of a served edition: culling that spares a page still on its way, and ends a page gone.

Voilà culls kernels without a connection once they have been idle for
``cull_idle_timeout``. A preheated kernel handed to a page can look idle
for that long (its last output may predate the request) while the browser is
still loading the page on a busy machine; culling it then leaves the
participant with a page that never comes alive. A kernel that has never had
a connection is therefore spared for ``connect_grace`` seconds from the
first cull pass that sees it outside the pool.

A kernel whose page has had no connection for ``cull_idle_timeout`` seconds
is culled even when it is not idle: a dashboard redraws for every save in
the room, so a dashboard whose tab went without a goodbye (a crashed tab, a
closed laptop) never looked idle and kept running (27 min seen, issue 17).

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

from ..messages import text as ui_text

# Runs in the page kernel; a kernel without workbook widgets (a dashboard) has nothing to save.
# ``{values}``: base64 (only [A-Za-z0-9+/=]) of the JSON the leaving browser sent, so the participant's
# text is never part of the code; widgets/leaving.py decodes it and sets it as the fields' values.
FLUSH_CODE = (
    "import sys as _swc_sys\n"
    "_swc_sys.modules['widgets.leaving'].apply_left_values('{values}') "
    "if 'widgets.leaving' in _swc_sys.modules else None\n"
    "del _swc_sys"
)
# The same for texts a browser kept while offline (answer in ``_swc_kept``), and the count of unsaved
# fields for the trainer's room status (``_swc_unsaved``; -1: a kernel without workbook widgets).
KEEP_CODE = (
    "import sys as _swc_sys\n"
    "_swc_kept = _swc_sys.modules['widgets.leaving'].apply_kept_values('{values}') "
    "if 'widgets.leaving' in _swc_sys.modules else '{{}}'\n"
    "del _swc_sys"
)
UNSAVED_CODE = (
    "import sys as _swc_sys\n"
    "_swc_unsaved = _swc_sys.modules['widgets.leaving'].unsaved_here() "
    "if 'widgets.leaving' in _swc_sys.modules else -1\n"
    "del _swc_sys"
)


class RoomKernelManager(AsyncMappingKernelManager):
    connect_grace = Float(
        300, config=True, help="Seconds a never-connected kernel is spared from culling."
    )
    flush_timeout = Float(
        15,
        config=True,
        help="Seconds a page kernel gets to save what it holds before it is "
        "shut down (a busy kernel answers after its current cell).",
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._ever_connected: set[str] = set()
        self._waiting_since: dict[str, float] = {}
        self._alone_since: dict[str, float] = {}  # kernel id -> when its last connection closed
        self._owners: dict[
            str, str
        ] = {}  # kernel id -> who its page was rendered for (Visitor.owner)
        self._paths: dict[
            str, str
        ] = {}  # kernel id -> the notebook its page shows (for the room status)

    def record_owner(self, kernel_id: str, owner: str, path: str | None = None) -> None:
        """The page this kernel runs was rendered for ``owner``: only they (and the trainer) may reach it.

        ``path``: the notebook the page shows (relative to the notebooks folder).
        """
        self._owners[kernel_id] = owner
        if path is not None:
            self._paths[kernel_id] = path

    def pages(self) -> dict[str, tuple[str, int]]:
        """Kernels handed to a page: kernel id -> (notebook path, open websocket connections)."""
        connections = getattr(self, "_kernel_connections", {})
        return {
            k: (path, connections.get(k, 0)) for k, path in list(self._paths.items()) if k in self
        }

    def owner_of(self, kernel_id: str) -> str | None:
        """Who the kernel's page was rendered for; None for a kernel no page has (yet), e.g. a preheated one."""
        return self._owners.get(kernel_id)

    def notify_connect(self, kernel_id):
        self._ever_connected.add(kernel_id)
        self._waiting_since.pop(kernel_id, None)
        self._alone_since.pop(kernel_id, None)
        return super().notify_connect(kernel_id)

    def notify_disconnect(self, kernel_id):
        result = super().notify_disconnect(kernel_id)
        if not self._kernel_connections.get(kernel_id, 0):
            self._alone_since.setdefault(kernel_id, time.monotonic())
        return result

    async def cull_kernel_if_idle(self, kernel_id):
        if kernel_id not in self._ever_connected:
            since = self._waiting_since.setdefault(kernel_id, time.monotonic())
            if time.monotonic() - since < self.connect_grace:
                return None
        alone = self._alone_since.get(kernel_id)
        if (
            alone is not None
            and not self._kernel_connections.get(kernel_id, 0)
            and time.monotonic() - alone > self.cull_idle_timeout
        ):
            # Its page is gone without a goodbye (a crashed tab, a closed laptop, lost wifi): whatever the
            # kernel does on its own (a dashboard redrawing for every save in the room) is not a person.
            self.log.info(
                "kernel %s: %d s zonder verbinding, opgeruimd", kernel_id, time.monotonic() - alone
            )
            return await self.shutdown_kernel(kernel_id)
        return await super().cull_kernel_if_idle(kernel_id)

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        if kernel_id in self._ever_connected:  # a page used it: save what it holds first
            await self.flush_kernel(kernel_id)
        self._ever_connected.discard(kernel_id)
        self._waiting_since.pop(kernel_id, None)
        self._alone_since.pop(kernel_id, None)
        self._owners.pop(kernel_id, None)
        self._paths.pop(kernel_id, None)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)

    async def flush_kernel(self, kernel_id: str, left_values: dict[str, str] | None = None) -> bool:
        """Ask a page kernel to save its pending values (``FLUSH_CODE``); True when it answered in time.

        ``left_values``: the texts the leaving browser still held, by widget
        model id (``widgets/leaving.py``); they are set before the save.

        Never raises: a kernel that is gone or does not answer within
        ``flush_timeout`` seconds is shut down anyway (what it held is then
        lost, and the server's log says so).
        """
        ok, _ = await self._run_in_kernel(
            kernel_id, FLUSH_CODE.format(values=_encoded(left_values or {})), self.flush_timeout
        )
        return ok

    async def keep_in_kernel(
        self, kernel_id: str, kept: dict[str, dict[str, str]]
    ) -> dict[str, str] | None:
        """Hand a page kernel the texts its browser kept while offline; ``{key: "saved"|"unsaved"|"unknown"}``.

        ``kept``: ``{stable field key: {"base": text, "text": text}}``
        (``widgets/leaving.py apply_kept_values``, which merges and saves).
        None when the kernel is gone, has no workbook page or did not answer
        within ``flush_timeout`` seconds: the browser keeps the texts and tries again.
        """
        ok, answer = await self._run_in_kernel(
            kernel_id, KEEP_CODE.format(values=_encoded(kept)), self.flush_timeout, "_swc_kept"
        )
        try:
            result = json.loads(answer) if ok and answer else None
        except ValueError:
            result = None
        return result if isinstance(result, dict) else None

    async def unsaved_in_kernel(self, kernel_id: str, timeout: float) -> int | None:
        """How many fields a page kernel holds that are not in the store yet; None: no answer within ``timeout``."""
        ok, answer = await self._run_in_kernel(
            kernel_id, UNSAVED_CODE, timeout, "_swc_unsaved", quiet=True
        )
        try:
            return int(answer) if ok and answer is not None else None
        except ValueError:
            return None

    async def _run_in_kernel(
        self,
        kernel_id: str,
        code: str,
        timeout: float,
        expression: str | None = None,
        quiet: bool = False,
    ) -> tuple[bool, str | None]:
        """Run our own ``code`` in a kernel (never a browser's); (answered ok, ``str`` of ``expression`` after it).

        Never raises: a kernel that is gone or silent for ``timeout`` seconds gives (False, None).
        """
        try:
            kernel = self.get_kernel(kernel_id)
            # A session of its own: the manager's session is also the identity of Voilà's executing
            # client, and a kernel routes shell replies by identity, so a client sharing it never
            # sees its reply (seen here: no answer in 15 s once the page had gone).
            session = Session(
                key=kernel.session.key,
                signature_scheme=kernel.session.signature_scheme,
                username="swc-flush",
            )
            client = kernel.client(session=session)
            client.start_channels(iopub=False, stdin=False, hb=False, control=False)
        except Exception as exc:  # noqa: BLE001 - already gone: nothing to save
            self.log.debug("kernel %s: no flush (%s)", kernel_id, exc)
            return False, None
        try:
            expressions = {"r": f"str({expression})"} if expression else {}
            msg_id = client.execute(
                code, silent=True, store_history=False, user_expressions=expressions
            )
            deadline = time.monotonic() + timeout
            while (left := deadline - time.monotonic()) > 0:
                reply = await client.get_shell_msg(timeout=left)
                if reply["parent_header"].get("msg_id") == msg_id:
                    content = reply["content"]
                    value = content.get("user_expressions", {}).get("r", {})
                    text = (
                        value.get("data", {}).get("text/plain")
                        if value.get("status") == "ok"
                        else None
                    )
                    return content.get("status") == "ok", _unrepr(text)
        except Exception as exc:  # noqa: BLE001 - no answer in time (queue.Empty) or gone: shut down anyway
            (self.log.debug if quiet else self.log.warning)(
                ui_text("serve_log.not_saved_at_shutdown"), kernel_id, type(exc).__name__
            )
        finally:
            client.stop_channels()
        return False, None


def _encoded(values: dict) -> str:
    """base64 of the JSON of ``values``: only [A-Za-z0-9+/=], so participant text is never part of code."""
    return base64.b64encode(json.dumps(values).encode("utf-8")).decode("ascii")


def _unrepr(text: str | None) -> str | None:
    """The ``str`` a user expression evaluated to (the kernel answers with its ``repr``)."""
    import ast

    if text is None:
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None
