#!/usr/bin/python3
"""tests/support/smtp_sink.py — a real SMTP server on loopback for the outbox's tests.

Run with Debian's python3 (python3-aiosmtpd, scripts/deps.sh test):

    /usr/bin/python3 tests/support/smtp_sink.py PORT DIR

Listens on 127.0.0.1:PORT. Each message accepted is written to DIR as N.eml (as received)
and N.json (what a reader sees: envelope sender and recipients, the decoded subject,
Message-ID, X-Thads-Idempotency-Key, the text body and each attachment's name, type and
bytes in base64). DIR/ready is written once listening.

While the file DIR/stall exists, the server holds each message's end of data without
answering (up to 60 s): a sender killed meanwhile never got the 250, and the message is
not kept — as a real server does (RFC 5321 4.1.1.4) — so a test can kill the sender
mid-delivery.
"""
import asyncio
import base64
import email
import email.policy
import json
import os
import signal
import sys
import time

from aiosmtpd.controller import Controller

PORT = int(sys.argv[1])
DIR = sys.argv[2]


class Sink:
    def __init__(self):
        self.n = 0

    async def handle_DATA(self, server, session, envelope):
        stall = os.path.join(DIR, "stall")
        waited = 0
        while os.path.exists(stall) and waited < 600:
            open(os.path.join(DIR, "stalled"), "w").close()
            await asyncio.sleep(0.1)  # cancelled when the client goes away
            waited += 1
        if server.transport is None or server.transport.is_closing():
            return "451 connection lost"
        self.n += 1
        base = os.path.join(DIR, "%d" % self.n)
        raw = envelope.original_content
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        body = msg.get_body(preferencelist=("plain",))
        out = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": str(msg["Subject"]),
            "from": str(msg["From"]),
            "to": str(msg["To"]),
            "date": str(msg["Date"]),
            "message_id": str(msg["Message-ID"]),
            "idem_key": str(msg["X-Thads-Idempotency-Key"]),
            "body": body.get_content().replace("\r\n", "\n") if body is not None else None,
            "max_line": max(len(l) for l in raw.split(b"\r\n")),
            "attachments": [
                {
                    "name": a.get_filename(),
                    "type": a.get_content_type(),
                    "data_b64": base64.b64encode(a.get_payload(decode=True)).decode(),
                }
                for a in msg.iter_attachments()
            ],
        }
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False)
        os.rename(base + ".json.tmp", base + ".json")
        return "250 OK"


# Every message is on disk once answered, so a signal ends the server at once. Set
# explicitly: a test run in the background inherits SIGINT ignored, and Python then never
# raises KeyboardInterrupt (the test waited on the sink forever).
def leave(signum, frame):
    os._exit(0)


signal.signal(signal.SIGINT, leave)
signal.signal(signal.SIGTERM, leave)

controller = Controller(Sink(), hostname="127.0.0.1", port=PORT, decode_data=False,
                        enable_SMTPUTF8=True)
controller.start()
open(os.path.join(DIR, "ready"), "w").close()
while True:
    time.sleep(3600)
