# The eks-sso container image: Debian 12 slim with the eks-sso .deb and the AWS CLI v2 from Debian
# (package awscli), entrypoint eks-sso. Built by .github/workflows/ci.yml and release.yml (no
# Docker engine in .ci/run; tests/e2e/test_dockerfile.sh checks this file's shape):
#   docker build -t eks-sso .
#   docker run --rm -v ~/.kube:/root/.kube:ro -v ~/.aws:/root/.aws:ro eks-sso doctor
# The SSO token cache in ~/.aws/sso/cache is read-only there: doctor reads it, and a login
# (eks-sso login) belongs on the host, never in the container.

# --- build: the .deb from this checkout, exactly as the release does (cpack -G DEB) ---
FROM debian:bookworm-slim AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/install-deps.sh
RUN bash scripts/install-deps.sh && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cmake -S . -B /build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    && cmake --build /build -j"$(nproc)" \
    && cd /build && cpack -G DEB -B /dist

# --- run: the package and the AWS CLI, nothing else ---
FROM debian:bookworm-slim
COPY --from=build /dist/*.deb /tmp/
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates awscli /tmp/eks-sso_*.deb \
    && rm -rf /var/lib/apt/lists/* /tmp/*.deb \
    && eks-sso version
ENV HOME=/root CI=true
WORKDIR /root
ENTRYPOINT ["eks-sso"]
CMD ["doctor"]
