"""Requests per second and memory of ONE gunicorn worker, on PostgreSQL, measured with wrk.

A script, not a test. It makes its own database, migrates it with production settings, makes a
superuser's token and a user with a session, starts gunicorn with one sync worker on a free
loopback port (the throttle raised out of the way), and loads it with wrk from this machine:
`GET /users/{id}` and `POST /conversations` (each post a new message: a random sequence number).
It prints the requests per second, the latency and the worker's resident memory, then stops
gunicorn and drops the database.

    .venv/bin/python bench/serving.py [--seconds 10] [--connections 8] [--threads 2]

Needs `wrk` (Debian package `wrk`).
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
SERVER = "postgres://postgres@127.0.0.1:5432/"
DATABASE = "clinicbot_bench_serving"

POST_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Token %(token)s"
wrk.headers["X-Forwarded-Proto"] = "https"
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
request = function()
  local body = string.format(
    '{"session_id": "%(session)s", "user_id": "%(user)s", "message_text": "How do I use it?",'
    .. ' "message_type": "user", "message_sequence_number": %%d}',
    math.random(1, 2000000000))
  return wrk.format(nil, nil, nil, body)
end
"""


def say(text=""):
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--redis",
        metavar="URL",
        help="Keep the throttle counts in this Redis (else the database cache, as without one).",
    )
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")

    admin = psycopg.connect(SERVER + "postgres", autocommit=True)
    admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    admin.execute(f"CREATE DATABASE {DATABASE}")
    env = production_env(options.redis)
    gunicorn = None
    try:
        manage(env, "migrate", "--no-input", "-v", "0")
        token, user, session = prepare_rows(env)
        port = free_port()
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "clinicbot.wsgi", "-b", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base)
        worker = worker_pid(gunicorn.pid)

        say(
            f"one sync worker (pid {worker}), wrk -t{options.threads} -c{options.connections} "
            f"-d{options.seconds}s, PostgreSQL on this machine"
        )
        say(f"memory after start: {rss_mb(worker):.0f} MB")
        get = run_wrk(options, f"{base}/users/{user}", token)
        say(
            f"GET /users/{{id}}       {get['rps']:8.1f} req/s   median {get['p50']}, "
            f"p99 {get['p99']}, errors {get['errors']}"
        )
        post = run_wrk(options, f"{base}/conversations", token, session=session, user=user)
        say(
            f"POST /conversations    {post['rps']:8.1f} req/s   median {post['p50']}, "
            f"p99 {post['p99']}, errors {post['errors']}"
        )
        say(f"memory after the load: {rss_mb(worker):.0f} MB")
    finally:
        if gunicorn is not None:
            os.kill(gunicorn.pid, signal.SIGTERM)
            gunicorn.wait(timeout=30)
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def production_env(redis_url):
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CLINICBOT_"))}
    return {
        **keep,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": SERVER + DATABASE,
        "WEB_CONCURRENCY": "1",
        "GUNICORN_MAX_REQUESTS": "0",  # one worker all along, so that its memory can be read
        "CLINICBOT_THROTTLE_USER": "10000000/min",
        "DJANGO_LOG_LEVEL": "WARNING",
        **({"CLINICBOT_REDIS_URL": redis_url} if redis_url else {}),
    }


def manage(env, *args, stdin=None):
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def prepare_rows(env):
    code = (
        "from django.contrib.auth import get_user_model\n"
        "from rest_framework.authtoken.models import Token\n"
        "from clinicbot.factories import make_session\n"
        "boss = get_user_model().objects.create_superuser('bench', password=None)\n"
        "session = make_session()\n"
        "print(Token.objects.create(user=boss).key, session.user_id, session.pk)\n"
    )
    token, user, session = manage(env, "shell", stdin=code).split()[-3:]
    return token, user, session


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base):
    request = urllib.request.Request(f"{base}/healthz")
    for _ in range(100):
        try:
            urllib.request.urlopen(request, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start")


def worker_pid(master):
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def rss_mb(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def run_wrk(options, url, token, session=None, user=None):
    command = ["wrk", f"-t{options.threads}", f"-c{options.connections}"]
    command += [f"-d{options.seconds}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        if session:
            script.write(POST_SCRIPT % {"token": token, "session": session, "user": user})
        else:
            script.write(
                f'wrk.headers["Authorization"] = "Token {token}"\n'
                'wrk.headers["X-Forwarded-Proto"] = "https"\n'
            )
    done = subprocess.run(
        [*command, "-s", script.name, url], capture_output=True, text=True, check=True
    )
    os.unlink(script.name)
    return parse_wrk(done.stdout)


def parse_wrk(text):
    """Requests per second, median and p99 latency, and non-2xx answers from wrk's report."""
    found = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50": re.search(r"^\s+50%\s+(\S+)", text, re.MULTILINE).group(1),
        "p99": re.search(r"^\s+99%\s+(\S+)", text, re.MULTILINE).group(1),
        "errors": 0,
    }
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if bad:
        found["errors"] = int(bad.group(1))
    return found


if __name__ == "__main__":
    main()
