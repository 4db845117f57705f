"""/readyz tells a load balancer the truth about the database, quickly."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ASK_HEALTH = """
import json, time, django
django.setup()
from django.test import Client
client = Client()
started = time.monotonic()
ready = client.get("/readyz")
took = time.monotonic() - started
alive = client.get("/healthz")
print(json.dumps({"ready": ready.status_code, "body": ready.json(), "seconds": took,
                  "alive": alive.status_code}))
"""


def silent_server():
    """A TCP server that accepts connections and never says a word, like a hung database."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held = []

    def accept_forever():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept_forever, daemon=True).start()
    return listener


def test_readyz_is_503_within_the_timeout_when_the_database_does_not_answer():
    listener = silent_server()
    port = listener.getsockname()[1]
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "clinicbot.settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_DB_CONNECT_TIMEOUT": "2",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/hung",
    }

    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", ASK_HEALTH], cwd=ROOT, env=env, capture_output=True, timeout=60
    )
    listener.close()

    result = json.loads(done.stdout.decode().strip().splitlines()[-1])
    assert result["ready"] == 503
    assert result["body"] == {"status": "unavailable", "database": "unreachable"}
    assert result["seconds"] < 5
    assert result["alive"] == 200
    assert time.monotonic() - started < 30
