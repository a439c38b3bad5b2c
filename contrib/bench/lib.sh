# Shared by pull.sh and run.sh (sourced). Needs `log` and BENCH_QUIET_WAIT.

# Wait until the CPUs are (almost) idle: other users of this machine (a
# compiler, say) would otherwise land in one tool's runs and not the other's.
cpu_busy_pct() {  # busy share of all CPUs over one second
    local a b
    a=($(awk '/^cpu /{print $2+$3+$4+$7+$8, $5+$6; exit}' /proc/stat))
    sleep 1
    b=($(awk '/^cpu /{print $2+$3+$4+$7+$8, $5+$6; exit}' /proc/stat))
    echo $(( 100 * (b[0] - a[0]) / (b[0] - a[0] + b[1] - a[1] + 1) ))
}
wait_quiet() {
    local start=$SECONDS busy
    while :; do
        busy=$(cpu_busy_pct)
        [ "$busy" -lt 15 ] && return 0
        if [ $((SECONDS - start)) -ge "$BENCH_QUIET_WAIT" ]; then
            log "WARNING: CPUs still ${busy}% busy after ${BENCH_QUIET_WAIT}s; measuring anyway"
            return 0
        fi
        sleep 2
    done
}

# Configuration seen by both tools (XDG_CONFIG_HOME); podman reads the
# containers/*.conf files, rpod reads registries.conf. Needs BENCH_DIR,
# BENCH_CONF and REG.
write_bench_config() {
    mkdir -p "$BENCH_DIR" "$BENCH_CONF/containers"
    chmod 755 "$BENCH_DIR" "$BENCH_CONF" "$BENCH_CONF/containers"
    cat >"$BENCH_CONF/containers/registries.conf" <<EOC
unqualified-search-registries = []

[[registry]]
location = "$REG"
insecure = true
EOC
    cat >"$BENCH_CONF/containers/containers.conf" <<'EOC'
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOC
    cat >"$BENCH_CONF/containers/storage.conf" <<'EOC'
[storage]
driver = "overlay"
EOC
    chmod 644 "$BENCH_CONF"/containers/*.conf
}
