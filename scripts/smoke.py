"""Smoke test: the app under gunicorn with production settings, on PostgreSQL, over real HTTP.

Makes its own database, migrates it, collects the static files, makes two API clients, starts
gunicorn on a free loopback port and drives a short conversation through it as a TLS proxy
would forward it (`X-Forwarded-Proto: https`); then stops gunicorn by its pid and drops the
database. Exits non-zero at the first thing that is not as expected.

    .venv/bin/python scripts/smoke.py [--postgres postgres://postgres@127.0.0.1:5432/postgres]
"""

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "clinicbot_smoke"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()

    server_url = args.postgres.rsplit("/", 1)[0]
    recreate_database(args.postgres)
    env = production_env(f"{server_url}/{DATABASE}")
    gunicorn = None
    try:
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "collectstatic", "--no-input", "-v", "0")
        chatbot = make_token(env, "smoke-chatbot", "chatbot")
        analyst = make_token(env, "smoke-analyst", "analyst")

        port = free_port()
        gunicorn = start_gunicorn(env, port)
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base)
        converse(base, chatbot, analyst)
        check_serving(base)
    finally:
        if gunicorn is not None:
            stop(gunicorn)
        drop_database(args.postgres)

    print("smoke test passed")


def production_env(database_url):
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CLINICBOT_"))}
    return {
        **keep,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "WEB_CONCURRENCY": "2",
    }


def recreate_database(admin_url):
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")


def drop_database(admin_url):
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def manage(env, *args):
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def make_token(env, name, group):
    return manage(env, "create_api_client", name, "--group", group).strip().splitlines()[-1]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(env, port):
    log = open(ROOT / "smoke-gunicorn.log", "w")  # noqa: SIM115 (kept open for the child)
    return subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "clinicbot.wsgi", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def stop(process):
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
    print(f"gunicorn (pid {process.pid}) stopped")


def wait_until_up(base):
    for _ in range(100):
        try:
            if call("GET", f"{base}/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not answer /healthz within 20 seconds")


def call(method, url, body=None, token=None, proxied=True, accept="application/json"):
    """One request; answers (status, parsed JSON or None, headers). Never follows redirects."""
    headers = {"Accept": accept}
    if proxied:
        headers["X-Forwarded-Proto"] = "https"
    if token:
        headers["Authorization"] = f"Token {token}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as answer:
            status, raw, got = answer.status, answer.read(), answer.headers
    except urllib.error.HTTPError as error:
        status, raw, got = error.code, error.read(), error.headers
    parsed = json.loads(raw) if raw and "json" in got.get("Content-Type", "") else None
    return status, parsed, got


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def expect(what, answer, status):
    if answer[0] != status:
        sys.exit(f"{what}: expected {status}, got {answer[0]}: {answer[1]}")
    print(f"ok  {status}  {what}")
    return answer[1]


def converse(base, chatbot, analyst):
    user = expect(
        "create a user",
        call("POST", f"{base}/users", {"selected_language": "English"}, chatbot),
        201,
    )
    session = expect(
        "open a chat session",
        call(
            "POST",
            f"{base}/chat-sessions",
            {"user_id": user["user_id"], "device_type": "mobile"},
            chatbot,
        ),
        201,
    )
    ids = {"user_id": user["user_id"], "session_id": session["session_id"]}
    question = {
        **ids,
        "message_text": "What is your gender?",
        "message_type": "bot",
        "message_sequence_number": 1,
        "has_widget": True,
        "widget_options": ["Male", "Female", "Prefer not to say"],
        "chat_step": "gender",
    }
    asked = expect("the bot asks", call("POST", f"{base}/conversations", question, chatbot), 201)
    expect(
        "the same message again is not stored twice",
        call("POST", f"{base}/conversations", question, chatbot),
        200,
    )
    reply = {
        **ids,
        "message_text": "Female",
        "message_type": "user",
        "message_sequence_number": 2,
        "message_source": "button_click",
        "selected_option": "Female",
        "chat_step": "gender",
    }
    answered = expect(
        "the user answers", call("POST", f"{base}/conversations", reply, chatbot), 201
    )
    expect(
        "the answer is recorded",
        call(
            "POST",
            f"{base}/responses",
            {
                **ids,
                "conversation_id": answered["conversation_id"],
                "response_category": "demographic",
                "response_type": "button_click",
                "question_asked": asked["message_text"],
                "user_response": "Female",
                "available_options": question["widget_options"],
                "step_in_flow": "gender",
            },
            chatbot,
        ),
        201,
    )
    expect(
        "the session's analytics are posted",
        call(
            "POST",
            f"{base}/analytics",
            {
                "session_id": session["session_id"],
                "total_user_messages": 1,
                "total_bot_messages": 1,
                "total_button_clicks": 1,
                "flows_attempted": ["prevent_pregnancy"],
                "satisfaction_rating": 5,
            },
            chatbot,
        ),
        201,
    )
    stats = expect(
        "the analyst reads the stats", call("GET", f"{base}/analytics/stats", None, analyst), 200
    )
    if stats["total_sessions"] != 1 or stats["total_button_clicks"] != 1:
        sys.exit(f"unexpected stats: {stats}")
    expect(
        "the chatbot may not read the stats",
        call("GET", f"{base}/analytics/stats", None, chatbot),
        403,
    )


def check_serving(base):
    expect("readiness with the database", call("GET", f"{base}/readyz"), 200)
    expect("health checks answer plain HTTP", call("GET", f"{base}/healthz", proxied=False), 200)
    redirected = call("GET", f"{base}/clinics", proxied=False)
    expect("plain HTTP is sent to HTTPS", redirected, 301)
    if not redirected[2]["Location"].startswith("https://"):
        sys.exit(f"redirected to {redirected[2]['Location']}")
    docs = call("GET", f"{base}/api/docs/", accept="text/html")
    expect("Swagger UI is served", docs, 200)
    css = call("GET", f"{base}/static/admin/css/base.css", accept="text/css")
    expect("static files from WhiteNoise", css, 200)
    if "max-age" not in css[2].get("Cache-Control", ""):
        sys.exit(f"static files are not cacheable: {css[2].get('Cache-Control')}")


if __name__ == "__main__":
    main()
