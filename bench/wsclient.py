"""A browser-like Streamlit client: the page's HTTP request, then the websocket /_stcore/stream with the
protobuf messages the front end sends (BackMsg: rerun_script with the URL's query and widget states,
backend_operation_request for a deferred download) and reads (ForwardMsg: new_session, deltas,
page_info_changed, script_finished). Used by the load bench and the deployment tests: no browser needed.
"""
from __future__ import annotations

import asyncio
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackendOperationRequest, BackMsg, DeferredFileRequestPayload
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

from deploy.serve import COOKIE

TIMEOUT_S = 180


class SessionError(Exception):
    """The server answered with an error, or not in time."""


class ConnectionLost(SessionError):
    """The websocket closed (e.g. the replica died): the front end would reconnect."""


@dataclass
class Widget:
    id: str
    options: list[str]
    selected: list[str]


@dataclass
class Session:
    """One browser tab. `base` is the server's address (nginx or a replica), `path` the page, `query` its URL query."""
    base: str
    path: str = ""
    query: str = ""
    cookie: str = ""                    # the affinity cookie nginx set on the first request
    session_id: str = ""
    widgets: dict[str, Widget] = field(default_factory=dict)   # by key (f_region, …)
    downloads: dict[str, str] = field(default_factory=dict)    # download button key -> deferred file id
    errors: list[str] = field(default_factory=list)
    received_bytes: int = 0
    _ws: websockets.ClientConnection | None = None
    _reader: asyncio.Task | None = None
    _finished: asyncio.Event = field(default_factory=asyncio.Event)
    _replies: dict[str, asyncio.Future] = field(default_factory=dict)
    _page_hash: str = ""

    async def open(self) -> float:
        """Load the page as a browser would (HTML, then the websocket and the first script run); seconds taken."""
        start = time.perf_counter()
        await asyncio.to_thread(self._get_page)
        await self.connect()
        await self._run(self._client_state())
        return time.perf_counter() - start

    async def connect(self) -> None:
        """Open the websocket (again, after a lost connection: the server gets our old session id, as from
        the front end, and starts a new session if it does not know it)."""
        netloc = urlsplit(self.base).netloc
        headers = {"Origin": self.base}
        if self.cookie:
            headers["Cookie"] = f"{COOKIE}={self.cookie}"
        self._ws = await websockets.connect(
            f"ws://{netloc}/_stcore/stream", additional_headers=headers, max_size=None, open_timeout=TIMEOUT_S,
            subprotocols=["streamlit", "xsrf", self.session_id] if self.session_id else ["streamlit"])
        self._reader = asyncio.create_task(self._read())

    async def set_filter(self, key: str, labels: list[str]) -> float:
        """Change a multiselect of the sidebar (by its key, e.g. f_region) as a click would; seconds to settled."""
        widget = self.widgets[key]
        state = WidgetState(id=widget.id)
        state.string_array_value.data.extend(labels)
        start = time.perf_counter()
        await self._run(self._client_state(WidgetStates(widgets=[state])))
        return time.perf_counter() - start

    async def rerun_from_url(self) -> float:
        """What the front end does after a reconnection: run the page again from its current URL."""
        start = time.perf_counter()
        await self._run(self._client_state())
        return time.perf_counter() - start

    async def download(self, key: str) -> bytes:
        """Click a deferred download button (e.g. the pack's .pptx) and fetch the file it gives."""
        request_id = str(uuid.uuid4())
        reply = self._replies[request_id] = asyncio.get_running_loop().create_future()
        await self._ws.send(BackMsg(backend_operation_request=BackendOperationRequest(
            request_id=request_id, session_id=self.session_id,
            deferred_file=DeferredFileRequestPayload(file_id=self.downloads[key]))).SerializeToString())
        response = await asyncio.wait_for(reply, TIMEOUT_S)
        if response.error_msg:
            raise SessionError(f"download {key}: {response.error_msg}")
        return await asyncio.to_thread(self._get, response.deferred_file.url)

    async def close(self) -> None:
        if self._reader:
            self._reader.cancel()
        if self._ws:
            await self._ws.close()

    @property
    def connected(self) -> bool:
        return self._reader is not None and not self._reader.done()

    async def idle(self, seconds: float) -> bool:
        """Think for `seconds`, as a person reading the page; False as soon as the connection is lost."""
        pause = asyncio.create_task(asyncio.sleep(seconds))
        await asyncio.wait([pause, self._reader], return_when=asyncio.FIRST_COMPLETED)
        pause.cancel()
        return self.connected

    async def wait_closed(self) -> None:
        """Until the server side goes away (e.g. its replica is killed)."""
        if self._reader:
            await asyncio.wait([self._reader])

    # --- protocol -----------------------------------------------------------------------------------------
    def _client_state(self, widgets: WidgetStates | None = None) -> ClientState:
        return ClientState(query_string=self.query, page_name=self.path, page_script_hash=self._page_hash,
                           widget_states=widgets or WidgetStates(),
                           context_info=ContextInfo(timezone="Europe/Paris", locale="fr-FR",
                                                    url=f"{self.base}/{self.path}"))

    async def _run(self, state: ClientState) -> None:
        self._finished.clear()
        self.errors = []
        try:
            await self._ws.send(BackMsg(rerun_script=state).SerializeToString())
        except websockets.ConnectionClosed:
            raise ConnectionLost("websocket closed") from None
        finished = asyncio.create_task(self._finished.wait())
        await asyncio.wait([finished, self._reader], timeout=TIMEOUT_S, return_when=asyncio.FIRST_COMPLETED)
        if not finished.done():
            finished.cancel()
            if self._reader.done():
                raise ConnectionLost("websocket closed during a run")
            raise SessionError(f"no script_finished within {TIMEOUT_S} s")
        if self.errors:
            raise SessionError("; ".join(self.errors))

    async def _read(self) -> None:
        try:
            async for payload in self._ws:
                self.received_bytes += len(payload)
                msg = ForwardMsg()
                msg.ParseFromString(payload)
                self._handle(msg)
        except websockets.ConnectionClosed:
            pass  # the server went away: `connected` turns false

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.session_id = msg.new_session.initialize.session_id
            self._page_hash = msg.new_session.page_script_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string  # the URL the browser would show
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element)
        elif kind == "script_finished":
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                self.errors.append("script compile error")
            if status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
                self._finished.set()
        elif kind == "backend_operation_response":
            reply = self._replies.pop(msg.backend_operation_response.request_id, None)
            if reply and not reply.done():
                reply.set_result(msg.backend_operation_response)

    def _element(self, element) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.errors.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "multiselect":
            ms = element.multiselect
            selected = list(ms.raw_values) if ms.set_value else [ms.options[i] for i in ms.default]
            self.widgets[ms.id.rsplit("-", 1)[-1]] = Widget(ms.id, list(ms.options), selected)
        elif kind == "download_button" and element.download_button.HasField("deferred_file_id"):
            self.downloads[element.download_button.id.rsplit("-", 1)[-1]] = element.download_button.deferred_file_id

    # --- HTTP -------------------------------------------------------------------------------------------------
    def _get(self, url: str) -> bytes:
        if url.startswith("/"):
            url = self.base + url
        headers = {"Cookie": f"{COOKIE}={self.cookie}"} if self.cookie else {}
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=TIMEOUT_S) as response:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                if name == COOKIE:
                    self.cookie = rest.split(";", 1)[0]
            return response.read()

    def _get_page(self) -> None:
        self._get(f"{self.base}/{self.path}" + (f"?{self.query}" if self.query else ""))
