#!/usr/bin/env bash
# Regenerate src/runtime/syscalls_x86_64.rs from the kernel headers (linux-libc-dev).
set -euo pipefail
cd "$(dirname "$0")/.."
h=/usr/include/x86_64-linux-gnu/asm/unistd_64.h
{
    echo "//! x86_64 system call numbers, generated from the kernel's asm/unistd_64.h"
    echo "//! (linux-libc-dev) by contrib/gen-syscalls.sh. Used to compile seccomp filters."
    echo
    echo "pub const SYSCALLS: &[(&str, u32)] = &["
    grep -E '^#define __NR_[a-z0-9_]+ [0-9]+' "$h" | awk '{sub("__NR_","",$2); printf "    (\"%s\", %s),\n", $2, $3}'
    echo "];"
} > src/runtime/syscalls_x86_64.rs
