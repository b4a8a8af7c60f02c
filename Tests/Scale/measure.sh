#!/bin/sh
# Times each command on a directory made by make-directory.sh, one line each:
#   NAME wall_s user_s sys_s peak_rss_kb exit
# (GNU time). The snapshot is removed first, so `search` is run twice: the first builds it, the
# second is the one-shot figure. `export` runs twice too: the second is a re-export over the first.
#
#   Tests/Scale/measure.sh BINARY OUT_DIR
set -u
bin=$1 out=$2
c="$out/content"
t() { name=$1; shift; /usr/bin/time -f "$name %e %U %S %M %x" -a -o "$out/times.txt" "$@" >"$out/$name.out" 2>"$out/$name.err"; tail -1 "$out/times.txt"; }
rm -f "$c/.localoffer-snapshot" "$out/times.txt"
rm -rf "$out/feed"
t check "$bin" check --content "$c"
t search-first "$bin" search speech therapy --borough richmond --age 7 --content "$c"
t search "$bin" search speech therapy --borough richmond --age 7 --content "$c"
t export "$bin" export --oruk "$out/feed" --content "$c"
t re-export "$bin" export --oruk "$out/feed" --content "$c"
id=$(ls "$c/services" | grep -- '-[0-9a-f]\{8\}\.yaml$' | head -1 | sed 's/\.yaml$//')
t show "$bin" show "$id" --borough kingston --content "$c"
t list "$bin" list --borough richmond --age 7 --content "$c"
t flow "$bin" flow find-support --answer borough=richmond --content "$c"
t glossary "$bin" glossary EHCP --content "$c"
t review "$bin" review "$id" --content "$c"
# The navigator's start-up, in line mode (stdin not a terminal): it reads the content and answers.
printf 'speech therapy\n' | t navigator "$bin" --plain --content "$c"
