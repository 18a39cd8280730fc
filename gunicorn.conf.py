"""gunicorn settings for ``make serve`` and for every node of a fleet (README, "Running a fleet").

Read from the environment, like the Django settings: HOST, PORT, WORKERS, THREADS, TRUSTED_PROXIES.
"""

import os

wsgi_app = "icpconsole.wsgi:application"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"

# gthread whose requests are read in on the event loop before a thread runs them, so slow clients
# cannot stall the node (icpconsole/serving.py says why this model).
worker_class = "icpconsole.serving.BufferingThreadWorker"
workers = int(os.environ.get("WORKERS", "3"))
threads = int(os.environ.get("THREADS", "4"))
# A worker whose event loop has not reported for `timeout` seconds is restarted (with threads, one
# long request does not count: the loop keeps reporting); idle kept-alive connections are closed
# after `keepalive` seconds; a stopping worker finishes its requests within `graceful_timeout`.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
keepalive = 5
graceful_timeout = 20

# X-Forwarded-Proto (and friends) believed by gunicorn only from the same proxies Django trusts
# (TRUSTED_PROXIES; none by default). Never "*": a client's own header would be believed.
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "")

# gunicorn's control socket is one per user ($HOME/.gunicorn): two nodes on one machine would share it.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
