# ArrayDojo in a container. It mirrors the README's commands; it is not built by the test suite.
#   docker build -t arraydojo .
#   docker run -p 8000:8000 -v arraydojo-data:/var/lib/arraydojo \
#     --cap-add SYS_ADMIN --security-opt seccomp=unconfined --security-opt apparmor=unconfined arraydojo
# Without those options, run degraded (see the README's "Deployment" section):
#   docker run -p 8000:8000 --user arraydojo -e ARRAYDOJO_ISOLATION=rlimits arraydojo
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ARRAYDOJO_HOME=/srv/arraydojo \
    ARRAYDOJO_DATABASE_URL=sqlite:////var/lib/arraydojo/arraydojo.sqlite3

WORKDIR /srv/arraydojo

# Pinned dependencies first, so a code change does not reinstall them.
COPY requirements.txt constraints.txt ./
RUN pip install --no-cache-dir -r requirements.txt -c constraints.txt

# The app, plus the data it reads at run time: challenges/, lessons/, templates/, static/.
COPY . .
RUN pip install --no-cache-dir --no-deps --no-build-isolation . \
    && useradd --system --uid 10001 --home-dir /var/lib/arraydojo arraydojo \
    && mkdir -p /var/lib/arraydojo \
    && chown arraydojo /var/lib/arraydojo

VOLUME /var/lib/arraydojo
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]

# Root by default: the full sandbox needs it (namespaces, pivot_root, a uid per slot); jobs
# themselves run as unprivileged per-slot uids with no capabilities.
CMD ["arraydojo", "serve", "--host", "0.0.0.0"]
