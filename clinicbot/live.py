"""For tests against a live server: requests sent over real HTTP from several threads at once,
each with its own database connection, as under a real server."""

import json
import threading
import urllib.error
import urllib.request

# Straight to the live server: no proxy from the environment may stand in between.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def post_json(url, body, token):
    """POST `body` as JSON with the token; the status and the decoded answer (text if not JSON)."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Authorization": f"Token {token}",
        },
        method="POST",
    )
    try:
        with OPENER.open(request, timeout=60) as answer:
            return answer.status, _decoded(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, _decoded(refused.read())


def _decoded(raw):
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode(errors="replace")


def post_at_once(url, bodies, token):
    """POST every body from its own thread, all released together by a barrier; the answers
    in the order of `bodies`."""
    barrier = threading.Barrier(len(bodies))
    answers = [None] * len(bodies)

    def send(index, body):
        barrier.wait(timeout=30)
        answers[index] = post_json(url, body, token)

    threads = [threading.Thread(target=send, args=pair) for pair in enumerate(bodies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers
