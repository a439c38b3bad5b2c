# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_rpod_global_optspecs
    string join \n root= runroot= log-level= h/help V/version
end

function __fish_rpod_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_rpod_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_rpod_using_subcommand
    set -l cmd (__fish_rpod_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c rpod -n "__fish_rpod_needs_command" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_needs_command" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_needs_command" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_needs_command" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "images" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "image" -d 'Manage images'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "tag" -d 'Add names to a local image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "untag" -d 'Remove names from a local image'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "login" -d 'Log in to a container registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "logout" -d 'Log out of a container registry'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "info" -d 'Display rpod\'s view of the system'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "version" -d 'Display the rpod version'
complete -c rpod -n "__fish_rpod_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates (false also allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l platform -d 'Pick this platform from a multi-arch image: OS/ARCH[/VARIANT]' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l arch -d 'Pick this architecture from a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l os -d 'Pick this operating system from a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l variant -d 'Pick this architecture variant from a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l authfile -d 'Path of the authentication file (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l creds -d 'Credentials USERNAME[:PASSWORD] for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand pull" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand pull" -s q -l quiet -d 'Print only the image ID'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand pull" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l format -d 'Output format: json, or a Go template such as \'{{.ID}} {{.Repository}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand images" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand images" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand images" -s a -l all -d 'Show all images (including intermediate images)'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s q -l quiet -d 'Show only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l digests -d 'Show digests'
complete -c rpod -n "__fish_rpod_using_subcommand images" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s n -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand images" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -f -a "ls" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -f -a "list" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -f -a "inspect" -d 'Display the configuration of an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -f -a "tag" -d 'Add names to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -f -a "untag" -d 'Remove names from a local image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -f -a "prune" -d 'Remove unused images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -f -a "exists" -d 'Check whether an image exists in local storage (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand image; and not __fish_seen_subcommand_from ls list inspect history tag untag rm prune exists pull help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Output format: json, or a Go template such as \'{{.ID}} {{.Repository}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images (including intermediate images)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Show only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l format -d 'Output format: json, or a Go template such as \'{{.ID}} {{.Repository}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all images (including intermediate images)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Show only image IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l digests -d 'Show digests'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print column headings'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Output format: json (default), or a Go template such as \'{{.Id}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Show sizes and dates in human-readable form' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Output format: json, or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Show only the IDs'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from tag" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from untag" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove images with several names by ID, and ignore unknown images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not just dangling ones'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates (false also allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Pick this platform from a multi-arch image: OS/ARCH[/VARIANT]' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l arch -d 'Pick this architecture from a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l os -d 'Pick this operating system from a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l variant -d 'Pick this architecture variant from a multi-arch image' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Path of the authentication file (default: see containers-auth.json(5))' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Credentials USERNAME[:PASSWORD] for the registry' -r
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Print only the image ID'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from pull" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "tag" -d 'Add names to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "untag" -d 'Remove names from a local image'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused images'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check whether an image exists in local storage (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand history" -s H -l human -d 'Show sizes and dates in human-readable form' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand history" -l format -d 'Output format: json, or a Go template' -r
complete -c rpod -n "__fish_rpod_using_subcommand history" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand history" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand history" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand history" -l no-trunc -d 'Do not truncate output'
complete -c rpod -n "__fish_rpod_using_subcommand history" -s q -l quiet -d 'Show only the IDs'
complete -c rpod -n "__fish_rpod_using_subcommand history" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand history" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand tag" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand tag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand tag" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand untag" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand untag" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand untag" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s a -l all -d 'Remove all images'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s f -l force -d 'Remove images with several names by ID, and ignore unknown images'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand rmi" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand login" -s u -l username -d 'Username' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -s p -l password -d 'Password (prefer --password-stdin)' -r
complete -c rpod -n "__fish_rpod_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates (false also allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rpod -n "__fish_rpod_using_subcommand login" -l authfile -d 'Path of the authentication file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand login" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand login" -l password-stdin -d 'Read the password from standard input'
complete -c rpod -n "__fish_rpod_using_subcommand login" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand login" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l authfile -d 'Path of the authentication file' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand logout" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand logout" -s a -l all -d 'Remove all credentials from the authentication file'
complete -c rpod -n "__fish_rpod_using_subcommand logout" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand logout" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand info" -s f -l format -d 'Output format: json, or a Go template such as \'{{.Version}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand info" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand info" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand info" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand info" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand version" -s f -l format -d 'Output format: json, or a Go template such as \'{{.Version}}\'' -r
complete -c rpod -n "__fish_rpod_using_subcommand version" -l root -d 'Path to the image and container store (default $XDG_DATA_HOME/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l runroot -d 'Path to the live state directory (default $XDG_RUNTIME_DIR/rpod)' -r -F
complete -c rpod -n "__fish_rpod_using_subcommand version" -l log-level -d 'Log messages at or above this level to stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rpod -n "__fish_rpod_using_subcommand version" -s h -l help -d 'Print help'
complete -c rpod -n "__fish_rpod_using_subcommand version" -s V -l version -d 'Print version'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull images image history tag untag rmi login logout info version help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull images image history tag untag rmi login logout info version help" -f -a "images" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull images image history tag untag rmi login logout info version help" -f -a "image" -d 'Manage images'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull images image history tag untag rmi login logout info version help" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull images image history tag untag rmi login logout info version help" -f -a "tag" -d 'Add names to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull images image history tag untag rmi login logout info version help" -f -a "untag" -d 'Remove names from a local image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull images image history tag untag rmi login logout info version help" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull images image history tag untag rmi login logout info version help" -f -a "login" -d 'Log in to a container registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull images image history tag untag rmi login logout info version help" -f -a "logout" -d 'Log out of a container registry'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull images image history tag untag rmi login logout info version help" -f -a "info" -d 'Display rpod\'s view of the system'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull images image history tag untag rmi login logout info version help" -f -a "version" -d 'Display the rpod version'
complete -c rpod -n "__fish_rpod_using_subcommand help; and not __fish_seen_subcommand_from pull images image history tag untag rmi login logout info version help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "ls" -d 'List images in local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "inspect" -d 'Display the configuration of an image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "history" -d 'Show the history of an image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "tag" -d 'Add names to a local image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "untag" -d 'Remove names from a local image'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "prune" -d 'Remove unused images'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "exists" -d 'Check whether an image exists in local storage (exit 0 if it does, 1 if not)'
complete -c rpod -n "__fish_rpod_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "pull" -d 'Pull an image from a registry'
