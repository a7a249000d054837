"""gunicorn's settings for Styr in production, read by gunicorn from the folder it starts in.

Run from the repository root, with the production environment (README, "Settings"):

    gunicorn            # or: gunicorn -c gunicorn.conf.py

gunicorn listens on 127.0.0.1:8000 behind the web server, which ends HTTPS. Each value below
can be changed through the environment named beside it.
"""

import os


def cores() -> int:
    """Return the processor cores this process may run on (a container's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


wsgi_app = "styr.wsgi:application"
proc_name = "styr"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Django answers one request at a time per process: two processes a core, and one more, keep the
# cores busy while others wait on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * cores() + 1))
# A request that runs longer than this is stuck (Styr's pages answer within a second or two):
# the worker is killed and replaced, so no request holds a process for minutes. On a restart,
# running requests get as long to finish.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = timeout
keepalive = 5
# Start each worker afresh after about a thousand requests, so that memory cannot creep up;
# the jitter keeps the workers from restarting all at once.
max_requests = 1000
max_requests_jitter = 100

# Refuse oversized requests before Django reads them (400 Bad Request). The longest address
# Styr makes, a filtered plan with every tag and the login's `next`, stays under 2 000 bytes; a
# browser sends some 20 headers, the proxy a few more; the largest header is the cookies.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# Only the web server in front may say that a request came over HTTPS (X-Forwarded-Proto), and
# only from these addresses (FORWARDED_ALLOW_IPS, e.g. the proxy's, if it runs on another
# machine). Django reads X-Forwarded-Proto itself (SECURE_PROXY_SSL_HEADER) whoever sent it, so
# gunicorn must be reachable by the proxy alone (bind to 127.0.0.1 or a socket), and the proxy
# must set the header on every request, overwriting what a client sent.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to standard output and error, for systemd's journal or the container's log.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
