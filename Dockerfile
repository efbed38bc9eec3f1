# ClusterFeeds: scheduler and web app in one process (`clusterfeeds run`) on port 8080.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    CLUSTERFEEDS_HOST=0.0.0.0 \
    CLUSTERFEEDS_PORT=8080 \
    CLUSTERFEEDS_CONFIG_DIR=/config \
    CLUSTERFEEDS_DATABASE_URL=sqlite:////data/clusterfeeds.db \
    CLUSTERFEEDS_REFERENCE_DIR=/opt/clusterfeeds/reference

# Every path a volume or tmpfs is mounted on (here and in docker-compose.yml) exists in the image and
# belongs to the runtime user: Docker initialises an empty named volume from the image's directory,
# ownership included, and creates a missing one as root, where uid 10001 could not write.
# tests/system/test_deploy.py checks that every mount of docker-compose.yml is in this list.
ARG MOUNT_POINTS="/data /config /var/lib/clusterfeeds/published /run/prometheus"
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin clusterfeeds \
    && mkdir -p /app $MOUNT_POINTS \
    && chown clusterfeeds:clusterfeeds $MOUNT_POINTS

WORKDIR /app
COPY pyproject.toml README.md ./
COPY feeds ./feeds
# The same install as the README's Quickstart: pip install .
RUN pip install . && rm -rf /app/feeds /app/build
# Debian's de/en/fr dictionaries, whose translations deduplication reads (feeds/process/dedup/glossary.py).
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dict-freedict-deu-eng \
       dict-freedict-eng-deu dict-freedict-fra-eng dict-freedict-eng-fra dict-freedict-deu-fra dict-freedict-fra-deu \
    && rm -rf /var/lib/apt/lists/*
# The lemma tables and the table of translations every process loads (feeds/process/lemmas.py,
# feeds/process/dedup/glossary.py): built here, read-only at run time.
RUN python -m feeds.process.lemmas "$CLUSTERFEEDS_REFERENCE_DIR" \
    && python -c 'import sys, pathlib, feeds.process.dedup.glossary as g; g.build(pathlib.Path(sys.argv[1]))' \
       "$CLUSTERFEEDS_REFERENCE_DIR"
COPY --chown=clusterfeeds config/ /config/

USER clusterfeeds
VOLUME ["/data", "/config"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status != 200)"]
CMD ["clusterfeeds", "run"]
