"""nginx from Debian, started on loopback: as a plain static file server (the baseline) or with
the shipped deploy/nginx.conf adapted to temporary paths (used by bench_serving and the tests)."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

MAIN = """user root;
worker_processes {workers};
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
{site}
}}
"""

STATIC_SITE = """
  types {{ application/atom+xml atom; application/rss+xml rss; application/feed+json json; }}
  server {{
    listen 127.0.0.1:{port};
    root {root};
    location /feeds/ {{ add_header Cache-Control "public, max-age=300"; etag on; }}
  }}
"""


def static_config(root: Path, port: int, tmp: Path, workers: int = 2) -> str:
    """nginx doing nothing but sending the files under `root`."""
    return MAIN.format(workers=workers, tmp=tmp, site=STATIC_SITE.format(port=port, root=root))


def shipped_config(published: Path, app_port: int, port: int, tmp: Path, workers: int = 2) -> str:
    """deploy/nginx.conf with the app on loopback `app_port`, listening on `port`, files from `published`."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = re.sub(r"upstream clusterfeeds_web \{.*?\}",
                  f"upstream clusterfeeds_web {{ server 127.0.0.1:{app_port}; keepalive 16; }}", site, flags=re.S)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = site.replace("root /var/lib/clusterfeeds/published;", f"root {published};")
    return MAIN.format(workers=workers, tmp=tmp, site=site)


@contextmanager
def running(config: str, tmp: Path, port: int, probe: str = "/") -> Iterator[str]:
    """Start nginx with `config`; yield its base URL; stop it."""
    conf = tmp / "nginx.conf"
    conf.write_text(config)
    command = [NGINX, "-c", str(conf), "-e", str(tmp / "error.log")]
    subprocess.run([*command, "-t", "-q"], check=True)
    subprocess.run(command, check=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                httpx.get(base + probe, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base
    finally:
        subprocess.run([*command, "-s", "quit"], check=False)
        time.sleep(0.3)
