"""A language server over stdio for the measuring scripts (lsp-memory.py,
lsp-pdf-first-diagnostics.py). Standard library only.

Messages from the server land in a queue with their arrival time; requests from the server
(workspace/configuration, registration …) are answered plainly so that it never waits on us.
"""
import json
import queue
import subprocess
import sys
import threading
import time


class Server:
    def __init__(self, binary):
        self.proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.messages = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if length is None:
                continue
            body = json.loads(out.read(length))
            arrived = time.perf_counter()
            if "method" in body and "id" in body:
                items = body.get("params", {}).get("items", [])
                result = [{}] * len(items) if body["method"] == "workspace/configuration" else None
                self._send({"jsonrpc": "2.0", "id": body["id"], "result": result})
            else:
                self.messages.put((arrived, body))

    def _send(self, message):
        data = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def send_request(self, method, params):
        """Sends a request and returns its id (the answer comes through `wait`)."""
        rid = self.next_id
        self.next_id += 1
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid

    def request(self, method, params):
        """Sends a request and returns the body of its answer."""
        rid = self.send_request(method, params)
        return self.wait(lambda m: m.get("id") == rid)[1]

    def wait(self, pred, timeout=600):
        """The arrival time and body of the first message matching `pred`."""
        end = time.time() + timeout
        while time.time() < end:
            try:
                arrived, m = self.messages.get(timeout=1)
            except queue.Empty:
                if self.proc.poll() is not None:
                    sys.exit("the server exited")
                continue
            if pred(m):
                return arrived, m
        sys.exit("timed out waiting for the server")

    def stop(self):
        rid = self.send_request("shutdown", None)
        self.wait(lambda m: m.get("id") == rid, timeout=30)
        self.notify("exit", None)
        self.proc.wait(timeout=30)
