# Hook0 server image. Build: docker build -t hook0 .
# Run with your database:   docker run -p 8080:8080 -e DATABASE_URL=postgres://… -e BISCUIT_PRIVATE_KEY=… hook0
# Quick start (embedded PostgreSQL, data and generated keys in the volume): docker run -p 8080:8080 -v hook0:/data hook0

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore from the project files alone, so this layer is reused until a package changes.
COPY Directory.Build.props Directory.Packages.props Hook0.sln ./
COPY Hook0.Biscuit/Hook0.Biscuit.csproj Hook0.Biscuit/
COPY Hook0.Modules/Hook0.Modules.csproj Hook0.Modules/
COPY Hook0.Web/Hook0.Web.csproj Hook0.Web/
RUN dotnet restore Hook0.Web/Hook0.Web.csproj
COPY . .
RUN dotnet publish Hook0.Web/Hook0.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# PostgreSQL server binaries serve the embedded quick-start mode only; with DATABASE_URL they stay unused.
# No default cluster: the server creates its own under HOOK0_DATA_DIR.
RUN mkdir -p /etc/postgresql-common \
    && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf \
    && apt-get update \
    && apt-get install -y --no-install-recommends postgresql \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir /data && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app .
ENV IP=0.0.0.0 \
    PORT=8080 \
    LOG_FORMAT=json \
    HOOK0_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
USER $APP_UID
# bash's /dev/tcp: the runtime image has no curl or wget, and installing one only for this is not worth it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Hook0.Web.dll"]
