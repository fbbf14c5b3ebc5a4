#!/usr/bin/env python3
"""A co-op's small Python site that vouches for its signed-in people to a Convene server.

It signs a short-lived member pass (a JWT, EdDSA with the site's Ed25519 key) for whoever is
signed in, and serves it at /convene-pass, the `pass-url` a Convene element fetches with the
page's cookies. Debian's python3 with python3-jwt and python3-cryptography; nothing from pip.

    python3 site.py keygen pass-key.pem   # once: writes the private key, prints the config lines
    python3 site.py                        # serves the site (environment: see README.md)
"""

import html
import json
import os
import secrets
import sys
import time
import uuid
from datetime import datetime, timezone
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

# The longest a Convene server accepts is 10 minutes; the element asks again before expiry.
PASS_LIFETIME_SECONDS = 300

# The site's people. A real site reads its own users and session here (Django's request.user, ...).
PEOPLE = {
    "ada": {"name": "Ada Lovelace", "member": True, "moderator": False},
    "mo": {"name": "Mo Moderator", "member": True, "moderator": True},
    "vic": {"name": "Vic Visitor", "member": False, "moderator": False},
}

SESSIONS = {}  # session id -> login; in memory, as a demo

# The site's pages: the space's room directory, and one room (CONVENE_ROOM, "members" by default).
PAGES = ("/", "/room")


def keygen(path):
    """Writes a new Ed25519 private key (mode 600) and prints what the Convene config needs."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    kid = os.environ.get("CONVENE_PASS_KID", "python-site-1")
    print("memberPasses:\n  keys:\n    - kid: %s\n      alg: EdDSA\n      publicKey: |" % kid)
    print("\n".join("        " + line for line in public.strip().splitlines()))


def load_settings():
    with open(os.environ["CONVENE_PASS_KEY"], "rb") as key_file:
        private_key = serialization.load_pem_private_key(key_file.read(), password=None)
    return {
        "key": private_key,
        "kid": os.environ.get("CONVENE_PASS_KID", "python-site-1"),
        "space": os.environ["CONVENE_SPACE"],
        "issuer": os.environ.get("CONVENE_PASS_ISSUER"),
        "server": os.environ.get("CONVENE_SERVER", "http://127.0.0.1:8080"),
        "room": os.environ.get("CONVENE_ROOM", "members"),
    }


def sign_pass(settings, login, person):
    """The member pass: who, their name and role, for which space, for five minutes."""
    now = int(time.time())
    claims = {
        "sub": "py-" + login,
        "name": person["name"],
        "member": person["member"],
        "moderator": person["moderator"],
        "aud": settings["space"],
        "iat": now,
        "exp": now + PASS_LIFETIME_SECONDS,
        "jti": str(uuid.uuid4()),
    }
    if settings["issuer"]:
        claims["iss"] = settings["issuer"]
    token = jwt.encode(claims, settings["key"], algorithm="EdDSA", headers={"kid": settings["kid"], "typ": "JWT"})
    expires = datetime.fromtimestamp(claims["exp"], timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"pass": token, "expires_at": expires}


class Site(BaseHTTPRequestHandler):
    settings = None

    def signed_in(self):
        cookie = SimpleCookie(self.headers.get("Cookie", ""))
        session = cookie.get("session")
        return SESSIONS.get(session.value) if session else None

    def send(self, status, body, content_type, headers=()):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/convene-pass":
            # Only this site's own pages ask (no CORS headers: another site's page cannot read it).
            if self.headers.get("Sec-Fetch-Site") == "cross-site":
                return self.send(403, '{"error": "cross-site"}', "application/json")
            login = self.signed_in()
            answer = sign_pass(self.settings, login, PEOPLE[login]) if login else {"pass": None}
            return self.send(200, json.dumps(answer), "application/json")
        if self.path in PAGES:
            return self.send(200, self.page(self.path), "text/html; charset=utf-8")
        self.send(404, "Not found", "text/plain")

    def do_POST(self):
        length = min(int(self.headers.get("Content-Length") or 0), 4096)
        form = parse_qs(self.rfile.read(length).decode())
        # Back to the page the form was on (one of this site's own pages, never another address).
        back = form.get("next", ["/"])[0]
        headers = [("Location", back if back in PAGES else "/")]
        if self.path == "/sign-in" and form.get("login", [""])[0] in PEOPLE:
            session = secrets.token_urlsafe(32)
            SESSIONS[session] = form["login"][0]
            headers.append(("Set-Cookie", "session=%s; HttpOnly; SameSite=Lax; Path=/" % session))
        elif self.path == "/sign-out":
            session = SimpleCookie(self.headers.get("Cookie", "")).get("session")
            if session:
                SESSIONS.pop(session.value, None)
            headers.append(("Set-Cookie", "session=; Max-Age=0; HttpOnly; SameSite=Lax; Path=/"))
        self.send(303, "", "text/plain", headers)

    def page(self, path):
        """A page with the sign-in form and, from the Convene server, the space's directory ("/") or one room."""
        login = self.signed_in()
        server = html.escape(self.settings["server"], quote=True)
        space = html.escape(self.settings["space"], quote=True)
        back = '<input type="hidden" name="next" value="%s">' % html.escape(path, quote=True)
        if login:
            who = '<form method="post" action="/sign-out">%sSigned in as %s. <button>Sign out</button></form>' % (
                back,
                html.escape(PEOPLE[login]["name"]),
            )
        else:
            options = "".join('<option value="%s">%s</option>' % (k, html.escape(p["name"])) for k, p in PEOPLE.items())
            who = (
                '<form id="sign-in" method="post" action="/sign-in">%s<label for="login">Sign in as</label> '
                '<select id="login" name="login">%s</select> <button>Sign in</button></form>' % (back, options)
            )
        # pass-url: this site's own endpoint, fetched with the page's cookies; login-url: where the
        # element sends someone a members' room refuses (here, the form above).
        if path == "/room":
            room = html.escape(self.settings["room"], quote=True)
            element = (
                '<convene-room server="%s" space="%s" room="%s" pass-url="/convene-pass" login-url="#sign-in">'
                "</convene-room>" % (server, space, room)
            )
        else:
            element = '<convene-space server="%s" space="%s" pass-url="/convene-pass"></convene-space>' % (server, space)
        return (
            '<!doctype html><html lang="en"><meta charset="utf-8"><title>River Co-op</title>'
            '<h1>River Co-op</h1><nav><a href="/">Rooms</a> · <a href="/room">Members’ room</a></nav>%s'
            '<script type="module" src="%s/convene.js"></script>%s</html>'
        ) % (who, server, element)

    def log_message(self, format, *args):
        # Never log a pass: only the method and path, which never carry one.
        sys.stderr.write("%s %s\n" % (self.command, self.path.split("?")[0]))


def main():
    if sys.argv[1:2] == ["keygen"]:
        return keygen(sys.argv[2] if len(sys.argv) > 2 else "pass-key.pem")
    Site.settings = load_settings()
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer((host, port), Site)
    print("Python site listening on http://%s:%d" % (host, server.server_address[1]), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
