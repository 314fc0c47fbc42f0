"""Unit tests of the Descent Python client against a small local HTTP stub (standard library only)."""

import io
import json
import os
import sys
import threading
import time
import unittest
from contextlib import redirect_stderr
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from descent import Run  # noqa: E402


class Stub:
    """Records runs and points like Descent does; can fail the first N point requests with 503."""

    def __init__(self, fail_first=0, points_answer=None):
        self.fail_first = fail_first
        self.points_answer = points_answer
        self.points = {}
        self.batches = []
        self.status = None
        self.auth = []
        self.lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _body(self):
                return json.loads(self.rfile.read(int(self.headers["Content-Length"])))

            def _send(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                body = self._body()
                stub.auth.append(self.headers.get("Authorization"))
                if self.path == "/api/v1/runs":
                    self._send(201, {"id": 7, "name": body["name"]})
                    return
                if stub.points_answer == "redirect":
                    self.send_response(302)
                    self.send_header("Location", "/login")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if stub.points_answer == "html":
                    data = b"<html>Sign in</html>"
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                with stub.lock:
                    if stub.fail_first > 0:
                        stub.fail_first -= 1
                        self._send(503, {"detail": "busy"})
                        return
                    stub.batches.append(len(body["points"]))
                    for p in body["points"]:
                        stub.points[p["iteration"]] = p
                self._send(200, {"accepted": len(body["points"]), "duplicates": 0})

            def do_PATCH(self):
                stub.status = self._body()["status"]
                self._send(200, {"id": 7})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class ClientTest(unittest.TestCase):

    def setUp(self):
        self.stub = None

    def tearDown(self):
        if self.stub:
            self.stub.close()

    def test_points_are_batched_and_all_arrive_once(self):
        self.stub = Stub()
        run = Run("batched", url=self.stub.url, token="t0k", flush_interval=0.05)
        for step in range(2500):
            run.log(iteration=step, epoch=step / 100, loss=1.0 / (step + 1), val_loss=2.0)
        self.assertTrue(run.finish(timeout=10))

        self.assertEqual(sorted(self.stub.points), list(range(2500)))
        self.assertTrue(all(size <= 1000 for size in self.stub.batches), self.stub.batches)
        self.assertEqual(self.stub.points[10]["metrics"], {"val_loss": 2.0})
        self.assertEqual(self.stub.status, "FINISHED")
        self.assertEqual(set(self.stub.auth), {"Bearer t0k"})

    def test_a_redirect_or_an_html_answer_is_a_failure_never_a_success(self):
        for answer in ("redirect", "html"):
            with self.subTest(answer=answer):
                self.stub = Stub(points_answer=answer)
                with redirect_stderr(io.StringIO()) as err:
                    run = Run(f"misdirected-{answer}", url=self.stub.url, flush_interval=0.05)
                    for step in range(10):
                        run.log(iteration=step, loss=1.0)
                    run.finish(timeout=10)
                self.assertEqual(run.refused, 10, err.getvalue())
                self.assertIn("refused", err.getvalue())
                self.assertIn("redirected to /login" if answer == "redirect" else "not JSON", err.getvalue())
                self.assertEqual(self.stub.points, {})
                self.stub.close()
                self.stub = None

    def test_5xx_answers_are_retried_until_every_point_is_stored(self):
        self.stub = Stub(fail_first=3)
        with redirect_stderr(io.StringIO()) as err:
            run = Run("retried", url=self.stub.url, flush_interval=0.05, max_backoff=0.05)
            for step in range(300):
                run.log(iteration=step, loss=0.5)
            self.assertTrue(run.finish(timeout=10))
        self.assertEqual(sorted(self.stub.points), list(range(300)))
        self.assertEqual(err.getvalue().count("cannot reach"), 1, "warns once")

    def test_a_down_server_never_blocks_the_training_loop(self):
        with redirect_stderr(io.StringIO()) as err:
            run = Run("offline", url="http://127.0.0.1:9", flush_interval=0.01, max_buffer=500,
                      timeout=0.2, max_backoff=0.05)
            start = time.monotonic()
            for step in range(5000):
                run.log(iteration=step, loss=0.1)
            logging_took = time.monotonic() - start
            start = time.monotonic()
            sent = run.finish(timeout=0.5)
            finish_took = time.monotonic() - start
        self.assertLess(logging_took, 1.0)
        self.assertFalse(sent)
        self.assertLess(finish_took, 5.0)
        self.assertGreaterEqual(run.dropped, 4500, "bounded buffer keeps the newest points")
        self.assertLessEqual(len(run._buffer), 500, "a batch put back after a failure respects the bound")
        self.assertEqual(run._buffer[-1]["iteration"], 4999, "the newest point is kept")
        self.assertEqual(err.getvalue().count("buffer full"), 1)

    def test_an_exception_in_the_with_block_marks_the_run_failed(self):
        self.stub = Stub()
        with self.assertRaises(RuntimeError):
            with Run("crashing", url=self.stub.url, flush_interval=0.05) as run:
                run.log(iteration=0, loss=1.0)
                raise RuntimeError("CUDA out of memory")
        self.assertEqual(self.stub.status, "FAILED")
        self.assertIn(0, self.stub.points)

    def test_non_finite_losses_travel_as_json_literals(self):
        self.stub = Stub()
        run = Run("diverged", url=self.stub.url, flush_interval=0.05)
        run.log(iteration=0, loss=float("nan"))
        run.log(iteration=1, loss=float("inf"))
        self.assertTrue(run.finish(timeout=10))
        self.assertNotEqual(self.stub.points[0]["loss"], self.stub.points[0]["loss"])  # NaN
        self.assertEqual(self.stub.points[1]["loss"], float("inf"))

    def test_url_and_token_default_to_the_environment(self):
        self.stub = Stub()
        os.environ["DESCENT_URL"] = self.stub.url
        os.environ["DESCENT_TOKEN"] = "from-env"
        try:
            run = Run("env", flush_interval=0.05)
            run.log(iteration=0, loss=1.0)
            self.assertTrue(run.finish(timeout=10))
        finally:
            del os.environ["DESCENT_URL"]
            del os.environ["DESCENT_TOKEN"]
        self.assertIn("Bearer from-env", self.stub.auth)


if __name__ == "__main__":
    unittest.main()
