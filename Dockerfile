# stratagem in a container, e.g. as `image:` of a GitLab CI job. The final image holds the binary
# and git (`diff`, `--changed` and the history pages read the repository), and runs as a non-root
# user. Build: docker build -t stratagem .
FROM rust:1-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin stratagem

FROM debian:bookworm-slim
# git for diff, --changed and history; CI clones belong to another user: let git read them.
RUN apt-get update \
    && apt-get install -y --no-install-recommends git ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 stratagem \
    && git config --system --add safe.directory '*'
COPY --from=build /src/target/release/stratagem /usr/local/bin/stratagem
USER stratagem
WORKDIR /plan
ENTRYPOINT ["stratagem"]
CMD ["lint", "."]
