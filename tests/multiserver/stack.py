"""The pieces of a real multi-server deployment, each a real process or server on 127.0.0.1:

* :class:`Mailbox`: an SMTP server (aiosmtpd, in a thread) that keeps every message it receives,
  with its headers; it can be made slow, so that a server can be killed while it sends;
* :class:`Server`: ``uvicorn --factory assistant.web.app:create_app`` in a subprocess (its
  settings from ``ASSISTANT_*`` variables, ``CI`` and Chainlit's other mode flags removed);
* :class:`Nginx`: Debian's nginx in front of the servers (``nginx -c <conf> -g 'daemon off;'``,
  every path it writes in a temporary folder), installed by ``scripts/system.sh`` when missing;
* :class:`ChatClient`: a client of Chainlit's protocol as the browser speaks it (a socket.io
  websocket for the conversation, HTTP ``POST /project/action`` for buttons and forms).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pg import free_port

from assistant.config import ROOT

#: Chainlit reads these as modes of its own (CI=true turns its server into a test double)
CHAINLIT_FLAGS = ("CI", "DEBUG", "HEADLESS", "WATCH", "NO_CACHE")


def http(method: str, url: str, body: bytes | None = None, headers: dict | None = None,
         timeout: float = 30) -> tuple[int, dict, bytes]:
    """(status, headers, body) of one request; an HTTP error status is returned, not raised."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def wait_http(url: str, timeout: float, alive=lambda: True) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive():
        try:
            if http("GET", url, timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer 200 within {timeout:.0f} s")


# -- SMTP ------------------------------------------------------------------------------------


# -- the service -----------------------------------------------------------------------------


class Server:
    """One server of the service: ``uvicorn --factory assistant.web.app:create_app``."""

    def __init__(self, name: str, env: dict[str, str], log_dir: Path) -> None:
        self.name = name
        self.port = free_port()
        self.env = env
        self.log = log_dir / f"{name}.log"
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start (or start again, on the same port); returns at once (see :meth:`wait`)."""
        self.starts += 1
        env = {k: v for k, v in os.environ.items()
               if k not in CHAINLIT_FLAGS and not k.startswith("ASSISTANT_")}  # env -u CI
        env.update(self.env)
        with self.log.open("a") as log:
            log.write(f"\n===== start {self.starts} of {self.name} "
                      f"({datetime.now(UTC):%H:%M:%S.%f} UTC) =====\n")
            log.flush()
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "--factory", "assistant.web.app:create_app",
                 "--host", "127.0.0.1", "--port", str(self.port),
                 # X-Forwarded-For believed from nginx only (what `assistant serve` passes on)
                 "--proxy-headers", "--forwarded-allow-ips", "127.0.0.1",
                 "--timeout-graceful-shutdown", "5"],
                stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                start_new_session=True,
            )

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def wait(self, timeout: float = 90) -> None:
        try:
            wait_http(self.url + "/", timeout, self.alive)
        except TimeoutError:
            pass
        if not self.alive() or http("GET", self.url + "/", timeout=5)[0] != 200:
            raise AssertionError(f"{self.name} did not start:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no cleanup, as when a machine dies."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def log_tail(self, n: int = 6000) -> str:
        return self.log_text()[-n:]


# -- nginx -----------------------------------------------------------------------------------

NGINX_CONF = """\
# {comment}
worker_processes 2;
{user}pid {root}/nginx.pid;
error_log {root}/error.log info;

events {{
    worker_connections 1024;
}}

http {{
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;

    # which server each request reached, and the conversation it belongs to (Chainlit's
    # session cookie), for the test's diagnostics
    map $http_cookie $chainlit_session {{
        default "-";
        "~*X-Chainlit-Session-id=(?<sid>[^;]+)" $sid;
    }}
    log_format upstreamlog '$msec "$request" $status upstream=$upstream_addr '
                           'session=$chainlit_session';
    access_log {root}/access.log upstreamlog;

    upstream assistant {{
{balance}{servers}
    }}

    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        client_max_body_size 2m;

        location / {{
            proxy_pass http://assistant;
            # the chat's websocket (/ws/socket.io) goes through
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 3600s;
            proxy_buffering off;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""

#: how nginx spreads requests over the servers
BALANCE = {
    # each request to the next server
    "round-robin": "",
    # a conversation to one server: the key is Chainlit's session cookie, which the browser
    # sets (POST /set-session-cookie) before opening the websocket and sends with each
    # request of the conversation, the buttons' and forms' POST /project/action included
    "session-cookie": "        hash $chainlit_session consistent;\n",
}


def nginx_binary() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def ensure_nginx() -> str:
    """nginx from Debian: installed by scripts/system.sh (as chromium and postgresql are) when
    missing; an AssertionError (never a skip) when that is not possible."""
    found = nginx_binary()
    if found:
        return found
    script = ROOT / "scripts" / "system.sh"
    proc = subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=900,
                          check=False)
    found = nginx_binary()
    if not found:
        raise AssertionError(
            "nginx is missing and scripts/system.sh could not install it "
            f"(exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}\n"
            "Install it as root: apt-get install -y nginx"
        )
    return found


class Nginx:
    """nginx in front of ``servers``, its configuration and every file it writes in ``root``."""

    def __init__(self, root: Path, servers: list[Server], balance: str = "round-robin") -> None:
        self.binary = ensure_nginx()
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.balance = balance
        self.conf = root / "nginx.conf"
        upstreams = "\n".join(
            f"        server {s.address};  # {s.name}" for s in servers
        )
        self.conf.write_text(NGINX_CONF.format(
            comment=f"two servers of the assistant, {balance}",
            # run as root (the test runs as root in CI), the workers would become 'nobody' and
            # could not write in the test's own temporary folder
            user="user root root;\n" if os.geteuid() == 0 else "",
            root=root, port=self.port, servers=upstreams, balance=BALANCE[balance],
        ))
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        test = subprocess.run(
            [self.binary, "-t", "-p", str(self.root), "-e", str(self.root / "error.log"),
             "-c", str(self.conf)],
            capture_output=True, text=True, check=False,
        )
        if test.returncode:
            raise AssertionError(f"nginx refused its configuration:\n{test.stderr}")
        self.proc = subprocess.Popen(
            [self.binary, "-p", str(self.root), "-e", str(self.root / "error.log"),
             "-c", str(self.conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=(self.root / "stderr.log").open("w"),
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("nginx did not start:\n" + self.log_tail())

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGQUIT)  # graceful: workers finish, then exit
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def access_log(self) -> list[str]:
        path = self.root / "access.log"
        return path.read_text(errors="replace").splitlines() if path.exists() else []

    def log_tail(self, n: int = 3000) -> str:
        out = []
        for name in ("error.log", "stderr.log"):
            path = self.root / name
            if path.exists():
                out.append(f"--- {name}\n" + path.read_text(errors="replace")[-n:])
        return "\n".join(out)


# -- the chat, as the browser speaks to it ------------------------------------------------


@dataclass
class Exchange:
    """What one conversation of the test did and got."""

    index: int
    session_id: str = ""
    answer: str = ""
    sources: list[str] = field(default_factory=list)
    source_status: dict[str, int] = field(default_factory=dict)
    form: dict | None = None
    submit: dict | None = None
    number: int | None = None
    problems: list[str] = field(default_factory=list)
    upstreams: list[str] = field(default_factory=list)


class ChatClient:
    """One visitor: a socket.io websocket to Chainlit (``/ws/socket.io``, websocket transport
    only, as the service's config.toml sets), and the HTTP requests its page makes.

    The browser's sequence: ``POST /set-session-cookie`` (Chainlit's session cookie), connect
    with ``auth = {sessionId, clientType, ...}``, emit ``connection_successful`` (the welcome),
    emit ``client_message`` for a question; the server answers with ``new_message``,
    ``stream_start``/``stream_token``, ``update_message``, ``element`` and ``action`` events,
    then ``task_end``. A button or a form is ``POST /project/action {sessionId, action}``."""

    def __init__(self, base_url: str) -> None:
        import socketio

        self.base = base_url.rstrip("/")
        self.session_id = str(uuid.uuid4())
        self.cookie = f"X-Chainlit-Session-id={self.session_id}"
        self.events: list[tuple[str, object]] = []
        self._cond = threading.Condition()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("*", self._on_event)
        self.sio.on("disconnect", lambda *a: self._on_event("disconnect", None))
        self.upstreams: list[str] = []

    def _on_event(self, event, data=None) -> None:
        with self._cond:
            self.events.append((event, data))
            self._cond.notify_all()

    def _wait(self, test, timeout: float, what: str, start: int = 0):
        """The first event from ``start`` on for which ``test(name, data)`` is true."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for i in range(start, len(self.events)):
                    name, data = self.events[i]
                    if test(name, data):
                        return i, data
                    if name == "disconnect":
                        raise ConnectionError(f"websocket closed while waiting for {what}")
                left = deadline - time.monotonic()
                if left <= 0:
                    names = [n for n, _ in self.events[start:]]
                    raise TimeoutError(f"no {what} within {timeout:.0f} s (events: {names})")
                self._cond.wait(left)

    def post(self, path: str, payload: dict) -> tuple[int, dict, object]:
        import json

        status, headers, body = http(
            "POST", self.base + path, json.dumps(payload).encode(),
            {"Content-Type": "application/json", "Cookie": self.cookie}, timeout=60,
        )
        self.upstreams.append(f"POST {path} -> {headers.get('X-Upstream', '?')} ({status})")
        try:
            data = json.loads(body)
        except ValueError:
            data = body.decode(errors="replace")[:500]
        return status, headers, data

    def connect(self, timeout: float = 30) -> str:
        """Open the conversation; returns the welcome message's text."""
        self.post("/set-session-cookie", {"session_id": self.session_id})
        self.sio.connect(
            self.base,
            transports=["websocket"],
            socketio_path="/ws/socket.io",
            headers={"Cookie": self.cookie},
            auth={"clientType": "webapp", "sessionId": self.session_id, "threadId": "",
                  "userEnv": "{}", "chatProfile": ""},
            wait_timeout=timeout,
        )
        start = len(self.events)
        self.sio.emit("connection_successful")
        # on_chat_start runs as a task of its own: task_start, the welcome, task_end
        began, _ = self._wait(lambda n, d: n == "task_start", timeout, "welcome", start)
        self._wait(lambda n, d: n == "task_end", timeout, "end of the welcome", began)
        welcome = [d for n, d in self.events[start:] if n == "new_message"
                   and isinstance(d, dict) and d.get("type") == "assistant_message"]
        return str(welcome[0].get("output") or "") if welcome else ""

    def ask(self, question: str, timeout: float = 60) -> tuple[str, list[dict], list[dict]]:
        """Send a question; returns (the answer's text, its actions, its elements)."""
        start = len(self.events)
        now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
        self.sio.emit("client_message", {
            "message": {"threadId": "", "id": str(uuid.uuid4()), "name": "User",
                        "type": "user_message", "output": question, "createdAt": now,
                        "metadata": {}},
            "fileReferences": [],
        })
        self._wait(lambda n, d: n == "task_end", timeout, "end of the answer", start)
        with self._cond:
            events = self.events[start:]
        messages: dict[str, dict] = {}
        actions: list[dict] = []
        elements: list[dict] = []
        for name, data in events:
            if name in ("new_message", "update_message") and isinstance(data, dict):
                messages[data["id"]] = data
            elif name == "action" and isinstance(data, dict):
                actions = [a for a in actions if a.get("id") != data.get("id")] + [data]
            elif name == "element" and isinstance(data, dict):
                elements.append(data)
        with_actions = {a.get("forId") for a in actions}
        answer = next((m for m in messages.values() if m["id"] in with_actions
                       and m.get("type") == "assistant_message"), None)
        if answer is None:
            texts = [str(m.get("output"))[:200] for m in messages.values()]
            raise AssertionError(f"no answer with buttons (messages: {texts})")
        mine = [a for a in actions if a.get("forId") == answer["id"]]
        return str(answer.get("output") or ""), mine, [
            e for e in elements if e.get("forId") in (None, answer["id"])
        ]

    def click(self, action: dict, wait_for_element: str | None = None, timeout: float = 30):
        """A button: ``POST /project/action``; returns (status, response, the element named
        ``wait_for_element`` that the answer to the click brought, if asked)."""
        start = len(self.events)
        status, _, data = self.post("/project/action",
                                    {"sessionId": self.session_id, "action": action})
        element = None
        if status == 200 and wait_for_element:
            _, element = self._wait(
                lambda n, d: n == "element" and isinstance(d, dict)
                and d.get("name") == wait_for_element, timeout, wait_for_element, start)
        return status, data, element

    def close(self) -> None:
        try:
            self.sio.disconnect()
        except Exception:  # noqa: BLE001 - already closed (its server was killed)
            pass
