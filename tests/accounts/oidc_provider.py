"""A small OpenID Connect provider for tests, served on a free local port in a thread.

It answers discovery, redirects an authorization request back with a code, exchanges the code for
an access token and an id_token signed (RS256) with a key made at start, and serves the key set
and userinfo. What it says about the person is ``provider.claims``, set by each test.
"""

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "network-societies-test"
CLIENT_SECRET = "test-secret"  # noqa: S105
KEY_ID = "test-key-1"


class Provider:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.claims = {}
        self.codes = {}  # code -> nonce of the authorization request
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def discovery(self):
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def id_token(self, nonce):
        now = int(time.time())
        payload = {
            "iss": self.url, "aud": CLIENT_ID, "iat": now, "exp": now + 300,
            "jti": secrets.token_hex(8), **self.claims,
        }
        if nonce:
            payload["nonce"] = nonce
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": KEY_ID})

    def jwks(self):
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]}

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, data, status=200):
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):  # noqa: N802
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/.well-known/openid-configuration":
                    return self._json(provider.discovery())
                if url.path == "/jwks":
                    return self._json(provider.jwks())
                if url.path == "/userinfo":
                    if self.headers.get("Authorization") != "Bearer access-token":
                        return self._json({"error": "invalid_token"}, 401)
                    return self._json(provider.claims)
                if url.path == "/authorize":
                    if query.get("client_id") != CLIENT_ID:
                        return self._json({"error": "unauthorized_client"}, 400)
                    code = secrets.token_hex(8)
                    provider.codes[code] = query.get("nonce")
                    target = query["redirect_uri"] + "?" + urlencode(
                        {"code": code, "state": query.get("state", "")})
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.end_headers()
                    return None
                return self._json({"error": "not_found"}, 404)

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if self.path != "/token":
                    return self._json({"error": "not_found"}, 404)
                if (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
                    return self._json({"error": "invalid_client"}, 401)
                if form.get("code") not in provider.codes:
                    return self._json({"error": "invalid_grant"}, 400)
                nonce = provider.codes.pop(form["code"])
                return self._json({
                    "access_token": "access-token", "token_type": "Bearer", "expires_in": 300,
                    "id_token": provider.id_token(nonce),
                })

        return Handler


def provider_settings(url):
    """SOCIALACCOUNT_PROVIDERS naming the provider at ``url`` as the site's OpenID Connect one."""
    return {"openid_connect": {"APPS": [{
        "provider_id": "testidp", "name": "Test Identity", "client_id": CLIENT_ID,
        "secret": CLIENT_SECRET, "settings": {"server_url": url},
    }]}}
