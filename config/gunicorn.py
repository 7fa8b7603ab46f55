"""gunicorn settings for `make serve` (`gunicorn -c python:config.gunicorn`).

X-Forwarded-Proto and friends are believed only from FORWARDED_ALLOW_IPS, which gunicorn
reads from the environment itself (default 127.0.0.1 and ::1); Django reads the same
variable for X-Forwarded-For (journal.client_address). Behind a proxy on another machine,
set FORWARDED_ALLOW_IPS to its address and NUM_PROXIES to the number of proxies.
"""

accesslog = "-"
logger_class = "config.access_log.RedactingLogger"
